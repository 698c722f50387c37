#include "parser/selector.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "parser/dom.h"
#include "parser/html_document.h"

namespace strata::parser {
namespace {

constexpr char kPage[] = R"(<!DOCTYPE html><html><head>
<meta name="generator" content="WordPress 6.4.2">
<link rel="https://api.w.org/" href="https://x.test/wp-json/">
</head><body>
<div id="main" class="content post-body">
  <h1 class="title entry-title" data-testid="storyTitle">Title</h1>
  <p id="p1" class="lead">One</p>
  <p id="p2">Two</p>
  <span id="s1" lang="en-US">Three</span>
  <p id="p3" class="Lead">Four</p>
  <ul id="list"><li id="li1">a</li><li id="li2">b</li><li id="li3">c</li><li id="li4">d</li></ul>
  <time id="t1" datetime="2025-02-14T10:00:00Z" class="published">Feb 14</time>
  <my-widget id="w1" data-count="12">12</my-widget>
</div>
<div id="side" class="sidebar"><p id="p4" class="lead">Side</p>
  <a id="a1" href="/wp-content/uploads/x.png" rel="nofollow tag">img</a>
  <a id="a2" href="https://example.com/page.html" rel="author">Jane</a></div>
</body></html>)";

class SelectorTest : public ::testing::Test {
 protected:
  SelectorTest() : doc_(HtmlDocument::Parse(kPage)) {}

  // The ids of the elements the selector finds, joined by spaces.
  std::string Ids(std::string_view selector_text) {
    Result<Selector> selector = Selector::Parse(selector_text);
    EXPECT_TRUE(selector.ok()) << selector_text << ": " << selector.status().ToString();
    if (!selector.ok()) return "<error>";
    std::string out;
    for (const GumboNode* node : selector->QueryAll(doc_.document())) {
      if (!out.empty()) out += ' ';
      const std::string_view id = Attribute(node, "id");
      out += id.empty() ? std::string(gumbo_normalized_tagname(Tag(node))) : std::string(id);
    }
    return out;
  }

