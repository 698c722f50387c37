#include "parser/page_lines.h"

#include <gtest/gtest.h>

#include <string>

namespace strata::parser {
namespace {

TEST(PageLinesTest, ShortVisibleLinesOutsideBoilerplate) {
  const std::string html =
      "<nav><a href=/>Home</a></nav><div class=meta>posted @ 2025-02-14 "
      "阅读(<span id=post_view_count>12</span>) 评论(<span id=post_comment_count>3</span>)</div>"
      "<p>" +
      std::string(400, 'x') +
      "</p><div class=sidebar>阅读(999)</div>"
      "<div id=comments><p>2025-01-01 reader</p></div><footer>2024 footer</footer>";
  const HtmlDocument doc = HtmlDocument::Parse(html);
  const std::vector<std::string> lines = MetadataLines(doc);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], "posted @ 2025-02-14 阅读(12) 评论(3)");
}

TEST(PageLinesTest, PageWideFormIsNotBoilerplate) {
  const HtmlDocument doc =
      HtmlDocument::Parse("<form id=aspnetForm><div>posted @ 2025-02-14 阅读(7)</div></form>");
  const std::vector<std::string> lines = MetadataLines(doc);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], "posted @ 2025-02-14 阅读(7)");
}

TEST(PageLinesTest, LimitsTheNumberOfLines) {
  std::string html;
  for (int i = 0; i < 50; ++i) html += "<p>line</p>";
  const HtmlDocument doc = HtmlDocument::Parse(html);
  EXPECT_EQ(MetadataLines(doc, 10).size(), 10u);
}

}  // namespace
}  // namespace strata::parser
