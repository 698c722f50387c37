// The shipped site profiles (config/sites/*.toml, compiled into the program) against one
// fixture each (tests/parser/data/sites/<name>.html): small pages in the real sites' markup,
// with the traps those sites have (counters of other posts in sidebars, comment dates,
// replies, decorated titles). Each test checks that the profile is the one chosen and what it
// reads: title, author, date and a counter at least.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "config/site_profile.h"
#include "parser/extract.h"
#include "parser/page_index.h"
#include "parser/profile.h"
#include "parser/profile_apply.h"
#include "test_util.h"

namespace strata::parser {
namespace {

using testing::ReadFixture;

// 2025-02-20T12:00:00Z
constexpr UnixMillis kFetchedAt = 1740052800000;

class SiteProfilesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    Result<std::vector<config::SiteProfile>> loaded = config::LoadSiteProfiles("");
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    Result<SiteProfiles> compiled = SiteProfiles::Compile(*loaded);
    ASSERT_TRUE(compiled.ok()) << compiled.status().ToString();
    profiles_ = new SiteProfiles(std::move(*compiled));
  }
  static void TearDownTestSuite() {
    delete profiles_;
    profiles_ = nullptr;
  }

  // Extracts fixture sites/<name>.html fetched from `url` with the shipped profiles, and
  // checks that the profile `name` is the one the page gets.
  Article Extract(const std::string& name, std::string_view url) {
    html_ = ReadFixture("sites/" + name + ".html");
    EXPECT_FALSE(html_.empty()) << name;
    const HtmlDocument doc = HtmlDocument::Parse(html_);
    const PageIndex index = IndexPage(doc);
    const CompiledProfile* chosen = SelectProfile(*profiles_, UrlHostOf(url), index.meta, doc);
    EXPECT_NE(chosen, nullptr) << name;
    if (chosen != nullptr) {
      EXPECT_EQ(chosen->profile.name, name);
    }
    ExtractInput input;
    input.url = url;
    input.body = html_;
    input.content_type = "text/html; charset=utf-8";
    input.fetched_at = kFetchedAt;
    ExtractOptions options;
    options.site_profiles = profiles_;
    Result<Article> article = parser::Extract(input, options);
    EXPECT_TRUE(article.ok()) << article.status().ToString();
    return article.ok() ? std::move(*article) : Article();
  }

  static std::string UrlHostOf(std::string_view url) {
    const size_t start = url.find("://") + 3;
    return std::string(url.substr(start, url.find('/', start) - start));
  }

  static SiteProfiles* profiles_;
  std::string html_;
};

SiteProfiles* SiteProfilesTest::profiles_ = nullptr;

bool Contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST_F(SiteProfilesTest, Cnblogs) {
  const Article a = Extract("cnblogs", "https://www.cnblogs.com/lilei/p/18800001");
  EXPECT_EQ(a.title, "Rust 所有权与借用");
  EXPECT_EQ(a.author, "李雷");
  EXPECT_EQ(a.published, "2025-02-14T10:00:00+08:00");  // the profile's zone: Beijing time
  EXPECT_EQ(a.modified, "2025-02-15T09:30:00+08:00");
  EXPECT_EQ(a.counters.views, 256);  // not the sidebar's 9999
  EXPECT_EQ(a.counters.comments, 2);
  EXPECT_EQ(a.counters.likes, 7);
  EXPECT_EQ(a.tags, (std::vector<std::string>{"Rust", "内存安全"}));
  EXPECT_TRUE(a.body.starts_with("所有权是 Rust 最独特的特性")) << a.body;
  EXPECT_TRUE(a.body.ends_with("要么有任意多个不可变引用。")) << a.body;
  EXPECT_FALSE(Contains(a.body, "收藏了"));
}

TEST_F(SiteProfilesTest, CnblogsSubdomainUsesTheWildcard) {
  const Article a = Extract("cnblogs", "https://lilei.cnblogs.com/p/18800001");
  EXPECT_EQ(a.author, "李雷");
}

TEST_F(SiteProfilesTest, Csdn) {
  const Article a = Extract("csdn", "https://blog.csdn.net/zhang_san/article/details/145000001");
  EXPECT_EQ(a.title, "Python 异步编程实战");
  EXPECT_EQ(a.author, "张三丰");
  EXPECT_EQ(a.published, "2025-02-14T10:00:00+08:00");  // 首次发布, not 修改
  EXPECT_EQ(a.modified, "2025-02-15T09:30:00+08:00");
  EXPECT_EQ(a.counters.views, 12000);  // "1.2w"; not the recommendation's 9.9w
  EXPECT_EQ(a.counters.likes, 56);
  EXPECT_EQ(a.counters.comments, 8);
  EXPECT_EQ(a.tags, (std::vector<std::string>{"python", "asyncio"}));
  EXPECT_TRUE(a.body.starts_with("事件循环\nasyncio 的核心是事件循环")) << a.body;
  EXPECT_TRUE(Contains(a.body, "async def main():\n    await asyncio.sleep(1)"));
  EXPECT_FALSE(Contains(a.body, "点赞"));
}

