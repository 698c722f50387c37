#include "storage/blame.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/storage/archive_test_util.h"

namespace strata::storage {
namespace {

constexpr UnixMillis kDay = 24 * 3600 * 1000;
constexpr UnixMillis kT1 = 1739520000000;  // 2025-02-14T08:00:00Z

Version Make(int64_t number, UnixMillis at, const std::string& body, bool gone = false) {
  Version v;
  v.number = number;
  v.fetched_at = at;
  v.gone = gone;
  if (!gone) v.article.body = body;
  return v;
}

// "since/edited text" per line.
std::vector<std::string> Show(const Blame& blame) {
  std::vector<std::string> out;
  for (const BlameLine& l : blame.lines) {
    out.push_back(std::to_string(l.since_version) + "/" + std::to_string(l.edited_version) + " " +
                  l.text);
  }
  return out;
}

using Lines = std::vector<std::string>;

// A three-version history: v2 edits a paragraph and inserts one, v3 moves one and adds a
// heading with a paragraph.
std::vector<Version> History() {
  return {
      Make(1, kT1,
           "Crawlers open one thread per request.\n"
           "That works for dozens of transfers.\n"
           "The multi interface drives them all from one thread.\n"),
      Make(2, kT1 + kDay,
           "Crawlers open one thread per request.\n"
           "That works for dozens of transfers, not for thousands.\n"
           "Threads cost memory and context switches.\n"
           "The multi interface drives them all from one thread.\n"),
      Make(3, kT1 + 2 * kDay,
           "The multi interface drives them all from one thread.\n"
           "Crawlers open one thread per request.\n"
           "That works for dozens of transfers, not for thousands.\n"
           "Threads cost memory and context switches.\n"
           "Update\n"
           "Readers asked about shutdown order.\n"),
  };
}

TEST(BlameVersionsTest, ThreeVersionHistory) {
  const Result<Blame> blame = BlameVersions(History(), 0);
  ASSERT_TRUE(blame.ok()) << blame.status().ToString();
  EXPECT_EQ(blame->version, 3);
  EXPECT_EQ(blame->fetched_at, kT1 + 2 * kDay);
  EXPECT_EQ(Show(*blame), (Lines{
                              "1/1 The multi interface drives them all from one thread.",
                              "1/1 Crawlers open one thread per request.",
                              "1/2 That works for dozens of transfers, not for thousands.",
                              "2/2 Threads cost memory and context switches.",
                              "3/3 Update",
                              "3/3 Readers asked about shutdown order.",
                          }));
  EXPECT_EQ(blame->lines[2].since, kT1);
  EXPECT_EQ(blame->lines[2].edited, kT1 + kDay);
  EXPECT_EQ(blame->lines[5].index, 5);
}

TEST(BlameVersionsTest, EarlierVersion) {
  const Result<Blame> blame = BlameVersions(History(), 2);
  ASSERT_TRUE(blame.ok());
  EXPECT_EQ(Show(*blame), (Lines{
                              "1/1 Crawlers open one thread per request.",
                              "1/2 That works for dozens of transfers, not for thousands.",
                              "2/2 Threads cost memory and context switches.",
                              "1/1 The multi interface drives them all from one thread.",
                          }));
}

TEST(BlameVersionsTest, TombstonesAreSkipped) {
  std::vector<Version> history = History();
  history.insert(history.begin() + 2, Make(3, kT1 + kDay + 1, "", /*gone=*/true));
  history.back().number = 4;
  const Result<Blame> blame = BlameVersions(history, 0);
  ASSERT_TRUE(blame.ok());
  // Version 4 is compared with version 2, the last one with content.
  EXPECT_EQ(Show(*blame)[2], "1/2 That works for dozens of transfers, not for thousands.");
  EXPECT_EQ(Show(*blame)[4], "4/4 Update");
  EXPECT_EQ(BlameVersions(history, 3).status().code(), Status::Code::kFailedPrecondition);
  // The latest being a tombstone, 0 blames the latest version with content.
  history.push_back(Make(5, kT1 + 9 * kDay, "", /*gone=*/true));
  ASSERT_TRUE(BlameVersions(history, 0).ok());
  EXPECT_EQ(BlameVersions(history, 0)->version, 4);
}

TEST(BlameVersionsTest, Errors) {
  EXPECT_TRUE(BlameVersions({}, 0).status().IsNotFound());
  EXPECT_TRUE(BlameVersions(History(), 7).status().IsNotFound());
  EXPECT_EQ(BlameVersions({Make(1, kT1, "", true)}, 0).status().code(),
            Status::Code::kFailedPrecondition);
}

class BlameArticleTest : public testing::MemArchiveTest {};

TEST_F(BlameArticleTest, ReadsTheArchive) {
  const std::string url = "https://example.com/a";
  const std::vector<Version> history = History();
  for (const Version& v : history) {
    const FetchedPage page = testing::Page(url, v.fetched_at, 200, "<html>" + v.article.body);
    const Article article = testing::MakeArticle(url, "Title", v.article.body);
    Rec(page, &article);
  }
  const Result<Blame> blame = BlameArticle(*archive_, url, 0);
  ASSERT_TRUE(blame.ok()) << blame.status().ToString();
  const Result<Blame> expected = BlameVersions(history, 0);
  EXPECT_EQ(Show(*blame), Show(*expected));
  EXPECT_EQ(Show(*BlameArticle(*archive_, url, 2)), Show(*BlameVersions(history, 2)));
  EXPECT_TRUE(BlameArticle(*archive_, url, 4).status().IsNotFound());
  EXPECT_TRUE(BlameArticle(*archive_, "https://example.com/none", 0).status().IsNotFound());
}

}  // namespace
}  // namespace strata::storage
