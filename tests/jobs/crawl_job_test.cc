// End to end: the demo site served on 127.0.0.1, crawled into a real archive, changed, crawled
// again.
#include "crawler/jobs/crawl_job.h"

#include <gtest/gtest.h>

#include <signal.h>

#include <map>
#include <set>

#include "crawler/fetch_loop.h"
#include "crawler/frontier_records.h"
#include "storage/diff.h"
#include "tests/jobs/tree_site.h"
#include "tests/support/temp_dir.h"
#include "tools/demo/demo_site.h"

namespace strata::jobs {
namespace {

using storage::RecordKind;

class CrawlJobTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto archive = storage::Archive::Open(dir_.Sub("archive"));
    ASSERT_TRUE(archive.ok()) << archive.status().ToString();
    archive_ = std::move(archive).value();
    for (const std::string& path : demo::DemoSite::ArticlePaths()) {
      urls_.push_back(server_.base_url() + path);
    }
    config_.politeness.min_delay_ms = 0;  // our own loopback site
  }

  // Crawls `urls` and returns the results keyed by the URL as given.
  std::map<std::string, PageResult> Crawl(const std::vector<std::string>& urls) {
    std::map<std::string, PageResult> results;
    Result<CrawlSummary> summary =
        CrawlUrls(urls, *archive_, config_, [&](const PageResult& r) { results[r.url] = r; });
    EXPECT_TRUE(summary.ok()) << summary.status().ToString();
    EXPECT_EQ(results.size(), urls.size());
    return results;
  }

  crawler::CurlGlobal curl_;
  testing::TempDir dir_;
  demo::DemoSite site_;
  devserver::LocalHttpServer server_{
      [this](const devserver::HttpRequest& r) { return site_.Handle(r); }};
  config::Config config_;
  std::unique_ptr<storage::Archive> archive_;
  std::vector<std::string> urls_;
};

TEST_F(CrawlJobTest, FirstCrawlArchivesEveryArticle) {
  auto results = Crawl(urls_);
  for (const std::string& url : urls_) {
    EXPECT_EQ(results[url].kind, RecordKind::kNew) << url << ": " << results[url].error;
    EXPECT_EQ(results[url].version, 1);
    EXPECT_FALSE(results[url].title.empty()) << url;
  }
  auto list = archive_->List();
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->size(), urls_.size());
}

TEST_F(CrawlJobTest, RecrawlRecordsOnlyWhatChanged) {
  Crawl(urls_);
  site_.Advance();
  auto results = Crawl(urls_);
  const std::string edited = server_.base_url() + demo::DemoSite::EditedArticlePath();
  const std::string deleted = server_.base_url() + demo::DemoSite::DeletedArticlePath();
  for (const std::string& url : urls_) {
    if (url == edited) {
      EXPECT_EQ(results[url].kind, RecordKind::kChanged);
      EXPECT_EQ(results[url].version, 2);
    } else if (url == deleted) {
      EXPECT_EQ(results[url].kind, RecordKind::kGone);
      EXPECT_EQ(results[url].http_status, 404);
    } else {
      // Only counters moved on these pages: an observation, no version.
      EXPECT_EQ(results[url].kind, RecordKind::kUnchanged) << url;
      EXPECT_EQ(results[url].version, 1) << url;
    }
  }

  const std::string key = results[edited].key;
  auto versions = archive_->Versions(key);
  ASSERT_TRUE(versions.ok());
  ASSERT_EQ(versions->size(), 2u);
  const std::string diff = storage::DiffArticles((*versions)[0].article, (*versions)[1].article);
  EXPECT_NE(diff.find("+更新：关闭顺序"), std::string::npos) << diff;

  // The counters of the cnblogs-like page were observed twice, with the bumped value last.
  auto observations = archive_->Observations(key);
  ASSERT_TRUE(observations.ok());
  ASSERT_EQ(observations->size(), 2u);
  EXPECT_EQ((*observations)[0].counters.views, 123);
  EXPECT_EQ((*observations)[1].counters.views, 160);
}