  HtmlDocument doc_;
};

TEST_F(SelectorTest, SimpleSelectors) {
  struct Case {
    const char* selector;
    const char* ids;
  };
  const Case cases[] = {
      {"h1", "h1"},                         // elements without an id are named by their tag
      {"#p2", "p2"},   {".lead", "p1 p4"},  // class names are case-sensitive: not "Lead"
      {".Lead", "p3"}, {"p.lead", "p1 p4"}, {".title.entry-title", "h1"},
      {"TIME", "t1"},  {"my-widget", "w1"},  // a tag Gumbo does not know
      {"*#w1", "w1"},  {"#nothing", ""},    {"li", "li1 li2 li3 li4"},
  };
  for (const Case& c : cases) EXPECT_EQ(Ids(c.selector), c.ids) << c.selector;
}

TEST_F(SelectorTest, AttributeSelectors) {
  struct Case {
    const char* selector;
    const char* ids;
  };
  const Case cases[] = {
      {"[datetime]", "t1"},
      {"[data-count='12']", "w1"},
      {"[data-count=12]", "w1"},
      {"[data-testid=\"storyTitle\"]", "h1"},
      {"a[href^='/wp-content/']", "a1"},
      {"a[href$='.html']", "a2"},
      {"a[href*=example]", "a2"},
      {"a[rel~=tag]", "a1"},
      {"a[rel~=nofollow]", "a1"},
      {"a[rel~=fol]", ""},
      {"[lang|=en]", "s1"},
      {"[lang|=en-US]", "s1"},
      {"[lang|=e]", ""},
      {"meta[name=generator][content^='WordPress']", "meta"},
      {"meta[content^='wordpress']", ""},
      {"meta[content^='wordpress' i]", "meta"},
      {"link[rel='https://api.w.org/']", "link"},
      {"[href*='']", ""},  // empty substring tests match nothing, as in CSS
      {"[ DATETIME ]", "t1"},
  };
  for (const Case& c : cases) EXPECT_EQ(Ids(c.selector), c.ids) << c.selector;
}

TEST_F(SelectorTest, Combinators) {
  struct Case {
    const char* selector;
    const char* ids;
  };
  const Case cases[] = {
      {"#main p", "p1 p2 p3"},
      {"div p.lead", "p1 p4"},
      {"#side > p", "p4"},
      {"body > p", ""},
      {"body   >   div > ul > li", "li1 li2 li3 li4"},
      {"html #main time", "t1"},
      {"#p1 + p", "p2"},
      {"#p1 + span", ""},
      {"#p1 ~ p", "p2 p3"},
      {"#li2~li", "li3 li4"},
      {"#side a, #main time", "t1 a1 a2"},  // a group: document order, no duplicates
      {"p, .lead", "p1 p2 p3 p4"},
      {"ul li li", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(Ids(c.selector), c.ids) << c.selector;
}

TEST_F(SelectorTest, StructuralPseudoClasses) {
  struct Case {
    const char* selector;
    const char* ids;
  };
  const Case cases[] = {
      {"li:first-child", "li1"},
      {"li:last-child", "li4"},
      {"li:nth-child(2)", "li2"},
      {"li:nth-child(odd)", "li1 li3"},
      {"li:nth-child(even)", "li2 li4"},
      {"li:nth-child(2n+1)", "li1 li3"},
      {"li:nth-child(-n+2)", "li1 li2"},
      {"li:nth-child(n+3)", "li3 li4"},
      {"li:nth-last-child(1)", "li4"},
      {"#main p:nth-of-type(2)", "p2"},
      {"#main p:first-of-type", "p1"},
      {"#main p:last-of-type", "p3"},
      {"#main > p:nth-of-type(3)", "p3"},
      {"h1:first-child", "h1"},
      {"#side > a:nth-last-of-type(1)", "a2"},
      {"li:only-child", ""},
      {"#main p:not(.lead)", "p2 p3"},
      {"li:not(#li1, #li4)", "li2 li3"},
  };
  for (const Case& c : cases) EXPECT_EQ(Ids(c.selector), c.ids) << c.selector;
}

TEST_F(SelectorTest, QueryFirstAndMatches) {
  Result<Selector> selector = Selector::Parse("p");
  ASSERT_TRUE(selector.ok());
  const GumboNode* first = selector->QueryFirst(doc_.document());
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(Attribute(first, "id"), "p1");
  EXPECT_TRUE(selector->Matches(first));
  EXPECT_FALSE(selector->Matches(nullptr));
  EXPECT_EQ(selector->QueryAll(doc_.document(), 2).size(), 2u);
  // The root itself is not among the results of a query under it.
  Result<Selector> div = Selector::Parse("div");
  ASSERT_TRUE(div.ok());
  const GumboNode* main = div->QueryFirst(doc_.document());
  ASSERT_NE(main, nullptr);
  EXPECT_TRUE(div->QueryAll(main).empty());
  EXPECT_EQ(selector->text(), "p");
}

TEST_F(SelectorTest, SelectorSetAgreesWithEachSelector) {
  // Selectors of every kind of rightmost part: id, class, tag, unknown tag, universal.
  const char* texts[] = {"#p2",         ".lead",          "p.lead",         "li:nth-child(odd)",
                         "my-widget",   "*[datetime]",    "#main p",        "div > p:not(.lead)",
                         "a[rel~=tag]", "#p1 ~ p, #side", ".Lead",          "meta[name=generator]",
                         "h1.title",    "[lang|=en]",     "#nothing .lead", "body *"};
  std::vector<Selector> selectors;
  std::vector<const Selector*> pointers;
  for (const char* text : texts) {
    Result<Selector> s = Selector::Parse(text);
    ASSERT_TRUE(s.ok()) << text;
    selectors.push_back(std::move(*s));
  }
  for (const Selector& s : selectors) pointers.push_back(&s);
  const SelectorSet set(pointers);
  EXPECT_EQ(set.size(), selectors.size());
  EXPECT_TRUE(set.uses_ancestors());
  Result<Selector> flat = Selector::Parse("meta[name=x], #y, p + a");
  ASSERT_TRUE(flat.ok());
  EXPECT_FALSE(SelectorSet(std::vector<const Selector*>{&*flat}).uses_ancestors());
  size_t elements = 0, hits = 0;
  AncestorFilter ancestors;
  Walk(
      doc_.document(),
      [&](const GumboNode* node) {
        if (!IsElement(node)) return WalkAction::kContinue;
        ++elements;
        std::vector<size_t> expected, got, filtered;
        for (size_t i = 0; i < selectors.size(); ++i) {
          if (selectors[i].Matches(node)) expected.push_back(i);
        }
        set.ForEachMatch(node, [&got](size_t i) { got.push_back(i); });
        set.ForEachMatch(
            node, [&filtered](size_t i) { filtered.push_back(i); }, &ancestors);
        EXPECT_EQ(got, expected) << gumbo_normalized_tagname(Tag(node)) << " "
                                 << Attribute(node, "id");
        EXPECT_EQ(filtered, expected)
            << gumbo_normalized_tagname(Tag(node)) << " " << Attribute(node, "id");
        hits += got.size();
        ancestors.Push(node);
        return WalkAction::kContinue;
      },
      [&ancestors](const GumboNode*) { ancestors.Pop(); });
  EXPECT_GT(elements, 20u);
  EXPECT_GT(hits, 30u);
  // A class token repeated on an element is still one match.
  const HtmlDocument twice = HtmlDocument::Parse("<p class='a a' id=x>x</p>");
  Result<Selector> a = Selector::Parse(".a, #x");
  ASSERT_TRUE(a.ok());
  const SelectorSet one(std::vector<const Selector*>{&*a});
  size_t count = 0;
  Walk(twice.document(), [&](const GumboNode* node) {
    if (IsTag(node, GUMBO_TAG_P)) one.ForEachMatch(node, [&count](size_t) { ++count; });
    return WalkAction::kContinue;
  });
  EXPECT_EQ(count, 1u);
}

TEST(SelectorParseTest, BadSelectorsAreClearErrors) {
  struct Case {
    const char* selector;
    const char* message;  // a part of the message
  };
  const Case cases[] = {
      {"", "empty selector"},
      {"   ", "empty selector"},
      {"h1[", "expected an attribute name at 3"},
      {"a[href", "expected ']' or an operator"},
      {"a[href=]", "expected an attribute value"},
      {"a[href='x]", "unterminated string"},
      {"a[href^x]", "expected ']' or an operator"},
      {"a[href=x y]", "expected ']'"},
      {"p,", "expected a selector after ','"},
      {", p", "unexpected character ','"},
      {"div >", "expected a selector after the combinator"},
      {"div > > p", "unexpected character '>'"},
      {"p::before", "pseudo-elements are not supported"},
      {"a:hover", "unsupported pseudo-class ':hover'"},
      {"li:nth-child(x)", "expected an+b"},
      {"li:nth-child(2", "expected ')'"},
      {"div:has(p)", "unsupported pseudo-class ':has()'"},
      {"#", "expected an id after '#'"},
      {".", "expected a class name after '.'"},
      {"p)", "unexpected character ')'"},
      {"p !important", "unexpected character '!'"},
  };
  for (const Case& c : cases) {
    Result<Selector> selector = Selector::Parse(c.selector);
    ASSERT_FALSE(selector.ok()) << c.selector;
    EXPECT_TRUE(selector.status().IsInvalidArgument());
    EXPECT_NE(selector.status().message().find(c.message), std::string::npos)
        << c.selector << " -> " << selector.status().message();
    EXPECT_NE(selector.status().message().find("bad selector"), std::string::npos);
  }
  EXPECT_FALSE(Selector::Parse(std::string(5000, 'a')).ok());
}

TEST(SelectorParseTest, EscapesAndNonAsciiNames) {
  const HtmlDocument doc =
      HtmlDocument::Parse("<div class='md:flex' id='正文'>x</div><div class='a b'>y</div>");
  Result<Selector> escaped = Selector::Parse(".md\\:flex");
  ASSERT_TRUE(escaped.ok()) << escaped.status().ToString();
  EXPECT_EQ(escaped->QueryAll(doc.document()).size(), 1u);
  Result<Selector> cjk = Selector::Parse("#正文");
  ASSERT_TRUE(cjk.ok());
  EXPECT_EQ(cjk->QueryAll(doc.document()).size(), 1u);
}

TEST(SelectorParseTest, DeepTreesAndLongSelectorsStayCheap) {
  std::string html;
  for (int i = 0; i < 400; ++i) html += "<div class='d'>";
  html += "<p class='leaf'>x</p>";
  const HtmlDocument doc = HtmlDocument::Parse(html);
  // Four descendant combinators that mostly fail deep down: backtracking over 400 ancestors.
  Result<Selector> selector = Selector::Parse("div.x div div div p.leaf, div div div div p.leaf");
  ASSERT_TRUE(selector.ok());
  EXPECT_EQ(selector->QueryAll(doc.document()).size(), 1u);
}

}  // namespace
}  // namespace strata::parser
