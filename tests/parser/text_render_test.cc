#include "parser/text_render.h"

#include <gtest/gtest.h>

#include <string>

#include "parser/dom.h"
#include "parser/html_document.h"
#include "test_util.h"

namespace strata::parser {
namespace {

std::string RenderBody(const std::string& html, const SkipPredicate& skip = nullptr) {
  const HtmlDocument doc = HtmlDocument::Parse(html);
  return RenderText(doc.body(), skip);
}

TEST(TextRenderTest, BlocksBecomeLines) {
  struct Case {
    const char* html;
    const char* text;
  };
  const Case cases[] = {
      {"<p>one</p><p>two</p>", "one\ntwo"},
      {"<div>a<div>b</div>c</div>", "a\nb\nc"},
      {"<p>  lots   of \n\t space  </p>", "lots of space"},
      {"<p>in<b>line</b> <i>words</i></p>", "inline words"},
      {"line one<br>line two<br><br><br>line three", "line one\nline two\nline three"},
      {"<ul><li>x</li><li>y</li></ul>", "x\ny"},
      {"<table><tr><td>a</td><td>b</td></tr><tr><th>c</th><td>d</td></tr></table>", "a b\nc d"},
      {"<h2>Title</h2>text", "Title\ntext"},
      {"<p></p><div> </div><p>\u00A0</p><p>only</p>", "only"},
      {"<p>\u3000\u3000缩进的段落</p>", "缩进的段落"},
      {"", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(RenderBody(c.html), c.text) << c.html;
}

TEST(TextRenderTest, PreKeepsLinesAndIndentation) {
  EXPECT_EQ(
      RenderBody("<p>before</p><pre>fn main() {\n    println!(\"hi\");\n\n}\n</pre><p>after</p>"),
      "before\nfn main() {\n    println!(\"hi\");\n}\nafter");
  EXPECT_EQ(RenderBody("<pre><code>a  b\r\n  c</code></pre>"), "a  b\n  c");
}

TEST(TextRenderTest, InvisibleContentIsLeftOut) {
  EXPECT_EQ(RenderBody("<p>shown</p><script>var hidden = 1;</script><style>p{}</style>"
                       "<noscript>enable js</noscript><template><p>tpl</p></template>"
                       "<div hidden>h</div><div style='display:none'>n</div><p>too</p>"),
            "shown\ntoo");
}

TEST(TextRenderTest, SkipPredicateRemovesSubtrees) {
  const SkipPredicate skip = [](const GumboNode* node) { return IsTag(node, GUMBO_TAG_NAV); };
  EXPECT_EQ(
      RenderBody("<nav><a>menu</a></nav><p>body</p><nav><pre>x</pre></nav><pre>y\nz</pre>", skip),
      "body\ny\nz");
}

TEST(TextRenderTest, SeveralRootsStartOnNewLines) {
  const HtmlDocument doc = HtmlDocument::Parse("<span id=a>first</span><span id=b>second</span>");
  TextRenderer renderer;
  renderer.Render(testing::FindById(doc.root(), "a"));
  renderer.Render(testing::FindById(doc.root(), "b"));
  EXPECT_EQ(std::move(renderer).Finish(), "first\nsecond");
}

TEST(TextRenderTest, VisibleRunLengthStopsAtSpacesOfEveryKind) {
  EXPECT_EQ(VisibleRunLength("abc def", 0), 3u);
  EXPECT_EQ(VisibleRunLength("abc def", 3), 0u);
  EXPECT_EQ(VisibleRunLength("abc def", 4), 3u);
  EXPECT_EQ(VisibleRunLength("中文，标点。", 0), std::string_view("中文，标点。").size());
  EXPECT_EQ(VisibleRunLength("中\u3000文", 0), 3u);    // ideographic space
  EXPECT_EQ(VisibleRunLength("a\u00a0b", 0), 1u);      // NBSP
  EXPECT_EQ(VisibleRunLength("ab\u200bc", 0), 2u);     // zero-width space
  EXPECT_EQ(VisibleRunLength("x\ufeff", 0), 1u);       // BOM
  EXPECT_EQ(VisibleRunLength("caf\u00e9 ok", 0), 5u);  // é is no space
  EXPECT_EQ(VisibleRunLength("\xe2", 0), 1u);          // a truncated sequence: no overrun
  EXPECT_EQ(VisibleRunLength("", 0), 0u);
}

TEST(TextRenderTest, UnicodeSpacesAndZeroWidthCharacters) {
  EXPECT_EQ(RenderBody("<p>a\u00a0\u00a0b\u200bc\u3000d\u2009e</p>"), "a bc d e");
}

}  // namespace
}  // namespace strata::parser
