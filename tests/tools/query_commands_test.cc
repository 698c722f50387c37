// strata list / history / show / check as a user runs them, on an archive the test writes
// through the storage API (times under the test's control; no crawl needed).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

#include "storage/archive.h"
#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"

namespace strata::tools {
namespace {

using testing::CommandResult;

constexpr UnixMillis kFeb14 = 1'739'527'200'000;  // 2025-02-14T10:00:00Z
constexpr int64_t kDay = 24 * 3'600'000;
const std::string kA = "https://www.example.com/a";
const std::string kB = "https://blog.example.org/b";

class QueryCommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<storage::Archive>> archive = storage::Archive::Open(Archive());
    ASSERT_TRUE(archive.ok()) << archive.status().ToString();
    Article a = Make(kA, "Alice", "First paragraph.\nSecond paragraph.", 100);
    Record(**archive, kA, kFeb14, 200, &a);
    a.body = "First paragraph.\nSecond paragraph.\nA new section.\nWith more text in it.";
    a.counters.views = 150;
    Record(**archive, kA, kFeb14 + kDay, 200, &a);
    a.counters.views = 180;
    Record(**archive, kA, kFeb14 + 2 * kDay, 200, &a);
    Article b = Make(kB, "Bob", "Bee.", 7);
    b.body_html = "<h2>Bee</h2><p>A <a href=\"/x\">link</a>.</p>";  // no Markdown, as crawls keep
    Record(**archive, kB, kFeb14, 200, &b);
    Record(**archive, kB, kFeb14 + 3 * kDay, 404, nullptr);
  }

  static Article Make(const std::string& url, const std::string& author, const std::string& body,
                      int64_t views) {
    Article article;
    article.url = url;
    article.title = "Title of " + url.substr(url.rfind('/') + 1);
    article.author = author;
    article.body = body;
    article.counters.views = views;
    return article;
  }
  static void Record(storage::Archive& archive, const std::string& url, UnixMillis at, int status,
                     const Article* article) {
    FetchedPage page;
    page.url = page.final_url = url;
    page.http_status = status;
    page.fetched_at_ms = at;
    page.body = "<html>" + url + std::to_string(at) + "</html>";
    ASSERT_TRUE(archive.Record({url, &page, article}).ok());
  }

  std::string Archive() const { return dir_.Sub("archive"); }
  CommandResult Strata(std::vector<std::string> args) {
    args.insert(args.begin(), {STRATA_PROGRAM, "--archive", Archive()});
    return testing::RunCommand(args, dir_.path());
  }
  static nlohmann::json Json(const CommandResult& r) {
    return nlohmann::json::parse(r.out, nullptr, /*allow_exceptions=*/false);
  }

  testing::TempDir dir_;
};

