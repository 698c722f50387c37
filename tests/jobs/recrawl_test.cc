#include "crawler/jobs/recrawl.h"

#include <gtest/gtest.h>

#include <map>

#include "crawler/fetch_loop.h"
#include "tests/jobs/watch_site.h"
#include "tests/support/temp_dir.h"

namespace strata::jobs {
namespace {

constexpr int64_t kDay = 86'400'000;
const UnixMillis kStart = ParseIso8601("2030-01-01T00:00:00Z").value_or(0);

class RecrawlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto archive = storage::Archive::Open(dir_.Sub("archive"));
    ASSERT_TRUE(archive.ok()) << archive.status().ToString();
    archive_ = std::move(archive).value();
    config_.politeness.min_delay_ms = 0;
    config_.crawl.extract_threads = 1;
    config_.retry.max_retries = 0;  // a 500 is a failure at once
  }

  std::string Url(const std::string& path) const { return server_.base_url() + path; }

  // Crawls `urls` at time `at`; returns the results by key.
  std::map<std::string, PageResult> CrawlAt(UnixMillis at, const std::vector<std::string>& urls) {
    clock_.Set(at);
    RunOptions options;
    options.clock = &clock_;
    std::map<std::string, PageResult> results;
    auto summary = CrawlUrls(
        urls, *archive_, config_, [&](const PageResult& r) { results[r.key] = r; }, options);
    EXPECT_TRUE(summary.ok()) << summary.status().ToString();
    return results;
  }

  crawler::CurlGlobal curl_;
  testing::TempDir dir_;
  testing::WatchSite site_;
  devserver::LocalHttpServer server_{
      [this](const devserver::HttpRequest& r) { return site_.Handle(r); }};
  ManualClock clock_{kStart};
  config::Config config_;
  std::unique_ptr<storage::Archive> archive_;
};

TEST_F(RecrawlTest, SelectsByLastSeenSiteAndGone) {
  CrawlAt(kStart, {Url("/a/1.html"), Url("/a/2.html"), Url("/hook-fail")});
  CrawlAt(kStart + 5 * kDay, {Url("/a/2.html")});
  RecrawlFilter filter;
  auto all = SelectForRecrawl(*archive_, filter);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  // Never seen (only a failure) first, then the longest unseen.
  EXPECT_EQ(*all,
            (std::vector<std::string>{Url("/hook-fail"), Url("/a/1.html"), Url("/a/2.html")}));

  filter.not_seen_since = kStart + 3 * kDay;
  auto stale = SelectForRecrawl(*archive_, filter);
  ASSERT_TRUE(stale.ok());
  EXPECT_EQ(*stale, (std::vector<std::string>{Url("/hook-fail"), Url("/a/1.html")}));

  filter.limit = 1;
  EXPECT_EQ(SelectForRecrawl(*archive_, filter)->size(), 1u);

  filter = {};
  filter.site = "example.org";
  EXPECT_TRUE(SelectForRecrawl(*archive_, filter)->empty());
  filter.site = "127.0.0.1";
  EXPECT_EQ(SelectForRecrawl(*archive_, filter)->size(), 3u);
  filter.author = "Tester";
  EXPECT_EQ(SelectForRecrawl(*archive_, filter)->size(), 2u);  // the failure has no author
  filter.author = "Nobody";
  EXPECT_TRUE(SelectForRecrawl(*archive_, filter)->empty());
}

TEST_F(RecrawlTest, GoneArticlesOnlyWhenAsked) {
  CrawlAt(kStart, {Url("/a/1.html")});
  // The article disappears: a 404 recorded for it makes a tombstone.
  FetchedPage gone;
  gone.url = Url("/a/1.html");
  gone.http_status = 404;
  gone.fetched_at_ms = kStart + kDay;
  storage::FetchRecord record;
  record.url = Url("/a/1.html");
  record.page = &gone;
  ASSERT_TRUE(archive_->Record(record).ok());
  RecrawlFilter filter;
  EXPECT_TRUE(SelectForRecrawl(*archive_, filter)->empty());
  filter.include_gone = true;
  EXPECT_EQ(SelectForRecrawl(*archive_, filter)->size(), 1u);
}

TEST_F(RecrawlTest, RevisitsWithTheCrawlJob) {
  CrawlAt(kStart, {Url("/a/1.html"), Url("/a/2.html")});
  site_.set_edition(2);
  clock_.Set(kStart + kDay);
  RecrawlFilter filter;
  filter.identity = "--site 127.0.0.1";
  std::map<std::string, PageResult> results;
  RunOptions options;
  options.clock = &clock_;
  auto summary = Recrawl(
      *archive_, config_, filter, [&](const PageResult& r) { results[r.key] = r; }, options);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->crawl_id, RecrawlCrawlId(filter));
  EXPECT_TRUE(summary->finished);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[Url("/a/1.html")].kind, storage::RecordKind::kChanged);
  EXPECT_EQ(results[Url("/a/2.html")].version, 2);
  auto head = archive_->Head(Url("/a/1.html"));
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(head->last_seen, kStart + kDay);
}

TEST_F(RecrawlTest, CrawlIdComesFromTheFilterNotTheSelection) {
  RecrawlFilter a;
  a.identity = "--not-seen-since 7d";
  RecrawlFilter b = a;
  b.not_seen_since = 12345;  // the same words typed on another day
  EXPECT_EQ(RecrawlCrawlId(a), RecrawlCrawlId(b));
  b.identity = "--not-seen-since 8d";
  EXPECT_NE(RecrawlCrawlId(a), RecrawlCrawlId(b));
  EXPECT_EQ(RecrawlCrawlId(a).rfind("recrawl-", 0), 0u);
  EXPECT_EQ(RecrawlCrawlId(a).size(), 8u + 16u);
}

TEST_F(RecrawlTest, NothingSelectedIsAnEmptyRun) {
  RecrawlFilter filter;
  std::vector<PageResult> results;
  auto summary =
      Recrawl(*archive_, config_, filter, [&](const PageResult& r) { results.push_back(r); });
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->pages, 0);
  EXPECT_TRUE(results.empty());
}

}  // namespace
}  // namespace strata::jobs
