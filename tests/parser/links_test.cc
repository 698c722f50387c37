#include "parser/links.h"

#include <gtest/gtest.h>

#include <string>

#include "parser/html_document.h"
#include "parser/page_index.h"

namespace strata::parser {
namespace {

std::vector<std::string> LinksOf(const std::string& html, const std::string& page_url,
                                 size_t max_links = 0) {
  const HtmlDocument doc = HtmlDocument::Parse(html);
  const PageIndex index = IndexPage(doc);
  return CollectLinks(index.anchors, BaseUrl(page_url, index.base_href), max_links);
}

TEST(LinksTest, ResolvesNormalisesAndDeduplicates) {
  const std::string html =
      "<a href='/b'>b</a><a href='c?utm_source=x&id=1#frag'>c</a><a href='../up'>up</a>"
      "<a href='HTTPS://Other.Example:443/x/./y'>o</a><a href='//cdn.example.com/z'>z</a>"
      "<a href='/b#again'>dup</a><a href='#top'>top</a><a href='javascript:void(0)'>js</a>"
      "<a href='mailto:a@b.c'>mail</a><a href='ftp://files.example.com/f'>ftp</a>"
      "<a href=' /spaced \n'>s</a><a href='/中文'>zh</a><a href='http://[bad'>bad</a>";
  EXPECT_EQ(LinksOf(html, "https://www.example.com/dir/page.html"),
            (std::vector<std::string>{
                "https://www.example.com/b",
                "https://www.example.com/dir/c?id=1",
                "https://www.example.com/up",
                "https://other.example/x/y",
                "https://cdn.example.com/z",
                "https://www.example.com/spaced",
                "https://www.example.com/%E4%B8%AD%E6%96%87",
            }));
}

TEST(LinksTest, BaseHrefChangesResolution) {
  const std::string html = "<base href='https://static.example.net/root/'><a href='x'>x</a>";
  EXPECT_EQ(LinksOf(html, "https://www.example.com/a/b"),
            (std::vector<std::string>{"https://static.example.net/root/x"}));
  // A relative <base> resolves against the page; a non-http one is ignored.
  EXPECT_EQ(BaseUrl("https://a.test/p/q", "/sub/"), "https://a.test/sub/");
  EXPECT_EQ(BaseUrl("https://a.test/p/q", "javascript:x"), "https://a.test/p/q");
}

TEST(LinksTest, MaxLinksBoundsTheWork) {
  std::string html;
  for (int i = 0; i < 100; ++i) html += "<a href='/p" + std::to_string(i) + "'>p</a>";
  EXPECT_EQ(LinksOf(html, "https://x.test/", 10).size(), 10u);
  EXPECT_EQ(LinksOf(html, "https://x.test/", 0).size(), 100u);
}

TEST(LinksTest, CanonicalUrl) {
  EXPECT_EQ(CanonicalUrl("/p/1?utm_medium=x", "", "https://www.x.test/p/1?from=feed"),
            "https://www.x.test/p/1");
  EXPECT_EQ(CanonicalUrl("", "https://x.test/og", "https://x.test/a"), "https://x.test/og");
  EXPECT_EQ(CanonicalUrl("javascript:x", "", "https://x.test/a"), "");
  EXPECT_EQ(CanonicalUrl("", "", "https://x.test/a"), "");
}

}  // namespace
}  // namespace strata::parser
