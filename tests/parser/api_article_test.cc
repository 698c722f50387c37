#include "parser/api_article.h"

#include <gtest/gtest.h>

#include <string>

#include "config/site_profile.h"
#include "tests/parser/test_util.h"

namespace strata::parser {
namespace {

using testing::ReadFixture;

// The shipped profiles (their [api] and [counters] as the sites are described).
const ApiProfiles& Shipped() {
  static const ApiProfiles* profiles = [] {
    Result<std::vector<config::SiteProfile>> loaded = config::LoadSiteProfiles("");
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    Result<ApiProfiles> compiled =
        ApiProfiles::Compile(loaded.ok() ? *loaded : std::vector<config::SiteProfile>());
    EXPECT_TRUE(compiled.ok()) << compiled.status().ToString();
    return new ApiProfiles(compiled.ok() ? *compiled : ApiProfiles());
  }();
  return *profiles;
}

Result<ApiProfiles> CompileText(std::string_view text) {
  Result<config::SiteProfile> profile = config::ParseSiteProfile(text, "example", "example.toml");
  if (!profile.ok()) return profile.status();
  return ApiProfiles::Compile({*profile});
}

TEST(ApiArticleTest, InfoqDetail) {
  const std::string url = "https://xie.infoq.cn/article/5a1b2c3d4e5f60718293a4b5c";
  std::optional<ApiMatch> match = Shipped().FindDetail(url);
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->api->profile, "infoq_xie");
  EXPECT_EQ(match->values.at("uuid"), "5a1b2c3d4e5f60718293a4b5c");
  EXPECT_EQ(match->values.at("url"), url);
  EXPECT_FALSE(Shipped().FindDetail("https://xie.infoq.cn/u/someone/publish").has_value());

  const std::string json = ReadFixture("api/infoq_detail.json");
  Result<Article> article =
      ArticleFromApi(*match->api, {.url = url, .body = json, .fetched_at = 1739600000000});
  ASSERT_TRUE(article.ok()) << article.status().ToString();
  EXPECT_EQ(article->url, url);
  EXPECT_EQ(article->site, "xie.infoq.cn");
  EXPECT_EQ(article->title, "一致性哈希的原理与实现");
  EXPECT_EQ(article->author, "张三");
  EXPECT_EQ(article->published, "2025-02-14T02:00:00Z");  // publish_time in ms
  EXPECT_EQ(article->description, "从哈希环到虚拟节点");
  EXPECT_EQ(article->tags, (std::vector<std::string>{"Go", "分布式"}));
  EXPECT_EQ(article->counters.views, 2345);
  EXPECT_EQ(article->counters.likes, 12);
  EXPECT_EQ(article->counters.comments, 3);
  EXPECT_EQ(article->lang, "zh");
  EXPECT_GT(article->word_count, 30);
  EXPECT_EQ(article->body.substr(0, article->body.find('\n')), "为什么需要一致性哈希");
  EXPECT_NE(article->body.find("func (r *Ring) Get(key string) string {"), std::string::npos);
  EXPECT_NE(
      article->body_html.find("<img src=\"https://static001.geekbang.org/infoq/5a/5a1b2c.png\""),
      std::string::npos)
      << article->body_html;
  EXPECT_NE(article->body_markdown.find("## 为什么需要一致性哈希"), std::string::npos);
  EXPECT_NE(article->body_markdown.find("**一致性哈希**"), std::string::npos);
  EXPECT_NE(article->body_markdown.find("- 虚拟节点让负载更均匀"), std::string::npos);
}

TEST(ApiArticleTest, JuejinDetailWithItsModifiedTimeAndMarkdown) {
  const std::string url = "https://juejin.cn/post/7340000000000000001";
  std::optional<ApiMatch> match = Shipped().FindDetail(url);
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->values.at("article_id"), "7340000000000000001");
  const std::string json = ReadFixture("api/juejin_detail.json");
  Result<Article> article = ArticleFromApi(*match->api, {.url = url, .body = json});
  ASSERT_TRUE(article.ok()) << article.status().ToString();
  EXPECT_EQ(article->title, "深入理解 Vue 3 响应式原理");
  EXPECT_EQ(article->author, "前端小王");
  EXPECT_EQ(article->published, "2025-02-14T02:00:00Z");  // ctime, seconds as a string
  EXPECT_EQ(article->modified, "2025-02-15T02:00:00Z");   // mtime
  EXPECT_EQ(article->tags, (std::vector<std::string>{"Vue.js", "前端"}));
  EXPECT_EQ(article->counters.views, 12034);
  EXPECT_EQ(article->counters.likes, 456);
  EXPECT_EQ(article->counters.comments, 78);
  // The Markdown source as text, sanitized HTML and Markdown again.
  EXPECT_EQ(article->body.substr(0, article->body.find('\n')), "背景");
  EXPECT_NE(article->body.find("可以拦截数组下标"), std::string::npos) << article->body;
  EXPECT_NE(article->body.find("const state = reactive({ count: 0 })"), std::string::npos);
  EXPECT_NE(article->body_html.find("<table>"), std::string::npos) << article->body_html;
  EXPECT_NE(article->body_html.find("<code class=\"language-js\">"), std::string::npos);
  EXPECT_EQ(article->body_html.find("<script"), std::string::npos) << article->body_html;
  EXPECT_EQ(article->body.find("alert"), std::string::npos) << article->body;
  EXPECT_NE(article->body_markdown.find("| Vue 3 | Proxy |"), std::string::npos)
      << article->body_markdown;
  EXPECT_NE(article->body_markdown.find("```js"), std::string::npos);
  EXPECT_NE(article->body_markdown.find("![响应式原理](https://p3-juejin.byteimg.com/"),
            std::string::npos);
}

