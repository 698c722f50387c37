#include "parser/prosemirror.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/parser/test_util.h"

namespace strata::parser {
namespace {

using Json = nlohmann::json;

RenderedBody MustRender(std::string_view json, std::string_view base_url = "") {
  ProseMirrorOptions options;
  options.base_url = base_url;
  Result<RenderedBody> rendered = RenderProseMirror(json, options);
  EXPECT_TRUE(rendered.ok()) << rendered.status().ToString();
  return rendered.ok() ? *rendered : RenderedBody();
}

TEST(ProseMirrorTest, ParagraphsHeadingsAndMarks) {
  const RenderedBody body = MustRender(R"j({"type":"doc","content":[
    {"type":"heading","attrs":{"level":2},"content":[{"type":"text","text":"背景"}]},
    {"type":"paragraph","content":[
      {"type":"text","text":"Plain, "},
      {"type":"text","text":"bold","marks":[{"type":"bold"}]},
      {"type":"text","text":" and "},
      {"type":"text","text":"both","marks":[{"type":"strong"},{"type":"italic"}]},
      {"type":"text","text":", "},
      {"type":"text","text":"x < y","marks":[{"type":"code"}]},
      {"type":"text","text":", "},
      {"type":"text","text":"a link","marks":[{"type":"link","attrs":{"href":"/docs?a=1&b=2"}}]},
      {"type":"text","text":"."}]},
    {"type":"paragraph","content":[]},
    {"type":"paragraph","content":[{"type":"text","text":"第二段"}]}]})j",
                                       "https://xie.infoq.cn/article/abc");
  EXPECT_EQ(body.text, "背景\nPlain, bold and both, x < y, a link.\n第二段");
  EXPECT_NE(body.html.find("<h2>背景</h2>"), std::string::npos) << body.html;
  EXPECT_NE(body.html.find("<strong><em>both</em></strong>"), std::string::npos) << body.html;
  EXPECT_NE(body.html.find("<code>x &lt; y</code>"), std::string::npos) << body.html;
  EXPECT_NE(body.html.find("href=\"https://xie.infoq.cn/docs?a=1&amp;b=2\""), std::string::npos)
      << body.html;
  EXPECT_NE(body.markdown.find("## 背景"), std::string::npos) << body.markdown;
  EXPECT_NE(body.markdown.find("**bold**"), std::string::npos) << body.markdown;
  EXPECT_NE(body.markdown.find("`x < y`"), std::string::npos) << body.markdown;
  EXPECT_NE(body.markdown.find("[a link](https://xie.infoq.cn/docs?a=1&b=2)"), std::string::npos)
      << body.markdown;
}

TEST(ProseMirrorTest, CodeBlocksKeepTheirLinesAndLanguage) {
  const RenderedBody body = MustRender(R"j({"type":"doc","content":[
    {"type":"codeblock","attrs":{"lang":"java"},"content":[
      {"type":"text","text":"int main() {\n  return 0;"},
      {"type":"hard_break"},
      {"type":"text","text":"}"}]},
    {"type":"code_block","attrs":{"language":"py\"><script>"},"content":[
      {"type":"text","text":"print('<b>')"}]}]})j");
  EXPECT_EQ(body.text, "int main() {\n  return 0;\n}\nprint('<b>')");
  EXPECT_NE(body.html.find("<code class=\"language-java\">int main() {"), std::string::npos)
      << body.html;
  EXPECT_EQ(body.html.find("<script"), std::string::npos) << body.html;
  EXPECT_NE(body.markdown.find("```java\nint main() {\n  return 0;\n}\n```"), std::string::npos)
      << body.markdown;
}

