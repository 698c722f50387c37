#include "parser/listing_html.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/site_profile.h"
#include "parser/profile.h"
#include "tests/parser/test_util.h"

namespace strata::parser {
namespace {

using ::testing::ElementsAre;
using testing::ReadFixture;

// The shipped profiles, compiled both ways.
struct Shipped {
  Shipped() {
    Result<std::vector<config::SiteProfile>> loaded = config::LoadSiteProfiles("");
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    if (!loaded.ok()) return;
    Result<SiteProfiles> compiled = SiteProfiles::Compile(*loaded);
    EXPECT_TRUE(compiled.ok()) << compiled.status().ToString();
    if (compiled.ok()) profiles = std::move(*compiled);
    Result<ListingRules> compiled_rules = ListingRules::Compile(*loaded);
    EXPECT_TRUE(compiled_rules.ok()) << compiled_rules.status().ToString();
    if (compiled_rules.ok()) rules = std::move(*compiled_rules);
  }
  SiteProfiles profiles;
  ListingRules rules;
};

const Shipped& GetShipped() {
  static const Shipped* shipped = new Shipped();
  return *shipped;
}

HtmlListingPage ParseFixture(const std::string& name, const std::string& url,
                             const CompiledListingRule* rule, const SiteProfiles* profiles) {
  const std::string body = ReadFixture("listing/" + name);
  EXPECT_FALSE(body.empty()) << name;
  return ParseHtmlListing({url, body, "text/html; charset=utf-8"}, rule, url, profiles);
}

TEST(ListingHtmlTest, CnblogsGenericDetectionFindsThePosts) {
  const std::string url = "https://www.cnblogs.com/ann/";
  HtmlListingPage page = ParseFixture("cnblogs_author.html", url, nullptr, nullptr);
  EXPECT_FALSE(page.items_by_rule);
  EXPECT_THAT(page.items,
              ElementsAre("https://www.cnblogs.com/ann/p/18712345",
                          "https://www.cnblogs.com/ann/p/18700001.html",
                          "https://www.cnblogs.com/ann/archive/2025/01/20/18690000.html"));
  EXPECT_EQ(page.item_titles[0], "Asio 与 libcurl：一个事件循环");
  EXPECT_THAT(page.next_urls, ElementsAre("https://www.cnblogs.com/ann/default.html?page=2"));
  ASSERT_EQ(page.feeds.size(), 1u);
  EXPECT_EQ(page.feeds[0].url, "https://www.cnblogs.com/ann/rss");
  EXPECT_EQ(page.feeds[0].type, "application/rss+xml");
}

TEST(ListingHtmlTest, CnblogsShippedRule) {
  const std::string url = "https://www.cnblogs.com/ann/";
  const Shipped& shipped = GetShipped();
  std::optional<ListingMatch> match = shipped.rules.Find("cnblogs", url);
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->captures.at("blog"), "ann");
  HtmlListingPage page = ParseFixture("cnblogs_author.html", url, match->rule, &shipped.profiles);
  EXPECT_TRUE(page.items_by_rule);
  EXPECT_EQ(page.profile, "cnblogs");
  EXPECT_THAT(page.items,
              ElementsAre("https://www.cnblogs.com/ann/p/18712345",
                          "https://www.cnblogs.com/ann/p/18700001.html",
                          "https://www.cnblogs.com/ann/archive/2025/01/20/18690000.html"));
  EXPECT_EQ(page.item_titles[2], "[置顶] Gumbo 解析器的递归陷阱");
}

TEST(ListingHtmlTest, WordPressByGeneratorWithItsRule) {
  const std::string url = "https://blog.example.com/author/ann/";
  const Shipped& shipped = GetShipped();
  // Generic first: the page alone.
  HtmlListingPage generic = ParseFixture("wordpress_author.html", url, nullptr, &shipped.profiles);
  EXPECT_EQ(generic.profile, "wordpress");
  EXPECT_THAT(generic.items,
              ElementsAre("https://blog.example.com/2025/02/14/shutdown-order-in-asio/",
                          "https://blog.example.com/2025/01/30/why-the-frontier-lives-on-disk/",
                          "https://blog.example.com/2025/01/12/counting-views-without-versions/"));
  ASSERT_FALSE(generic.next_urls.empty());
  EXPECT_EQ(generic.next_urls[0], "https://blog.example.com/author/ann/page/2/");
  // The author's own feed comes before the site's.
  ASSERT_EQ(generic.feeds.size(), 3u);
  EXPECT_EQ(generic.feeds[0].url, "https://blog.example.com/author/ann/feed/");

  std::optional<ListingMatch> match = shipped.rules.Find("wordpress", url);
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->captures.at("author"), "ann");
  HtmlListingPage ruled = ParseFixture("wordpress_author.html", url, match->rule, nullptr);
  EXPECT_TRUE(ruled.items_by_rule);
  EXPECT_EQ(ruled.items, generic.items);
  EXPECT_THAT(ruled.next_urls, ElementsAre("https://blog.example.com/author/ann/page/2/"));
}