TEST_F(CrawlJobTest, BadAndUnreachableUrlsAreReportedNotFatal) {
  std::vector<std::string> urls = {"ftp://example.com/x", "not a url",
                                   server_.base_url() + "/missing", urls_[0]};
  auto results = Crawl(urls);
  EXPECT_EQ(results["ftp://example.com/x"].kind, RecordKind::kFailed);
  EXPECT_FALSE(results["ftp://example.com/x"].error.empty());
  EXPECT_EQ(results["not a url"].kind, RecordKind::kFailed);
  // A 404 for a URL never archived before is recorded, not a crash.
  EXPECT_EQ(results[server_.base_url() + "/missing"].http_status, 404);
  EXPECT_EQ(results[urls_[0]].kind, RecordKind::kNew);
}

TEST_F(CrawlJobTest, EmptyListIsFine) {
  auto results = Crawl({});
  EXPECT_TRUE(results.empty());
}

TEST_F(CrawlJobTest, DuplicateSeedsAreFetchedOnce) {
  const std::string url = urls_[0];
  std::vector<PageResult> results;
  auto summary = CrawlUrls({url, url + "#top", url}, *archive_, config_,
                           [&](const PageResult& r) { results.push_back(r); });
  ASSERT_TRUE(summary.ok());
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].url, url);
  EXPECT_TRUE(summary->finished);
}

// Link following on a generated binary-tree site (tests/jobs/tree_site.h).
class FollowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto archive = storage::Archive::Open(dir_.Sub("archive"));
    ASSERT_TRUE(archive.ok()) << archive.status().ToString();
    archive_ = std::move(archive).value();
    config_.crawl.follow = true;
    config_.politeness.min_delay_ms = 0;
    config_.politeness.per_host_concurrency = 8;
    config_.robots.respect = false;
  }

  std::string Url(int n) const { return server_.base_url() + testing::TreeSite::PagePath(n); }

  Result<CrawlSummary> Crawl(const RunOptions& options = {}) {
    return CrawlUrls(
        {Url(1)}, *archive_, config_, [&](const PageResult& r) { results_.push_back(r); }, options);
  }

  // How often each path was requested.
  std::map<std::string, int> Requests() const {
    std::map<std::string, int> count;
    for (const auto& r : server_.requests()) ++count[r.target];
    return count;
  }

  std::set<std::string> ResultUrls() const {
    std::set<std::string> urls;
    for (const PageResult& r : results_) urls.insert(r.key);
    return urls;
  }

  // Keys under "frontier/": what crawls left in the state store.
  // The part of a seen key naming its crawl run ("/s<run>/").
  static std::string SeenSetOfRun(uint64_t run) {
    const std::string prefix = crawler::SeenKeyPrefix("c", run);
    return prefix.substr(prefix.find("/s"));
  }

  // Keys of crawls' frontiers containing `part` (all of them by default).
  size_t FrontierKeys(std::string_view part = "") {
    size_t n = 0;
    EXPECT_TRUE(archive_->State()
                    .Scan("frontier/", "",
                          [&](std::string_view key, std::string_view) {
                            if (key.find(part) != std::string_view::npos) ++n;
                            return true;
                          })
                    .ok());
    return n;
  }

  crawler::CurlGlobal curl_;
  testing::TempDir dir_;
  testing::TreeSite site_{31};
  devserver::LocalHttpServer server_{
      [this](const devserver::HttpRequest& r) { return site_.Handle(r); }};
  config::Config config_;
  std::unique_ptr<storage::Archive> archive_;
  std::vector<PageResult> results_;
};