TEST(ApiArticleTest, AnErrorAnswerSaysWhatItHeld) {
  std::optional<ApiMatch> match = Shipped().FindDetail("https://juejin.cn/post/1");
  ASSERT_TRUE(match.has_value());
  Result<Article> article = ArticleFromApi(
      *match->api,
      {.url = "https://juejin.cn/post/1", .body = ReadFixture("api/juejin_not_found.json")});
  ASSERT_FALSE(article.ok());
  EXPECT_EQ(article.status().message(),
            "API answer has no article (err_no 404, err_msg 文章不存在)");
  Result<Article> not_json =
      ArticleFromApi(*match->api, {.url = "https://juejin.cn/post/1", .body = "<html>安全验证"});
  ASSERT_FALSE(not_json.ok());
  EXPECT_NE(not_json.status().message().find("not JSON"), std::string::npos);
}

TEST(ApiArticleTest, CnblogsCountersFromTheAjaxAnswerAndThePostIdFromThePage) {
  const std::string url = "https://www.cnblogs.com/someone/p/some-slug.html";
  EXPECT_FALSE(Shipped().FindDetail(url).has_value());
  std::optional<ApiMatch> match = Shipped().FindCounters(url);
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->values.at("blog"), "someone");
  config::TemplateValues values = match->values;
  const std::string page = ReadFixture("cnblogs_post.html");
  Status added = AddPageValues(
      *match->api, page + "<script>var cb_entryId = 18712345, cb_blogApp = 'x';</script>", &values);
  ASSERT_TRUE(added.ok()) << added.ToString();
  EXPECT_EQ(values.at("post_id"), "18712345");
  EXPECT_TRUE(AddPageValues(*match->api, "<html>no id here</html>", &values).IsNotFound());

  Result<Counters> counters =
      CountersFromApi(*match->api, ReadFixture("api/cnblogs_post_stat.json"));
  ASSERT_TRUE(counters.ok()) << counters.status().ToString();
  EXPECT_EQ(counters->views, 1523);
  EXPECT_EQ(counters->comments, 4);
  EXPECT_EQ(counters->likes, 12);
  EXPECT_FALSE(CountersFromApi(*match->api, "[]").ok());
}

