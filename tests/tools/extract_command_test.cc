// `strata extract` as a user runs it: JSON lines on stdout in input order, exit codes, errors.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <string>
#include <vector>

#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"

namespace strata::tools {
namespace {

using Json = nlohmann::json;
using testing::CommandResult;

class ExtractCommandTest : public ::testing::Test {
 protected:
  CommandResult Strata(std::vector<std::string> args) {
    args.insert(args.begin(), {STRATA_PROGRAM, "extract"});
    return testing::RunCommand(args, dir_.path());
  }
  std::string Write(const std::string& name, std::string_view data) {
    const std::string path = dir_.Sub(name);
    std::ofstream out(path, std::ios::binary);
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    return path;
  }
  static std::vector<Json> Lines(const std::string& out) {
    std::vector<Json> lines;
    size_t start = 0;
    while (start < out.size()) {
      const size_t end = out.find('\n', start);
      lines.push_back(Json::parse(out.substr(start, end - start)));
      start = end == std::string::npos ? out.size() : end + 1;
    }
    return lines;
  }

  testing::TempDir dir_;
};

// A cnblogs post, as its markup is shaped (see tests/parser/data/sites/cnblogs.html).
constexpr char kCnblogs[] =
    "<html lang=zh-cn><head><meta charset=utf-8><title>标题一 - 李雷 - 博客园</title></head><body>"
    "<div id=topics><div class=post><h1 class=postTitle><a id=cb_post_title_url href=#>"
    "<span>标题一</span></a></h1><div id=cnblogs_post_body><p>正文第一段，这里是一篇博客的内容。"
    "</p></div><div class=postDesc>posted @ <span id=post-date>2025-02-14 10:00</span> "
    "<a href=https://www.cnblogs.com/lilei>李雷</a> 阅读(<span id=post_view_count>42</span>) "
    "评论(<span id=post_comment_count>1</span>)</div></div></div></body></html>";

constexpr char kEnglish[] =
    "<html lang=en><head><title>An English Post</title></head><body><article><h1>An English "
    "Post</h1><p>By Jane Doe</p><p>Posted 3 days ago</p><p>The body of the English post is a "
    "single paragraph of plain prose, long enough to count.</p></article></body></html>";

TEST_F(ExtractCommandTest, OneFileWithItsUrl) {
  const std::string file = Write("post.html", kCnblogs);
  CommandResult r = Strata(
      {file, "--url", "https://www.cnblogs.com/lilei/p/1", "--fetched-at", "2025-02-20T12:00:00Z"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<Json> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 1u) << r.out;
  const Json& j = lines[0];
  EXPECT_EQ(j["path"], file);
  EXPECT_EQ(j["url"], "https://www.cnblogs.com/lilei/p/1");
  EXPECT_EQ(j["title"], "标题一");
  EXPECT_EQ(j["author"], "李雷");
  EXPECT_EQ(j["date"], "2025-02-14T10:00:00+08:00");  // the cnblogs profile's zone
  EXPECT_EQ(j["body"], "正文第一段，这里是一篇博客的内容。");
  EXPECT_EQ(j["views"], 42);
  EXPECT_EQ(j["comments"], 1);
  EXPECT_TRUE(j["likes"].is_null());
  EXPECT_EQ(j["lang"], "zh");
  EXPECT_GT(j["word_count"].get<int>(), 10);

  // Without profiles: the generic cascade, which cannot know the site's zone.
  r = Strata({file, "--url", "https://www.cnblogs.com/lilei/p/1", "--no-sites"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Lines(r.out)[0]["date"], "2025-02-14T10:00:00");
}

TEST_F(ExtractCommandTest, SeveralFilesInOrderWithErrorsAsLines) {
  const std::string a = Write("a.html", kEnglish);
  const std::string b = Write("b.html", kCnblogs);
  const std::string missing = dir_.Sub("missing.html");
  CommandResult r = Strata({a, missing, b, "--fetched-at", "2025-02-20T12:00:00Z", "-j", "2"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("strata extract: 1 of 3 page(s) failed"), std::string::npos) << r.err;
  const std::vector<Json> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 3u) << r.out;
  EXPECT_EQ(lines[0]["path"], a);
  EXPECT_EQ(lines[0]["title"], "An English Post");
  EXPECT_EQ(lines[0]["author"], "Jane Doe");
  EXPECT_EQ(lines[0]["date"], "2025-02-17");  // "3 days ago" before --fetched-at
  EXPECT_TRUE(lines[0]["url"].is_null());
  EXPECT_EQ(lines[1]["path"], missing);
  EXPECT_TRUE(lines[1].contains("error"));
  EXPECT_EQ(lines[2]["path"], b);
  EXPECT_EQ(lines[2]["title"], "标题一");
}

TEST_F(ExtractCommandTest, ManifestWithRelativePathsAndHtmlAndMarkdown) {
  Write("one.html", kEnglish);
  Write("two.html", kCnblogs);
  const std::string manifest =
      Write("list.jsonl",
            "{\"path\": \"one.html\", \"url\": \"https://blog.example.com/one\"}\n"
            "{\"path\": \"two.html\", \"url\": \"https://www.cnblogs.com/lilei/p/2\", "
            "\"fetched_at\": \"2025-02-20T12:00:00Z\"}\n");
  CommandResult r = Strata({"--manifest", manifest, "--html", "--markdown"});
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  const std::vector<Json> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["url"], "https://blog.example.com/one");
  EXPECT_EQ(lines[1]["views"], 42);
  for (const Json& j : lines) {
    EXPECT_TRUE(j.contains("body_html")) << j;
    EXPECT_TRUE(j.contains("body_markdown")) << j;
  }
}

TEST_F(ExtractCommandTest, UsageErrors) {
  const std::string a = Write("a.html", kEnglish);
  CommandResult r = Strata({});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("strata extract:"), std::string::npos) << r.err;
  r = Strata({a, a, "--url", "https://x.test/"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--url"), std::string::npos) << r.err;
  r = Strata({"--manifest", dir_.Sub("nope.jsonl")});
  EXPECT_EQ(r.exit_code, 2);
  r = Strata({a, "--fetched-at", "yesterday"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(r.out.empty()) << r.out;
}

TEST_F(ExtractCommandTest, UserSiteProfilesOverrideAndBadOnesAreNamed) {
  const std::string sites = dir_.Sub("sites");
  std::filesystem::create_directory(sites);
  Write("sites/myblog.toml",
        "description = \"my blog\"\nhosts = [\"blog.example.com\"]\n[fields]\nauthor = \"h1\"\n");
  const std::string a = Write("a.html", kEnglish);
  CommandResult r = Strata({a, "--url", "https://blog.example.com/p", "--sites", sites});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Lines(r.out)[0]["author"], "An English Post");  // the profile's (odd) rule won

  Write("sites/broken.toml", "hosts = [\"x.test\"]\n[fields.title]\nselector = \"h1[\"\n");
  r = Strata({a, "--sites", sites});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("broken.toml: fields.title.selector: bad selector"), std::string::npos)
      << r.err;
}

TEST_F(ExtractCommandTest, HelpListsTheFlags) {
  CommandResult r = Strata({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* flag : {"--url", "--manifest", "--html", "--markdown", "--sites"}) {
    EXPECT_NE(r.out.find(flag), std::string::npos) << flag;
  }
}

}  // namespace
}  // namespace strata::tools
