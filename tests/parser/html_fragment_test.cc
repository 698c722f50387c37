#include "parser/html_fragment.h"

#include <gtest/gtest.h>

namespace strata::parser {
namespace {

TEST(HtmlFragmentTest, RendersTextHtmlAndMarkdownLikeAPageBody) {
  const RenderedBody body = RenderHtmlFragment(
      "<h2>标题</h2><p>One <b>bold</b> <a href=\"/x\">link</a>.</p><script>alert(1)</script>"
      "<ul><li>a</li><li>b</li></ul>",
      "https://example.com/post/1");
  EXPECT_EQ(body.text, "标题\nOne bold link.\na\nb");
  EXPECT_EQ(body.html.find("<script"), std::string::npos) << body.html;
  EXPECT_NE(body.html.find("href=\"https://example.com/x\""), std::string::npos) << body.html;
  EXPECT_NE(body.markdown.find("## 标题"), std::string::npos) << body.markdown;
  EXPECT_NE(body.markdown.find("- a"), std::string::npos) << body.markdown;
}

TEST(HtmlFragmentTest, MarkdownOfHtmlIsTheFragmentsMarkdown) {
  const std::string html =
      "<h2>Title</h2><p>One <b>bold</b> <a href=\"/x\">link</a>.</p><ol><li>a</li></ol>"
      "<pre><code class=\"language-go\">x := 1</code></pre>";
  const std::string markdown = RenderMarkdownOfHtml(html, "https://example.com/post/1");
  EXPECT_EQ(markdown, RenderHtmlFragment(html, "https://example.com/post/1").markdown);
  EXPECT_NE(markdown.find("[link](https://example.com/x)"), std::string::npos) << markdown;
  EXPECT_EQ(RenderMarkdownOfHtml("", ""), "");
}

TEST(HtmlFragmentTest, EmptyAndHostileInput) {
  EXPECT_EQ(RenderHtmlFragment("", "").text, "");
  const RenderedBody deep = RenderHtmlFragment(std::string(200000, '<') + "div>", "");
  (void)deep;
  std::string nested;
  for (int i = 0; i < 50000; ++i) nested += "<div>";
  nested += "deep";
  EXPECT_NE(RenderHtmlFragment(nested, "").text.find("deep"), std::string::npos);
}

}  // namespace
}  // namespace strata::parser
