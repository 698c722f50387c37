// The listing walk without a network: canned pages keyed by request, the shipped profiles'
// listing rules, and every way a walk stops.
#include "crawler/jobs/author_listing.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "config/site_profile.h"
#include "parser/profile.h"
#include "tests/support/gzip_of.h"

namespace strata::jobs {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Canned pages by "METHOD URL"; anything else is a 404. Records the requests.
class CannedSite {
 public:
  void Page(const std::string& url, std::string body, std::string type = "text/html",
            int status = 200) {
    FetchedPage page;
    page.url = url;
    page.final_url = url;
    page.http_status = status;
    page.body = std::move(body);
    page.response_headers = {{"Content-Type", std::move(type)}};
    pages_["GET " + url] = std::move(page);
  }
  void Json(const std::string& method, const std::string& url, std::string body) {
    Page(url, std::move(body), "application/json");
    if (method != "GET") {
      pages_[method + " " + url] = pages_["GET " + url];
      pages_.erase("GET " + url);
    }
  }
  // Answers the POSTs to `url` in turn with `bodies` (the last one repeats).
  void Posts(const std::string& url, std::vector<std::string> bodies) {
    post_answers_[url] = std::move(bodies);
  }

  PageSource Source() {
    return [this](const crawler::FetchRequest& request) {
      requests_.push_back(request);
      FetchedPage page;
      if (request.method == "POST" && post_answers_.contains(request.url)) {
        std::vector<std::string>& answers = post_answers_[request.url];
        const size_t index = std::min(post_index_[request.url]++, answers.size() - 1);
        page.http_status = 200;
        page.body = answers[index];
        page.response_headers = {{"Content-Type", "application/json"}};
      } else if (auto it = pages_.find(request.method + " " + request.url); it != pages_.end()) {
        page = it->second;
      } else {
        page.http_status = 404;
        page.body = "not found";
      }
      page.url = request.url;
      if (page.final_url.empty()) page.final_url = request.url;
      return page;
    };
  }

  const std::vector<crawler::FetchRequest>& requests() const { return requests_; }
  std::vector<std::string> RequestedUrls() const {
    std::vector<std::string> urls;
    for (const auto& r : requests_) urls.push_back(r.url);
    return urls;
  }

