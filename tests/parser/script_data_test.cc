#include "parser/script_data.h"

#include <gtest/gtest.h>

#include "tests/parser/test_util.h"

namespace strata::parser {
namespace {

TEST(ScriptDataTest, FindsTheAssigningScript) {
  const std::string html =
      "<script>if (window.__NUXT__) {}</script><script>window.__NUXT__ = {a: 1}</script>";
  std::optional<std::string_view> script = FindAssigningScript(html, "window.__NUXT__");
  ASSERT_TRUE(script.has_value());
  EXPECT_EQ(*script, "window.__NUXT__ = {a: 1}");
  EXPECT_FALSE(FindAssigningScript("<script>x == window.__NUXT__</script>", "window.__NUXT__"));
  EXPECT_FALSE(FindAssigningScript(html, ""));
}

TEST(ScriptDataTest, ValuesByKey) {
  const std::string_view script =
      R"(x={a:1,mark_content_html:"no",mark_content:"# T\n\u4e2d\u6587 \x41 \"q\" \/ \ud83d\ude00 \u{1F600}",)"
      R"("mtime":"1739584800",'n':-12.5,v:someVariable,tag_name:"Go",tag_name:'Rust'})";
  EXPECT_EQ(ScriptValue(script, "mark_content"), "# T\n中文 A \"q\" / 😀 😀");
  EXPECT_EQ(ScriptValue(script, "mtime"), "1739584800");
  EXPECT_EQ(ScriptValue(script, "n"), "-12.5");
  EXPECT_FALSE(ScriptValue(script, "v").has_value());  // a variable: not resolved
  EXPECT_FALSE(ScriptValue(script, "missing").has_value());
  EXPECT_FALSE(ScriptValue(script, "content").has_value());  // not a part of a longer key
  EXPECT_EQ(ScriptValues(script, "tag_name"), (std::vector<std::string>{"Go", "Rust"}));
}

TEST(ScriptDataTest, TheJuejinPage) {
  const std::string html = testing::ReadFixture("api/juejin_post_nuxt.html");
  std::optional<std::string_view> script = FindAssigningScript(html, "window.__NUXT__");
  ASSERT_TRUE(script.has_value());
  std::optional<std::string> markdown = ScriptValue(*script, "mark_content");
  ASSERT_TRUE(markdown.has_value());
  EXPECT_TRUE(markdown->starts_with("## 背景\n\nVue 3 的响应式系统基于 `Proxy`"));
  EXPECT_NE(markdown->find("> 参考文档"), std::string::npos);
  EXPECT_EQ(ScriptValue(*script, "mtime"), "1739584800");
  EXPECT_EQ(ScriptValue(*script, "view_count"), "12034");
  EXPECT_FALSE(ScriptValue(*script, "is_english").has_value());
}

TEST(ScriptDataTest, BrokenScriptsNeverCrash) {
  for (std::string_view script :
       {std::string_view("k:\"unterminated"), std::string_view("k:\"\\u12"),
        std::string_view("k:\"\\x4"), std::string_view("k:\"\\u{110000000}\""),
        std::string_view("k:\"\\ud83d\""), std::string_view("k:"), std::string_view("k"),
        std::string_view("\"k"), std::string_view("k:\"a\\")}) {
    (void)ScriptValue(script, "k");
    (void)ScriptValues(script, "k");
  }
}

}  // namespace
}  // namespace strata::parser
