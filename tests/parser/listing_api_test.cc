#include "parser/listing_api.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/site_profile.h"

namespace strata::parser {
namespace {

using ::testing::HasSubstr;

// The shipped profiles' rules.
const ListingRules& Shipped() {
  static const ListingRules* rules = [] {
    Result<std::vector<config::SiteProfile>> loaded = config::LoadSiteProfiles("");
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    Result<ListingRules> compiled =
        ListingRules::Compile(loaded.ok() ? *loaded : std::vector<config::SiteProfile>{});
    EXPECT_TRUE(compiled.ok()) << compiled.status().ToString();
    return new ListingRules(compiled.ok() ? std::move(*compiled) : ListingRules());
  }();
  return *rules;
}

TEST(ListingApiTest, CsdnBusinessList) {
  std::optional<ListingMatch> match = Shipped().Find("csdn", "https://blog.csdn.net/zed");
  ASSERT_TRUE(match.has_value());
  const std::string body = R"({"code":200,"message":"success","data":{"list":[
    {"articleId":123456,"title":"Asio 入门","url":"https://blog.csdn.net/zed/article/details/123456",
     "postTime":"2025-02-14 10:00:00","viewCount":1234},
    {"articleId":123400,"title":"没有链接","url":"","postTime":"2025-02-01 08:00:00"},
    {"articleId":123300,"title":"下载","url":"https://download.csdn.net/download/zed/1"}
  ],"total":42}})";
  Result<ApiListingPage> page =
      ParseApiListing(body, *match->rule, match->captures,
                      "https://blog.csdn.net/community/home-api/v1/get-business-list?page=1");
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->raw_items, 3);
  ASSERT_EQ(page->items.size(), 1u);  // no URL; a download, not a post (url_filter)
  EXPECT_EQ(page->items[0].url, "https://blog.csdn.net/zed/article/details/123456");
  EXPECT_EQ(page->items[0].id, "123456");
  EXPECT_EQ(page->items[0].title, "Asio 入门");
  EXPECT_EQ(page->items[0].published, "2025-02-14T10:00:00+08:00");  // the site's zone
  EXPECT_EQ(page->items[0].views, 1234);
  EXPECT_EQ(page->total, 42);
  EXPECT_FALSE(page->has_more.has_value());
  EXPECT_THAT(page->problem, HasSubstr("item 2 has no usable URL"));
}

TEST(ListingApiTest, JuejinQueryList) {
  std::optional<ListingMatch> match = Shipped().Find("juejin", "https://juejin.cn/user/42/posts");
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->captures.at("user_id"), "42");
  const std::string body = R"({"err_no":0,"data":[
    {"article_id":"7001","article_info":{"title":"First","ctime":"1739498400","mtime":"1739584800","view_count":12}},
    {"article_id":"7002","article_info":{"title":"Second","ctime":"1739412000","mtime":"1739412000"}}
  ],"cursor":"2","has_more":true})";
  Result<ApiListingPage> page =
      ParseApiListing(body, *match->rule, match->captures,
                      "https://api.juejin.cn/content_api/v1/article/query_list");
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].url, "https://juejin.cn/post/7001");
  EXPECT_EQ(page->items[0].published, "2025-02-14T02:00:00Z");
  EXPECT_EQ(page->items[0].modified, "2025-02-15T02:00:00Z");
  EXPECT_EQ(page->items[0].views, 12);
  EXPECT_FALSE(page->items[1].views.has_value());
  EXPECT_EQ(page->next_cursor, "2");
  EXPECT_EQ(page->has_more, true);
}