 private:
  std::map<std::string, FetchedPage> pages_;
  std::map<std::string, std::vector<std::string>> post_answers_;
  std::map<std::string, size_t> post_index_;
  std::vector<crawler::FetchRequest> requests_;
};

struct Profiles {
  Profiles() {
    Result<std::vector<config::SiteProfile>> loaded = config::LoadSiteProfiles("");
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    if (!loaded.ok()) return;
    site = std::move(parser::SiteProfiles::Compile(*loaded)).value();
    rules = std::move(parser::ListingRules::Compile(*loaded)).value();
  }
  parser::SiteProfiles site;
  parser::ListingRules rules;
};

const Profiles& Shipped() {
  static const Profiles* profiles = new Profiles();
  return *profiles;
}

ListingResult List(const std::string& url, CannedSite& site, int64_t max_pages = 0,
                   std::function<bool()> stopped = {}) {
  ListingOptions options;
  options.rules = &Shipped().rules;
  options.profiles = &Shipped().site;
  options.max_pages = max_pages;
  options.stopped = std::move(stopped);
  Result<ListingResult> result = ListAuthorPosts(url, site.Source(), options);
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  return result.ok() ? std::move(*result) : ListingResult{};
}

std::vector<std::string> Urls(const ListingResult& result) {
  std::vector<std::string> urls;
  for (const parser::ListedPost& p : result.posts) urls.push_back(p.url);
  return urls;
}

std::string CnblogsPage(const std::vector<int>& ids) {
  std::string html = "<html><body><div class=forFlow>";
  for (int id : ids) {
    html +=
        "<div class=day><div class=postTitle><a class=postTitle2 href=https://www.cnblogs.com/"
        "ann/p/" +
        std::to_string(id) + ">Post " + std::to_string(id) + "</a></div></div>";
  }
  return html + "</div></body></html>";
}

TEST(AuthorListingTest, CnblogsPagesByTemplateUntilAnEmptyPage) {
  CannedSite site;
  const std::string base = "https://www.cnblogs.com/ann/default.html?page=";
  site.Page(base + "1", CnblogsPage({5, 4}));
  site.Page(base + "2", CnblogsPage({3, 2}));
  site.Page(base + "3", CnblogsPage({1}));
  site.Page(base + "4", CnblogsPage({}));
  ListingResult result = List("https://www.cnblogs.com/ann", site);
  EXPECT_EQ(result.method, ListingMethod::kProfileHtml);
  EXPECT_EQ(result.profile, "cnblogs");
  EXPECT_EQ(result.stop, ListingStop::kEmptyPage);
  EXPECT_EQ(result.pages, 4);
  EXPECT_EQ(result.posts.size(), 5u);
  EXPECT_EQ(result.posts[0].url, "https://www.cnblogs.com/ann/p/5");
  EXPECT_EQ(result.posts[0].title, "Post 5");
  // The author page itself was not needed: the profile is chosen by host.
  EXPECT_THAT(site.RequestedUrls(), ElementsAre(base + "1", base + "2", base + "3", base + "4"));
}

TEST(AuthorListingTest, RepeatedPageStops) {
  CannedSite site;
  const std::string base = "https://www.cnblogs.com/ann/default.html?page=";
  site.Page(base + "1", CnblogsPage({5, 4}));
  site.Page(base + "2", CnblogsPage({3}));
  site.Page(base + "3", CnblogsPage({3}));  // a site that repeats its last page
  ListingResult result = List("https://www.cnblogs.com/ann/", site);
  EXPECT_EQ(result.stop, ListingStop::kAllSeen);
  EXPECT_THAT(result.stop_detail, HasSubstr("the listing repeats"));
  EXPECT_EQ(result.posts.size(), 3u);
}

TEST(AuthorListingTest, JuejinCursorRequestsAndALoopingCursor) {
  CannedSite site;
  const std::string api = "https://api.juejin.cn/content_api/v1/article/query_list";
  auto answer = [](int first, const std::string& cursor, bool more) {
    return R"({"err_no":0,"data":[{"article_id":")" + std::to_string(first) +
           R"(","article_info":{"title":"T","mtime":"1739584800"}},{"article_id":")" +
           std::to_string(first + 1) + R"(","article_info":{"title":"U"}}],"cursor":")" + cursor +
           R"(","has_more":)" + (more ? "true" : "false") + "}";
  };
  site.Posts(api, {answer(1, "2", true), answer(3, "4", true), answer(5, "2", true)});
  ListingResult result = List("https://juejin.cn/user/4112/posts", site);
  EXPECT_EQ(result.method, ListingMethod::kProfileApi);
  EXPECT_EQ(result.stop, ListingStop::kCursorRepeated) << result.stop_detail;
  EXPECT_EQ(result.posts.size(), 6u);
  EXPECT_EQ(result.posts[0].url, "https://juejin.cn/post/1");
  EXPECT_EQ(result.posts[0].modified, "2025-02-15T02:00:00Z");
  ASSERT_EQ(site.requests().size(), 3u);
  const crawler::FetchRequest& first = site.requests()[0];
  EXPECT_EQ(first.method, "POST");
  EXPECT_EQ(first.body, R"({"user_id": "4112", "sort_type": 2, "cursor": "0"})");
  EXPECT_EQ(site.requests()[1].body, R"({"user_id": "4112", "sort_type": 2, "cursor": "2"})");
  EXPECT_EQ(FindHeader(first.headers, "origin"), "https://juejin.cn");
  EXPECT_EQ(FindHeader(first.headers, "content-type"), "application/json");

  CannedSite ends;
  ends.Posts(api, {answer(1, "2", true), answer(3, "4", false)});
  ListingResult ended = List("https://juejin.cn/user/4112", ends);
  EXPECT_EQ(ended.stop, ListingStop::kEnd);
  EXPECT_EQ(ended.posts.size(), 4u);
}

