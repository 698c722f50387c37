#include "parser/extract.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "config/site_profile.h"
#include "parser/profile.h"
#include "parser/utf8.h"
#include "test_util.h"

namespace strata::parser {
namespace {

using testing::ReadFixture;

// 2025-02-20T12:00:00Z
constexpr UnixMillis kFetchedAt = 1740052800000;

Article ExtractOk(const std::string& body, std::string_view url, std::string_view content_type = "",
                  const ExtractOptions& options = {}) {
  ExtractInput input;
  input.url = url;
  input.body = body;
  input.content_type = content_type;
  input.fetched_at = kFetchedAt;
  Result<Article> result = Extract(input, options);
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  return result.ok() ? std::move(result).value() : Article();
}

bool Contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

bool HasLink(const Article& a, std::string_view url) {
  return std::find(a.links.begin(), a.links.end(), url) != a.links.end();
}

TEST(ExtractTest, CnblogsStylePost) {
  const Article a = ExtractOk(ReadFixture("cnblogs_post.html"),
                              "https://www.cnblogs.com/zhangxm/p/18712345.html", "text/html");
  EXPECT_EQ(a.url, "https://www.cnblogs.com/zhangxm/p/18712345.html");
  EXPECT_EQ(a.site, "www.cnblogs.com");
  EXPECT_EQ(a.canonical_url, "https://www.cnblogs.com/zhangxm/p/18712345");
  EXPECT_EQ(a.title, "Go 并发编程入门：goroutine 与 channel");
  EXPECT_EQ(a.author, "张小明");
  EXPECT_EQ(a.published, "2025-02-14T10:00:00");
  EXPECT_EQ(a.counters.views, 123);
  EXPECT_EQ(a.counters.comments, 4);
  EXPECT_EQ(a.lang, "zh");
  EXPECT_EQ(a.tags, (std::vector<std::string>{"Go", "并发", "goroutine"}));
  EXPECT_EQ(a.description, "本文介绍 Go 语言中 goroutine 与 channel 的基本用法。");
  // The body: the post, code kept line by line, no comments, sidebar or footer.
  EXPECT_TRUE(a.body.starts_with("一、为什么需要并发\n在现代服务端开发中")) << a.body;
  EXPECT_TRUE(Contains(a.body, "\nfunc main() {\n    go worker(1)\n"));
  EXPECT_TRUE(a.body.ends_with("参考：Effective Go")) << a.body;
  EXPECT_FALSE(Contains(a.body, "写得很清楚"));
  EXPECT_FALSE(Contains(a.body, "阅读排行榜"));
  EXPECT_FALSE(Contains(a.body, "Powered by"));
  EXPECT_FALSE(Contains(a.body, "上一篇"));
  EXPECT_FALSE(Contains(a.body, "\n\n"));
  EXPECT_GT(a.word_count, 150);
  // Links: resolved, normalised (fragment dropped), no javascript:, no duplicates.
  EXPECT_TRUE(HasLink(a, "https://go.dev/doc/effective_go"));
  EXPECT_TRUE(HasLink(a, "https://www.cnblogs.com/zhangxm/p/18600003"));
  for (const std::string& link : a.links) EXPECT_TRUE(link.starts_with("http")) << link;
  std::vector<std::string> sorted = a.links;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(std::adjacent_find(sorted.begin(), sorted.end()), sorted.end());
}

TEST(ExtractTest, DefaultOffsetForChineseSites) {
  ExtractOptions options;
  options.default_utc_offset_minutes = 480;
  const Article a = ExtractOk(ReadFixture("cnblogs_post.html"),
                              "https://www.cnblogs.com/zhangxm/p/18712345.html", "", options);
  EXPECT_EQ(a.published, "2025-02-14T10:00:00+08:00");
}

TEST(ExtractTest, InfoqStyleArticle) {
  const Article a = ExtractOk(ReadFixture("infoq_article.html"),
                              "https://xie.infoq.cn/article/3c1f0a2b9d8e7f6a5b4c3d2e1");
  EXPECT_EQ(a.title, "从零搭建可观测性平台");  // "_云原生_王五_InfoQ写作社区" removed
  EXPECT_EQ(a.author, "王五");
  EXPECT_EQ(a.published, "2025-02-14");
  EXPECT_EQ(a.counters.views, 4);  // not the 9999 of a recommended article
  EXPECT_EQ(a.counters.likes, 2);
  EXPECT_FALSE(a.counters.comments);
  EXPECT_EQ(a.canonical_url, "https://xie.infoq.cn/article/3c1f0a2b9d8e7f6a5b4c3d2e1");
  EXPECT_TRUE(a.body.starts_with("可观测性不是监控的新名字。")) << a.body;
  EXPECT_TRUE(a.body.ends_with("先统一数据格式，再谈平台。")) << a.body;
  EXPECT_FALSE(Contains(a.body, "阅读数"));
  EXPECT_FALSE(Contains(a.body, "Kubernetes 网络排障手册"));
  EXPECT_EQ(a.lang, "zh");
}

TEST(ExtractTest, WordPressWithYoastGraph) {
  const Article a =
      ExtractOk(ReadFixture("wordpress_post.html"),
                "https://blog.example.com/2025/02/14/cut-build-times/", "text/html; charset=UTF-8");
  EXPECT_EQ(a.title, "How We Cut Our Build Times in Half");
  EXPECT_EQ(a.author, "Jane Doe");  // resolved through the @graph's Person node
  EXPECT_EQ(a.published, "2025-02-14T10:00:00+08:00");
  EXPECT_EQ(a.modified, "2025-02-15T09:30:00+08:00");
  EXPECT_EQ(a.counters.comments, 3);
  EXPECT_EQ(a.counters.views, 1234);             // read from the plugin's counter...
  EXPECT_FALSE(Contains(a.body, "Post Views"));  // ...which is not content
  EXPECT_FALSE(Contains(a.body, "Share this"));
  EXPECT_FALSE(Contains(a.body, "Great write-up"));
  EXPECT_FALSE(Contains(a.body, "Recent Posts"));
  EXPECT_FALSE(Contains(a.body, "Posted in"));
  EXPECT_TRUE(a.body.starts_with("Our continuous integration pipeline")) << a.body;
  EXPECT_TRUE(Contains(a.body, "\nSmaller images\n"));
  EXPECT_TRUE(a.body.ends_with("nothing imported any more.")) << a.body;
  EXPECT_EQ(a.tags.size(), 4u);
  EXPECT_EQ(a.tags[0], "CI");
  EXPECT_EQ(a.lang, "en");
  EXPECT_EQ(a.canonical_url, "https://blog.example.com/2025/02/14/cut-build-times/");
  EXPECT_EQ(a.description,
            "Remote caching, smaller images and a dependency audit halved our CI times.");
}

TEST(ExtractTest, DevToStyleArticle) {
  const Article a = ExtractOk(ReadFixture("devto_post.html"),
                              "https://dev.to/alice/understanding-rust-lifetimes-4k2p");
  EXPECT_EQ(a.title, "Understanding Rust Lifetimes");
  EXPECT_EQ(a.author, "Alice Chen");
  EXPECT_EQ(a.published,
            "2025-02-14T10:00:00Z");  // JSON-LD with a raw newline and a trailing comma
  EXPECT_EQ(a.counters.likes, 42);
  EXPECT_EQ(a.canonical_url, "https://dev.to/alice/understanding-rust-lifetimes-4k2p");  // og:url
  EXPECT_TRUE(Contains(a.body,
                       "fn longest<'a>(x: &'a str, y: &'a str) -> &'a str {\n"
                       "    if x.len() > y.len() { x } else { y }\n}"));
  EXPECT_FALSE(Contains(a.body, "finally made lifetimes click"));
  EXPECT_FALSE(Contains(a.body, "More from"));
  EXPECT_EQ(a.tags, (std::vector<std::string>{"rust", "beginners", "software", "coding"}));
}

TEST(ExtractTest, GbkPagesDeclaredInMetaOrHeader) {
  const Article meta = ExtractOk(ReadFixture("gbk_meta.html"), "http://example.cn/a/1.html");
  EXPECT_EQ(meta.title, "中文编码测试");
  EXPECT_EQ(meta.author, "赵六");
  EXPECT_EQ(meta.published, "2024-12-01T08:30:00");
  EXPECT_EQ(meta.counters.views, 56);
  EXPECT_TRUE(Contains(meta.body, "全角字符（例如：，。！？）")) << meta.body;

  const Article header = ExtractOk(ReadFixture("gbk_undeclared.html"), "http://example.cn/a/1.html",
                                   "text/html; charset=GBK");
  EXPECT_EQ(header.title, "中文编码测试");
  EXPECT_EQ(header.body, meta.body);
}

TEST(ExtractTest, BomPage) {
  const Article a = ExtractOk("\xEF\xBB\xBF<title>带 BOM 的页面</title><p>正文。</p>",
                              "https://x.test/bom", "text/html; charset=iso-8859-1");
  EXPECT_EQ(a.title, "带 BOM 的页面");
  EXPECT_EQ(a.body, "正文。");
}

TEST(ExtractTest, DateOnlyInAScriptVariable) {
  const Article a = ExtractOk(
      "<title>脚本里的日期</title><script>var articleId = 42; var publishTime = "
      "\"2025-02-14 10:00\"; var isLogin = false;</script><article><h1>脚本里的日期</h1>"
      "<p>这篇文章的日期只在脚本变量里，页面上看不到，但提取时仍然要找到它。</p></article>",
      "https://news.example.cn/a/42");
  EXPECT_EQ(a.published, "2025-02-14T10:00:00");
  EXPECT_FALSE(Contains(a.body, "publishTime"));
  const Article epoch = ExtractOk(
      "<script>window.__STATE__={\"article\":{\"publish_time\":1739527200,\"id\":7}}</script>"
      "<p>The body of a page that renders its date with JavaScript, long enough to count.</p>",
      "https://x.test/p/7");
  EXPECT_EQ(epoch.published, "2025-02-14T10:00:00Z");
}

TEST(ExtractTest, HiddenElementsAndScriptsAreNotVisibleText) {
  const Article a = ExtractOk(
      "<title>Hidden things</title>"
      "<div style=\"display: none\"><span class=author>作者：隐藏的人</span>"
      "<span class=date>2020-01-01</span><p>阅读(99999)</p></div>"
      "<script>document.write('By Evil Person, 2019-05-05, 88888 views');</script>"
      "<div hidden><time datetime=2018-01-01>old</time></div>"
      "<article><p class=byline>作者：真名</p><p>发布于 2025-02-14</p>"
      "<p>正文的第一段，足够长，可以算作文章内容的一部分，用来测试隐藏元素。</p><p>阅读(12)</p></"
      "article>",
      "https://x.test/hidden");
  EXPECT_EQ(a.author, "真名");
  EXPECT_EQ(a.published, "2025-02-14");
  EXPECT_EQ(a.counters.views, 12);
  EXPECT_FALSE(Contains(a.body, "Evil"));
  EXPECT_FALSE(Contains(a.body, "隐藏的人"));
  EXPECT_FALSE(Contains(a.body, "99999"));
}

TEST(ExtractTest, AbsoluteDatesBeatRelativeOnes) {
  // A comment says "3天前"; the URL and a labelled line carry the real dates.
  const Article by_url = ExtractOk(
      "<article><h1>T</h1><p>正文段落，足够长的一段文字，用来说明这个段落是文章的正文内容。</p>"
      "<p>网友甲 3天前</p></article>",
      "https://x.test/2025/02/10/post.html");
  EXPECT_EQ(by_url.published, "2025-02-10");
  const Article labelled = ExtractOk(
      "<article><h1>T</h1><p>2 小时前</p><p>发布于 2025-02-11</p>"
      "<p>正文段落，足够长的一段文字，用来说明这个段落是文章的正文内容。</p></article>",
      "https://x.test/p/1");
  EXPECT_EQ(labelled.published, "2025-02-11");
  // Only a relative date: resolved against the fetch time, to the day.
  const Article relative = ExtractOk(
      "<article><h1>T</h1><p>发布于 3天前</p>"
      "<p>正文段落，足够长的一段文字，用来说明这个段落是文章的正文内容。</p></article>",
      "https://x.test/p/2");
  EXPECT_EQ(relative.published, "2025-02-17");
}

TEST(ExtractTest, MicrodataAndTwitterLabels) {
  const Article a = ExtractOk(
      "<html><head><title>Site | Other</title>"
      "<meta name=twitter:label1 content='Written by'><meta name=twitter:data1 content='Ada Byron'>"
      "</head><body><div itemscope itemtype='https://schema.org/BlogPosting'>"
      "<h2 itemprop=headline>The Microdata Headline</h2>"
      "<meta itemprop=datePublished content='2025-02-14T10:00:00+01:00'>"
      "<div itemprop=articleBody><p>Body text of a page that declares its fields in microdata "
      "rather than JSON-LD, long enough.</p></div>"
      "<div itemprop=interactionStatistic itemscope><meta itemprop=interactionType "
      "content='https://schema.org/LikeAction'><meta itemprop=userInteractionCount content=31>"
      "</div></div></body></html>",
      "https://x.test/md");
  EXPECT_EQ(a.title, "The Microdata Headline");
  EXPECT_EQ(a.author, "Ada Byron");
  EXPECT_EQ(a.published, "2025-02-14T10:00:00+01:00");
  EXPECT_EQ(a.counters.likes, 31);
}

TEST(ExtractTest, MoreMetaTagVocabularies) {
  const Article a = ExtractOk(
      "<html><head><meta name='parsely-title' content='Parsely Title'>"
      "<meta name='parsely-author' content='Pat Parsely'>"
      "<meta name='parsely-pub-date' content='2025-02-14T10:00:00Z'>"
      "<meta name='parsely-tags' content='one,two'></head><body><p>Body text that is long "
      "enough to be the article of this page, with a comma or two, and more.</p></body></html>",
      "https://x.test/parsely");
  EXPECT_EQ(a.title, "Parsely Title");
  EXPECT_EQ(a.author, "Pat Parsely");
  EXPECT_EQ(a.published, "2025-02-14T10:00:00Z");
  EXPECT_EQ(a.tags, (std::vector<std::string>{"one", "two"}));
  const Article dc = ExtractOk(
      "<html><head><meta name='DC.title' content='Dublin Title'><meta name='DC.creator' "
      "content='Dee Core'><meta name='DC.date.issued' content='2025-02-13'></head><body><p>Body "
      "text that is long enough to be the article of this page, and more words.</p></body>"
      "</html>",
      "https://x.test/dc");
  EXPECT_EQ(dc.title, "Dublin Title");
  EXPECT_EQ(dc.author, "Dee Core");
  EXPECT_EQ(dc.published, "2025-02-13");
  const Article sailthru = ExtractOk(
      "<html><head><meta name='sailthru.author' content='Sal Thru'><meta name='sailthru.date' "
      "content='2025-02-12 08:00:00'><meta name='sailthru.tags' content='a, b'></head><body><p>"
      "Body text that is long enough to be the article of this page, and more.</p></body></html>",
      "https://x.test/st");
  EXPECT_EQ(sailthru.author, "Sal Thru");
  EXPECT_EQ(sailthru.published, "2025-02-12T08:00:00");
  EXPECT_EQ(sailthru.tags, (std::vector<std::string>{"a", "b"}));
}

TEST(ExtractTest, MalformedPagesWithSiteProfilesDoNotCrash) {
  Result<std::vector<config::SiteProfile>> loaded = config::LoadSiteProfiles("");
  ASSERT_TRUE(loaded.ok());
  Result<SiteProfiles> profiles = SiteProfiles::Compile(*loaded);
  ASSERT_TRUE(profiles.ok());
  ExtractOptions options;
  options.site_profiles = &*profiles;
  std::string deep = "<meta name=generator content=WordPress><div class=entry-content>";
  for (int i = 0; i < 5000; ++i) deep += "<div class=post><span>";
  std::string garbage;
  uint32_t state = 7;
  for (int i = 0; i < 100'000; ++i) {
    state = state * 1103515245u + 12345u;
    garbage.push_back(static_cast<char>(state >> 16));
  }
  for (const auto& [url, html] : std::vector<std::pair<std::string, std::string>>{
           {"https://www.cnblogs.com/x/p/1", "<div id=cnblogs_post_body><p>unclosed"},
           {"https://blog.csdn.net/x", "<h1 class=title-article id=articleContentId>"},
           {"https://x.test/deep", deep},
           {"https://juejin.cn/post/1", garbage},
           {"https://meta.example/t/1", "<meta name=generator content='Discourse 3'>" + garbage},
       }) {
    const Article a = ExtractOk(html, url, "text/html", options);
    EXPECT_TRUE(IsValidUtf8(a.body)) << url;
  }
}

TEST(ExtractTest, NonHtmlIsInvalidArgument) {
  for (const char* type : {"image/png", "application/pdf", "video/mp4"}) {
    ExtractInput input;
    input.url = "https://x.test/file";
    input.body = "binary";
    input.content_type = type;
    const Result<Article> result = Extract(input);
    ASSERT_FALSE(result.ok()) << type;
    EXPECT_TRUE(result.status().IsInvalidArgument());
    EXPECT_NE(result.status().message().find("https://x.test/file"), std::string::npos);
    EXPECT_NE(result.status().message().find(type), std::string::npos);
  }
  ExtractInput pdf;
  pdf.url = "https://x.test/doc";
  pdf.body = "%PDF-1.7\n...";
  EXPECT_TRUE(Extract(pdf).status().IsInvalidArgument());
}

TEST(ExtractTest, EmptyInputYieldsAnEmptyArticle) {
  const Article a = ExtractOk("", "https://x.test/empty");
  EXPECT_EQ(a.url, "https://x.test/empty");
  EXPECT_EQ(a.site, "x.test");
  EXPECT_TRUE(a.title.empty());
  EXPECT_TRUE(a.body.empty());
  EXPECT_TRUE(a.links.empty());
  EXPECT_EQ(a.word_count, 0);
}

TEST(ExtractTest, CollectLinksCanBeTurnedOff) {
  ExtractOptions options;
  options.collect_links = false;
  const Article a =
      ExtractOk(ReadFixture("cnblogs_post.html"), "https://www.cnblogs.com/x", "", options);
  EXPECT_TRUE(a.links.empty());
  EXPECT_FALSE(a.body.empty());
}

TEST(ExtractTest, BinaryGarbageDoesNotCrash) {
  std::string garbage;
  uint32_t state = 12345;
  for (int i = 0; i < 200'000; ++i) {
    state = state * 1103515245u + 12345u;
    garbage.push_back(static_cast<char>(state >> 16));
  }
  for (const char* type : {"text/html", "text/html; charset=gbk", "text/html; charset=utf-16"}) {
    const Article a = ExtractOk(garbage, "https://x.test/garbage", type);
    EXPECT_TRUE(IsValidUtf8(a.body)) << type;
    EXPECT_TRUE(IsValidUtf8(a.title)) << type;
  }
}

TEST(ExtractTest, MalformedHtml) {
  const Article a = ExtractOk(
      "<html><head><title>Broken <b>page</title><body><div><p>Unclosed paragraph with enough "
      "words to be the article body of this small broken page.<div><table><td>cell<p>more"
      "</span></div></div></div></body></html></html><p>after the end",
      "https://x.test/broken");
  EXPECT_EQ(a.title, "Broken <b>page");
  EXPECT_TRUE(Contains(a.body, "Unclosed paragraph")) << a.body;
}

TEST(ExtractTest, DeepNestingIsHandled) {
  std::string html = "<title>Deep</title>";
  for (int i = 0; i < 10'000; ++i) html += i % 2 ? "<div>" : "<span><b>";
  html += "<p>Text at the bottom of a very deep tree, long enough to count as a paragraph.</p>";
  const Article a = ExtractOk(html, "https://x.test/deep");
  EXPECT_EQ(a.title, "Deep");
  EXPECT_TRUE(Contains(a.body, "Text at the bottom")) << a.body.substr(0, 200);
}

TEST(ExtractTest, HugePageIsHandled) {
  // ~20 MB: 100,000 paragraphs with links, inside one article.
  std::string html = "<title>Huge</title><article>";
  html.reserve(21 << 20);
  for (int i = 0; i < 100'000; ++i) {
    html += "<p>Paragraph " + std::to_string(i) + " has some words, a comma, and <a href=\"/p/" +
            std::to_string(i) + "\">a link</a> to another page of this very large site.</p>\n";
    html += "<!-- padding padding padding padding padding padding padding padding -->";
  }
  html += "</article>";
  ASSERT_GT(html.size(), 15u << 20);
  const Article a = ExtractOk(html, "https://x.test/huge");
  EXPECT_EQ(a.title, "Huge");
  EXPECT_TRUE(Contains(a.body, "Paragraph 99999 has some words"));
  EXPECT_EQ(a.links.size(), 10'000u);  // ExtractOptions::max_links
}

}  // namespace
}  // namespace strata::parser