TEST(ListingApiTest, InfoqAndDevto) {
  std::optional<ListingMatch> infoq =
      Shipped().Find("infoq_xie", "https://xie.infoq.cn/u/ann/publish");
  ASSERT_TRUE(infoq.has_value());
  Result<ApiListingPage> page = ParseApiListing(
      R"({"code":0,"data":[{"uuid":"0a1b2c3d4e5f","article_title":"标题","publish_time":1739498400000,"views":7}]})",
      *infoq->rule, infoq->captures, "https://xie.infoq.cn/public/v1/user/getListByAuthor");
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].url, "https://xie.infoq.cn/article/0a1b2c3d4e5f");
  EXPECT_EQ(page->items[0].published, "2025-02-14T02:00:00Z");

  std::optional<ListingMatch> devto = Shipped().Find("devto", "https://dev.to/ben");
  ASSERT_TRUE(devto.has_value());
  Result<ApiListingPage> articles = ParseApiListing(
      R"([{"id":1,"title":"Hello","url":"https://dev.to/ben/hello-1","published_at":"2025-02-14T10:00:00Z","edited_at":null}])",
      *devto->rule, devto->captures, "https://dev.to/api/articles?username=ben&page=1");
  ASSERT_TRUE(articles.ok()) << articles.status().ToString();
  ASSERT_EQ(articles->items.size(), 1u);
  EXPECT_EQ(articles->items[0].url, "https://dev.to/ben/hello-1");
  EXPECT_EQ(articles->items[0].modified, "");
  Result<ApiListingPage> none = ParseApiListing("[]", *devto->rule, devto->captures,
                                                "https://dev.to/api/articles?username=ben&page=2");
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->raw_items, 0);
}

TEST(ListingApiTest, ErrorsSayWhatIsWrong) {
  std::optional<ListingMatch> match = Shipped().Find("csdn", "https://blog.csdn.net/zed");
  ASSERT_TRUE(match.has_value());
  const std::string url = "https://blog.csdn.net/x";
  Result<ApiListingPage> html =
      ParseApiListing("<html>安全验证</html>", *match->rule, match->captures, url);
  ASSERT_FALSE(html.ok());
  EXPECT_TRUE(html.status().IsCorruption());
  EXPECT_THAT(html.status().message(), HasSubstr("not JSON (it starts: <html>"));
  Result<ApiListingPage> moved =
      ParseApiListing(R"({"data":{"items":[]}})", *match->rule, match->captures, url);
  ASSERT_FALSE(moved.ok());
  EXPECT_TRUE(moved.status().IsNotFound());
  EXPECT_EQ(moved.status().message(), "data.list: 'data' has no member 'list' (it has: items)");
  Result<ApiListingPage> object =
      ParseApiListing(R"({"data":{"list":{}}})", *match->rule, match->captures, url);
  ASSERT_FALSE(object.ok());
  EXPECT_THAT(object.status().message(), HasSubstr("data.list is an object, not an array"));
}

TEST(ListingApiTest, Lookup) {
  config::SiteProfile profile;
  profile.name = "t";
  profile.hosts = {"x.test"};
  config::ListingRule rule;
  rule.source = "t.toml";
  rule.key = "listing";
  rule.match = "x";
  rule.kind = config::ListingKind::kApi;
  rule.item.url = "url";
  rule.has_lookup = true;
  rule.lookup.values = {{"uid", "data.uid"}, {"nick", "data.nick"}};
  profile.listing = {rule};
  Result<ListingRules> rules = ListingRules::Compile({profile});
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  const CompiledListingRule& compiled = *rules->Find("t", "x")->rule;
  Result<config::TemplateValues> values =
      ParseListingLookup(R"({"data":{"uid":12345,"nick":"Ann"}})", compiled);
  ASSERT_TRUE(values.ok()) << values.status().ToString();
  EXPECT_EQ(*values, (config::TemplateValues{{"nick", "Ann"}, {"uid", "12345"}}));
  Result<config::TemplateValues> missing = ParseListingLookup(R"({"data":{"uid":1}})", compiled);
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(missing.status().message(), HasSubstr("data.nick: 'data' has no member 'nick'"));
  Result<config::TemplateValues> null_value =
      ParseListingLookup(R"({"data":{"uid":null,"nick":"x"}})", compiled);
  ASSERT_FALSE(null_value.ok());
  EXPECT_THAT(null_value.status().message(), HasSubstr("data.uid is null, not a value for {uid}"));
}

}  // namespace
}  // namespace strata::parser
