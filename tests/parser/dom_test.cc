#include "parser/dom.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "parser/html_document.h"
#include "test_util.h"

namespace strata::parser {
namespace {

using testing::FindById;

TEST(DomTest, AttributesAndTokens) {
  const std::string html = "<a id=l href='/x' rel='nofollow Author' class=' a  b '>t</a>";
  const HtmlDocument doc = HtmlDocument::Parse(html);
  const GumboNode* a = FindById(doc.root(), "l");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(Attribute(a, "href"), "/x");
  EXPECT_FALSE(FindAttribute(a, "title"));
  EXPECT_TRUE(HasToken(a, "rel", "author"));
  EXPECT_FALSE(HasToken(a, "rel", "auth"));
  EXPECT_TRUE(HasToken(a, "class", "b"));
  EXPECT_EQ(ClassAndId(a), " a  b  l");
}

TEST(DomTest, ClassIdReadsBothAttributes) {
  const HtmlDocument doc = HtmlDocument::Parse("<p id=x class='A b'>t</p><p>none</p>");
  const ClassId both = GetClassId(FindById(doc.root(), "x"));
  EXPECT_EQ(both.class_attr, "A b");
  EXPECT_EQ(both.id, "x");
  EXPECT_TRUE(GetClassId(doc.body()).empty());
}

TEST(DomTest, HintWordsStartAtWordBoundaries) {
  const std::string html =
      "<span id=a class=post_view_count></span><span id=b class=postViewCount></span>"
      "<span id=c class=review-score></span><span id=d class='x views'></span>"
      "<span id=e class=preview></span>";
  const HtmlDocument doc = HtmlDocument::Parse(html);
  EXPECT_TRUE(HasHintWord(FindById(doc.root(), "a"), "view"));
  EXPECT_TRUE(HasHintWord(FindById(doc.root(), "b"), "view"));
  EXPECT_FALSE(HasHintWord(FindById(doc.root(), "c"), "view"));
  EXPECT_TRUE(HasHintWord(FindById(doc.root(), "d"), "view"));
  EXPECT_FALSE(HasHintWord(FindById(doc.root(), "e"), "view"));
}

TEST(DomTest, HiddenElements) {
  const std::string html =
      "<div id=a hidden></div><div id=b aria-hidden=true></div><div id=c style='DISPLAY: none'>"
      "</div><div id=d style='visibility : hidden'></div><input id=e type=hidden>"
      "<div id=f style='display:block'></div><div id=g aria-hidden=false hidden=''></div>"
      "<div id=h class=x title=hidden type=hidden aria-label=hidden></div>"
      "<span id=i data-x=1 ARIA-HIDDEN=TRUE></span><div id=j type=hidden></div>";
  const HtmlDocument doc = HtmlDocument::Parse(html);
  for (const char* id : {"a", "b", "c", "d", "e", "g", "i"})
    EXPECT_TRUE(IsHidden(FindById(doc.root(), id))) << id;
  for (const char* id : {"f", "h", "j"}) EXPECT_FALSE(IsHidden(FindById(doc.root(), id))) << id;
}

TEST(DomTest, InlineTextSkipsInvisibleContent) {
  const std::string html =
      "<div id=x>Hello <b>bold</b><script>var no;</script><style>.no{}</style>"
      "<span hidden>secret</span><p>next</p>\n world</div>";
  const HtmlDocument doc = HtmlDocument::Parse(html);
  EXPECT_EQ(InlineText(FindById(doc.root(), "x")), "Hello bold next world");
}

TEST(DomTest, WalkVisitsInDocumentOrderAndCanStop) {
  const std::string html = "<div id=r><p>1</p><p>2<b>3</b></p><p>4</p></div>";
  const HtmlDocument doc = HtmlDocument::Parse(html);
  std::vector<std::string> seen;
  std::vector<GumboTag> left;
  Walk(
      FindById(doc.root(), "r"),
      [&seen](const GumboNode* node) {
        if (IsText(node)) seen.push_back(node->v.text.text);
        if (IsText(node) && seen.back() == "3") return WalkAction::kStop;
        return WalkAction::kContinue;
      },
      [&left](const GumboNode* node) { left.push_back(Tag(node)); });
  EXPECT_EQ(seen, (std::vector<std::string>{"1", "2", "3"}));
  EXPECT_EQ(left, (std::vector<GumboTag>{GUMBO_TAG_P}));
}

TEST(DomTest, WalkSurvivesVeryDeepTrees) {
  // Deeper than the nesting guard allows by default, with the guard disabled: the walk itself
  // must not recurse.
  std::string html;
  for (int i = 0; i < 5'000; ++i) html += "<span>";
  html += "x";
  const HtmlDocument doc = HtmlDocument::Parse(html, /*max_nesting_depth=*/1'000'000);
  EXPECT_EQ(InlineText(doc.body()), "x");
}

TEST(DomTest, AncestorTest) {
  const std::string html = "<div id=a><p id=b>x</p></div><p id=c></p>";
  const HtmlDocument doc = HtmlDocument::Parse(html);
  EXPECT_TRUE(IsInclusiveAncestor(FindById(doc.root(), "a"), FindById(doc.root(), "b")));
  EXPECT_TRUE(IsInclusiveAncestor(FindById(doc.root(), "a"), FindById(doc.root(), "a")));
  EXPECT_FALSE(IsInclusiveAncestor(FindById(doc.root(), "a"), FindById(doc.root(), "c")));
}

}  // namespace
}  // namespace strata::parser
