#include <gtest/gtest.h>

#include <string>

#include "storage/diff_render.h"
#include "tests/storage/diff_render_test_util.h"

namespace strata::storage {
namespace {

std::string BodyPart(const std::string& html) {
  const size_t begin = html.find("<div class=\"body\">");
  const size_t end = html.find("</div>", begin);
  return html.substr(begin, end - begin + 6);
}

TEST(RenderHtmlTest, BodyParagraphsWithInsAndDel) {
  EXPECT_EQ(BodyPart(RenderHtml(testing::RenderDiff(), {})),
            "<div class=\"body\">\n"
            "<p class=\"equal\">Intro paragraph stays.</p>\n"
            "<p class=\"change\">The quick <del>brown</del><ins>red</ins> fox.</p>\n"
            "<p class=\"delete\"><del>Drop this one.</del></p>\n"
            "<p class=\"insert\"><ins>A &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; "
            "&amp; more.</ins></p>\n"
            "<p class=\"equal\">Last words.</p>\n"
            "</div>");
}

TEST(RenderHtmlTest, NothingFromTheArticleIsMarkup) {
  Article from;
  from.title = "<b>old</b>";
  from.body = "<img src=x onerror=alert(1)>\n";
  Article to;
  to.title = "</title><script>alert('t')</script>";
  to.body = "<script>alert(1)</script>\n\xff\n";
  to.tags = {"<i>"};
  RenderOptions options;
  options.from_label = "https://x/?a=1&b=<2>@1";
  const std::string html = RenderHtml(CompareArticles(from, to), options);
  EXPECT_EQ(html.find("<script"), std::string::npos) << html;
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  EXPECT_EQ(html.find("<i>"), std::string::npos);
  EXPECT_NE(html.find("script&gt;alert(&#39;t&#39;)&lt;"), std::string::npos);
  EXPECT_NE(html.find("<ins>&lt;i&gt;</ins>"), std::string::npos);
  EXPECT_NE(html.find("https://x/?a=1&amp;b=&lt;2&gt;@1"), std::string::npos);
  EXPECT_NE(html.find("<ins>\uFFFD</ins>"), std::string::npos);  // the invalid byte
  EXPECT_EQ(html.find("\xff"), std::string::npos);
}

TEST(RenderHtmlTest, SelfContainedPage) {
  const ChangeAnalysis analysis = AnalyzeChange(testing::RenderFrom(), testing::RenderTo());
  RenderOptions options;
  options.analysis = &analysis;
  const std::string html = RenderHtml(testing::RenderDiff(), options);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">", 0), 0u);
  EXPECT_NE(html.find("<style>"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_NE(html.find("<tr><th>title</th><td>Hello<ins>, world</ins></td></tr>"),
            std::string::npos);
  EXPECT_NE(html.find("<p class=\"summary\">Edit: substantive (1 paragraph added, 1 removed, "
                      "1 changed; +"),
            std::string::npos)
      << html;
  EXPECT_TRUE(html.ends_with("</body>\n</html>\n"));
}

TEST(RenderHtmlTest, MovedParagraphsSayWhere) {
  Article from;
  from.body = "one\ntwo\nthree\n";
  Article to;
  to.body = "three\none\ntwo\n";
  const std::string body = BodyPart(RenderHtml(CompareArticles(from, to), {}));
  EXPECT_NE(body.find("<p class=\"move-to\"><ins>three</ins> <span class=\"note\">(moved from ¶3)"),
            std::string::npos)
      << body;
  EXPECT_NE(body.find("<p class=\"move-from\"><del>three</del> <span class=\"note\">(moved to ¶1)"),
            std::string::npos)
      << body;
}

}  // namespace
}  // namespace strata::storage
