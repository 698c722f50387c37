#include "parser/main_content.h"

#include <gtest/gtest.h>

#include <string>

#include "parser/html_document.h"

namespace strata::parser {
namespace {

std::string Paragraph(const std::string& topic) {
  return "<p>This paragraph is about " + topic +
         ", and it is long enough to count as prose, with commas, clauses, and a full stop.</p>";
}

std::string BodyOf(const std::string& html) {
  const HtmlDocument doc = HtmlDocument::Parse(html);
  return FindMainContent(doc).text;
}

TEST(MainContentTest, PicksTheArticleOverNavigationAndSidebars) {
  const std::string html =
      "<body><div id=nav><ul><li><a href=/1>Home</a></li><li><a href=/2>Blog</a></li></ul></div>"
      "<div id=content><h1>Title</h1>" +
      Paragraph("apples") + Paragraph("pears") + Paragraph("plums") +
      "</div><div class=sidebar><h3>Popular</h3><ul>"
      "<li><a href=/p1>Popular post number one with a long title</a></li>"
      "<li><a href=/p2>Popular post number two with a long title</a></li></ul></div>"
      "<div id=footer>Copyright 2025, Example Inc. All rights reserved worldwide.</div></body>";
  const std::string body = BodyOf(html);
  EXPECT_NE(body.find("about apples"), std::string::npos);
  EXPECT_NE(body.find("about plums"), std::string::npos);
  EXPECT_EQ(body.find("Popular"), std::string::npos);
  EXPECT_EQ(body.find("Home"), std::string::npos);
  EXPECT_EQ(body.find("Copyright"), std::string::npos);
  EXPECT_EQ(body.find("Title"), std::string::npos);  // the <h1> is the title field
  EXPECT_EQ(std::count(body.begin(), body.end(), '\n'), 2);
}

TEST(MainContentTest, ChineseDivTextWithBreaks) {
  // Chinese sites often write text straight into a <div>, lines separated by <br>.
  const std::string html =
      "<body><div class=menu><a href=/>首页</a><a href=/a>专栏</a></div><div id=js_content>"
      "第一段文字，介绍背景，说明为什么要写这篇文章，以及读者可以从中得到什么。<br>"
      "第二段文字，讲述具体做法，包括准备工作、实施步骤和需要注意的地方。<br>"
      "第三段文字，总结经验教训，并给出进一步阅读的建议和参考资料。</div></body>";
  const std::string body = BodyOf(html);
  EXPECT_EQ(body,
            "第一段文字，介绍背景，说明为什么要写这篇文章，以及读者可以从中得到什么。\n"
            "第二段文字，讲述具体做法，包括准备工作、实施步骤和需要注意的地方。\n"
            "第三段文字，总结经验教训，并给出进一步阅读的建议和参考资料。");
}

TEST(MainContentTest, RemovesBoilerplateInsideTheArticle) {
  const std::string html = "<body><article class=post>" + Paragraph("one") + Paragraph("two") +
                           "<div class=share-buttons><a href=/t>Tweet</a><a href=/f>Share</a></div>"
                           "<ul class=related><li><a href=/r1>Related article one</a></li>"
                           "<li><a href=/r2>Related article two</a></li></ul>"
                           "<div class=post-views>Post Views: 1,234</div><p>阅读数：4</p>" +
                           Paragraph("three") + "<div id=comments>" +
                           Paragraph("a reader's opinion") + "</div></article></body>";
  const std::string body = BodyOf(html);
  EXPECT_NE(body.find("about three"), std::string::npos);
  EXPECT_EQ(body.find("Tweet"), std::string::npos);
  EXPECT_EQ(body.find("Related"), std::string::npos);
  EXPECT_EQ(body.find("Post Views"), std::string::npos);
  EXPECT_EQ(body.find("阅读数"), std::string::npos);
  EXPECT_EQ(body.find("opinion"), std::string::npos);
}

TEST(MainContentTest, SiblingParagraphsJoinTheBestContainer) {
  const std::string html = "<body><div id=main><div class=part>" + Paragraph("part one") +
                           Paragraph("part one again") +
                           "</div><p>A closing remark. It ends well.</p>"
                           "<div class=part>" +
                           Paragraph("part two") + Paragraph("part two again") +
                           "</div><div class=links><a href=/x>x</a></div></div></body>";
  const HtmlDocument doc = HtmlDocument::Parse(html);
  const MainContent content = FindMainContent(doc);
  EXPECT_NE(content.text.find("part one again"), std::string::npos);
  EXPECT_NE(content.text.find("closing remark"), std::string::npos);
  EXPECT_NE(content.text.find("part two again"), std::string::npos);
  EXPECT_GE(content.roots.size(), 1u);
}

TEST(MainContentTest, FormsInsideTheArticle) {
  // ASP.NET pages put the whole page inside one <form>: the article stays.
  std::string body = BodyOf("<body><form id=aspnetForm><div id=post>" + Paragraph("forms") +
                            Paragraph("more forms") + "</div></form></body>");
  EXPECT_NE(body.find("about forms"), std::string::npos);
  EXPECT_NE(body.find("about more forms"), std::string::npos);
  // A reply box inside the article goes. (Forms cannot nest in HTML: the parser drops an inner
  // <form> start tag, so this page has no page-wide form.)
  body = BodyOf("<body><div id=post>" + Paragraph("forms") + Paragraph("more forms") +
                "<form class=reply><textarea></textarea>"
                "<p>Be nice when you write a reply to this post, please.</p></form></div></body>");
  EXPECT_NE(body.find("about forms"), std::string::npos);
  EXPECT_EQ(body.find("Be nice"), std::string::npos);
}

TEST(MainContentTest, FallsBackWhenTheFilterRemovesEverything) {
  // The only text sits in a container whose class looks like a sidebar.
  const std::string html = "<body><div class=sidebar>" + Paragraph("the only text") +
                           Paragraph("more of it") + "</div></body>";
  EXPECT_NE(BodyOf(html).find("the only text"), std::string::npos);
}

TEST(MainContentTest, EmptyAndTextlessPages) {
  EXPECT_EQ(BodyOf(""), "");
  EXPECT_EQ(BodyOf("<body><img src=x><script>x()</script></body>"), "");
  EXPECT_EQ(BodyOf("<frameset><frame src=a></frameset>"), "");
  EXPECT_EQ(BodyOf("just text"), "just text");
}

}  // namespace
}  // namespace strata::parser
