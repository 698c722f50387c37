#include "parser/text_util.h"

#include <gtest/gtest.h>

namespace strata::parser {
namespace {

TEST(TextUtilTest, CaseInsensitiveHelpers) {
  EXPECT_TRUE(EqualsIgnoreCase("Content-Type", "content-type"));
  EXPECT_FALSE(EqualsIgnoreCase("abc", "abd"));
  EXPECT_TRUE(StartsWithIgnoreCase("Posted By x", "posted by"));
  EXPECT_TRUE(ContainsIgnoreCase("The Example Blog", "example"));
  EXPECT_FALSE(ContainsIgnoreCase("short", "longer needle"));
  EXPECT_EQ(AsciiLowercase("MiXeD 中文"), "mixed 中文");
  EXPECT_EQ(FindIgnoreCase("a Sidebar and a SIDEBAR", "sidebar"), 2u);
  EXPECT_EQ(FindIgnoreCase("a Sidebar and a SIDEBAR", "sidebar", 3), 16u);
  EXPECT_EQ(FindIgnoreCase("abc", "abcd"), std::string_view::npos);
  // A first byte that is no letter: found by jumping from one '<' to the next.
  EXPECT_EQ(FindIgnoreCase("a<b</SCRIPT><x</script", "</script"), 3u);
  EXPECT_EQ(FindIgnoreCase("a<b</SCRIPT><x</script", "</script", 4), 14u);
  EXPECT_EQ(FindIgnoreCase("<</scrip", "</script"), std::string_view::npos);
  EXPECT_EQ(FindIgnoreCase("<<<", "<<", 1), 1u);
  EXPECT_EQ(FindIgnoreCase("<<", "<<", 3), std::string_view::npos);
}

TEST(TextUtilTest, TrimSpaceKnowsUnicodeSpaces) {
  EXPECT_EQ(TrimSpace("  x  "), "x");
  EXPECT_EQ(TrimSpace("\u3000\u3000段落\u00A0"), "段落");
  EXPECT_EQ(TrimSpace("\u200Bword\uFEFF"), "word");
  EXPECT_EQ(TrimSpace(" \t\n"), "");
}

TEST(TextUtilTest, CollapseWhitespace) {
  EXPECT_EQ(CollapseWhitespace("  a \n\t b  "), "a b");
  EXPECT_EQ(CollapseWhitespace("a\u00A0\u00A0b\u3000c"), "a b c");
  EXPECT_EQ(CollapseWhitespace("zero\u200Bwidth"), "zerowidth");
  EXPECT_EQ(CollapseWhitespace(""), "");
}

TEST(TextUtilTest, DecodeStrayEntities) {
  EXPECT_EQ(DecodeStrayEntities("&#8216;Quote&#8217; &amp; more"), "\u2018Quote\u2019 & more");
  EXPECT_EQ(DecodeStrayEntities("&#x4E2D;&#25991;"), "中文");
  EXPECT_EQ(DecodeStrayEntities("AT&T &unknown; &"), "AT&T &unknown; &");
  EXPECT_EQ(DecodeStrayEntities("&#0; &#99999999;"), "&#0; &#99999999;");
}

TEST(TextUtilTest, SplitListOnSeveralSeparators) {
  const std::vector<std::string> parts =
      SplitList(" Go, 并发，goroutine、 ;; x ", {",", "，", "、", ";"});
  EXPECT_EQ(parts, (std::vector<std::string>{"Go", "并发", "goroutine", "x"}));
  EXPECT_TRUE(SplitList("", {","}).empty());
}

}  // namespace
}  // namespace strata::parser
