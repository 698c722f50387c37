#include "tools/cli/extract_runner.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <string>
#include <vector>

#include "tests/support/gzip_of.h"
#include "tests/support/temp_dir.h"

namespace strata::tools {
namespace {

using Json = nlohmann::json;

// 2025-02-20T12:00:00Z
constexpr UnixMillis kFetchedAt = 1740052800000;

using strata::testing::GzipOf;

void WriteFile(const std::string& path, std::string_view data) {
  std::ofstream out(path, std::ios::binary);
  out.write(data.data(), static_cast<std::streamsize>(data.size()));
}

constexpr char kPage[] =
    "<html lang=en><head><title>Saved Page - Example Blog</title>"
    "<meta property=og:site_name content='Example Blog'></head><body><article>"
    "<h1>Saved Page</h1><p class=byline>By Jane Doe</p><time datetime=2025-02-14>Feb 14</time>"
    "<p>This is the body of the saved page, a paragraph long enough to be the article.</p>"
    "<p>1,234 views</p></article></body></html>";

TEST(ExtractRunnerTest, ReadsPlainAndGzippedFilesByContent) {
  testing::TempDir dir;
  WriteFile(dir.Sub("page.html"), kPage);
  WriteFile(dir.Sub("page.html.gz"), GzipOf(kPage));
  WriteFile(dir.Sub("misnamed.html"), GzipOf(kPage));  // the magic decides, not the name
  for (const char* name : {"page.html", "page.html.gz", "misnamed.html"}) {
    Result<std::string> data = ReadPageFile(dir.Sub(name), 1 << 20);
    ASSERT_TRUE(data.ok()) << name << ": " << data.status().ToString();
    EXPECT_EQ(*data, kPage) << name;
  }
  Result<std::string> missing = ReadPageFile(dir.Sub("nope.html"), 1 << 20);
  ASSERT_FALSE(missing.ok());
  EXPECT_TRUE(missing.status().IsNotFound());
  EXPECT_NE(missing.status().message().find("nope.html"), std::string::npos);
  EXPECT_FALSE(ReadPageFile(dir.path(), 1 << 20).ok());       // a directory
  EXPECT_FALSE(ReadPageFile(dir.Sub("page.html"), 10).ok());  // over the cap
}

TEST(ExtractRunnerTest, ParsesManifests) {
  Result<std::vector<ExtractJob>> jobs = ParseManifest(
      "# a comment\n"
      "{\"path\": \"a.html\", \"url\": \"https://x.test/a\"}\n"
      "\n"
      "{\"path\": \"/abs/b.html.gz\", \"url\": null, \"label\": \"ignored\"}\r\n"
      "{\"path\": \"c.html\", \"content_type\": \"text/html; charset=gbk\", "
      "\"fetched_at\": \"2025-02-20T12:00:00Z\"}\n"
      "{\"path\": \"d.html\", \"fetched_at\": 1740052800000}",
      "list.jsonl", "/data");
  ASSERT_TRUE(jobs.ok()) << jobs.status().ToString();
  ASSERT_EQ(jobs->size(), 4u);
  EXPECT_EQ((*jobs)[0].path, "/data/a.html");
  EXPECT_EQ((*jobs)[0].url, "https://x.test/a");
  EXPECT_EQ((*jobs)[1].path, "/abs/b.html.gz");
  EXPECT_EQ((*jobs)[1].url, "");
  EXPECT_EQ((*jobs)[2].content_type, "text/html; charset=gbk");
  EXPECT_EQ((*jobs)[2].fetched_at, kFetchedAt);
  EXPECT_EQ((*jobs)[3].fetched_at, kFetchedAt);

  struct Bad {
    const char* text;
    const char* message;
  };
  for (const Bad& bad : {Bad{"{\"url\": \"x\"}", "list.jsonl:1: \"path\" is missing"},
                         Bad{"\n\nnot json", "list.jsonl:3: not a JSON object"},
                         Bad{"[1,2]", "list.jsonl:1: not a JSON object"},
                         Bad{"{\"path\": 5}", "list.jsonl:1: path: wrong type"},
                         Bad{"{\"path\": \"a\", \"fetched_at\": \"soon\"}", "fetched_at"}}) {
    Result<std::vector<ExtractJob>> r = ParseManifest(bad.text, "list.jsonl", "");
    ASSERT_FALSE(r.ok()) << bad.text;
    EXPECT_NE(r.status().message().find(bad.message), std::string::npos) << r.status().message();
  }
}

TEST(ExtractRunnerTest, LineHasEveryFieldInOrderAndNullsForAbsentOnes) {
  testing::TempDir dir;
  WriteFile(dir.Sub("page.html"), kPage);
  ExtractRunOptions options;
  options.fetched_at = kFetchedAt;
  bool ok = false;
  const std::string line = ExtractLine(
      {dir.Sub("page.html"), "https://blog.example.com/p/1", "", std::nullopt}, options, &ok);
  EXPECT_TRUE(ok);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_TRUE(line.starts_with("{\"path\":")) << line;
  const Json j = Json::parse(line);
  EXPECT_EQ(j["path"], dir.Sub("page.html"));
  EXPECT_EQ(j["url"], "https://blog.example.com/p/1");
  EXPECT_EQ(j["title"], "Saved Page");
  EXPECT_EQ(j["author"], "Jane Doe");
  EXPECT_EQ(j["date"], "2025-02-14");
  EXPECT_NE(j["body"].get<std::string>().find("This is the body of the saved page"),
            std::string::npos)
      << j["body"];
  EXPECT_EQ(j["views"], 1234);
  EXPECT_TRUE(j["likes"].is_null());
  EXPECT_TRUE(j["comments"].is_null());
  EXPECT_TRUE(j["tags"].is_null());
  EXPECT_EQ(j["lang"], "en");
  EXPECT_GT(j["word_count"].get<int64_t>(), 10);
  EXPECT_FALSE(j.contains("body_html"));
  EXPECT_FALSE(j.contains("error"));
  // The documented order: nlohmann's default (sorted) object would put "author" first.
  const std::vector<std::string> order = {"path",     "url",  "title", "author",
                                          "date",     "body", "views", "likes",
                                          "comments", "tags", "lang",  "word_count"};
  std::vector<size_t> positions;
  for (const std::string& key : order) positions.push_back(line.find("\"" + key + "\":"));
  EXPECT_TRUE(std::is_sorted(positions.begin(), positions.end())) << line;

  options.html = options.markdown = true;
  const Json with = Json::parse(ExtractLine({dir.Sub("page.html"), "", "", std::nullopt}, options));
  EXPECT_TRUE(with.contains("body_html"));
  EXPECT_TRUE(with.contains("body_markdown"));
  EXPECT_TRUE(with["url"].is_null());
}

TEST(ExtractRunnerTest, ErrorsAreLinesNotFailures) {
  testing::TempDir dir;
  WriteFile(dir.Sub("image.png"), "\x89PNG\r\n\x1a\n....");
  ExtractRunOptions options;
  bool ok = true;
  Json j = Json::parse(
      ExtractLine({dir.Sub("missing.html"), "https://x.test/", "", std::nullopt}, options, &ok));
  EXPECT_FALSE(ok);
  EXPECT_EQ(j["path"], dir.Sub("missing.html"));
  EXPECT_EQ(j["url"], "https://x.test/");
  EXPECT_NE(j["error"].get<std::string>().find("no such file"), std::string::npos) << j;
  EXPECT_FALSE(j.contains("title"));
  j = Json::parse(ExtractLine({dir.Sub("image.png"), "", "", std::nullopt}, options, &ok));
  EXPECT_FALSE(ok);
  EXPECT_NE(j["error"].get<std::string>().find("not HTML"), std::string::npos) << j;
}

TEST(ExtractRunnerTest, ManyJobsOnManyThreadsKeepInputOrder) {
  testing::TempDir dir;
  std::vector<ExtractJob> jobs;
  for (int i = 0; i < 60; ++i) {
    const std::string name = "p" + std::to_string(i) + ".html";
    // Pages of very different sizes, so that workers finish out of order.
    std::string body = "<title>Page " + std::to_string(i) + "</title><article>";
    for (int k = 0; k < (i % 7) * 200; ++k) body += "<p>Filler paragraph with some words.</p>";
    body += "</article>";
    if (i % 13 == 5) {
      jobs.push_back({dir.Sub("absent" + std::to_string(i) + ".html"), "", "", std::nullopt});
    } else {
      WriteFile(dir.Sub(name), i % 2 ? GzipOf(body) : body);
      jobs.push_back({dir.Sub(name), "", "", std::nullopt});
    }
  }
  ExtractRunOptions options;
  options.jobs = 4;
  std::vector<std::string> lines;
  const size_t failures =
      RunExtractJobs(jobs, options, [&lines](const std::string& line) { lines.push_back(line); });
  ASSERT_EQ(lines.size(), jobs.size());
  size_t errors = 0;
  for (size_t i = 0; i < jobs.size(); ++i) {
    const Json j = Json::parse(lines[i]);
    EXPECT_EQ(j["path"], jobs[i].path);
    if (j.contains("error")) {
      ++errors;
    } else {
      EXPECT_EQ(j["title"], "Page " + std::to_string(i));
    }
  }
  EXPECT_EQ(errors, 5u);  // i = 5, 18, 31, 44, 57
  EXPECT_EQ(failures, errors);
  // One thread gives the same lines.
  options.jobs = 1;
  std::vector<std::string> sequential;
  RunExtractJobs(jobs, options, [&](const std::string& line) { sequential.push_back(line); });
  EXPECT_EQ(sequential, lines);
  EXPECT_EQ(RunExtractJobs({}, options, [](const std::string&) { FAIL(); }), 0u);
}

}  // namespace
}  // namespace strata::tools