TEST_F(FollowTest, FollowsLinksToMaxDepthOnceEach) {
  config_.scope.max_depth = 2;
  config_.scope.deny = {"/private/"};
  auto summary = Crawl();
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  std::set<std::string> want;
  for (int n = 1; n <= 7; ++n) want.insert(Url(n));  // depths 0, 1 and 2
  EXPECT_EQ(ResultUrls(), want);
  EXPECT_EQ(results_.size(), 7u);
  for (const PageResult& r : results_) {
    EXPECT_EQ(r.kind, RecordKind::kNew) << r.key << " " << r.error;
    EXPECT_EQ(r.depth, r.key == Url(1) ? 0 : (r.key == Url(2) || r.key == Url(3) ? 1 : 2));
  }
  // Variants (#fragment, ?utm_source, dot segments) were recognised as the same URL; the
  // image, the denied /private/ pages and the other host stayed out of scope.
  for (const auto& [target, count] : Requests()) EXPECT_EQ(count, 1) << target;
  EXPECT_EQ(Requests().count("/img/photo1.png"), 0u);
  EXPECT_TRUE(summary->finished);
  // A finished crawl leaves its meta record and its run's seen set, nothing queued; the next
  // run of the crawl deletes that seen set (as it crawls) and leaves its own.
  EXPECT_EQ(FrontierKeys("/q/"), 0u);
  EXPECT_EQ(FrontierKeys(SeenSetOfRun(1)), 8u);  // 7 URLs and the set's end key
  EXPECT_EQ(FrontierKeys(), 9u);
  results_.clear();
  ASSERT_TRUE(Crawl().ok());
  EXPECT_EQ(results_.size(), 7u);
  EXPECT_EQ(FrontierKeys(SeenSetOfRun(1)), 0u);
  EXPECT_EQ(FrontierKeys(SeenSetOfRun(2)), 8u);
  EXPECT_EQ(FrontierKeys(), 9u);
}

TEST_F(FollowTest, DenyAndAllowPatternsApplyToLinks) {
  config_.scope.deny = {"/private/"};
  auto summary = Crawl();
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(results_.size(), 31u);
  for (const auto& [target, count] : Requests()) {
    EXPECT_FALSE(target.starts_with("/private/")) << target;
    EXPECT_EQ(count, 1) << target;
  }

  results_.clear();
  config_.scope.deny.clear();
  config_.scope.allow = {"/p/[1-3]\\.html$"};
  summary = Crawl();
  ASSERT_TRUE(summary.ok());
  std::set<std::string> want = {Url(1), Url(2), Url(3)};
  EXPECT_EQ(ResultUrls(), want);
}

TEST_F(FollowTest, RobotsTxtDisallowedLinksAreSkippedNotArchived) {
  site_.set_robots("User-agent: *\nDisallow: /p/3.html\nDisallow: /private/\n");
  config_.robots.respect = true;
  auto summary = Crawl();
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  // /p/3.html, and the /private/<n>.html linked from each page fetched.
  EXPECT_EQ(summary->skipped, 1 + static_cast<int64_t>(results_.size()));
  std::set<std::string> fetched;
  for (const auto& [target, count] : Requests()) {
    fetched.insert(target);
    EXPECT_EQ(count, 1) << target;
  }
  EXPECT_FALSE(fetched.contains("/p/3.html"));
  EXPECT_FALSE(fetched.contains("/p/6.html")) << "only reachable through /p/3.html";
  EXPECT_TRUE(fetched.contains("/p/2.html"));
  auto list = archive_->List();
  ASSERT_TRUE(list.ok());
  for (const auto& head : *list) {
    EXPECT_NE(head.url, Url(3)) << "a disallowed link is not an article to keep";
  }
  EXPECT_EQ(list->size(), results_.size());
  // A disallowed seed is reported (the user asked for it), as failed.
  results_.clear();
  summary =
      CrawlUrls({Url(3)}, *archive_, config_, [&](const PageResult& r) { results_.push_back(r); });
  ASSERT_TRUE(summary.ok());
  ASSERT_EQ(results_.size(), 1u);
  EXPECT_EQ(results_[0].kind, RecordKind::kFailed);
  EXPECT_NE(results_[0].error.find("robots"), std::string::npos) << results_[0].error;
}

