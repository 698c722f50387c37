#include "parser/sanitize_raw_text.h"

#include <gtest/gtest.h>

#include <string>

#include "parser/html_document.h"
#include "parser/text_render.h"

namespace strata::parser {
namespace {

std::string Blank(std::string_view html, std::vector<std::string_view>* scripts = nullptr) {
  std::string storage;
  const BlankedHtml blanked = BlankScriptsAndStyles(html, &storage);
  if (scripts != nullptr) *scripts = blanked.scripts;
  return std::string(blanked.html);
}

TEST(SanitizeRawTextTest, BlanksScriptStyleSvgBodiesAndComments) {
  struct Case {
    const char* html;
    const char* blanked;
  };
  const Case cases[] = {
      {"<p>a</p><script>var x = '<p>';</script><p>b</p>", "<p>a</p><script></script><p>b</p>"},
      {"<SCRIPT type=text/javascript>x()</SCRIPT >", "<SCRIPT type=text/javascript></SCRIPT >"},
      {"<style>p { color: red }</style>", "<style></style>"},
      {"<svg viewBox='0 0 1 1'><path d='M0 0'/></svg>", "<svg viewBox='0 0 1 1'></svg>"},
      {"<svg/><p>x</p>", "<svg/><p>x</p>"},
      {"a<!-- comment <script> -->b", "ab"},
      {"a<!-->b", "ab"},
      {"a<!--->b", "ab"},
      {"a<!-- unclosed", "a"},
      // JSON data blocks stay: JSON-LD and application/json.
      {"<script type=\"application/ld+json\">{\"a\": 1}</script>",
       "<script type=\"application/ld+json\">{\"a\": 1}</script>"},
      {"<script type='application/json' id=__NEXT_DATA__>{}</script>",
       "<script type='application/json' id=__NEXT_DATA__>{}</script>"},
      // The end tag must be a real one.
      {"<script>if (a </scripts) x = '</script'</script>", "<script></script>"},
      // Text content, not markup: nothing inside starts a script.
      {"<textarea><script>x()</script></textarea>", "<textarea><script>x()</script></textarea>"},
      {"<title>a <style> b</title>", "<title>a <style> b</title>"},
      {"<div data-x='<script>'>t</div>", "<div data-x='<script>'>t</div>"},
      {"<p>1 < 2 and <3</p>", "<p>1 < 2 and <3</p>"},
      // Unterminated: the element runs to the end, as in a browser.
      {"<p>x</p><script>never closed <p>y</p>", "<p>x</p><script>"},
      {"<plaintext><script>x()</script>", "<plaintext><script>x()</script>"},
      {"", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(Blank(c.html), c.blanked) << c.html;
}

TEST(SanitizeRawTextTest, ShrinksWhitespaceBetweenMarkupOutsidePre) {
  struct Case {
    const char* html;
    const char* shrunk;
  };
  const Case cases[] = {
      {"<div>\n    <p>a</p>\n    <p>b</p>\n</div>", "<div>\n<p>a</p>\n<p>b</p>\n</div>"},
      {"<b>x</b>   <i>y</i>", "<b>x</b> <i>y</i>"},
      {"<b>x</b> \t <i>y</i>", "<b>x</b> <i>y</i>"},
      {"<p>a</p> \r\n  <p>b</p>", "<p>a</p>\r<p>b</p>"},  // the parser reads a lone \r as \n
      {"<p>a</p>  \n<!-- c -->\n  <p>b</p>", "<p>a</p>\n\n<p>b</p>"},
      {"<p> a  b </p>", "<p> a  b </p>"},                // text, not only whitespace
      {"<b>x</b>\v\v<i>y</i>", "<b>x</b>\v\v<i>y</i>"},  // \v is a character to HTML
      {"<b>x</b> <i>y</i>", "<b>x</b> <i>y</i>"},
      {"1 <  2", "1 <  2"},  // no markup around it
      // Preformatted: kept as it is, up to the matching end tag (any case), nested too.
      {"<pre>  <b>x</b>   <i>y</i>\n\n</pre>  <p>z</p>",
       "<pre>  <b>x</b>   <i>y</i>\n\n</pre> <p>z</p>"},
      {"<PRE><pre>  <b>x</b></pre>  <b>y</b></PRE >  <b>z</b>",
       "<PRE><pre>  <b>x</b></pre>  <b>y</b></PRE > <b>z</b>"},
      {"<listing>  <b>x</b>  </listing>  <b>y</b>", "<listing>  <b>x</b>  </listing> <b>y</b>"},
      {"<pre>  <b>x</b>  <b>never closed</b>", "<pre>  <b>x</b>  <b>never closed</b>"},
      // "</pre.x>" ends an element named "pre.x", not the <pre>.
      {"<pre>  <b>x</b></pre.x>  <b>y</b>", "<pre>  <b>x</b></pre.x>  <b>y</b>"},
      {"<prefix>  <b>x</b>  </prefix>", "<prefix> <b>x</b> </prefix>"},  // not <pre>
      // Raw text keeps its whitespace.
      {"<textarea>  <b>  </b>  </textarea>", "<textarea>  <b>  </b>  </textarea>"},
      {"<script type=application/json>  [ 1,  2 ]  </script>  <p>",
       "<script type=application/json>  [ 1,  2 ]  </script> <p>"},
  };
  for (const Case& c : cases) EXPECT_EQ(Blank(c.html), c.shrunk) << c.html;
}

TEST(SanitizeRawTextTest, ShrunkWhitespaceRendersTheSame) {
  const std::string html =
      "<html>\n  <head>\n    <title>  T  </title>\n  </head>\n  <body>\n    <div>\n"
      "      <span>one</span>\n      <span>two</span>   <b>three</b>\n    </div>\n"
      "    <table>\n      <tr>\n        <td>a</td>\n        <td>b</td>\n      </tr>\n"
      "    </table>\n    <ul>\n      <li>x</li>\n      <li>y</li>\n    </ul>\n"
      "    <pre>\n  <code>indented</code>\n    <b>more</b>  <i>kept</i>\n</pre>\n"
      "    <p>\n      tail  <a href=/x>link</a>\n      end\n    </p>\n  </body>\n</html>\n";
  std::string storage;
  const BlankedHtml blanked = BlankScriptsAndStyles(html, &storage);
  EXPECT_LT(blanked.html.size(), html.size());
  const HtmlDocument original = HtmlDocument::Parse(html);
  const HtmlDocument shrunk = HtmlDocument::Parse(blanked.html);
  EXPECT_EQ(RenderText(shrunk.body()), RenderText(original.body()));
  EXPECT_NE(RenderText(shrunk.body()).find("indented\n    more  kept"), std::string::npos);
}

TEST(SanitizeRawTextTest, KeepsTheScriptsTextForTheDateSearch) {
  std::vector<std::string_view> scripts;
  const std::string html =
      "<script>var publishTime = \"2025-02-14\";</script><script src=a.js></script>"
      "<script type=application/ld+json>{}</script><script>  </script><script>b()</script>";
  Blank(html, &scripts);
  ASSERT_EQ(scripts.size(), 2u);
  EXPECT_EQ(scripts[0], "var publishTime = \"2025-02-14\";");
  EXPECT_EQ(scripts[1], "b()");
}

TEST(SanitizeRawTextTest, UnchangedInputIsNotCopied) {
  std::string storage;
  const std::string html = "<p>plain page</p>";
  const BlankedHtml blanked = BlankScriptsAndStyles(html, &storage);
  EXPECT_EQ(blanked.html.data(), html.data());
  EXPECT_EQ(blanked.removed_bytes, 0u);
}

TEST(SanitizeRawTextTest, VisibleTextIsTheSameAfterParsing) {
  const std::string html =
      "<html><head><style>.a{}</style><script>var a = '</div>';</script></head><body>"
      "<div class=a>One <b>two</b><!-- no --></div><svg><text>icon</text></svg>"
      "<p>three<script>document.write('<p>4</p>')</script> five</p></body></html>";
  std::string storage;
  const BlankedHtml blanked = BlankScriptsAndStyles(html, &storage);
  const HtmlDocument original = HtmlDocument::Parse(html);
  const HtmlDocument shortened = HtmlDocument::Parse(blanked.html);
  EXPECT_EQ(RenderText(original.body()), RenderText(shortened.body()));
  EXPECT_EQ(RenderText(shortened.body()), "One two\nthree five");
  EXPECT_GT(blanked.removed_bytes, 40u);
}

TEST(SanitizeRawTextTest, HugeAndHostileInputsStayLinear) {
  // Many unterminated comment openers and script tags: each scan step moves forward.
  std::string html;
  for (int i = 0; i < 100000; ++i) html += "<script><!--<svg>";
  std::string storage;
  const BlankedHtml blanked = BlankScriptsAndStyles(html, &storage);
  EXPECT_LT(blanked.html.size(), html.size());
  std::string indented;
  for (int i = 0; i < 200000; ++i) indented += "<b> \n  ";
  const BlankedHtml shrunk = BlankScriptsAndStyles(indented, &storage);
  // "<b>" and one '\n' each; the last run, before no markup, stays whole.
  EXPECT_EQ(shrunk.html.size(), 200000u * 4 + 3);
  std::string quotes(200000, '"');
  quotes = "<div a=" + quotes + "<script>x</script>";
  EXPECT_FALSE(BlankScriptsAndStyles(quotes, &storage).html.empty());
}

}  // namespace
}  // namespace strata::parser
