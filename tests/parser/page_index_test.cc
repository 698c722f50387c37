#include "parser/page_index.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "parser/dom.h"

namespace strata::parser {
namespace {

TEST(PageIndexTest, GathersHeadFacts) {
  const std::string html =
      "<html lang='zh-CN'><head><title>  The\n Title </title><base href='/sub/'>"
      "<link rel='Canonical' href='/canon'><meta property='og:title' content='OG'>"
      "<meta name='Author' content='Ann'><meta charset=utf-8>"
      "<script type='application/ld+json'>{\"@type\":\"Article\"}</script>"
      "<script>var x;</script></head><body><svg><title>not the title</title></svg></body></html>";
  const HtmlDocument doc = HtmlDocument::Parse(html);
  const PageIndex index = IndexPage(doc);
  EXPECT_EQ(index.html_lang, "zh-CN");
  EXPECT_EQ(index.title, "The Title");
  EXPECT_EQ(index.base_href, "/sub/");
  EXPECT_EQ(index.canonical_href, "/canon");
  EXPECT_EQ(index.meta.Get("og:title"), "OG");
  EXPECT_EQ(index.meta.Get("author"), "Ann");
  ASSERT_EQ(index.json_ld.size(), 1u);
  EXPECT_EQ(index.json_ld[0], "{\"@type\":\"Article\"}");
}

TEST(PageIndexTest, GathersInlineScriptsButNotJsonLdOrExternalOnes) {
  std::string html =
      "<script>var publishTime = '2025-02-14';</script>"
      "<script type='application/ld+json'>{}</script><script src='/app.js'></script>"
      "<script></script><body><script>window.x = 1;</script>";
  for (size_t i = 0; i < kMaxScripts + 10; ++i) html += "<script>var n = 1;</script>";
  const HtmlDocument doc = HtmlDocument::Parse(html);
  const PageIndex index = IndexPage(doc);
  ASSERT_EQ(index.scripts.size(), kMaxScripts);
  EXPECT_EQ(index.scripts[0], "var publishTime = '2025-02-14';");
  EXPECT_EQ(index.scripts[1], "window.x = 1;");
  EXPECT_EQ(index.json_ld.size(), 1u);
}

TEST(PageIndexTest, GathersBodyElements) {
  const std::string html =
      "<h1>Visible</h1><div hidden><h1>Hidden</h1><time>2020-01-01</time></div>"
      "<time datetime='2025-02-14'>x</time><a href='/a'>a</a><a>no href</a>"
      "<a href='/me' rel='author'>Me</a><a href='/t' rel='tag'>T</a><area href='/map'>"
      "<span itemprop='author'>Ann</span><span class='post-author'>Ann</span>"
      "<span id='post-date'>2025-02-14</span><span id='post_view_count'>5</span>"
      "<span class='review'>not a count</span>";
  const HtmlDocument doc = HtmlDocument::Parse(html);
  const PageIndex index = IndexPage(doc);
  ASSERT_EQ(index.h1s.size(), 1u);
  EXPECT_EQ(InlineText(index.h1s[0]), "Visible");
  ASSERT_EQ(index.times.size(), 1u);
  EXPECT_EQ(index.anchors.size(), 4u);  // /a, /me, /t, /map
  EXPECT_EQ(index.author_links.size(), 1u);
  EXPECT_EQ(index.tag_links.size(), 1u);
  EXPECT_EQ(index.itemprops.size(), 1u);
  ASSERT_EQ(index.author_hints.size(), 1u);
  EXPECT_EQ(InlineText(index.author_hints[0]), "Ann");
  ASSERT_EQ(index.date_hints.size(), 1u);
  ASSERT_EQ(index.count_hints.size(), 1u);
  EXPECT_EQ(InlineText(index.count_hints[0]), "5");
}

TEST(PageIndexTest, HintWordsStartAWordOfTheClassOrId) {
  const std::string html =
      "<span class='meta postDate' id=a>1</span>"          // camel case starts a word
      "<span class='x' id='PUBLISH-time'>2</span>"         // in the id, any case
      "<span class='updated readCount nickname'>3</span>"  // count and author at once
      "<span class='mandate overview tread2'>4</span>"     // inside words: no hint
      "<span class='p2view'>5</span>"                      // after a digit: no word start
      "<span class='_hits'>6</span>";
  const PageIndex index = IndexPage(HtmlDocument::Parse(html));
  std::vector<std::string> dates, counts, authors;
  for (const GumboNode* n : index.date_hints) dates.push_back(InlineText(n));
  for (const GumboNode* n : index.count_hints) counts.push_back(InlineText(n));
  for (const GumboNode* n : index.author_hints) authors.push_back(InlineText(n));
  EXPECT_EQ(dates, (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(counts, (std::vector<std::string>{"3", "6"}));
  EXPECT_EQ(authors, (std::vector<std::string>{"3"}));
}

}  // namespace
}  // namespace strata::parser
