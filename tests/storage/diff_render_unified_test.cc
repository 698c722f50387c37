#include <gtest/gtest.h>

#include <string>

#include "storage/diff_render.h"
#include "tests/storage/diff_render_test_util.h"

namespace strata::storage {
namespace {

using testing::RenderDiff;
using testing::RenderFrom;
using testing::RenderTo;

TEST(RenderUnifiedTest, PlainWithInlineBrackets) {
  EXPECT_EQ(RenderUnified(RenderDiff(), {}),
            "title: Hello -> Hello, world\n"
            "--- a\n"
            "+++ b\n"
            "@@ -1,4 +1,4 @@\n"
            " Intro paragraph stays.\n"
            "~The quick [-brown-]{+red+} fox.\n"
            "-Drop this one.\n"
            "+A <script>alert(\"x\")</script> & more.\n"
            " Last words.\n");
}

TEST(RenderUnifiedTest, Coloured) {
  RenderOptions options;
  options.color = true;
  options.from_label = "u@1";
  options.to_label = "u@2";
  EXPECT_EQ(RenderUnified(RenderDiff(), options),
            "title: \x1b[31mHello\x1b[0m -> \x1b[32mHello, world\x1b[0m\n"
            "\x1b[1m--- u@1\x1b[0m\n"
            "\x1b[1m+++ u@2\x1b[0m\n"
            "\x1b[36m@@ -1,4 +1,4 @@\x1b[0m\n"
            " Intro paragraph stays.\n"
            "\x1b[33m~\x1b[0mThe quick \x1b[7;31mbrown\x1b[0m\x1b[7;32mred\x1b[0m fox.\n"
            "\x1b[31m-Drop this one.\x1b[0m\n"
            "\x1b[32m+A <script>alert(\"x\")</script> & more.\x1b[0m\n"
            " Last words.\n");
}

TEST(RenderUnifiedTest, LineGranularityShowsMinusAndPlus) {
  DiffOptions diff_options;
  diff_options.granularity = Granularity::kLine;
  RenderOptions options;
  options.context = 0;
  EXPECT_EQ(RenderUnified(CompareArticles(RenderFrom(), RenderTo(), diff_options), options),
            "title: Hello -> Hello, world\n"
            "--- a\n"
            "+++ b\n"
            "@@ -2,2 +2,2 @@\n"
            "-The quick brown fox.\n"
            "+The quick red fox.\n"
            "-Drop this one.\n"
            "+A <script>alert(\"x\")</script> & more.\n");
}

TEST(RenderUnifiedTest, CharGranularityAndChinese) {
  Article from;
  from.body = "第一段。\n第二段。\n";
  Article to;
  to.body = "第一段。\n第二段，有修改。\n";
  EXPECT_EQ(RenderUnified(CompareArticles(from, to), {}),
            "--- a\n"
            "+++ b\n"
            "@@ -1,2 +1,2 @@\n"
            " 第一段。\n"
            "~第二段{+，有修改+}。\n");
}

TEST(RenderUnifiedTest, MovesAndContext) {
  Article from;
  from.body = "p1 one\np2 two\np3 three\np4 four\np5 five\np6 six\n";
  Article to;
  to.body = "p6 six\np1 one\np2 two\np3 three\np4 four\np5 five\n";
  RenderOptions options;
  options.context = 1;
  EXPECT_EQ(RenderUnified(CompareArticles(from, to), options),
            "--- a\n"
            "+++ b\n"
            "@@ -1 +1,2 @@\n"
            ">p6 six\n"
            " p1 one\n"
            "@@ -5,2 +6 @@\n"
            " p5 five\n"
            "<p6 six\n");
}

TEST(RenderUnifiedTest, IdenticalIsEmptyAndFieldsOnlyHaveNoBody) {
  EXPECT_EQ(RenderUnified(CompareArticles(RenderFrom(), RenderFrom()), {}), "");
  Article to = RenderFrom();
  to.author = "Alice";
  to.tags = {"web", "c++"};
  EXPECT_EQ(RenderUnified(CompareArticles(RenderFrom(), to), {}),
            "author: (none) -> Alice\n"
            "tags: web -> web, c++\n");
}

TEST(RenderUnifiedTest, AnalysisLineComesFirst) {
  const ChangeAnalysis analysis = AnalyzeChange(RenderFrom(), RenderTo());
  RenderOptions options;
  options.analysis = &analysis;
  const std::string out = RenderUnified(RenderDiff(), options);
  EXPECT_EQ(out.substr(0, out.find('\n')),
            "edit: substantive (1 paragraph added, 1 removed, 1 changed; +40 -19 characters)");
}

}  // namespace
}  // namespace strata::storage
