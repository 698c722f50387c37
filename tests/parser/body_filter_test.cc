#include "parser/body_filter.h"

#include <gtest/gtest.h>

namespace strata::parser {
namespace {

TEST(BodyFilterTest, DropsShortCounterLines) {
  EXPECT_EQ(
      DropCounterLines("第一段。\nposted @ 2025-02-14 10:00 张三 阅读(123) 评论(4) 编辑\n第二段。"),
      "第一段。\n第二段。");
  EXPECT_EQ(DropCounterLines("李四 2025 年 01 月 20 日 北京 本文字数：812 字 阅读数：4\n正文"),
            "正文");
  EXPECT_EQ(DropCounterLines("Intro.\nPost Views: 1,234\nMore."), "Intro.\nMore.");
  EXPECT_EQ(DropCounterLines("1.2k views"), "");
}

TEST(BodyFilterTest, KeepsProseAndPlainLines) {
  EXPECT_EQ(DropCounterLines("A line.\nAnother line."), "A line.\nAnother line.");
  EXPECT_EQ(DropCounterLines(""), "");
  // A long paragraph that happens to mention views is prose, not furniture.
  const std::string prose =
      "When the post reached 1,234 views we looked at where readers came from, and found that "
      "most of them arrived from a single link in a newsletter that had been forwarded many "
      "times over the following weeks.";
  ASSERT_GT(prose.size(), kMaxFurnitureLineBytes);
  EXPECT_EQ(DropCounterLines(prose), prose);
}

}  // namespace
}  // namespace strata::parser
