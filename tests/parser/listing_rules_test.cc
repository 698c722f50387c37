#include "parser/listing_rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace strata::parser {
namespace {

using ::testing::HasSubstr;

config::SiteProfile Profile(std::string name, std::vector<std::string> hosts,
                            std::vector<config::ListingRule> rules) {
  config::SiteProfile profile;
  profile.name = std::move(name);
  profile.hosts = std::move(hosts);
  profile.listing = std::move(rules);
  return profile;
}

config::ListingRule Rule(std::string match, std::string items = "a") {
  config::ListingRule rule;
  rule.source = "t.toml";
  rule.key = "listing";
  rule.match = std::move(match);
  rule.items = std::move(items);
  return rule;
}

TEST(ListingRulesTest, ShippedProfilesCompile) {
  Result<std::vector<config::SiteProfile>> loaded = config::LoadSiteProfiles("");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  Result<ListingRules> rules = ListingRules::Compile(*loaded);
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  EXPECT_GE(rules->size(), 9u);
  EXPECT_EQ(rules->ProfileForHost("https://www.cnblogs.com/ann/"), "cnblogs");
  EXPECT_EQ(rules->ProfileForHost("https://ann.cnblogs.com/"), "cnblogs");
  EXPECT_EQ(rules->ProfileForHost("https://blog.csdn.net/zed"), "csdn");
  EXPECT_EQ(rules->ProfileForHost("https://juejin.cn/user/1"), "juejin");
  EXPECT_EQ(rules->ProfileForHost("https://blog.example.com/author/ann/"), "");
  EXPECT_EQ(rules->ProfileForHost("not a url"), "");

  struct Case {
    const char* profile;
    const char* url;
    const char* capture;
    const char* value;
  };
  for (const Case& c : {
           Case{"cnblogs", "https://www.cnblogs.com/ann/", "blog", "ann"},
           Case{"cnblogs", "https://www.cnblogs.com/ann/default.html?page=2", "blog", "ann"},
           Case{"csdn", "https://blog.csdn.net/zed", "user", "zed"},
           Case{"csdn", "https://blog.csdn.net/zed/article/list/2", "user", "zed"},
           Case{"juejin", "https://juejin.cn/user/4112/posts", "user_id", "4112"},
           Case{"infoq_xie", "https://xie.infoq.cn/u/ann/publish", "name", "ann"},
           Case{"wordpress", "https://blog.example.com/author/ann/page/3/", "author", "ann"},
           Case{"ghost", "https://ghost.example.com/author/ann/", "slug", "ann"},
           Case{"devto", "https://dev.to/ben", "user", "ben"},
           Case{"medium", "https://medium.com/@ann", "user", "ann"},
           Case{"medium", "https://ann.medium.com/", "sub", "ann"},
       }) {
    std::optional<ListingMatch> match = rules->Find(c.profile, c.url);
    ASSERT_TRUE(match.has_value()) << c.url;
    EXPECT_EQ(match->captures.at(c.capture), c.value) << c.url;
    EXPECT_EQ(match->rule->profile, c.profile);
  }
  // Post pages are not author pages.
  EXPECT_FALSE(rules->Find("cnblogs", "https://www.cnblogs.com/ann/p/123.html").has_value());
  EXPECT_FALSE(rules->Find("csdn", "https://blog.csdn.net/zed/article/details/1").has_value());
  EXPECT_FALSE(rules->Find("devto", "https://dev.to/ben/hello-1").has_value());
}

TEST(ListingRulesTest, FirstMatchingRuleOfTheProfileWins) {
  Result<ListingRules> rules = ListingRules::Compile(
      {Profile("a", {"x.test"}, {Rule("/u/(?P<id>\\d+)", "a.one"), Rule("/u/", "a.two")}),
       Profile("b", {"*.x.test"}, {Rule("/u/", "a.three")})});
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  std::optional<ListingMatch> numeric = rules->Find("a", "https://x.test/u/12");
  ASSERT_TRUE(numeric.has_value());
  EXPECT_EQ(numeric->rule->rule.items, "a.one");
  std::optional<ListingMatch> named = rules->Find("a", "https://x.test/u/ann");
  ASSERT_TRUE(named.has_value());
  EXPECT_EQ(named->rule->rule.items, "a.two");
  EXPECT_EQ(rules->Find("b", "https://x.test/u/12")->rule->rule.items, "a.three");
  EXPECT_FALSE(rules->Find("c", "https://x.test/u/12").has_value());
  EXPECT_EQ(rules->ProfileForHost("https://blog.x.test/u/1"), "b");
  EXPECT_EQ(rules->ProfileForHost("https://x.test/u/1"), "a");
}

TEST(ListingRulesTest, BadSelectorsAndPathsNameTheKey) {
  Result<ListingRules> bad_selector =
      ListingRules::Compile({Profile("a", {"x.test"}, {Rule("x", "a[")})});
  ASSERT_FALSE(bad_selector.ok());
  EXPECT_THAT(bad_selector.status().message(), HasSubstr("t.toml: listing.items: bad selector"));

  config::ListingRule api = Rule("x", "");
  api.kind = config::ListingKind::kApi;
  api.items_path = "data..list";
  Result<ListingRules> bad_path = ListingRules::Compile({Profile("a", {"x.test"}, {api})});
  ASSERT_FALSE(bad_path.ok());
  EXPECT_THAT(bad_path.status().message(),
              HasSubstr("t.toml: listing.items.path: bad JSON path 'data..list'"));

  config::ListingRule cursor = Rule("x", "");
  cursor.next_cursor = "cursor[";
  Result<ListingRules> bad_cursor = ListingRules::Compile({Profile("a", {"x.test"}, {cursor})});
  ASSERT_FALSE(bad_cursor.ok());
  EXPECT_THAT(bad_cursor.status().message(), HasSubstr("listing.paging.next_cursor"));
}

}  // namespace
}  // namespace strata::parser
