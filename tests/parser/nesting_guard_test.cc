#include "parser/nesting_guard.h"

#include <gtest/gtest.h>

#include <string>

#include "test_util.h"

namespace strata::parser {
namespace {

std::string Repeat(std::string_view s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

TEST(NestingGuardTest, ShallowDocumentsPassThroughUntouched) {
  const std::string html = "<html><body><div><p>a<p>b<ul><li>x<li>y</ul><br><img src=x></div>";
  std::string storage;
  const NestingGuardResult r = CapNestingDepth(html, 3, &storage);
  EXPECT_EQ(r.html.data(), html.data());  // no copy
  EXPECT_EQ(r.dropped_tags, 0u);
}

TEST(NestingGuardTest, DropsTagsBeyondTheCapAndKeepsText) {
  const std::string html = Repeat("<div>", 10) + "deep text" + Repeat("</div>", 10);
  std::string storage;
  const NestingGuardResult r = CapNestingDepth(html, 4, &storage);
  EXPECT_EQ(testing::CountOccurrences(r.html, "<div>"), 4);
  EXPECT_EQ(testing::CountOccurrences(r.html, "</div>"), 4);
  EXPECT_EQ(r.dropped_tags, 12u);
  EXPECT_NE(r.html.find("deep text"), std::string_view::npos);
}

TEST(NestingGuardTest, ImplicitlyClosedAndVoidElementsDoNotDeepen) {
  // 1,000 unclosed <p> and <li>, 1,000 <br>: legal HTML whose tree stays shallow.
  const std::string html =
      "<ul>" + Repeat("<li>item<p>para<br>", 1000) + "</ul>" + Repeat("<img src=a.png>", 1000);
  std::string storage;
  EXPECT_EQ(CapNestingDepth(html, 8, &storage).dropped_tags, 0u);
}

TEST(NestingGuardTest, ScriptsAndCommentsHideTags) {
  const std::string html = "<script>" + Repeat("<div>", 100) + "</script><!--" +
                           Repeat("<div>", 100) + "--><style>" + Repeat("<b>", 50) + "</style>";
  std::string storage;
  EXPECT_EQ(CapNestingDepth(html, 4, &storage).dropped_tags, 0u);
}

TEST(NestingGuardTest, QuotedGreaterThanInAttributes) {
  const std::string html = "<div title=\"a > b\"><span data-x='>'>x</span></div>";
  std::string storage;
  const NestingGuardResult r = CapNestingDepth(html, 1, &storage);
  EXPECT_EQ(r.dropped_tags, 2u);  // <span> and </span>
  EXPECT_EQ(r.html, "<div title=\"a > b\">x</div>");
}

TEST(NestingGuardTest, TruncatedInputIsHandled) {
  std::string storage;
  for (const char* html : {"<", "<div", "<div title=\"unterminated", "</", "<!--", "<script>x",
                           "a < b", "<!doctype"}) {
    const NestingGuardResult r = CapNestingDepth(html, 1, &storage);
    EXPECT_LE(r.html.size(), std::string_view(html).size()) << html;
  }
}

}  // namespace
}  // namespace strata::parser
