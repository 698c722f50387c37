// End to end: `strata author` against the AuthorSite served on 127.0.0.1, into a real archive,
// over several runs with posts edited, deleted, added and unlisted in between.
#include "crawler/jobs/author_job.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "crawler/fetch_loop.h"
#include "crawler/jobs/author_state.h"
#include "tests/jobs/author_site.h"
#include "tests/support/temp_dir.h"

namespace strata::jobs {
namespace {

using storage::RecordKind;

class AuthorJobTest : public ::testing::Test {
 protected:
  void SetUp() override {
    site_.set_base(server_.base_url());
    auto archive = storage::Archive::Open(dir_.Sub("archive"));
    ASSERT_TRUE(archive.ok()) << archive.status().ToString();
    archive_ = std::move(archive).value();
    config_.politeness.min_delay_ms = 0;  // our own loopback site
    config_.retry.max_retries = 0;
    const std::string sites = dir_.Sub("sites");
    std::filesystem::create_directories(sites);
    std::ofstream(sites + "/testsite.toml") << testing::AuthorSite::ApiProfile();
    config_.extract.sites_dir = sites;
  }

  std::string Url(const std::string& path) const { return server_.base_url() + path; }

  // Runs the job; results by URL.
  AuthorReport Run(const std::string& path, const AuthorOptions& options = {}) {
    results_.clear();
    Result<AuthorReport> report = ArchiveAuthor(
        Url(path), *archive_, config_, [&](const PageResult& r) { results_[r.url] = r; }, options);
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return report.ok() ? *report : AuthorReport{};
  }