TEST(ListingHtmlTest, GhostByGeneratorWithItsRule) {
  const std::string url = "https://ghost.example.com/author/ann/";
  const Shipped& shipped = GetShipped();
  HtmlListingPage generic = ParseFixture("ghost_author.html", url, nullptr, &shipped.profiles);
  EXPECT_EQ(generic.profile, "ghost");
  EXPECT_THAT(generic.items,
              ElementsAre("https://ghost.example.com/why-queues-beat-locks/",
                          "https://ghost.example.com/the-cost-of-a-parse/",
                          "https://ghost.example.com/tombstones-for-deleted-posts/"));
  std::optional<ListingMatch> match = shipped.rules.Find("ghost", url);
  ASSERT_TRUE(match.has_value());
  HtmlListingPage ruled = ParseFixture("ghost_author.html", url, match->rule, nullptr);
  EXPECT_EQ(ruled.items, generic.items);
  EXPECT_EQ(ruled.item_titles[1].find("The cost of a parse"), 0u);
  EXPECT_THAT(ruled.next_urls, ElementsAre("https://ghost.example.com/author/ann/page/2/"));
}

TEST(ListingHtmlTest, NextLinksByRelTextAndClass) {
  const std::string url = "https://x.test/u/ann?page=1";
  const std::string html = R"(<html><head><base href="https://x.test/u/"></head><body>
    <a href="ann?page=1">1</a>
    <a href="ann?page=2" rel="next nofollow">2</a>
    <span class="next"><a href="ann?page=2b">→</a></span>
    <a href="ann?page=3">下一页</a>
    <a href="ann?page=4" aria-label="Next page">›</a>
    <a href="ann?page=0">上一页</a>
  </body></html>)";
  HtmlListingPage page = ParseHtmlListing({url, html, "text/html"}, nullptr, url, nullptr);
  EXPECT_THAT(page.next_urls,
              ElementsAre("https://x.test/u/ann?page=2", "https://x.test/u/ann?page=2b",
                          "https://x.test/u/ann?page=3", "https://x.test/u/ann?page=4"));
}

TEST(ListingHtmlTest, UrlFilterAndNonHtml) {
  // A rule's url_filter keeps only the post URLs it matches.
  config::SiteProfile profile;
  profile.name = "t";
  profile.hosts = {"x.test"};
  config::ListingRule rule;
  rule.key = "listing";
  rule.source = "t.toml";
  rule.match = "x\\.test/";
  rule.items = "a";
  rule.url_filter = "/p/\\d+$";
  profile.listing = {rule};
  Result<ListingRules> rules = ListingRules::Compile({profile});
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  std::optional<ListingMatch> match = rules->Find("t", "https://x.test/ann");
  ASSERT_TRUE(match.has_value());
  const std::string html =
      "<a href=/p/1>one</a><a href=/tag/x>tag</a><a href=/p/2>two</a><a href=/p/1>again</a>";
  HtmlListingPage page = ParseHtmlListing({"https://x.test/ann", html, "text/html"}, match->rule,
                                          "https://x.test/ann", nullptr);
  EXPECT_THAT(page.items, ElementsAre("https://x.test/p/1", "https://x.test/p/2"));

  HtmlListingPage image =
      ParseHtmlListing({"https://x.test/a.png", "\x89PNG\r\n\x1a\n", "image/png"}, nullptr,
                       "https://x.test/", nullptr);
  EXPECT_TRUE(image.items.empty());
  EXPECT_TRUE(image.next_urls.empty());
}

}  // namespace
}  // namespace strata::parser
