#include "parser/content_hints.h"

#include <gtest/gtest.h>

#include <string>

#include "parser/html_document.h"
#include "test_util.h"

namespace strata::parser {
namespace {

using testing::FindById;

class ContentHintsTest : public ::testing::Test {
 protected:
  void Parse(const std::string& html) {
    html_ = html;
    doc_ = std::make_unique<HtmlDocument>(HtmlDocument::Parse(html_));
  }
  const GumboNode* Node(const char* id) { return FindById(doc_->root(), id); }

  std::string html_;
  std::unique_ptr<HtmlDocument> doc_;
};

TEST_F(ContentHintsTest, UnlikelyCandidates) {
  Parse(
      "<div id=a class=sidebar></div><div id=b class='sidebar-content'></div>"
      "<div id=c role=navigation></div><article id=d class=comment></article>"
      "<div id=e class='ad'></div><div id=f class='header'></div><div id=g class='reader'></div>"
      "<div id=h class='post-body'></div>");
  EXPECT_TRUE(IsUnlikelyCandidate(Node("a")));
  EXPECT_FALSE(IsUnlikelyCandidate(Node("b")));  // "content" says maybe
  EXPECT_TRUE(IsUnlikelyCandidate(Node("c")));
  EXPECT_FALSE(IsUnlikelyCandidate(Node("d")));  // <article> is never ruled out by its class
  EXPECT_TRUE(IsUnlikelyCandidate(Node("e")));
  EXPECT_TRUE(IsUnlikelyCandidate(Node("f")));
  EXPECT_FALSE(IsUnlikelyCandidate(Node("g")));  // "ad" only as a whole word
  EXPECT_FALSE(IsUnlikelyCandidate(Node("h")));
}

TEST_F(ContentHintsTest, ClassWeights) {
  Parse(
      "<div id=cnblogs_post_body></div><div id=a class=entry-content></div>"
      "<div id=b class=comments></div><div id=c></div><div id=d class='post sidebar'></div>");
  EXPECT_EQ(ClassWeight(Node("cnblogs_post_body")), 75);  // known container + "post"/"body"
  EXPECT_EQ(ClassWeight(Node("a")), 75);
  EXPECT_EQ(ClassWeight(Node("b")), -25);
  EXPECT_EQ(ClassWeight(Node("c")), 0);
  EXPECT_EQ(ClassWeight(Node("d")), 0);
}

TEST_F(ContentHintsTest, BoilerplateAndCounterWidgets) {
  Parse(
      "<nav id=a></nav><div id=b class='share-buttons'></div><div id=c class='entry-content'>"
      "</div><div id=d class='related-posts'></div><p id=e>text</p>"
      "<div id=f class='post-views'></div><span id=g class='views-count'></span>"
      "<div id=h class='interviews'></div>");
  EXPECT_TRUE(IsBoilerplate(Node("a")));
  EXPECT_TRUE(IsBoilerplate(Node("b")));
  EXPECT_FALSE(IsBoilerplate(Node("c")));
  EXPECT_TRUE(IsBoilerplate(Node("d")));
  EXPECT_FALSE(IsBoilerplate(Node("e")));
  EXPECT_TRUE(IsCounterWidget(Node("f")));
  EXPECT_TRUE(IsCounterWidget(Node("g")));
  EXPECT_FALSE(IsCounterWidget(Node("h")));
}

}  // namespace
}  // namespace strata::parser
