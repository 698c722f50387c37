// End to end: the demo site served on 127.0.0.1, crawled into a real archive, changed, crawled
// again.
#include "crawler/jobs/crawl_job.h"

#include <gtest/gtest.h>

#include <map>

#include "crawler/fetch_loop.h"
#include "storage/diff.h"
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

}  // namespace
}  // namespace strata::jobs
