#include "parser/author.h"

#include <gtest/gtest.h>

#include <string>

#include "parser/html_document.h"
#include "parser/page_index.h"

namespace strata::parser {
namespace {

struct Case {
  const char* text;
  const char* name;
};

TEST(AuthorTest, CleanByline) {
  const Case cases[] = {
      {"By Jane Doe", "Jane Doe"},
      {"by jane doe", "jane doe"},
      {"Posted by Jane Doe on February 14, 2025", "Jane Doe"},
      {"Jane Doe | 3 min read", "Jane Doe"},
      {"作者：张三", "张三"},
      {"作者: 张三 发布于 2025-02-14", "张三"},
      {"文/李四", "李四"},
      {"张三 2 小时前", "张三"},
      {"Carrie Arnold Contributing Writer November 15, 2019", "Carrie Arnold Contributing Writer"},
      {"@alice", "alice"},
      {"Byron Smith", "Byron Smith"},
      {"https://example.com/u/jane", ""},
      {"12345", ""},
      {"", ""},
      {"This is a very long sentence that certainly is not the name of any author at all", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(CleanByline(c.text), c.name) << c.text;
}

TEST(AuthorTest, FindBylineInText) {
  const Case cases[] = {
      {"作者：王五 2025 年 02 月 14 日 北京", "王五"},
      {"撰文：赵六", "赵六"},
      {"原文：https://example.com/a", ""},
      {"文 / 李四", "李四"},
      {"posted @ 2025-02-14 10:00 张小明 阅读(123) 评论(4)", "张小明"},
      {"By Jane Doe | Feb 14, 2025", "Jane Doe"},
      {"Story by Ludwig van Beethoven", "Ludwig van Beethoven"},
      {"By Carrie Arnold November 15, 2019", "Carrie Arnold"},
      {"written by the team", ""},
      {"Stand by me", ""},
      {"", ""},
      {"本文作者：张三", "张三"},
      {"来源：新华社 作者：李四", "李四"},
      {"文/王小明 编辑/赵六", "王小明"},
      {"作者: Jane Doe", "Jane Doe"},
      {"BY JANE DOE", "JANE DOE"},
      {"By Jane Doe and John Smith", "Jane Doe"},
      {"Written by Maria García-López", "Maria García-López"},
      {"By Émile Zola", "Émile Zola"},
      {"By Jane Doe, Staff Writer", "Jane Doe"},
      {"posted @ 2025-02-14 10:00 李雷 阅读(256) 评论(2) 编辑", "李雷"},
      {"作者：王五 | 发布于 2025-02-14", "王五"},
  };
  for (const Case& c : cases) EXPECT_EQ(FindBylineInText(c.text), c.name) << c.text;
}

TEST(AuthorTest, TidyDeclaredAuthor) {
  EXPECT_EQ(TidyDeclaredAuthor("By Amy K | NJ Advance Media"), "Amy K");
  EXPECT_EQ(TidyDeclaredAuthor("Lia E, Yaron S"), "Lia E, Yaron S");
  EXPECT_EQ(TidyDeclaredAuthor("https://www.facebook.com/jane"), "");
}

TEST(AuthorTest, AuthorFromElementsCascade) {
  const std::string html =
      "<div class='comment-author'>not first in cascade</div>"
      "<a rel='author' href='/u/bob'>Bob</a>"
      "<div itemprop='author' itemscope><span itemprop='name'>Alice</span></div>";
  const HtmlDocument doc = HtmlDocument::Parse(html);
  const PageIndex index = IndexPage(doc);
  EXPECT_EQ(AuthorFromElements(index.itemprops, index.author_links, index.author_hints), "Alice");
  EXPECT_EQ(AuthorFromElements({}, index.author_links, index.author_hints), "Bob");
  EXPECT_EQ(AuthorFromElements({}, {}, {}), "");
}

TEST(AuthorTest, BylineElementsWithLabels) {
  const std::string html = "<span class='author'>作者：<a href='/u/w'>王五</a></span>";
  const HtmlDocument doc = HtmlDocument::Parse(html);
  const PageIndex index = IndexPage(doc);
  EXPECT_EQ(AuthorFromElements(index.itemprops, index.author_links, index.author_hints), "王五");
}

}  // namespace
}  // namespace strata::parser
