// The crawl job applies site profiles: the shipped ones and the user's own ([extract]).
#include <gtest/gtest.h>

#include <fstream>

#include "crawler/fetch_loop.h"
#include "crawler/jobs/crawl_job.h"
#include "tests/support/temp_dir.h"
#include "tools/devserver/local_http_server.h"

namespace strata::jobs {
namespace {

// A page whose <h1> is the site's name and whose real title sits in .post-title: the generic
// cascade takes the <h1>, a profile for the host takes .post-title.
constexpr const char* kPage = R"(<!doctype html><html><head><meta charset="utf-8">
<title>Loopback Blog</title></head><body>
<h1>Loopback Blog</h1>
<div class="post"><div class="post-title">The title only the profile knows</div>
<p>First paragraph of a post long enough to be the main content of this page, by far.</p>
<p>Second paragraph, so that the body is a real body and not a caption of something.</p>
</div></body></html>)";

class CrawlProfilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto archive = storage::Archive::Open(dir_.Sub("archive"));
    ASSERT_TRUE(archive.ok()) << archive.status().ToString();
    archive_ = std::move(archive).value();
    config_.politeness.min_delay_ms = 0;  // our own loopback site
    config_.extract.sites_dir = dir_.Sub("sites");
    std::filesystem::create_directories(config_.extract.sites_dir);
  }

  void WriteProfile(const std::string& name, const std::string& text) {
    std::ofstream(config_.extract.sites_dir + "/" + name) << text;
  }

  Result<CrawlSummary> Crawl(std::vector<PageResult>* results) {
    return CrawlUrls({server_.base_url() + "/post/1"}, *archive_, config_,
                     [&](const PageResult& r) { results->push_back(r); });
  }

  crawler::CurlGlobal curl_;
  testing::TempDir dir_;
  devserver::LocalHttpServer server_{[](const devserver::HttpRequest&) {
    devserver::HttpResponse response;
    response.headers.emplace_back("Content-Type", "text/html; charset=utf-8");
    response.body = kPage;
    return response;
  }};
  config::Config config_;
  std::unique_ptr<storage::Archive> archive_;
};

constexpr const char* kProfile = R"(hosts = ["127.0.0.1"]
[fields]
title = ".post-title"
)";

TEST_F(CrawlProfilesTest, AUserProfileOverridesTheCascade) {
  WriteProfile("loopback.toml", kProfile);
  std::vector<PageResult> results;
  ASSERT_TRUE(Crawl(&results).ok());
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].kind, storage::RecordKind::kNew) << results[0].error;
  EXPECT_EQ(results[0].title, "The title only the profile knows");
}

TEST_F(CrawlProfilesTest, ProfilesCanBeTurnedOff) {
  WriteProfile("loopback.toml", kProfile);
  config_.extract.site_profiles = false;
  std::vector<PageResult> results;
  ASSERT_TRUE(Crawl(&results).ok());
  ASSERT_EQ(results.size(), 1u);
  EXPECT_NE(results[0].title, "The title only the profile knows");
}

TEST_F(CrawlProfilesTest, ABadProfileStopsTheCrawlBeforeAnyFetch) {
  WriteProfile("broken.toml", "hosts = [\"127.0.0.1\"]\n[fields]\ntitle = \"h1[\"\n");
  std::vector<PageResult> results;
  Result<CrawlSummary> summary = Crawl(&results);
  ASSERT_FALSE(summary.ok());
  EXPECT_NE(summary.status().message().find("broken.toml"), std::string::npos)
      << summary.status().ToString();
  EXPECT_TRUE(results.empty());
  EXPECT_TRUE(server_.requests().empty());
}

}  // namespace
}  // namespace strata::jobs