TEST_F(SiteProfilesTest, Juejin) {
  const Article a = Extract("juejin", "https://juejin.cn/post/7470000000000000001");
  EXPECT_EQ(a.title, "深入理解 Go 调度器");
  EXPECT_EQ(a.author, "码农小王");
  EXPECT_EQ(a.published, "2025-02-14T02:00:00Z");  // <time datetime>, as written (UTC)
  EXPECT_EQ(a.counters.views, 2345);               // not the sidebar's 99,999
  EXPECT_EQ(a.counters.likes, 36);
  EXPECT_EQ(a.counters.comments, 4);
  EXPECT_EQ(a.tags, (std::vector<std::string>{"Go", "后端"}));
  EXPECT_TRUE(a.body.starts_with("GMP 模型\nGo 的调度器由")) << a.body;
  EXPECT_FALSE(Contains(a.body, "学到了"));
}

TEST_F(SiteProfilesTest, SegmentFault) {
  const Article a = Extract("segmentfault", "https://segmentfault.com/a/1190000046000001");
  EXPECT_EQ(a.title, "TypeScript 类型体操入门");
  EXPECT_EQ(a.author, "前端小王");
  EXPECT_EQ(a.published, "2025-02-14T10:00:00+08:00");
  EXPECT_EQ(a.counters.views, 1500);  // "1.5k"; not the sidebar's 9.8k
  EXPECT_EQ(a.counters.likes, 18);
  EXPECT_EQ(a.tags, (std::vector<std::string>{"typescript", "前端"}));
  EXPECT_TRUE(a.body.starts_with("类型体操指的是")) << a.body;
}

TEST_F(SiteProfilesTest, DevTo) {
  const Article a = Extract("devto", "https://dev.to/bob_k/writing-a-tiny-allocator-in-zig-3kx9");
  EXPECT_EQ(a.title, "Writing a Tiny Allocator in Zig");
  EXPECT_EQ(a.author, "Bob Kowalski");
  EXPECT_EQ(a.published, "2025-02-14T10:00:00Z");
  EXPECT_EQ(a.counters.likes, 57);  // the reaction total; not "12 reactions" of another post
  EXPECT_EQ(a.counters.comments, 3);
  EXPECT_FALSE(a.counters.views);  // dev.to shows views to the author only
  EXPECT_EQ(a.tags, (std::vector<std::string>{"zig", "systems"}));
  EXPECT_TRUE(a.body.starts_with("A bump allocator hands out memory")) << a.body;
  EXPECT_FALSE(Contains(a.body, "thanks Bob"));
}

TEST_F(SiteProfilesTest, Medium) {
  const Article a =
      Extract("medium", "https://betterprogramming.pub/the-quiet-cost-of-microservices-9f1e2");
  EXPECT_EQ(a.title, "The Quiet Cost of Microservices");
  EXPECT_EQ(a.author, "Dana Lee");
  EXPECT_EQ(a.published, "2025-02-14");  // "Feb 14, 2025" as the story shows it
  EXPECT_EQ(a.counters.likes, 1200);     // claps: "1.2K"; not the recommendation's 5.4K
  EXPECT_EQ(a.counters.comments, 23);
  EXPECT_EQ(a.tags, (std::vector<std::string>{"Software Architecture", "Microservices"}));
  EXPECT_TRUE(a.body.starts_with("Splitting a monolith")) << a.body;  // no title, no byline
  EXPECT_TRUE(Contains(a.body, "you have built a distributed monolith."));
}

TEST_F(SiteProfilesTest, MediumOnItsOwnDomain) {
  const Article a = Extract("medium", "https://medium.com/@danalee/the-quiet-cost-9f1e2");
  EXPECT_EQ(a.author, "Dana Lee");
}

