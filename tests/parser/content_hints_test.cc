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

TEST_F(ContentHintsTest, OffContentBlocksAreBlocksThatAreUnlikelyOrBoilerplate) {
  Parse(
      "<div id=a class=sidebar><p id=a1>x</p></div><nav id=b><a id=b1>y</a></nav>"
      "<div id=c class=comments><span id=c1>z</span></div><span id=d class=comments>3</span>"
      "<span id=e class=sidebar>s</span><article id=f class=comment><p id=f1>t</p></article>"
      "<div id=g class=entry-content><p id=g1>u</p></div>");
  // An <article> is never unlikely, but one classed as a comment is boilerplate.
  for (const char* id : {"a", "b", "c", "f"}) EXPECT_TRUE(IsOffContentBlock(Node(id))) << id;
  for (const char* id : {"d", "e", "g", "a1"}) EXPECT_FALSE(IsOffContentBlock(Node(id))) << id;
  for (const char* id : {"a1", "b1", "c1", "f1"}) EXPECT_TRUE(InOffContentBlock(Node(id))) << id;
  for (const char* id : {"d", "e", "g1"}) EXPECT_FALSE(InOffContentBlock(Node(id))) << id;
  EXPECT_FALSE(IsOffContentBlock(nullptr));
  EXPECT_FALSE(InOffContentBlock(nullptr));
}

TEST_F(ContentHintsTest, ClassifyHintsReadsClassIdAndRoleOnce) {
  Parse(
      "<div id=a class='Share-Bar'></div><div id=comments></div><div id=c role=navigation></div>"
      "<div id=d class='social-media-embed'></div><blockquote id=e class=twitter-tweet>"
      "</blockquote><span id=f class='wp-caption-text'></span><div id=g class='topic-meta-data'>"
      "</div><div id=h class='metadata'></div><div id=i class='post-date'></div>"
      "<div id=j class='update'></div><span id=k class=username></span><div id=l class=gallery>"
      "</div>");
  EXPECT_TRUE(ClassifyHints(Node("a")) & kHintBoilerplate);  // case does not matter
  EXPECT_TRUE(ClassifyHints(Node("comments")) & kHintUnlikely);
  EXPECT_TRUE(ClassifyHints(Node("c")) & kHintUnlikelyRole);
  EXPECT_TRUE(ClassifyHints(Node("d")) & kHintEmbed);
  EXPECT_TRUE(ClassifyHints(Node("e")) & kHintEmbed);
  EXPECT_TRUE(ClassifyHints(Node("f")) & kHintCaption);
  EXPECT_TRUE(ClassifyHints(Node("g")) & kHintByline);   // "meta" as a part
  EXPECT_FALSE(ClassifyHints(Node("h")) & kHintByline);  // ... not inside "metadata"
  EXPECT_TRUE(ClassifyHints(Node("i")) & kHintByline);
  EXPECT_FALSE(ClassifyHints(Node("j")) & kHintByline);  // "date" not inside "update"
  EXPECT_TRUE(ClassifyHints(Node("k")) & kHintUser);
  EXPECT_TRUE(ClassifyHints(Node("l")) & kHintGallery);
  EXPECT_EQ(ClassifyHints(doc_->body()), 0u);
}

TEST_F(ContentHintsTest, EmbeddedPostsAreNeverFurniture) {
  // A quoted tweet sits in a box whose class says "social": it is part of the article.
  Parse("<div id=a class='social-media-embed'></div><div id=b class='social-links'></div>");
  EXPECT_FALSE(IsUnlikelyCandidate(Node("a")));
  EXPECT_FALSE(IsBoilerplate(Node("a")));
  EXPECT_TRUE(IsUnlikelyCandidate(Node("b")));
  EXPECT_TRUE(IsBoilerplate(Node("b")));
}

TEST_F(ContentHintsTest, HiddenClassesUnlessShownAgain) {
  Parse(
      "<div id=a class='d-none'></div><div id=b class='d-none d-lg-block'></div>"
      "<div id=c class='d-none d-print-block'></div><div id=d class='hidden-xs'></div>"
      "<div id=e class='visually-hidden'></div><div id=f class='sr-only-focusable x'></div>"
      "<div id=g class='d-none md:block'></div>");
  EXPECT_TRUE(ClassifyHints(Node("a")) & kHintHiddenClass);
  EXPECT_FALSE(ClassifyHints(Node("b")) & kHintHiddenClass);  // shown on large screens
  EXPECT_TRUE(ClassifyHints(Node("c")) & kHintHiddenClass);   // print only
  EXPECT_FALSE(ClassifyHints(Node("d")) & (kHintHiddenClass | kHintScreenReader));
  EXPECT_TRUE(ClassifyHints(Node("e")) & kHintScreenReader);
  EXPECT_FALSE(ClassifyHints(Node("f")) & kHintScreenReader);  // whole tokens only
  EXPECT_FALSE(ClassifyHints(Node("g")) & kHintHiddenClass);
}

TEST(AdLabelTest, RecognisesLabelsInSeveralLanguages) {
  struct Case {
    const char* text;
    bool label;
  };
  const Case cases[] = {
      {"Advertisement", true},
      {" ADVERTISEMENT ", true},
      {"Advert", true},
      {"Sponsored:", true},
      {"Anzeige", true},
      {"Реклама", true},
      {"广告", true},
      {"広告", true},
      {"광고", true},
      {"Story continues below advertisement", true},
      {"", false},
      {"Advertisement rates for small businesses rose again", false},
      {"Ads", true},
      {"Adsorption", false},
  };
  for (const Case& c : cases) EXPECT_EQ(IsAdLabelText(c.text), c.label) << c.text;
}

}  // namespace
}  // namespace strata::parser
