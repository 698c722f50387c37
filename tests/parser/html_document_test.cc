#include "parser/html_document.h"

#include <gtest/gtest.h>

#include <string>

#include "parser/dom.h"
#include "test_util.h"

namespace strata::parser {
namespace {

TEST(HtmlDocumentTest, ParsesHeadAndBody) {
  const std::string html = "<title>T</title><p>hello";
  const HtmlDocument doc = HtmlDocument::Parse(html);
  ASSERT_NE(doc.root(), nullptr);
  EXPECT_TRUE(IsTag(doc.root(), GUMBO_TAG_HTML));
  EXPECT_TRUE(IsTag(doc.head(), GUMBO_TAG_HEAD));
  ASSERT_NE(doc.body(), nullptr);
  EXPECT_EQ(InlineText(doc.body()), "hello");
}

TEST(HtmlDocumentTest, EmptyAndGarbageInputsParse) {
  for (std::string input : {std::string(), std::string("\0\0\0", 3), std::string("<<<>>>&&&;"),
                            std::string("</p></div></body></html>")}) {
    const HtmlDocument doc = HtmlDocument::Parse(input);
    EXPECT_NE(doc.root(), nullptr);
    EXPECT_NE(doc.body(), nullptr);
  }
}

TEST(HtmlDocumentTest, MovesKeepTheTree) {
  const std::string html = "<p id=x>moved</p>";
  HtmlDocument a = HtmlDocument::Parse(html);
  HtmlDocument b = std::move(a);
  EXPECT_EQ(InlineText(testing::FindById(b.root(), "x")), "moved");
}

TEST(HtmlDocumentTest, DeepNestingIsCappedAndTextKept) {
  std::string html;
  for (int i = 0; i < 10'000; ++i) html += "<div>";
  html += "<p id=leaf>bottom</p>";
  for (int i = 0; i < 10'000; ++i) html += "</div>";
  const HtmlDocument doc = HtmlDocument::Parse(html, /*max_nesting_depth=*/100);
  EXPECT_GT(doc.dropped_tags(), 0u);
  int depth = 0;
  Walk(doc.root(), [&depth](const GumboNode* node) {
    int d = 0;
    for (const GumboNode* n = node; n != nullptr; n = n->parent) ++d;
    depth = std::max(depth, d);
    return WalkAction::kContinue;
  });
  EXPECT_LT(depth, 110);
  EXPECT_EQ(InlineText(testing::FindById(doc.root(), "leaf")), "bottom");
}

}  // namespace
}  // namespace strata::parser