TEST(ProseMirrorTest, ListsQuotesRulesAndBreaks) {
  const RenderedBody body = MustRender(R"j({"type":"doc","content":[
    {"type":"bullet_list","content":[
      {"type":"list_item","content":[{"type":"paragraph","content":[{"type":"text","text":"one"}]}]},
      {"type":"list_item","content":[
        {"type":"paragraph","content":[{"type":"text","text":"two"}]},
        {"type":"ordered_list","attrs":{"order":3},"content":[
          {"type":"list_item","content":[{"type":"paragraph","content":[{"type":"text","text":"three"}]}]}]}]}]},
    {"type":"blockquote","content":[{"type":"paragraph","content":[
      {"type":"text","text":"line one"},{"type":"hard_break"},{"type":"text","text":"line two"}]}]},
    {"type":"horizontal_rule"},
    {"type":"numberedlist","content":[{"type":"listitem","content":[{"type":"paragraph","content":[{"type":"text","text":"n"}]}]}]}]})j");
  EXPECT_EQ(body.text, "one\ntwo\nthree\nline one\nline two\nn");
  EXPECT_NE(body.html.find("<ol start=\"3\">"), std::string::npos) << body.html;
  EXPECT_NE(body.html.find("<blockquote>"), std::string::npos) << body.html;
  EXPECT_NE(body.html.find("<hr>"), std::string::npos) << body.html;
  EXPECT_NE(body.markdown.find("- one"), std::string::npos) << body.markdown;
  EXPECT_NE(body.markdown.find("3. three"), std::string::npos) << body.markdown;
  EXPECT_NE(body.markdown.find("> line one"), std::string::npos) << body.markdown;
  EXPECT_NE(body.markdown.find("---"), std::string::npos) << body.markdown;
}

TEST(ProseMirrorTest, ImagesAndUnsafeUrls) {
  const RenderedBody body = MustRender(R"j({"type":"doc","content":[
    {"type":"image","attrs":{"src":"https://static001.geekbang.org/a.png","alt":"架构图","title":null}},
    {"type":"paragraph","content":[
      {"type":"text","text":"evil","marks":[{"type":"link","attrs":{"href":"javascript:alert(1)"}}]},
      {"type":"image","attrs":{"src":"data:image/png;base64,AAAA"}}]}]})j");
  EXPECT_NE(body.html.find("<img src=\"https://static001.geekbang.org/a.png\" alt=\"架构图\">"),
            std::string::npos)
      << body.html;
  EXPECT_EQ(body.html.find("javascript:"), std::string::npos) << body.html;
  EXPECT_EQ(body.html.find("data:"), std::string::npos) << body.html;
  EXPECT_NE(body.markdown.find("![架构图](https://static001.geekbang.org/a.png)"),
            std::string::npos)
      << body.markdown;
  EXPECT_EQ(body.text, "evil");
}

TEST(ProseMirrorTest, Tables) {
  const RenderedBody body = MustRender(R"j({"type":"doc","content":[{"type":"table","content":[
    {"type":"table_row","content":[
      {"type":"table_header","content":[{"type":"paragraph","content":[{"type":"text","text":"键"}]}]},
      {"type":"table_header","content":[{"type":"paragraph","content":[{"type":"text","text":"值"}]}]}]},
    {"type":"table_row","content":[
      {"type":"table_cell","content":[{"type":"paragraph","content":[{"type":"text","text":"a"}]}]},
      {"type":"table_cell","content":[{"type":"paragraph","content":[{"type":"text","text":"1"}]}]}]}]}]})j");
  EXPECT_NE(body.html.find("<th>键</th>"), std::string::npos) << body.html;
  EXPECT_NE(body.markdown.find("| 键 | 值 |"), std::string::npos) << body.markdown;
  EXPECT_NE(body.text.find("a"), std::string::npos);
}

TEST(ProseMirrorTest, UnknownNodesKeepTheirText) {
  const RenderedBody body = MustRender(R"j({"type":"doc","content":[
    {"type":"callout","attrs":{"emoji":"💡"},"content":[
      {"type":"paragraph","content":[{"type":"text","text":"A tip."}]}]},
    {"type":"fancy_inline_wrapper","content":[{"type":"text","text":"inline words"}]},
    {"type":"paragraph","content":[
      {"type":"mention","attrs":{"label":"@张三"}},
      {"type":"text","text":" said hi","marks":[{"type":"underline"},{"type":"textColor"}]}]},
    {"type":"widget","text":"loose text"}]})j");
  EXPECT_EQ(body.text, "A tip.\ninline words\n@张三 said hi\nloose text");
}

