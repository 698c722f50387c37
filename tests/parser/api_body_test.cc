#include "parser/api_body.h"

#include <gtest/gtest.h>

namespace strata::parser {
namespace {

using Json = nlohmann::json;
using config::BodyFormat;

TEST(ApiBodyTest, EachFormat) {
  Result<RenderedBody> html = RenderApiBody(
      BodyFormat::kHtml, Json("<p>One</p><p onclick='x()'>Two <a href='/a'>a</a></p>"),
      "https://example.com/p/1");
  ASSERT_TRUE(html.ok()) << html.status().ToString();
  EXPECT_EQ(html->text, "One\nTwo a");
  EXPECT_EQ(html->html.find("onclick"), std::string::npos) << html->html;
  EXPECT_NE(html->html.find("https://example.com/a"), std::string::npos) << html->html;

  Result<RenderedBody> markdown = RenderApiBody(
      BodyFormat::kMarkdown, Json("# Title\n\nSome *text* and ~~old~~.\n\n- a\n- b\n"), "");
  ASSERT_TRUE(markdown.ok());
  EXPECT_EQ(markdown->text, "Title\nSome text and old.\na\nb");
  EXPECT_NE(markdown->html.find("<del>old</del>"), std::string::npos) << markdown->html;
  EXPECT_NE(markdown->markdown.find("# Title"), std::string::npos) << markdown->markdown;

  Result<RenderedBody> text = RenderApiBody(BodyFormat::kText, Json("a < b\r\n\nc"), "");
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(text->text, "a < b\nc");
  EXPECT_NE(text->html.find("a &lt; b"), std::string::npos) << text->html;

  Result<RenderedBody> prosemirror = RenderApiBody(
      BodyFormat::kProseMirror,
      Json::parse(
          R"({"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"pm"}]}]})"),
      "");
  ASSERT_TRUE(prosemirror.ok());
  EXPECT_EQ(prosemirror->text, "pm");
}

TEST(ApiBodyTest, ValuesOfTheWrongTypeAreErrors) {
  EXPECT_FALSE(RenderApiBody(BodyFormat::kHtml, Json(5), "").ok());
  EXPECT_FALSE(RenderApiBody(BodyFormat::kMarkdown, Json::object(), "").ok());
  EXPECT_FALSE(RenderApiBody(BodyFormat::kProseMirror, Json("not a document"), "").ok());
}

TEST(ApiBodyTest, MarkdownDialect) {
  const std::string html =
      MarkdownToHtml("| a | b |\n|---|---|\n| 1 | 2 |\n\nhttps://example.com\n");
  EXPECT_NE(html.find("<table>"), std::string::npos) << html;
  EXPECT_NE(html.find("<a href=\"https://example.com\">"), std::string::npos) << html;
  EXPECT_EQ(MarkdownToHtml(""), "");
}

}  // namespace
}  // namespace strata::parser
