#include "parser/sanitize.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "parser/html_document.h"
#include "test_util.h"

namespace strata::parser {
namespace {

using testing::FindById;

TEST(SanitizeTest, SafeUrlResolvesAndFiltersSchemes) {
  constexpr std::string_view kBase = "https://example.com/blog/post.html";
  struct Case {
    const char* value;
    UrlUse use;
    std::optional<std::string> want;
  };
  const Case cases[] = {
      {"/img/a.png", UrlUse::kImage, "https://example.com/img/a.png"},
      {"b.html", UrlUse::kLink, "https://example.com/blog/b.html"},
      {"../c.html#part", UrlUse::kLink, "https://example.com/c.html#part"},
      {"//cdn.example.net/x.js", UrlUse::kImage, "https://cdn.example.net/x.js"},
      {"  https://other.org/p  ", UrlUse::kLink, "https://other.org/p"},
      {"mailto:ada@example.com", UrlUse::kLink, "mailto:ada@example.com"},
      {"mailto:ada@example.com", UrlUse::kImage, std::nullopt},
      {"javascript:alert(1)", UrlUse::kLink, std::nullopt},
      {"JavaScript:alert(1)", UrlUse::kLink, std::nullopt},
      {" java\tscript:alert(1)", UrlUse::kLink, std::nullopt},
      {"java\nscript:alert(1)", UrlUse::kLink, std::nullopt},
      {"vbscript:msgbox", UrlUse::kLink, std::nullopt},
      {"data:text/html,<script>alert(1)</script>", UrlUse::kLink, std::nullopt},
      {"data:image/png;base64,AAAA", UrlUse::kImage, std::nullopt},
      {"file:///etc/passwd", UrlUse::kLink, std::nullopt},
      {"java\x01script:alert(1)", UrlUse::kLink, std::nullopt},
      {"", UrlUse::kLink, std::nullopt},
      {"   ", UrlUse::kLink, std::nullopt},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(SafeUrl(c.value, kBase, c.use), c.want) << c.value;
  }
}

TEST(SanitizeTest, SafeUrlWithoutBaseKeepsRelativeUrls) {
  EXPECT_EQ(SafeUrl("/a/b.html", "", UrlUse::kLink), "/a/b.html");
  EXPECT_EQ(SafeUrl("x y.png", "", UrlUse::kImage), "x y.png");
  EXPECT_EQ(SafeUrl("http://example.com/", "", UrlUse::kLink), "http://example.com/");
  EXPECT_EQ(SafeUrl("javascript:void(0)", "", UrlUse::kLink), std::nullopt);
  EXPECT_EQ(SafeUrl(":nothing", "", UrlUse::kLink), std::nullopt);
}

TEST(SanitizeTest, TagPolicy) {
  EXPECT_EQ(HtmlTagPolicy(GUMBO_TAG_P), TagPolicy::kKeep);
  EXPECT_EQ(HtmlTagPolicy(GUMBO_TAG_A), TagPolicy::kKeep);
  EXPECT_EQ(HtmlTagPolicy(GUMBO_TAG_TABLE), TagPolicy::kKeep);
  for (GumboTag tag :
       {GUMBO_TAG_SCRIPT, GUMBO_TAG_STYLE, GUMBO_TAG_IFRAME, GUMBO_TAG_OBJECT, GUMBO_TAG_EMBED,
        GUMBO_TAG_SVG, GUMBO_TAG_MATH, GUMBO_TAG_TEMPLATE, GUMBO_TAG_INPUT, GUMBO_TAG_BUTTON,
        GUMBO_TAG_TEXTAREA, GUMBO_TAG_SELECT, GUMBO_TAG_NOSCRIPT, GUMBO_TAG_FRAME, GUMBO_TAG_BASE,
        GUMBO_TAG_LINK, GUMBO_TAG_META}) {
    EXPECT_EQ(HtmlTagPolicy(tag), TagPolicy::kDrop) << gumbo_normalized_tagname(tag);
  }
  for (GumboTag tag : {GUMBO_TAG_SPAN, GUMBO_TAG_FONT, GUMBO_TAG_FORM, GUMBO_TAG_LABEL,
                       GUMBO_TAG_CENTER, GUMBO_TAG_UNKNOWN, GUMBO_TAG_HEADER, GUMBO_TAG_MAIN}) {
    EXPECT_EQ(HtmlTagPolicy(tag), TagPolicy::kUnwrap) << gumbo_normalized_tagname(tag);
  }
}

TEST(SanitizeTest, ImageSourceFollowsLazyLoaders) {
  const HtmlDocument doc = HtmlDocument::Parse(
      "<img id=a src='/a.png'>"
      "<img id=b src='data:image/gif;base64,R0lGOD' data-src='/b.png'>"
      "<img id=c data-original='/c.png'>"
      "<img id=d srcset='/d-1x.png 1x, /d-2x.png 2x'>"
      "<img id=e src='' data-srcset='/e.png 480w'>"
      "<img id=f>");
  EXPECT_EQ(ImageSource(FindById(doc.root(), "a")), "/a.png");
  EXPECT_EQ(ImageSource(FindById(doc.root(), "b")), "/b.png");
  EXPECT_EQ(ImageSource(FindById(doc.root(), "c")), "/c.png");
  EXPECT_EQ(ImageSource(FindById(doc.root(), "d")), "/d-1x.png");
  EXPECT_EQ(ImageSource(FindById(doc.root(), "e")), "/e.png");
  EXPECT_EQ(ImageSource(FindById(doc.root(), "f")), "");
}

TEST(SanitizeTest, CodeLanguage) {
  const HtmlDocument doc = HtmlDocument::Parse(
      "<pre id=a><code class='language-cpp'>x</code></pre><pre id=b class='lang-Python'>x</pre>"
      "<pre id=c class='highlight highlight-source-rust'>x</pre><pre id=d class=code>x</pre>"
      "<pre id=e class='language-\"><script>'>x</pre>");
  EXPECT_EQ(CodeLanguage(FindById(doc.root(), "a")), "cpp");
  EXPECT_EQ(CodeLanguage(FindById(doc.root(), "b")), "python");
  EXPECT_EQ(CodeLanguage(FindById(doc.root(), "c")), "rust");
  EXPECT_EQ(CodeLanguage(FindById(doc.root(), "d")), "");
  EXPECT_EQ(CodeLanguage(FindById(doc.root(), "e")), "");
}

TEST(SanitizeTest, Escaping) {
  std::string out;
  AppendEscapedText("a < b && c > d \"q\"", &out);
  EXPECT_EQ(out, "a &lt; b &amp;&amp; c &gt; d \"q\"");
  out.clear();
  AppendEscapedAttribute("x\" onload=\"alert('1')\" <", &out);
  EXPECT_EQ(out, "x&quot; onload=&quot;alert(&#39;1&#39;)&quot; &lt;");
}

}  // namespace
}  // namespace strata::parser