std::string CsdnAnswer(int first, int count, int total) {
  std::string list;
  for (int id = first; id < first + count; ++id) {
    if (!list.empty()) list += ",";
    list += R"({"articleId":)" + std::to_string(id) +
            R"(,"title":"t","url":"https://blog.csdn.net/zed/article/details/)" +
            std::to_string(id) + R"("})";
  }
  return R"({"code":200,"data":{"list":[)" + list + R"(],"total":)" + std::to_string(total) + "}}";
}

TEST(AuthorListingTest, CsdnPagesUntilTheStatedTotal) {
  CannedSite site;
  const std::string api =
      "https://blog.csdn.net/community/home-api/v1/"
      "get-business-list?page=%d&size=20&businessType=blog&orderby=&noMore=false&year=&month=&"
      "username=zed";
  auto url = [&](int page) {
    std::string u = api;
    u.replace(u.find("%d"), 2, std::to_string(page));
    return u;
  };
  site.Json("GET", url(1), CsdnAnswer(1, 20, 25));
  site.Json("GET", url(2), CsdnAnswer(21, 5, 25));
  ListingResult result = List("https://blog.csdn.net/zed", site);
  EXPECT_EQ(result.stop, ListingStop::kTotalReached) << result.stop_detail;
  EXPECT_EQ(result.stated_total, 25);
  EXPECT_EQ(result.posts.size(), 25u);
  EXPECT_THAT(site.RequestedUrls(), ElementsAre(url(1), url(2)));
  EXPECT_EQ(FindHeader(site.requests()[0].headers, "referer"), "https://blog.csdn.net/zed");
}

TEST(AuthorListingTest, ApiFailuresStopWithTheReason) {
  const std::string first =
      "https://blog.csdn.net/community/home-api/v1/"
      "get-business-list?page=1&size=20&businessType=blog&orderby=&noMore=false&year=&month=&"
      "username=zed";
  CannedSite block;
  block.Page(first, "<html><title>安全验证</title></html>");
  ListingResult blocked = List("https://blog.csdn.net/zed", block);
  EXPECT_EQ(blocked.stop, ListingStop::kBadResponse);
  EXPECT_THAT(blocked.stop_detail, HasSubstr("not JSON"));

  CannedSite error;
  error.Page(first, "oops", "text/plain", 503);
  ListingResult failed = List("https://blog.csdn.net/zed", error);
  EXPECT_EQ(failed.stop, ListingStop::kFetchFailed);
  EXPECT_THAT(failed.stop_detail, HasSubstr("HTTP 503"));

  CannedSite missing;  // the first request 404s: a failure, not the end
  ListingResult gone = List("https://blog.csdn.net/zed", missing);
  EXPECT_EQ(gone.stop, ListingStop::kFetchFailed);
}

TEST(AuthorListingTest, InfoqPagesCarryTheSitesCap) {
  CannedSite site;
  const std::string api = "https://xie.infoq.cn/public/v1/user/getListByAuthor";
  site.Posts(api,
             {R"({"data":[{"uuid":"a1","article_title":"A"},{"uuid":"b2"}]})", R"({"data":[]})"});
  ListingResult result = List("https://xie.infoq.cn/u/ann/publish", site);
  EXPECT_EQ(result.stop, ListingStop::kEmptyPage);
  EXPECT_EQ(result.max_items, 50);
  EXPECT_THAT(Urls(result),
              ElementsAre("https://xie.infoq.cn/article/a1", "https://xie.infoq.cn/article/b2"));
  ASSERT_EQ(site.requests().size(), 2u);
  EXPECT_EQ(site.requests()[1].body, R"({"id": "ann", "size": 20, "page": 2})");
  EXPECT_EQ(FindHeader(site.requests()[0].headers, "referer"),
            "https://xie.infoq.cn/u/ann/publish");
}