TEST_F(FollowTest, MaxPagesBoundsTheCrawl) {
  config_.scope.deny = {"/private/"};
  config_.scope.max_pages = 5;
  auto summary = Crawl();
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(results_.size(), 5u);
  EXPECT_EQ(site_.page_requests(), 5);
  EXPECT_TRUE(summary->finished);
  EXPECT_EQ(FrontierKeys("/q/"), 0u);
  EXPECT_EQ(FrontierKeys(), 7u);  // the meta record, the run's seen set (5 and its end key)
}

TEST_F(FollowTest, RecrawlUsesConditionalGetAndStillFollowsLinks) {
  config_.scope.deny = {"/private/"};
  ASSERT_TRUE(Crawl().ok());
  ASSERT_EQ(results_.size(), 31u);
  results_.clear();
  const size_t first_requests = server_.requests().size();

  auto summary = Crawl();
  ASSERT_TRUE(summary.ok());
  EXPECT_FALSE(summary->resumed) << "a finished crawl starts a new pass";
  EXPECT_EQ(results_.size(), 31u) << "links of 304 pages come from the links kept last time";
  for (const PageResult& r : results_) EXPECT_EQ(r.kind, RecordKind::kNotModified) << r.key;
  const auto requests = server_.requests();
  for (size_t i = first_requests; i < requests.size(); ++i) {
    EXPECT_FALSE(FindHeader(requests[i].headers, "if-none-match").empty()) << requests[i].target;
  }
}

TEST_F(FollowTest, RecrawlOfUnchangedBytesWithoutValidatorsSkipsParsing) {
  testing::TreeSite plain(15, /*etags=*/false);
  devserver::LocalHttpServer server(
      [&plain](const devserver::HttpRequest& r) { return plain.Handle(r); });
  config_.scope.deny = {"/private/"};
  auto crawl = [&] {
    return CrawlUrls({server.base_url() + testing::TreeSite::PagePath(1)}, *archive_, config_,
                     [&](const PageResult& r) { results_.push_back(r); });
  };
  ASSERT_TRUE(crawl().ok());
  ASSERT_EQ(results_.size(), 15u);
  results_.clear();
  ASSERT_TRUE(crawl().ok());
  ASSERT_EQ(results_.size(), 15u) << "links come from the links kept last time";
  for (const PageResult& r : results_) {
    EXPECT_EQ(r.kind, RecordKind::kUnchanged) << r.key;
    EXPECT_FALSE(r.title.empty()) << "the archived title is reported";
  }
  // A new edition changes the bytes: parsed again, new versions.
  plain.set_edition(2);
  results_.clear();
  ASSERT_TRUE(crawl().ok());
  ASSERT_EQ(results_.size(), 15u);
  for (const PageResult& r : results_) EXPECT_EQ(r.kind, RecordKind::kChanged) << r.key;
}

TEST_F(FollowTest, StopOnSignalKeepsTheRestForTheNextRun) {
  config_.scope.deny = {"/private/"};
  config_.crawl.max_fetches = 2;
  RunOptions options;
  options.stop_on_signals = true;
  bool raised = false;
  auto summary = CrawlUrls(
      {Url(1)}, *archive_, config_,
      [&](const PageResult& r) {
        results_.push_back(r);
        if (results_.size() == 5 && !raised) {
          raised = true;
          raise(SIGINT);  // handled by the job: a clean stop, not the end of this test
        }
      },
      options);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->stop_signal, SIGINT);
  EXPECT_FALSE(summary->finished);
  EXPECT_GT(summary->queued, 0);
  const size_t first = results_.size();
  EXPECT_GE(first, 5u);
  EXPECT_LT(first, 31u);
  auto list = archive_->List();
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->size(), first) << "every page archived was reported, and only those";
  std::set<std::string> archived;
  for (const auto& head : *list) archived.insert(head.url);
  const size_t first_requests = server_.requests().size();

  summary = Crawl();
  ASSERT_TRUE(summary.ok());
  EXPECT_TRUE(summary->resumed);
  EXPECT_EQ(summary->done_before, static_cast<int64_t>(first));
  EXPECT_TRUE(summary->finished);
  EXPECT_EQ(results_.size(), 31u);
  EXPECT_EQ(ResultUrls().size(), 31u);
  // Pages in flight when the stop came were aborted and are fetched again; nothing archived is.
  const auto requests = server_.requests();
  for (size_t i = first_requests; i < requests.size(); ++i) {
    EXPECT_FALSE(archived.contains(server_.base_url() + requests[i].target)) << requests[i].target;
  }
  for (const auto& head : *archive_->List()) EXPECT_EQ(head.observation_count, 1) << head.url;
}

