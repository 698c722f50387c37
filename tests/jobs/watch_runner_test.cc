#include "crawler/jobs/watch_runner.h"

#include <gtest/gtest.h>

#include "config/config.h"
#include "crawler/fetch_loop.h"
#include "tests/jobs/watch_site.h"
#include "tests/support/temp_dir.h"

namespace strata::jobs {
namespace {

class JobRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto archive = storage::Archive::Open(dir_.Sub("archive"));
    ASSERT_TRUE(archive.ok()) << archive.status().ToString();
    archive_ = std::move(archive).value();
  }

  config::WatchEntry Entry(const std::string& toml) {
    std::string text = toml;
    for (size_t at; (at = text.find("{base}")) != std::string::npos;) {
      text.replace(at, 6, server_.base_url());
    }
    Result<config::Config> c = config::ParseConfig(text + "every = \"1h\"\n", "t.toml");
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    config_ = *c;
    config_.politeness.min_delay_ms = 0;
    config_.crawl.extract_threads = 1;
    config_.retry.max_retries = 0;
    return c->watch.at(0);
  }

  WatchRunReport Run(const config::WatchEntry& entry) {
    JobRunner runner(*archive_, config_, JobRunnerOptions{});
    return runner.Run(entry, [&](const PageResult& r) { results_.push_back(r); });
  }

  crawler::CurlGlobal curl_;
  testing::TempDir dir_;
  testing::WatchSite site_;
  devserver::LocalHttpServer server_{
      [this](const devserver::HttpRequest& r) { return site_.Handle(r); }};
  config::Config config_;
  std::unique_ptr<storage::Archive> archive_;
  std::vector<PageResult> results_;
};

TEST_F(JobRunnerTest, UrlEntryCrawlsItsUrlUnderItsOwnCrawlId) {
  const auto entry = Entry("[[watch]]\nurl = \"{base}/a/1.html\"\n");
  WatchRunReport report = Run(entry);
  EXPECT_TRUE(report.error.empty()) << report.error;
  EXPECT_EQ(report.pages, 1);
  ASSERT_EQ(report.changes.size(), 1u);
  EXPECT_EQ(report.changes[0].kind, storage::RecordKind::kNew);
  ASSERT_EQ(results_.size(), 1u);
  report = Run(entry);
  EXPECT_EQ(report.by_kind[static_cast<int>(storage::RecordKind::kUnchanged)], 1);
  EXPECT_TRUE(report.changes.empty());
}

TEST_F(JobRunnerTest, FeedEntryCrawlsTheItems) {
  const auto entry = Entry("[[watch]]\nfeed = \"{base}/feed.xml\"\nmax_items = 1\n");
  WatchRunReport report = Run(entry);
  EXPECT_TRUE(report.error.empty()) << report.error;
  EXPECT_EQ(report.items, 1);
  ASSERT_EQ(results_.size(), 1u);
  EXPECT_EQ(results_[0].key, server_.base_url() + "/a/1.html");
}

TEST_F(JobRunnerTest, FeedThatIsNotAFeedFailsTheRun) {
  const auto entry = Entry("[[watch]]\nfeed = \"{base}/a/1.html\"\n");
  WatchRunReport report = Run(entry);
  EXPECT_NE(report.error.find("feed " + server_.base_url() + "/a/1.html: "), std::string::npos)
      << report.error;
  EXPECT_EQ(report.pages, 0);
}

TEST_F(JobRunnerTest, AuthorEntryRunsTheAuthorJob) {
  // The author job takes a feed as an author's listing: its two posts are archived.
  const auto entry = Entry("[[watch]]\nauthor = \"{base}/feed.xml\"\n");
  WatchRunReport report = Run(entry);
  EXPECT_TRUE(report.error.empty()) << report.error;
  EXPECT_EQ(report.items, 2);
  EXPECT_EQ(report.by_kind[static_cast<int>(storage::RecordKind::kNew)], 2);
  EXPECT_EQ(report.changes.size(), 2u);
  // A third post appears: the next visit archives it.
  site_.set_feed_items(3);
  results_.clear();
  report = Run(entry);
  EXPECT_TRUE(report.error.empty()) << report.error;
  EXPECT_EQ(report.items, 3);
  ASSERT_EQ(report.changes.size(), 1u);
  EXPECT_EQ(report.changes[0].key, server_.base_url() + "/a/3.html");
}

TEST_F(JobRunnerTest, UnreachableAuthorFailsTheRun) {
  const auto entry = Entry("[[watch]]\nauthor = \"http://127.0.0.1:1/u/ann\"\n");
  WatchRunReport report = Run(entry);
  EXPECT_NE(report.error.find("author http://127.0.0.1:1/u/ann"), std::string::npos)
      << report.error;
}

TEST_F(JobRunnerTest, UnreachableUrlIsAFailedPage) {
  const auto entry = Entry("[[watch]]\nurl = \"http://127.0.0.1:1/x\"\n");
  WatchRunReport report = Run(entry);
  EXPECT_TRUE(report.error.empty());
  EXPECT_EQ(report.by_kind[static_cast<int>(storage::RecordKind::kFailed)], 1);
  EXPECT_NE(report.first_failure.find("http://127.0.0.1:1/x"), std::string::npos);
}

TEST(WatchCrawlIdTest, StableValidAndPerName) {
  EXPECT_EQ(WatchCrawlId("a"), WatchCrawlId("a"));
  EXPECT_NE(WatchCrawlId("a"), WatchCrawlId("b"));
  EXPECT_EQ(WatchCrawlId("a").size(), 6u + 16u);
  EXPECT_EQ(WatchCrawlId("a").rfind("watch-", 0), 0u);
}

}  // namespace
}  // namespace strata::jobs