TEST(AuthorListingTest, MediumFeedWithPagingThatLoops) {
  CannedSite site;
  const std::string feed = "https://medium.com/feed/@ann";
  site.Page(
      feed,
      R"(<feed xmlns="http://www.w3.org/2005/Atom"><link rel="next" href="https://medium.com/feed/@ann?page=2"/>
<entry><title>A</title><link href="https://medium.com/@ann/a-1"/></entry></feed>)",
      "application/atom+xml");
  site.Page(
      feed + "?page=2",
      R"(<feed xmlns="http://www.w3.org/2005/Atom"><link rel="next" href="https://medium.com/feed/@ann"/>
<entry><title>B</title><link href="https://medium.com/@ann/b-2"/></entry></feed>)",
      "application/atom+xml");
  ListingResult result = List("https://medium.com/@ann", site);
  EXPECT_EQ(result.method, ListingMethod::kProfileFeed);
  EXPECT_EQ(result.stop, ListingStop::kUrlRepeated);
  EXPECT_THAT(Urls(result),
              ElementsAre("https://medium.com/@ann/a-1", "https://medium.com/@ann/b-2"));
}

TEST(AuthorListingTest, WordPressRecognisedByItsMarkupPagesOnUntil404) {
  CannedSite site;
  const std::string author = "https://blog.example.com/author/ann/";
  auto page = [](const std::string& slug, const std::string& next) {
    std::string html =
        "<html><head><meta name=generator content='WordPress 6.4'></head><body><main>"
        "<article class=post><h2 class=entry-title><a href=https://blog.example.com/2025/02/14/" +
        slug + "/>" + slug + "</a></h2></article>";
    if (!next.empty()) html += "<a class='next page-numbers' href=" + next + ">Older posts</a>";
    return html + "</main></body></html>";
  };
  site.Page(author, page("first-post-here", author + "page/2/"));
  site.Page(author + "page/2/", page("second-post-here", author + "page/3/"));
  ListingResult result = List(author, site);
  EXPECT_EQ(result.method, ListingMethod::kProfileHtml);
  EXPECT_EQ(result.profile, "wordpress");
  EXPECT_EQ(result.stop, ListingStop::kPageNotFound) << result.stop_detail;
  EXPECT_EQ(result.pages, 3);
  EXPECT_EQ(result.posts.size(), 2u);
}

TEST(AuthorListingTest, UrlThatIsAFeed) {
  CannedSite site;
  site.Page(
      "https://x.test/feed.xml",
      R"(<?xml version="1.0"?><rss version="2.0"><channel><item><link>https://x.test/p/1</link></item></channel></rss>)",
      "application/rss+xml");
  ListingResult result = List("https://x.test/feed.xml", site);
  EXPECT_EQ(result.method, ListingMethod::kFeed);
  EXPECT_EQ(result.stop, ListingStop::kEnd);
  EXPECT_THAT(Urls(result), ElementsAre("https://x.test/p/1"));
  EXPECT_EQ(result.pages, 1);
}

TEST(AuthorListingTest, SitemapsAtTheUsualPlacesWhenRobotsNamesNone) {
  CannedSite site;
  site.Page("https://x.test/", "<html><body><div id=app></div></body></html>");
  site.Page("https://x.test/robots.txt", "User-agent: *\nDisallow:\n", "text/plain");
  // /sitemap.xml is missing; /wp-sitemap.xml is an index.
  site.Page(
      "https://x.test/wp-sitemap.xml",
      R"(<sitemapindex><sitemap><loc>https://x.test/wp-sitemap-posts-post-1.xml</loc></sitemap>
<sitemap><loc>https://x.test/wp-sitemap-users-1.xml</loc></sitemap></sitemapindex>)",
      "application/xml");
  site.Page(
      "https://x.test/wp-sitemap-posts-post-1.xml",
      R"(<urlset><url><loc>https://x.test/2025/02/14/a-post/</loc><lastmod>2025-02-14</lastmod></url>
<url><loc>https://x.test/tag/cpp/</loc></url><url><loc>https://x.test/</loc></url></urlset>)",
      "application/xml");
  ListingResult result = List("https://x.test/", site);
  EXPECT_EQ(result.method, ListingMethod::kSitemap) << result.stop_detail;
  EXPECT_EQ(result.stop, ListingStop::kEnd);
  ASSERT_EQ(result.posts.size(), 1u);  // the site's root author: every post, no tag page
  EXPECT_EQ(result.posts[0].url, "https://x.test/2025/02/14/a-post/");
  EXPECT_EQ(result.posts[0].modified, "2025-02-14");
  for (const std::string& url : site.RequestedUrls()) {
    EXPECT_EQ(url.find("users"), std::string::npos) << url;
  }
}