TEST_F(FollowTest, ResumeAndRestartModes) {
  RunOptions resume;
  resume.resume = ResumeMode::kRequire;
  auto summary = Crawl(resume);
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.status().code(), Status::Code::kNotFound);
  EXPECT_TRUE(results_.empty());
  EXPECT_EQ(FrontierKeys(), 0u);

  // Leave an unfinished crawl behind (stopped at once), then restart it from scratch.
  config_.scope.deny = {"/private/"};
  RunOptions stop;
  stop.stop_on_signals = true;
  stop.on_start = [](const CrawlStart&) { raise(SIGTERM); };
  summary = Crawl(stop);
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->stop_signal, SIGTERM);
  EXPECT_GT(FrontierKeys(), 0u);
  RunOptions restart;
  restart.resume = ResumeMode::kRestart;
  results_.clear();
  summary = Crawl(restart);
  ASSERT_TRUE(summary.ok());
  EXPECT_FALSE(summary->resumed);
  EXPECT_EQ(results_.size(), 31u);
}

TEST_F(FollowTest, ExplicitCrawlIdResumesWithoutSeeds) {
  config_.scope.deny = {"/private/"};
  RunOptions named;
  named.crawl_id = "tree";
  named.stop_on_signals = true;
  bool raised = false;
  auto summary = CrawlUrls(
      {Url(1)}, *archive_, config_,
      [&](const PageResult& r) {
        results_.push_back(r);
        if (!raised) {
          raised = true;
          raise(SIGINT);
        }
      },
      named);
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->crawl_id, "tree");
  ASSERT_FALSE(summary->finished);
  named.stop_on_signals = false;
  named.resume = ResumeMode::kRequire;
  summary = CrawlUrls(
      {}, *archive_, config_, [&](const PageResult& r) { results_.push_back(r); }, named);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_TRUE(summary->finished);
  EXPECT_EQ(ResultUrls().size(), 31u) << "the seed's host is in scope though no seed was given";
}

TEST_F(FollowTest, BadPatternIsAnErrorBeforeAnyState) {
  config_.scope.allow = {"(unclosed"};
  auto summary = Crawl();
  ASSERT_FALSE(summary.ok());
  EXPECT_NE(summary.status().message().find("scope.allow"), std::string::npos);
  EXPECT_EQ(FrontierKeys(), 0u);
  EXPECT_EQ(server_.requests().size(), 0u);
}

TEST_F(FollowTest, ProgressIsReported) {
  config_.scope.deny = {"/private/"};
  RunOptions options;
  options.progress_interval_ms = 1;
  std::vector<CrawlProgress> seen;
  options.on_progress = [&](const CrawlProgress& p) { seen.push_back(p); };
  ASSERT_TRUE(Crawl(options).ok());
  ASSERT_FALSE(seen.empty());
  for (size_t i = 1; i < seen.size(); ++i) EXPECT_GE(seen[i].done, seen[i - 1].done);
  EXPECT_LE(seen.back().done, 31);
}

}  // namespace
}  // namespace strata::jobs