TEST(ApiArticleTest, ValuesOfEveryShape) {
  Result<ApiProfiles> apis = CompileText(R"(hosts = ["x.test"]
utc_offset = "+08:00"
[api]
match = 'x\.test/(?P<id>\d+)'
url = "https://x.test/api/{id}"
body_format = "text"
[api.fields]
title = ["missing.title", "t"]
published = "when"
modified = "changed"
body = "text"
views = "views"
likes = "likes"
comments = "comments"
tags = ["none[]", "tags"]
)");
  ASSERT_TRUE(apis.ok()) << apis.status().ToString();
  std::optional<ApiMatch> match = apis->FindDetail("https://x.test/42");
  ASSERT_TRUE(match.has_value());
  Result<Article> article = ArticleFromApi(*match->api, {.url = "https://x.test/42", .body = R"({
    "t": "  A   title\n",
    "when": "2025-02-14 10:00",
    "changed": 1739584800,
    "text": "first line\n\n  second line  \n",
    "views": "1.2万", "likes": 7.0, "comments": -3,
    "tags": ["#go", "go", " rust ", 5, null]})"});
  ASSERT_TRUE(article.ok()) << article.status().ToString();
  EXPECT_EQ(article->title, "A title");                        // the second candidate path
  EXPECT_EQ(article->published, "2025-02-14T10:00:00+08:00");  // the profile's zone
  EXPECT_EQ(article->modified, "2025-02-15T02:00:00Z");
  EXPECT_EQ(article->body, "first line\nsecond line");
  EXPECT_EQ(article->counters.views, 12000);
  EXPECT_EQ(article->counters.likes, 7);
  EXPECT_FALSE(article->counters.comments.has_value());
  EXPECT_EQ(article->tags, (std::vector<std::string>{"go", "rust", "5"}));
}

TEST(ApiArticleTest, BadPathsAreReportedWhenCompiled) {
  Result<ApiProfiles> apis = CompileText(R"(hosts = ["x.test"]
[api]
match = 'x'
url = "https://x.test/a"
[api.fields]
title = "data..title"
)");
  ASSERT_FALSE(apis.ok());
  EXPECT_NE(apis.status().message().find("example.toml: api.fields.title: bad JSON path"),
            std::string::npos)
      << apis.status().ToString();
}

TEST(ApiArticleTest, JuejinScriptDataOnTheServerRenderedPage) {
  const std::string url = "https://juejin.cn/post/7340000000000000001";
  const CompiledScript* script = Shipped().FindScript(url);
  ASSERT_NE(script, nullptr);
  Result<Article> article =
      ArticleFromScript(*script, ReadFixture("api/juejin_post_nuxt.html"), url, 0);
  ASSERT_TRUE(article.ok()) << article.status().ToString();
  EXPECT_EQ(article->modified, "2025-02-15T02:00:00Z");
  EXPECT_EQ(article->published, "2025-02-14T02:00:00Z");
  EXPECT_EQ(article->counters.views, 12034);
  EXPECT_EQ(article->body.substr(0, article->body.find('\n')), "背景");
  EXPECT_NE(article->body.find("可以拦截数组下标"), std::string::npos) << article->body;
  EXPECT_NE(article->body_markdown.find("```js"), std::string::npos) << article->body_markdown;
  EXPECT_TRUE(ArticleFromScript(*script, "<html>no state</html>", url, 0).status().IsNotFound());
  EXPECT_FALSE(ArticleFromScript(*script, "<script>window.__NUXT__={x:1}</script>", url, 0).ok());
}

TEST(ApiArticleTest, MergeKeepsThePageWhereTheApiIsSilent) {
  Article page;
  page.title = "Page title";
  page.author = "Page author";
  page.body = "page body";
  page.counters.views = 10;
  page.counters.likes = 2;
  Article api;
  api.modified = "2025-02-15T02:00:00Z";
  api.counters.views = 11;
  api.tags = {"a"};
  MergeApiArticle(api, &page);
  EXPECT_EQ(page.title, "Page title");
  EXPECT_EQ(page.body, "page body");
  EXPECT_EQ(page.modified, "2025-02-15T02:00:00Z");
  EXPECT_EQ(page.counters.views, 11);
  EXPECT_EQ(page.counters.likes, 2);
  EXPECT_EQ(page.tags, (std::vector<std::string>{"a"}));
}

TEST(ApiArticleTest, HostileAnswersNeverCrash) {
  std::optional<ApiMatch> match =
      Shipped().FindDetail("https://xie.infoq.cn/article/5a1b2c3d4e5f60718293a4b5c");
  ASSERT_TRUE(match.has_value());
  std::string deep(200000, '[');
  for (const std::string& body :
       {std::string(""), std::string("null"), std::string("{\"data\": []}"),
        std::string("{\"data\": {\"content\": 5, \"article_title\": {\"x\": 1}}}"),
        std::string("{\"data\": {\"content\": \"{not json\"}}"), deep,
        std::string("{\"data\": {\"content\": \"") + std::string(100000, '{') + "\"}}"}) {
    (void)ArticleFromApi(*match->api, {.url = "https://xie.infoq.cn/article/5a", .body = body});
  }
}

}  // namespace
}  // namespace strata::parser