// Sitemap indexes (Yoast, large sites) list gzipped sitemaps, served as files.
TEST(AuthorListingTest, GzippedSitemapsInAnIndexAreRead) {
  CannedSite site;
  site.Page("https://x.test/blog/sitemap_index.xml",
            R"(<sitemapindex><sitemap><loc>https://x.test/blog/post-sitemap.xml.gz</loc></sitemap>
</sitemapindex>)",
            "application/xml");
  site.Page("https://x.test/blog/post-sitemap.xml.gz",
            strata::testing::GzipOf(R"(<urlset><url><loc>https://x.test/a/one-post-here/</loc></url>
<url><loc>https://x.test/b/another-post-here/</loc></url></urlset>)"),
            "application/x-gzip");
  ListingResult result = List("https://x.test/blog/sitemap_index.xml", site);
  EXPECT_EQ(result.method, ListingMethod::kSitemap) << result.stop_detail;
  EXPECT_THAT(Urls(result), ElementsAre("https://x.test/a/one-post-here/",
                                        "https://x.test/b/another-post-here/"));
  // And given directly.
  ListingResult direct = List("https://x.test/blog/post-sitemap.xml.gz", site);
  EXPECT_EQ(direct.method, ListingMethod::kSitemap) << direct.stop_detail;
  EXPECT_EQ(direct.posts.size(), 2u);
}

TEST(AuthorListingTest, UrlThatIsASitemapTakesEveryPage) {
  CannedSite site;
  site.Page("https://x.test/blog/sitemap.xml",
            R"(<urlset><url><loc>https://x.test/a/one-post-here/</loc></url>
<url><loc>https://x.test/b/another-post-here/</loc></url></urlset>)",
            "application/xml");
  ListingResult result = List("https://x.test/blog/sitemap.xml", site);
  EXPECT_EQ(result.method, ListingMethod::kSitemap);
  EXPECT_THAT(Urls(result), ElementsAre("https://x.test/a/one-post-here/",
                                        "https://x.test/b/another-post-here/"));
  for (const std::string& url : site.RequestedUrls()) {
    EXPECT_EQ(url.find("robots.txt"), std::string::npos) << url;
  }
}

TEST(AuthorListingTest, NothingFoundSaysWhatWasTried) {
  CannedSite site;
  site.Page("https://x.test/u/ann", "<html><body>Loading</body></html>");
  ListingResult result = List("https://x.test/u/ann", site);
  EXPECT_EQ(result.method, ListingMethod::kNone);
  EXPECT_EQ(result.stop, ListingStop::kFetchFailed);
  EXPECT_THAT(result.stop_detail, HasSubstr("no sitemap could be read"));
  EXPECT_THAT(result.notes, ::testing::Contains("no post links on the author page"));
  EXPECT_THAT(result.notes, ::testing::Contains("the author page advertises no feed"));
}

TEST(AuthorListingTest, PageCapAndStop) {
  CannedSite site;
  const std::string base = "https://www.cnblogs.com/ann/default.html?page=";
  for (int page = 1; page <= 10; ++page)
    site.Page(base + std::to_string(page), CnblogsPage({page}));
  ListingResult capped = List("https://www.cnblogs.com/ann/", site, 3);
  EXPECT_EQ(capped.stop, ListingStop::kPageCap);
  EXPECT_EQ(capped.pages, 3);
  EXPECT_EQ(capped.posts.size(), 3u);

  int calls = 0;
  ListingResult stopped =
      List("https://www.cnblogs.com/ann/", site, 0, [&calls] { return ++calls > 3; });
  EXPECT_EQ(stopped.stop, ListingStop::kStopped);
  EXPECT_LT(stopped.pages, 4);
}

TEST(AuthorListingTest, BadUrl) {
  CannedSite site;
  Result<ListingResult> result = ListAuthorPosts("mailto:ann@x.test", site.Source(), {});
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(result.status().IsInvalidArgument());
  EXPECT_TRUE(site.requests().empty());
}

}  // namespace
}  // namespace strata::jobs