TEST_F(SiteProfilesTest, WordPressBySignatureWithoutGenerator) {
  const Article a =
      Extract("wordpress", "https://ops.example.org/2025/02/14/tuning-postgresql-autovacuum/");
  EXPECT_EQ(a.title, "Tuning PostgreSQL Autovacuum");
  EXPECT_EQ(a.author, "Maria Santos");
  EXPECT_EQ(a.published, "2025-02-14T10:00:00Z");
  EXPECT_EQ(a.counters.views, 3456);             // Post Views Counter...
  EXPECT_FALSE(Contains(a.body, "Post Views"));  // ...which is not content
  EXPECT_FALSE(Contains(a.body, "Share this"));
  EXPECT_FALSE(Contains(a.body, "This fixed our bloat"));
  EXPECT_EQ(a.tags, (std::vector<std::string>{"PostgreSQL", "Performance"}));
  EXPECT_TRUE(a.body.starts_with("Autovacuum keeps tables from bloating")) << a.body;
  EXPECT_TRUE(a.body.ends_with("finish quickly.")) << a.body;
}

TEST_F(SiteProfilesTest, Ghost) {
  const Article a = Extract("ghost", "https://blog.smallteam.dev/why-we-moved-off-kubernetes/");
  EXPECT_EQ(a.title, "Why We Moved Off Kubernetes");
  EXPECT_EQ(a.author, "Priya Natarajan");
  EXPECT_EQ(a.published, "2025-02-14");
  EXPECT_EQ(a.modified, "2025-02-15T11:00:00Z");  // no rule: the cascade's article:modified_time
  EXPECT_TRUE(a.counters.empty());
  EXPECT_TRUE(a.body.starts_with("Three engineers were spending a day a week")) << a.body;
  EXPECT_FALSE(Contains(a.body, "SQLite in Production"));
}

TEST_F(SiteProfilesTest, DiscourseFirstPostIsTheArticle) {
  const Article a =
      Extract("discourse",
              "https://users.rust-lang.example/t/how-do-i-pin-a-dependency-in-a-workspace/120001");
  EXPECT_EQ(a.title, "How do I pin a dependency in a workspace?");
  EXPECT_EQ(a.author, "ferris_fan");  // not the reply's cargo_expert
  EXPECT_EQ(a.published, "2025-02-14T10:00:00Z");
  EXPECT_EQ(a.modified, "2025-02-14T10:05:00Z");
  EXPECT_EQ(a.counters.likes, 4);  // the first post's, not the reply's 27
  EXPECT_EQ(a.tags, (std::vector<std::string>{"cargo", "workspaces"}));
  EXPECT_TRUE(a.body.starts_with("I have a workspace with five crates")) << a.body;
  EXPECT_TRUE(a.body.ends_with("for the whole workspace?")) << a.body;
  EXPECT_FALSE(Contains(a.body, "workspace.dependencies"));  // the reply
}

TEST_F(SiteProfilesTest, InfoqXie) {
  const Article a = Extract("infoq_xie", "https://xie.infoq.cn/article/0a1b2c3d4e5f60718293a4b5c");
  EXPECT_EQ(a.title, "一次 Redis 热点 Key 的排查");
  EXPECT_EQ(a.author, "赵敏");
  EXPECT_EQ(a.published, "2025-02-14");
  EXPECT_EQ(a.counters.views, 11000);  // "1.1万"; not the recommendation's 9999
  EXPECT_EQ(a.counters.likes, 23);
  EXPECT_EQ(a.tags, (std::vector<std::string>{"Redis", "性能优化"}));
  EXPECT_TRUE(a.body.starts_with("周五晚高峰")) << a.body;
  EXPECT_FALSE(Contains(a.body, "阅读数"));
}

TEST_F(SiteProfilesTest, InfoqTitleFromOgTitleWhenThePageIsAShell) {
  // The shell a plain fetch often gets: only the head is filled in.
  const std::string shell =
      "<html><head><title>一次 Redis 热点 Key 的排查_Redis_赵敏_InfoQ写作社区</title>"
      "<meta property=\"og:title\" content=\"一次 Redis 热点 Key 的排查_Redis_赵敏_"
      "InfoQ写作社区\"></head><body><div id=\"app\"></div></body></html>";
  ExtractInput input;
  input.url = "https://xie.infoq.cn/article/0a1b2c3d4e5f60718293a4b5c";
  input.body = shell;
  ExtractOptions options;
  options.site_profiles = profiles_;
  Result<Article> a = parser::Extract(input, options);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->title, "一次 Redis 热点 Key 的排查");
  EXPECT_TRUE(a->body.empty());
}

TEST_F(SiteProfilesTest, OtherSitesUseTheCascadeAlone) {
  const std::string page = ReadFixture("cnblogs_post.html");
  ExtractInput input;
  input.url = "https://blog.example.net/p/1";
  input.body = page;
  ExtractOptions options;
  options.site_profiles = profiles_;
  Result<Article> with = parser::Extract(input, options);
  Result<Article> without = parser::Extract(input);
  ASSERT_TRUE(with.ok() && without.ok());
  EXPECT_EQ(*with, *without);
}

}  // namespace
}  // namespace strata::parser