  crawler::CurlGlobal curl_;
  strata::testing::TempDir dir_;
  strata::testing::AuthorSite site_;
  devserver::LocalHttpServer server_{
      [this](const devserver::HttpRequest& r) { return site_.Handle(r); }};
  config::Config config_;
  std::unique_ptr<storage::Archive> archive_;
  std::map<std::string, PageResult> results_;
};

TEST_F(AuthorJobTest, HtmlListingAcrossRunsFindsEditsDeletionsAndNewPosts) {
  // Run 1: seven posts on three pages linked by rel=next / 下一页.
  AuthorReport first = Run("/blog/ann/");
  EXPECT_EQ(first.method, ListingMethod::kRelNext);
  EXPECT_EQ(first.listing_pages, 3);
  EXPECT_EQ(first.stop, ListingStop::kEnd) << first.stop_detail;
  EXPECT_EQ(first.found, 7);
  EXPECT_EQ(first.new_posts, 7);
  EXPECT_EQ(first.failed, 0);
  EXPECT_TRUE(first.first_run);
  EXPECT_TRUE(first.missing.empty());
  EXPECT_EQ(first.completeness, Completeness::kComplete);
  ASSERT_EQ(results_.size(), 7u);
  for (int n = 1; n <= 7; ++n) {
    const PageResult& r = results_[Url("/blog/ann/p/" + std::to_string(n) + ".html")];
    EXPECT_EQ(r.kind, RecordKind::kNew) << n << ": " << r.error;
    EXPECT_EQ(r.title, "Post number " + std::to_string(n) + " about concurrency");
  }
  // Nothing but posts was archived: no tag, archive, pager or nav page.
  auto heads = archive_->List();
  ASSERT_TRUE(heads.ok());
  EXPECT_EQ(heads->size(), 7u);

  // Run 2: post 2 edited, post 5 deleted, post 8 added.
  site_.EditAnn(2, "The second post, rewritten: the shutdown order changed completely.");
  site_.DeleteAnn(5);
  site_.AddAnn(8);
  AuthorReport second = Run("/blog/ann/");
  EXPECT_FALSE(second.first_run);
  EXPECT_EQ(second.found, 7);  // 8, 7, 6, 4, 3, 2, 1
  EXPECT_EQ(second.newly_listed, 1);
  EXPECT_EQ(second.new_posts, 1);
  EXPECT_EQ(second.changed, 1);
  EXPECT_EQ(second.unchanged, 5);
  EXPECT_EQ(results_[Url("/blog/ann/p/8.html")].kind, RecordKind::kNew);
  EXPECT_EQ(results_[Url("/blog/ann/p/2.html")].kind, RecordKind::kChanged);
  EXPECT_EQ(results_[Url("/blog/ann/p/2.html")].version, 2);
  ASSERT_EQ(second.missing.size(), 1u);
  EXPECT_EQ(second.missing[0].url, Url("/blog/ann/p/5.html"));
  EXPECT_TRUE(second.missing[0].gone);
  EXPECT_EQ(results_[Url("/blog/ann/p/5.html")].kind, RecordKind::kGone);
  EXPECT_EQ(second.completeness, Completeness::kComplete);
  // The deleted post is a tombstone version in the archive.
  auto head = archive_->Head(Url("/blog/ann/p/5.html"));
  ASSERT_TRUE(head.ok());
  EXPECT_TRUE(head->gone);
  EXPECT_EQ(head->latest_version, 2);

  // Run 3: post 3 is no longer listed but still online: "unlisted", not gone. The tombstoned
  // post 5 is not fetched again.
  site_.UnlistAnn(3);
  AuthorReport third = Run("/blog/ann/");
  ASSERT_EQ(third.missing.size(), 1u);
  EXPECT_EQ(third.missing[0].url, Url("/blog/ann/p/3.html"));
  EXPECT_FALSE(third.missing[0].gone);
  EXPECT_EQ(third.missing[0].kind, RecordKind::kUnchanged);
  EXPECT_EQ(results_.count(Url("/blog/ann/p/5.html")), 0u);
  auto known = LoadKnownPosts(archive_->State(), third.author_id);
  ASSERT_TRUE(known.ok());
  EXPECT_EQ(known->at(Url("/blog/ann/p/3.html")).state, KnownPostState::kUnlisted);
  EXPECT_EQ(known->at(Url("/blog/ann/p/5.html")).state, KnownPostState::kGone);
  EXPECT_EQ(known->at(Url("/blog/ann/p/8.html")).state, KnownPostState::kListed);
  auto summary = LoadAuthorSummary(archive_->State(), third.author_id);
  ASSERT_TRUE(summary.ok() && summary->has_value());
  EXPECT_EQ((*summary)->runs, 3);
  EXPECT_EQ((*summary)->method, "rel-next");
}

// A captcha in the middle of a listing must not read as its end: the posts behind it would
// then count as disappeared.
TEST_F(AuthorJobTest, ABlockedListingPageIsAFailureNotTheEnd) {
  ASSERT_EQ(Run("/blog/ann/").found, 7);
  site_.BlockAnnListingPage(2);
  AuthorReport blocked = Run("/blog/ann/");
  EXPECT_EQ(blocked.stop, ListingStop::kFetchFailed) << blocked.stop_detail;
  EXPECT_EQ(blocked.completeness, Completeness::kIncomplete);
  EXPECT_TRUE(blocked.missing.empty()) << "no post may be reported gone or unlisted";
  for (int n = 1; n <= 7; ++n) {
    auto head = archive_->Head(Url("/blog/ann/p/" + std::to_string(n) + ".html"));
    ASSERT_TRUE(head.ok()) << n;
    EXPECT_FALSE(head->gone) << n;
    EXPECT_EQ(head->latest_version, 1) << n;
  }
}

TEST_F(AuthorJobTest, JsonApiWithCursorPagingAndModifiedTimes) {
  AuthorReport first = Run("/user/42");
  EXPECT_EQ(first.method, ListingMethod::kProfileApi);
  EXPECT_EQ(first.profile, "testsite");
  EXPECT_EQ(first.listing_pages, 3);  // cursors 0, 3, 6
  EXPECT_EQ(first.stop, ListingStop::kEnd) << first.stop_detail;
  EXPECT_EQ(first.found, 7);
  EXPECT_EQ(first.new_posts, 7);
  EXPECT_EQ(first.completeness, Completeness::kComplete);
  const std::vector<std::string> bodies = site_.ApiBodies();
  ASSERT_EQ(bodies.size(), 3u);
  EXPECT_EQ(bodies[0], R"({"user_id": "42", "sort_type": 2, "cursor": "0"})");
  EXPECT_EQ(bodies[2], R"({"user_id": "42", "sort_type": 2, "cursor": "6"})");
  EXPECT_EQ(results_[Url("/post/7007")].kind, RecordKind::kNew);
  ASSERT_FALSE(first.posts.empty());
  EXPECT_EQ(first.posts[0].url, Url("/post/7007"));
  EXPECT_EQ(first.posts[0].modified, "2023-11-14T22:13:20Z");

  // Run 2: one post edited (its mtime moves); the others are not fetched at all.
  site_.EditJuejin(7003, "A new body for post 7003, with more about locks.");
  AuthorReport second = Run("/user/42");
  EXPECT_EQ(second.skipped_unmodified, 6);
  EXPECT_EQ(second.changed, 1);
  EXPECT_EQ(results_.size(), 1u);
  EXPECT_EQ(results_[Url("/post/7003")].kind, RecordKind::kChanged);
  EXPECT_EQ(second.completeness, Completeness::kComplete);

  // Without the modified-time shortcut, every post is fetched again.
  AuthorOptions all;
  all.skip_unmodified = false;
  AuthorReport third = Run("/user/42", all);
  EXPECT_EQ(third.skipped_unmodified, 0);
  EXPECT_EQ(third.unchanged, 7);
}

TEST_F(AuthorJobTest, JsonApiWithPagePagingStopsAtTheStatedTotal) {
  AuthorReport report = Run("/csdn/zed");
  EXPECT_EQ(report.method, ListingMethod::kProfileApi);
  ASSERT_TRUE(report.stated_total.has_value());
  EXPECT_EQ(*report.stated_total, 45);
  EXPECT_EQ(report.found, 45);
  EXPECT_EQ(report.listing_pages, 3);  // 20 + 20 + 5
  EXPECT_EQ(report.stop, ListingStop::kTotalReached);
  EXPECT_EQ(report.new_posts, 45);
  EXPECT_EQ(report.completeness, Completeness::kComplete);
}

TEST_F(AuthorJobTest, FewerPostsThanTheSiteStatesIsIncomplete) {
  site_.set_csdn_stated_total(50);
  AuthorReport report = Run("/csdn/zed");
  EXPECT_EQ(report.found, 45);
  EXPECT_EQ(*report.stated_total, 50);
  EXPECT_EQ(report.stop, ListingStop::kEmptyPage);  // page 4 is empty
  EXPECT_EQ(report.completeness, Completeness::kIncomplete);
  ASSERT_FALSE(report.reasons.empty());
  EXPECT_NE(report.reasons[0].find("the site states 50 posts; the listing found 45"),
            std::string::npos);
}

TEST_F(AuthorJobTest, FeedOnlyAuthor) {
  AuthorReport report = Run("/feeds/bob/");
  EXPECT_EQ(report.method, ListingMethod::kFeed);
  EXPECT_EQ(report.found, 4);
  EXPECT_EQ(report.new_posts, 4);
  EXPECT_EQ(results_[Url("/feeds/bob/p/4.html")].kind, RecordKind::kNew);
  // A feed may hold only the latest posts: never "complete".
  EXPECT_EQ(report.completeness, Completeness::kUnverified);
}

TEST_F(AuthorJobTest, SitemapAuthorKeepsOnlyThePagesUnderTheAuthorsPath) {
  AuthorReport report = Run("/sites/carol/");
  EXPECT_EQ(report.method, ListingMethod::kSitemap) << report.stop_detail;
  EXPECT_EQ(report.found, 5);
  for (const parser::ListedPost& post : report.posts) {
    EXPECT_NE(post.url.find("/sites/carol/p/"), std::string::npos) << post.url;
  }
  EXPECT_EQ(site_.Requests("/sitemap-tags.xml"), 0);  // a tag sitemap lists no posts
  EXPECT_EQ(report.new_posts, 5);
  EXPECT_EQ(report.completeness, Completeness::kUnverified);
}

TEST_F(AuthorJobTest, ListingThatRepeatsStopsAndSaysSo) {
  AuthorReport report = Run("/loop/eve/");
  EXPECT_EQ(report.stop, ListingStop::kAllSeen) << report.stop_detail;
  EXPECT_EQ(report.listing_pages, 2);
  EXPECT_EQ(report.found, 3);
  EXPECT_NE(report.stop_detail.find("the listing repeats"), std::string::npos);
  EXPECT_EQ(report.completeness, Completeness::kUnverified);
}

TEST_F(AuthorJobTest, NextLinksThatCycleStop) {
  AuthorReport report = Run("/cycle/fay/");
  EXPECT_EQ(report.stop, ListingStop::kUrlRepeated) << report.stop_detail;
  EXPECT_EQ(report.found, 6);
  EXPECT_EQ(report.listing_pages, 2);
}

TEST_F(AuthorJobTest, ListingThatNeverEndsHitsThePageCap) {
  AuthorOptions options;
  options.max_pages = 5;
  AuthorReport report = Run("/endless/gus/", options);
  EXPECT_EQ(report.stop, ListingStop::kPageCap);
  EXPECT_EQ(report.listing_pages, 5);
  EXPECT_EQ(report.found, 10);
  EXPECT_EQ(report.completeness, Completeness::kIncomplete);
  EXPECT_EQ(site_.Requests("/endless/gus/next"), 4);
}

TEST_F(AuthorJobTest, ListOnlyArchivesNothing) {
  AuthorOptions options;
  options.list_only = true;
  AuthorReport report = Run("/blog/ann/", options);
  EXPECT_EQ(report.found, 7);
  EXPECT_TRUE(results_.empty());
  auto heads = archive_->List();
  ASSERT_TRUE(heads.ok());
  EXPECT_TRUE(heads->empty());
}

TEST_F(AuthorJobTest, UnreachableAuthorPageIsAReportNotAnError) {
  AuthorReport report = Run("/no/such/author/");
  EXPECT_EQ(report.method, ListingMethod::kNone);
  EXPECT_EQ(report.stop, ListingStop::kFetchFailed);
  EXPECT_NE(report.stop_detail.find("HTTP 404"), std::string::npos) << report.stop_detail;
  EXPECT_EQ(report.completeness, Completeness::kIncomplete);
}

TEST_F(AuthorJobTest, BadUrlIsAnError) {
  Result<AuthorReport> report =
      ArchiveAuthor("ftp://example.com/", *archive_, config_, [](const PageResult&) {});
  ASSERT_FALSE(report.ok());
  EXPECT_TRUE(report.status().IsInvalidArgument());
}

}  // namespace
}  // namespace strata::jobs
