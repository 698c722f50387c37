#include "parser/title.h"

#include <gtest/gtest.h>

namespace strata::parser {
namespace {

TEST(TitleTest, StripsSiteDecorationConservatively) {
  struct Case {
    const char* title;
    const char* site_name;
    const char* host;
    const char* author;
    const char* expected;
  };
  const Case cases[] = {
      {"Go 并发编程入门 - 张小明 - 博客园", "", "www.cnblogs.com", "张小明", "Go 并发编程入门"},
      {"标题_分类_作者_InfoQ写作社区", "", "xie.infoq.cn", "作者", "标题_分类"},
      {"How We Cut Build Times | Example Blog", "Example Blog", "blog.example.com", "",
       "How We Cut Build Times"},
      {"How We Cut Build Times - Example Engineering", "", "blog.example.com", "",
       "How We Cut Build Times"},
      {"Example | How We Cut Build Times", "", "www.example.com", "", "How We Cut Build Times"},
      {"Python 3.12 released - Python", "", "www.python.org", "", "Python 3.12 released"},
      {"Rust 入门_张三的博客-CSDN博客", "", "blog.csdn.net", "", "Rust 入门"},
      // Nothing recognisable: the title stays whole.
      {"Cats - A Love Story", "", "pets.example.org", "", "Cats - A Love Story"},
      {"How React works | Blog", "", "react.dev", "", "How React works | Blog"},
      {"snake_case_names in Python", "", "x.test", "", "snake_case_names in Python"},
      {"Just a title", "Site", "x.test", "", "Just a title"},
      {"Title – Site Name", "Site Name", "x.test", "", "Title"},
      {"React 18 – What’s New", "", "react-notes.test", "", "React 18 – What’s New"},
      {"问题标题 - 知乎", "", "www.zhihu.com", "", "问题标题"},
      {"Web Dev - Part 1 - Jane's Blog", "Jane's Blog", "jane.test", "", "Web Dev - Part 1"},
      {"Title | Site", "Site", "site.test", "", "Title"},
      {"Deep Dive: C++20 Ranges :: Acme Engineering", "", "engineering.acme.com", "",
       "Deep Dive: C++20 Ranges"},
      {"Go 1.22 发布说明 - 开源中国", "", "www.oschina.net", "", "Go 1.22 发布说明"},
      {"Half-Life 2 - A Retrospective", "", "games.test", "", "Half-Life 2 - A Retrospective"},
      // Never strip everything.
      {"Example Blog", "Example Blog", "example.com", "", "Example Blog"},
  };
  for (const Case& c : cases) {
    TitleSources hints;
    hints.site_name = c.site_name;
    hints.host = c.host;
    hints.author = c.author;
    EXPECT_EQ(StripSiteDecoration(c.title, hints), c.expected) << c.title;
  }
}

TEST(TitleTest, CategoriesAreDecorationToo) {
  TitleSources hints;
  hints.host = "xie.infoq.cn";
  hints.author = "王五";
  hints.categories = {"云原生"};
  EXPECT_EQ(StripSiteDecoration("从零搭建可观测性平台_云原生_王五_InfoQ写作社区", hints),
            "从零搭建可观测性平台");
}

TEST(TitleTest, ChooseTitlePrefersTheHeadingInsideTheDeclaredTitle) {
  TitleSources s;
  s.html_title = "Some Post Title | Totally Unknown Suffix";
  s.h1s = {"Site Logo", "Some Post Title"};
  s.site_name = "Site Logo";
  EXPECT_EQ(ChooseTitle(s), "Some Post Title");
}

TEST(TitleTest, ChooseTitleCascade) {
  TitleSources s;
  s.json_ld_headline = "From JSON-LD";
  s.og_title = "From OG";
  s.html_title = "From title";
  EXPECT_EQ(ChooseTitle(s), "From JSON-LD");
  s.json_ld_headline = "";
  EXPECT_EQ(ChooseTitle(s), "From OG");
  s.og_title = "";
  EXPECT_EQ(ChooseTitle(s), "From title");
  s.html_title = "";
  s.h1s = {"Only a heading"};
  EXPECT_EQ(ChooseTitle(s), "Only a heading");
  s.h1s.clear();
  EXPECT_EQ(ChooseTitle(s), "");
}

}  // namespace
}  // namespace strata::parser
