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

TEST(TextRenderTest, CopyableRunLengthStopsAtSpacesOtherThanOneBetweenWords) {
  EXPECT_EQ(CopyableRunLength("abc def", 0), 7u);
  EXPECT_EQ(CopyableRunLength("abc def", 3), 0u);  // a run never starts with a space
  EXPECT_EQ(CopyableRunLength("abc def", 4), 3u);
  EXPECT_EQ(CopyableRunLength("abc  def", 0), 3u);  // two spaces collapse
  EXPECT_EQ(CopyableRunLength("abc\tdef", 0), 3u);  // a tab becomes a space
  EXPECT_EQ(CopyableRunLength("abc\ndef", 0), 3u);
  EXPECT_EQ(CopyableRunLength("abc ", 0), 3u);  // a trailing space may be trimmed
  EXPECT_EQ(CopyableRunLength("a b c", 0), 5u);
  EXPECT_EQ(CopyableRunLength("中文，标点。", 0), std::string_view("中文，标点。").size());
  EXPECT_EQ(CopyableRunLength("中\u3000文", 0), 3u);    // ideographic space
  EXPECT_EQ(CopyableRunLength("a\u00a0b", 0), 1u);      // NBSP
  EXPECT_EQ(CopyableRunLength("a\u2009b", 0), 1u);      // thin space
  EXPECT_EQ(CopyableRunLength("ab\u200bc", 0), 2u);     // zero-width space
  EXPECT_EQ(CopyableRunLength("a \u200bb", 0), 1u);     // a space before one
  EXPECT_EQ(CopyableRunLength("x\ufeff", 0), 1u);       // BOM
  EXPECT_EQ(CopyableRunLength("caf\u00e9 ok", 0), 8u);  // é is no space
  // Punctuation whose lead byte U+2000-U+207F share is visible: “quotes” — and… stay in the run.
  const std::string_view quoted = "说“好” — 是…";
  EXPECT_EQ(CopyableRunLength(quoted, 0), quoted.size());
  EXPECT_EQ(CopyableRunLength("a \u2014 b", 0), std::string_view("a \u2014 b").size());
  EXPECT_EQ(CopyableRunLength("\xe2", 0), 1u);  // a truncated sequence: no overrun
  EXPECT_EQ(CopyableRunLength("a \xe2", 0), 3u);
  EXPECT_EQ(CopyableRunLength("", 0), 0u);
  // A scan limit stops it there, or as far on as the character or word it reached.
  EXPECT_EQ(CopyableRunLength("abcdef", 0, 3), 3u);
  EXPECT_EQ(CopyableRunLength("abcdef", 1, 3), 3u);
  EXPECT_EQ(CopyableRunLength("ab cdef", 0, 10), 7u);
  EXPECT_GE(CopyableRunLength("中文中文", 0, 4), 4u);
}

TEST(TextRenderTest, UnicodeSpacesAndZeroWidthCharacters) {
  EXPECT_EQ(RenderBody("<p>a\u00a0\u00a0b\u200bc\u3000d\u2009e</p>"), "a bc d e");
}

TEST(TextRenderTest, LinesOverTheLimitAreLeftOut) {
  const HtmlDocument doc = HtmlDocument::Parse(
      "<p>short</p><p>this line is much longer than ten</p><p>ok <b>bold</b></p>"
      "<p>aaaaa <i>bbbbb</i> ccccc</p><div>tenletters</div><p>d<br>elevenbytes<br>e</p>");
  EXPECT_EQ(RenderText(doc.body(), nullptr, 10), "short\nok bold\ntenletters\nd\ne");
  EXPECT_EQ(RenderText(doc.body(), nullptr, 0),
            "short\nthis line is much longer than ten\nok bold\naaaaa bbbbb ccccc\n"
            "tenletters\nd\nelevenbytes\ne");
  // Preformatted lines are not cut (their trailing blanks would be trimmed), only skipped
  // when a line is over before they start.
  const HtmlDocument pre =
      HtmlDocument::Parse("<pre>abcdefghijklmno\nxy  </pre><p>long long long <tt>x</tt></p>");
  EXPECT_EQ(RenderText(pre.body(), nullptr, 10), "abcdefghijklmno\nxy");
  // One run (no spaces) longer than the limit, and one exactly at it.
  const HtmlDocument cjk = HtmlDocument::Parse("<p>中文中文中文中文</p><p>中文中</p><p>x</p>");
  EXPECT_EQ(RenderText(cjk.body(), nullptr, 11), "中文中\nx");
  EXPECT_EQ(RenderText(cjk.body(), nullptr, 9), "中文中\nx");
  EXPECT_EQ(RenderText(cjk.body(), nullptr, 8), "x");
}

TEST(TextRenderTest, MixedWhitespaceCollapsesAroundVisiblePunctuation) {
  EXPECT_EQ(RenderBody("<p>  a  b\tc \u00a0 d\u200b e \u2014 f\u200b \u200b g </p>"),
            "a b c d e \u2014 f g");
  EXPECT_EQ(RenderBody("<p>\u200b x</p><p>\u3000y\u3000</p>"), "x\ny");
  EXPECT_EQ(RenderBody("<p>one <b>two</b> three</p>"), "one two three");
  EXPECT_EQ(RenderBody("<p>one<b> two </b>three</p>"), "one two three");
}

}  // namespace
}  // namespace strata::parser