TEST_F(QueryCommandsTest, ListWithFilters) {
  CommandResult r = Strata({"list"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(kA), std::string::npos);
  EXPECT_NE(r.out.find(kB), std::string::npos);

  r = Strata({"list", "--site", "example.com"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(kA), std::string::npos);
  EXPECT_EQ(r.out.find(kB), std::string::npos) << r.out;

  r = Strata({"list", "--author", "bob", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json json = Json(r);
  ASSERT_TRUE(json.is_array()) << r.out;
  ASSERT_EQ(json.size(), 1u);
  EXPECT_EQ(json[0]["url"], kB);
  EXPECT_EQ(json[0]["gone"], true);
  EXPECT_EQ(json[0]["latest_version"], 2);

  r = Strata({"list", "--changed-since", "2025-02-15", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Json(r).size(), 2u) << "A changed on the 15th, B went on the 17th";
  r = Strata({"list", "--changed-since", "2025-02-16T00:00:00Z", "--json"});
  ASSERT_EQ(Json(r).size(), 1u) << r.out;
  EXPECT_EQ(Json(r)[0]["url"], kB);

  r = Strata({"list", "--gone", "--json"});
  ASSERT_EQ(Json(r).size(), 1u);
  r = Strata({"list", "--changed-since", "last week"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--changed-since wants an ISO 8601 date"), std::string::npos) << r.err;
}

TEST_F(QueryCommandsTest, HistoryShowsChangesAndCounters) {
  CommandResult r = Strata({"history", kA});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("v1    2025-02-14 10:00:00Z  first version"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("v2    2025-02-15 10:00:00Z  section added: body (+2 -0 lines; 2 blocks "
                       "added"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("2025-02-16 10:00:00Z  views=180"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("fetches:"), std::string::npos) << "only with --fetches";

  r = Strata({"history", kA, "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json json = Json(r);
  ASSERT_TRUE(json.is_object()) << r.out;
  EXPECT_EQ(json["article"]["url"], kA);
  ASSERT_EQ(json["versions"].size(), 2u);
  EXPECT_EQ(json["versions"][1]["change"]["edit_class"], "section added");
  EXPECT_EQ(json["versions"][1]["change"]["blocks_added"], 2);
  EXPECT_EQ(json["versions"][1]["fetched_at"], "2025-02-15T10:00:00.000Z");
  ASSERT_EQ(json["counters"].size(), 3u);
  EXPECT_EQ(json["counters"][2]["views"], 180);
  EXPECT_EQ(json["counters"][2]["at"], "2025-02-16T10:00:00.000Z");
  EXPECT_EQ(json["fetches"].size(), 3u);

  r = Strata({"history", kB, "--fetches"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("gone (HTTP 404)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("fetches:"), std::string::npos) << r.out;
}

TEST_F(QueryCommandsTest, ShowByNumberAndByDate) {
  CommandResult r = Strata({"show", kA + "@1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("version:   1 of 2"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("A new section."), std::string::npos);

  // On the 15th (as the day ended) version 2 was current; at 09:00 that day, still version 1.
  r = Strata({"show", kA + "@2025-02-15", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json json = Json(r);
  EXPECT_EQ(json["number"], 2);
  EXPECT_EQ(json["latest_version"], 2);
  EXPECT_EQ(json["article"]["author"], "Alice");
  EXPECT_NE(json["article"]["body"].get<std::string>().find("A new section."), std::string::npos);
  r = Strata({"show", kA + "@2025-02-15T09:00:00Z", "--json"});
  EXPECT_EQ(Json(r)["number"], 1) << r.out << r.err;

  r = Strata({"show", kA + "@2025-02-13"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("had no version yet at 2025-02-13T23:59:59Z"), std::string::npos) << r.err;
  r = Strata({"show", kA + "@9"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no version 9 of " + kA + " (latest is 2)"), std::string::npos) << r.err;

  r = Strata({"show", kA, "--raw"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "<html>" + kA + std::to_string(kFeb14 + kDay) + "</html>");
}

// Crawls keep no Markdown in versions: show renders it from the stored HTML; a version that
// has its own (an API's Markdown body) shows that.
TEST_F(QueryCommandsTest, ShowRendersMarkdownFromTheStoredHtml) {
  CommandResult r = Strata({"show", kB + "@1", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string markdown = Json(r)["article"]["body_markdown"].get<std::string>();
  EXPECT_NE(markdown.find("## Bee"), std::string::npos) << markdown;
  EXPECT_NE(markdown.find("[link](https://blog.example.org/x)"), std::string::npos) << markdown;
  r = Strata({"show", kA + "@1", "--json"});
  EXPECT_EQ(Json(r)["article"]["body_markdown"], "");  // no HTML either
}

TEST_F(QueryCommandsTest, CheckIsCleanAndSaysSo) {
  CommandResult r = Strata({"check"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("checked 2 articles, 4 versions, 5 fetches"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("no problems"), std::string::npos) << r.err;
  r = Strata({"check", "--json"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(Json(r)["clean"], true) << r.out;
}

TEST_F(QueryCommandsTest, QueriesOnAMissingArchiveFail) {
  for (const char* command : {"list", "check"}) {
    const CommandResult r =
        testing::RunCommand({STRATA_PROGRAM, "--archive", dir_.Sub("none"), command}, dir_.path());
    EXPECT_EQ(r.exit_code, 1) << command;
    EXPECT_NE(r.err.find("no archive at"), std::string::npos) << r.err;
  }
}

}  // namespace
}  // namespace strata::tools
