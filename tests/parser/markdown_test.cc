#include "parser/markdown.h"

#include <gtest/gtest.h>

#include <string>

#include "parser/html_document.h"
#include "test_util.h"

namespace strata::parser {
namespace {

constexpr std::string_view kBase = "https://example.com/dir/page.html";

std::string Markdown(const std::string& html, std::string_view base = kBase) {
  const HtmlDocument doc = HtmlDocument::Parse(html);
  return RenderMarkdown({doc.body()}, nullptr, base);
}

TEST(MarkdownTest, ExactOutputOnSmallCases) {
  struct Case {
    const char* html;
    const char* markdown;
  };
  const Case cases[] = {
      {"", ""},
      {"<p>One.</p><p>Two.</p>", "One.\n\nTwo.\n"},
      {"<h2>Sub  title</h2><p>Text</p>", "## Sub title\n\nText\n"},
      {"<h1>A</h1><h3>B</h3><h6>C</h6>", "# A\n\n### B\n\n###### C\n"},
      {"<p>Some <em>emphasis</em>, <strong>strong</strong> and <b><i>both</i></b>.</p>",
       "Some *emphasis*, **strong** and ***both***.\n"},
      {"<p>a<em> spaced </em>b</p>", "a *spaced* b\n"},
      {"<p><em> </em>x</p>", "x\n"},
      {"<p>Read <a href='/doc (1).html'>the docs</a> now.</p>",
       "Read [the docs](https://example.com/doc%20%281%29.html) now.\n"},
      {"<p><a href='javascript:alert(1)'>no link</a></p>", "no link\n"},
      {"<p><img src='a.png' alt='An [image]'></p>",
       "![An \\[image\\]](https://example.com/dir/a.png)\n"},
      {"<p><img src='javascript:x' alt=bad>ok</p>", "ok\n"},
      {"<ul><li>one</li><li>two</li></ul>", "- one\n- two\n"},
      {"<ol start=3><li>c</li><li>d</li></ol>", "3. c\n4. d\n"},
      {"<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>", "- a\n  - b\n- c\n"},
      {"<ol><li><p>para one</p><p>para two</p></li></ol>", "1. para one\n\n   para two\n"},
      {"<p>before</p><ul><li>x</li></ul><p>after</p>", "before\n\n- x\n\nafter\n"},
      {"<blockquote><p>quoted</p><p>twice</p></blockquote>", "> quoted\n>\n> twice\n"},
      {"<p>line one<br>line two</p>", "line one\\\nline two\n"},
      {"<p>Use <code>a_b*c</code> here</p>", "Use `a_b*c` here\n"},
      {"<p><code>x `y` z</code></p>", "``x `y` z``\n"},
      {"<pre><code class='language-cpp'>int main() {\n  return 0;\n}\n</code></pre>",
       "```cpp\nint main() {\n  return 0;\n}\n```\n"},
      {"<pre>has ``` inside</pre>", "````\nhas ``` inside\n````\n"},
      {"<p>a</p><hr><p>b</p>", "a\n\n---\n\nb\n"},
      {"<p><del>old</del> new</p>", "~~old~~ new\n"},
      {"<p>5 * 3 = 15_000 [sic] &lt;b&gt; ~x~ a|b \\ &amp;copy;</p>",
       "5 \\* 3 = 15\\_000 \\[sic\\] \\<b> \\~x\\~ a\\|b \\\\ \\&copy;\n"},
      {"<p># not a heading</p><p>- not a list</p><p>2019. A year</p><p>&gt; no quote</p>",
       "\\# not a heading\n\n\\- not a list\n\n2019\\. A year\n\n\\> no quote\n"},
      {"<table><tr><th>Name</th><th>Value</th></tr><tr><td>a|b</td><td><b>1</b></td></tr>"
       "<tr><td>only</td></tr></table>",
       "| Name | Value |\n| --- | --- |\n| a\\|b | **1** |\n| only |  |\n"},
      {"<table><tr><td><ul><li>x</li></ul></td></tr></table>", "- x\n"},
      {"<div>text in a div<div>and another</div></div>", "text in a div\n\nand another\n"},
      {"<p>\u4e2d\u6587\u3000\u6bb5\u843d\u200b\u3002</p>", "\u4e2d\u6587 \u6bb5\u843d\u3002\n"},
  };
  for (const Case& c : cases) EXPECT_EQ(Markdown(c.html), c.markdown) << c.html;
}

TEST(MarkdownTest, RelativeUrlsWithoutBase) {
  EXPECT_EQ(Markdown("<p><a href='/x'>x</a></p>", ""), "[x](/x)\n");
}

TEST(MarkdownTest, DroppedAndSkippedElements) {
  EXPECT_EQ(Markdown("<p>a</p><script>b()</script><style>p{}</style><p hidden>c</p>"
                     "<iframe src=x></iframe><form><input value=v><button>Go</button></form>"),
            "a\n");
  const HtmlDocument doc = HtmlDocument::Parse("<p id=a>keep</p><p id=b>skip</p>");
  const GumboNode* b = testing::FindById(doc.root(), "b");
  EXPECT_EQ(RenderMarkdown(
                {doc.body()}, [b](const GumboNode* n) { return n == b; }, kBase),
            "keep\n");
}

TEST(MarkdownTest, BlocksInsideInlineElementsDoNotBreakOutput) {
  // Teaser cards put blocks inside links; the text survives, the link may not.
  const std::string out = Markdown("<a href='/x'><div>Card title</div><p>Card text</p></a>");
  EXPECT_NE(out.find("Card title"), std::string::npos);
  EXPECT_NE(out.find("Card text"), std::string::npos);
}

}  // namespace
}  // namespace strata::parser