TEST(ProseMirrorTest, ADocumentInsideAJsonString) {
  // xie.infoq.cn keeps the document as a string member of its API answer.
  const Json doc =
      R"j({"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"内容"}]}]})j";
  Result<RenderedBody> body = RenderProseMirror(Json(doc.get<std::string>()));
  ASSERT_TRUE(body.ok()) << body.status().ToString();
  EXPECT_EQ(body->text, "内容");
  // An array of nodes, and a document without its "type".
  EXPECT_EQ(MustRender(R"j([{"type":"paragraph","content":[{"type":"text","text":"x"}]}])j").text,
            "x");
  EXPECT_EQ(
      MustRender(R"j({"content":[{"type":"paragraph","content":[{"type":"text","text":"y"}]}]})j")
          .text,
      "y");
}

TEST(ProseMirrorTest, MalformedInputIsAnErrorNotACrash) {
  EXPECT_FALSE(RenderProseMirror(std::string_view("{not json")).ok());
  EXPECT_FALSE(RenderProseMirror(std::string_view("42")).ok());
  EXPECT_FALSE(RenderProseMirror(Json("\"a string in a string\"")).ok());
  // Wrong types everywhere: whatever renders, nothing throws.
  for (
      const char* odd : {
          R"j({"type":"doc","content":{"type":"paragraph"}})j",
          R"j({"type":"doc","content":[1,"two",null,[],{"type":7}]})j",
          R"j({"type":"heading","attrs":{"level":"99"},"content":[{"type":"text","text":5}]})j",
          R"j({"type":"paragraph","content":[{"type":"text","text":"t","marks":"bold"}]})j",
          R"j({"type":"paragraph","content":[{"type":"text","text":"t","marks":[{"type":"link","attrs":[]}]}]})j",
          R"j({"type":"ordered_list","attrs":{"start":-4},"content":[{"type":"list_item"}]})j",
          R"j({"type":"image","attrs":{"src":{"url":"x"}}})j",
          R"j({"type":"table","content":[{"type":"table_row","content":"cells"}]})j",
      }) {
    Result<RenderedBody> body = RenderProseMirror(std::string_view(odd));
    EXPECT_TRUE(body.ok()) << odd << ": " << body.status().ToString();
  }
}

TEST(ProseMirrorTest, NestingIsCapped) {
  // 100,000 nested blockquotes: the walk stops at max_depth; the text inside is dropped.
  std::string json;
  constexpr int kDepth = 100000;
  for (int i = 0; i < kDepth; ++i) json += R"j({"type":"blockquote","content":[)j";
  json += R"j({"type":"paragraph","content":[{"type":"text","text":"deep"}]})j";
  for (int i = 0; i < kDepth; ++i) json += "]}";
  Result<RenderedBody> body = RenderProseMirror(std::string_view(json));
  ASSERT_TRUE(body.ok()) << body.status().ToString();
  EXPECT_EQ(body->text, "");

  // Within the cap, depth is no problem.
  ProseMirrorOptions options;
  options.max_depth = 8;
  std::string shallow =
      R"j({"type":"blockquote","content":[{"type":"paragraph","content":[{"type":"text","text":"ok"}]}]})j";
  Result<RenderedBody> ok = RenderProseMirror(std::string_view(shallow), options);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->text, "ok");
}

TEST(ProseMirrorTest, TheInfoqFixture) {
  const std::string json = testing::ReadFixture("api/infoq_detail.json");
  const Json answer = Json::parse(json, nullptr, false);
  ASSERT_FALSE(answer.is_discarded());
  Result<RenderedBody> body =
      RenderProseMirror(answer["data"]["content"], {.base_url = "https://xie.infoq.cn/article/x"});
  ASSERT_TRUE(body.ok()) << body.status().ToString();
  EXPECT_NE(body->text.find("一致性哈希"), std::string::npos) << body->text;
  EXPECT_NE(body->markdown.find("```go"), std::string::npos) << body->markdown;
}

}  // namespace
}  // namespace strata::parser
