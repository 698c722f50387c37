#include "parser/body_html.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "parser/dom.h"
#include "parser/html_document.h"
#include "parser/sanitize.h"
#include "test_util.h"

namespace strata::parser {
namespace {

using testing::FindById;

constexpr std::string_view kBase = "https://example.com/dir/page.html";

const std::set<std::string_view> kAllowedAttributes = {
    "href",    "src",   "alt",  "title",    "width", "height", "colspan",
    "rowspan", "start", "cite", "datetime", "class", "dir"};

std::string Html(const std::string& html, const SkipPredicate& skip = nullptr,
                 std::string_view base = kBase) {
  const HtmlDocument doc = HtmlDocument::Parse(html);
  return RenderBodyHtml({doc.body()}, skip, base);
}

// Nothing active survives, whatever the input tries.
TEST(BodyHtmlTest, HostileInputsLoseEverythingActive) {
  const char* hostile[] = {
      "<p>a<script>alert(1)</script>b</p>",
      "<p>a<SCRIPT SRC=//evil.example/x.js></SCRIPT>b</p>",
      "<style>body{background:url(javascript:alert(1))}</style><p>x</p>",
      "<p onclick=alert(1) onmouseover='alert(2)'>x</p>",
      "<img src=x onerror=alert(1)>",
      "<a href='javascript:alert(1)'>x</a>",
      "<a href=' JaVaScRiPt:alert(1)'>x</a>",
      "<a href='java&#x09;script:alert(1)'>x</a>",
      "<a href='jav&#x0A;ascript:alert(1)'>x</a>",
      "<a href='vbscript:msgbox(1)'>x</a>",
      "<a href='data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='>x</a>",
      "<img src='javascript:alert(1)'>",
      "<img src=data:image/svg+xml,<svg/onload=alert(1)>>",
      "<iframe src=//evil.example></iframe><p>x</p>",
      "<object data=x.swf></object><embed src=x.swf><p>x</p>",
      "<svg><script>alert(1)</script></svg><p>x</p>",
      "<math><mtext><script>alert(1)</script></mtext></math>",
      "<form action=//evil.example><input name=q><button>go</button></form>",
      "<p style='background:url(javascript:alert(1))'>x</p>",
      "<div><p>x</p><noscript><script>alert(1)</script></noscript></div>",
      "<template><script>alert(1)</script></template><p>x</p>",
      "<a href=x title='\"><script>alert(1)</script>'>x</a>",
      "<img src=a.png alt='\" onerror=\"alert(1)'>",
      "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
      "<base href='javascript:alert(1)//'><a href=x>x</a>",
      "<meta http-equiv=refresh content='0;url=javascript:alert(1)'><p>x</p>",
      "<link rel=stylesheet href=javascript:alert(1)><p>x</p>",
      "<p><xmp><script>alert(1)</script></xmp></p>",
      "<table background=javascript:alert(1)><tr><td>x</td></tr></table>",
      "<blockquote cite='javascript:alert(1)'>x</blockquote>",
      "<p data-x=1 id=y class=z>x</p>",
  };
  for (const char* input : hostile) {
    const std::string out = Html(input);
    // Parse what came out, as a browser would, and look at every element and attribute.
    const HtmlDocument parsed = HtmlDocument::Parse(out);
    Walk(parsed.body(), [&](const GumboNode* node) {
      if (!IsElement(node)) return WalkAction::kContinue;
      const GumboTag tag = Tag(node);
      EXPECT_TRUE(node == parsed.body() || HtmlTagPolicy(tag) == TagPolicy::kKeep)
          << gumbo_normalized_tagname(tag) << " in " << out << " from " << input;
      const GumboVector& attributes = node->v.element.attributes;
      for (unsigned i = 0; i < attributes.length; ++i) {
        const auto* attr = static_cast<const GumboAttribute*>(attributes.data[i]);
        const std::string_view name = attr->name;
        const std::string_view value = attr->value;
        EXPECT_TRUE(kAllowedAttributes.count(name) > 0) << name << " in " << out;
        if (name == "href" || name == "src" || name == "cite") {
          EXPECT_TRUE(value.starts_with("https://") || value.starts_with("http://") ||
                      value.starts_with("mailto:"))
              << value << " in " << out << " from " << input;
        }
        if (name == "class") {
          EXPECT_TRUE(value.starts_with("language-")) << out;
        }
      }
      return WalkAction::kContinue;
    });
  }
}

TEST(BodyHtmlTest, KeepsStructureAndResolvesUrls) {
  EXPECT_EQ(Html("<h2>Title</h2><p>Some <em>text</em> with <a href='other.html' "
                 "onclick='x()' title=' A  link '>a link</a>.</p>"),
            "<h2>Title</h2>\n<p>Some <em>text</em> with <a "
            "href=\"https://example.com/dir/other.html\" title=\"A link\">a link</a>.</p>\n");
  EXPECT_EQ(Html("<p><img src='/i.png' alt='A \"quote\"' width=300 height='x' class=big></p>"),
            "<p><img src=\"https://example.com/i.png\" alt=\"A &quot;quote&quot;\" "
            "width=\"300\"></p>\n");
  EXPECT_EQ(Html("<ol start=3><li>a</li><li>b</li></ol>"),
            "<ol start=\"3\">\n<li>a</li>\n<li>b</li>\n</ol>\n");
  EXPECT_EQ(Html("<table><tr><th colspan=2>h</th></tr><tr><td>1</td><td></td></tr></table>"),
            "<table>\n<tbody>\n<tr><th colspan=\"2\">h</th></tr>\n<tr><td>1</td><td></td></tr>\n"
            "</tbody>\n</table>\n");
  EXPECT_EQ(Html("<pre class='language-cpp'>int  x;\n  y &lt; z;</pre>"),
            "<pre class=\"language-cpp\">int  x;\n  y &lt; z;</pre>\n");
}

TEST(BodyHtmlTest, UnwrapsUnknownAndDropsEmptyWrappers) {
  EXPECT_EQ(Html("<div><span class=x>a</span> <font color=red>b</font></div>"), "<div>a b</div>\n");
  EXPECT_EQ(Html("<div><div class=share></div><p>kept</p><section> </section></div>"),
            "<div>\n<p>kept</p>\n</div>\n");
  EXPECT_EQ(Html("<a href='javascript:x()'>text stays</a>"), "text stays\n");
  EXPECT_EQ(Html("<p>a<img src='javascript:x'>b</p>"), "<p>ab</p>\n");
  EXPECT_EQ(Html(""), "");
}

TEST(BodyHtmlTest, SkipPredicateAndHiddenElements) {
  const HtmlDocument doc = HtmlDocument::Parse(
      "<p id=a>one</p><p id=b>two</p><p hidden>three</p>"
      "<p style='display: none'>four</p>");
  const GumboNode* b = FindById(doc.root(), "b");
  const std::string out = RenderBodyHtml(
      {doc.body()}, [b](const GumboNode* node) { return node == b; }, kBase);
  EXPECT_EQ(out, "<p>one</p>\n");
}

TEST(BodyHtmlTest, RelativeUrlsWithoutBase) {
  EXPECT_EQ(Html("<a href='/x'>x</a>", nullptr, ""), "<a href=\"/x\">x</a>\n");
}

}  // namespace
}  // namespace strata::parser
