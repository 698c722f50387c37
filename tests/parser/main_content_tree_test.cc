#include "parser/main_content_tree.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "parser/dom.h"
#include "parser/html_document.h"
#include "test_util.h"

namespace strata::parser {
namespace {

using testing::FindById;

TEST(ContentTreeTest, FlatPreOrderWithParentsAndSubtreeEnds) {
  const HtmlDocument doc = HtmlDocument::Parse(
      "<div id=a><p id=b>one, two</p><p id=c><a href=/x>link</a></p></div>"
      "<div id=d></div>");
  const ContentTree tree = ContentTree::Build(doc.body());
  ASSERT_EQ(tree.size(), 6u);  // body, a, b, c, <a>, d
  EXPECT_EQ(tree[0].node, doc.body());
  const uint32_t a = tree.IndexOf(FindById(doc.root(), "a"));
  const uint32_t b = tree.IndexOf(FindById(doc.root(), "b"));
  const uint32_t c = tree.IndexOf(FindById(doc.root(), "c"));
  const uint32_t d = tree.IndexOf(FindById(doc.root(), "d"));
  EXPECT_EQ(a, 1u);
  EXPECT_EQ(b, 2u);
  EXPECT_EQ(c, 3u);
  EXPECT_EQ(d, 5u);
  EXPECT_EQ(tree[a].parent, 0u);
  EXPECT_EQ(tree[b].parent, a);
  EXPECT_EQ(tree[a].end, d);  // a's subtree is [1, 5)
  EXPECT_EQ(tree[0].end, 6u);
  EXPECT_EQ(tree[0].parent, kNoElement);
  EXPECT_EQ(tree[b].direct_text, 7);  // "one,two": non-space bytes
  EXPECT_EQ(tree[b].direct_commas, 1);
  EXPECT_TRUE(tree[c + 1].in_link);
  EXPECT_FALSE(tree[c].in_link);
  EXPECT_TRUE(tree[b].block);
  EXPECT_EQ(tree.IndexOf(doc.head()), kNoElement);
}

TEST(ContentTreeTest, InvisibleElementsAreLeaves) {
  const HtmlDocument doc = HtmlDocument::Parse(
      "<div id=a hidden><p>x</p></div><script id=s>var x;</script>"
      "<span id=sr class='sr-only'>Image caption</span><div id=n class='d-none'><p>y</p></div>"
      "<div id=r class='d-none d-md-block'><p>shown on wide screens</p></div>");
  const ContentTree tree = ContentTree::Build(doc.body());
  for (const char* id : {"a", "s", "sr", "n"}) {
    const uint32_t i = tree.IndexOf(FindById(doc.root(), id));
    ASSERT_NE(i, kNoElement) << id;
    EXPECT_TRUE(tree[i].invisible) << id;
    EXPECT_EQ(tree[i].end, i + 1) << id;
  }
  const uint32_t r = tree.IndexOf(FindById(doc.root(), "r"));
  EXPECT_FALSE(tree[r].invisible);
  EXPECT_EQ(tree[r].end, r + 2);  // its <p> is indexed
}

TEST(ContentTreeTest, HintsAreComputedOnce) {
  const HtmlDocument doc = HtmlDocument::Parse(
      "<div id=a class='share-bar'></div><div id=b class='entry-content'></div>");
  const ContentTree tree = ContentTree::Build(doc.body());
  EXPECT_TRUE(tree[tree.IndexOf(FindById(doc.root(), "a"))].hints & kHintBoilerplate);
  EXPECT_TRUE(tree[tree.IndexOf(FindById(doc.root(), "b"))].hints & kHintKnownContent);
}

TEST(ContentTreeTest, MeasureSubtreesLeavesOutExcludedSubtrees) {
  const HtmlDocument doc = HtmlDocument::Parse(
      "<div id=a>intro <b>bold</b><p id=p>para <a href=/>link</a></p><div "
      "id=x>skipped</div></div>");
  const ContentTree tree = ContentTree::Build(doc.body());
  const uint32_t a = tree.IndexOf(FindById(doc.root(), "a"));
  const uint32_t p = tree.IndexOf(FindById(doc.root(), "p"));
  const uint32_t x = tree.IndexOf(FindById(doc.root(), "x"));
  std::vector<bool> excluded(tree.size(), false);
  SubtreeStats all = MeasureSubtrees(tree, excluded);
  EXPECT_EQ(all.text[a], 5 + 4 + 4 + 4 + 7);  // intro bold para link skipped
  EXPECT_EQ(all.link[a], 4);
  EXPECT_EQ(all.inline_text[a], 9);  // "intro" and "bold": the <p> and <div> are blocks
  EXPECT_EQ(all.inline_text[p], 8);
  EXPECT_EQ(all.inline_link[p], 4);
  excluded[x] = true;
  SubtreeStats filtered = MeasureSubtrees(tree, excluded);
  EXPECT_EQ(filtered.text[a], 17);
  EXPECT_EQ(filtered.text[x], 7);  // still measured itself
}

TEST(ContentTreeTest, CountsLongTextExactly) {
  // Long enough for the 16-byte blocks (and, at 300 repeats, for the lane sums every 255
  // blocks), with every kind of space and comma across block edges.
  for (int repeats : {50, 300}) {
    std::string text;
    for (int i = 0; i < repeats; ++i) {
      text += "word,\tmore\r\nwords \x0b\x0c\xe4\xb8\xad\xef\xbc\x8c\xe3\x80\x81\xe3\x80\x82x";
    }
    const HtmlDocument doc = HtmlDocument::Parse("<p id=p>" + text + "</p>");
    const GumboNode* para = FindById(doc.root(), "p");
    ASSERT_EQ(Children(para).size(), 1u);
    const std::string_view parsed = Children(para)[0]->v.text.text;  // as the tree sees it
    int64_t non_space = 0, commas = 0;
    for (size_t i = 0; i < parsed.size(); ++i) {
      const char c = parsed[i];
      if (c != ' ' && !(c >= '\t' && c <= '\r')) ++non_space;
      if (c == ',') ++commas;
      if (parsed.compare(i, 3, "\xef\xbc\x8c") == 0 || parsed.compare(i, 3, "\xe3\x80\x81") == 0) {
        ++commas;
      }
    }
    const ContentTree tree = ContentTree::Build(doc.body());
    const uint32_t p = tree.IndexOf(para);
    EXPECT_EQ(tree[p].direct_text, non_space) << repeats;
    EXPECT_EQ(tree[p].direct_commas, commas) << repeats;
    EXPECT_EQ(commas, 3 * repeats);
  }
}

TEST(ContentTreeTest, EmptyAndDegenerateInput) {
  EXPECT_TRUE(ContentTree::Build(nullptr).empty());
  const HtmlDocument doc = HtmlDocument::Parse("");
  const ContentTree tree = ContentTree::Build(doc.body());
  ASSERT_EQ(tree.size(), 1u);
  EXPECT_EQ(MeasureSubtrees(tree, std::vector<bool>(1, false)).text[0], 0);
}

TEST(ContentTreeTest, DeepNestingIsIndexedWithoutRecursion) {
  std::string html;
  for (int i = 0; i < 5000; ++i) html += "<div>";
  html += "deep";
  const HtmlDocument doc = HtmlDocument::Parse(html, /*max_nesting_depth=*/100'000);
  const ContentTree tree = ContentTree::Build(doc.body());
  EXPECT_GE(tree.size(), 5000u);
  const SubtreeStats stats = MeasureSubtrees(tree, std::vector<bool>(tree.size(), false));
  EXPECT_EQ(stats.text[0], 4);
}

}  // namespace
}  // namespace strata::parser
