#include <gtest/gtest.h>

#include <string>

#include "storage/diff_render.h"
#include "storage/diff_tokenize.h"
#include "tests/storage/diff_render_test_util.h"

namespace strata::storage {
namespace {

using testing::RenderDiff;

TEST(RenderSideBySideTest, PlainAtWidth60) {
  RenderOptions options;
  options.width = 60;  // two columns of 28
  EXPECT_EQ(RenderSideBySide(RenderDiff(), options),
            "a                              b\n"
            "===========================================================\n"
            "title: Hello                 | title: Hello, world\n"
            "@@ -1,4 +1,4 @@\n"
            "Intro paragraph stays.         Intro paragraph stays.\n"
            "The quick [-brown-] fox.     | The quick {+red+} fox.\n"
            "Drop this one.               <\n"
            "                             > A\n"
            "                             > <script>alert(\"x\")</script>\n"
            "                             > & more.\n"
            "Last words.                    Last words.\n");
}

TEST(RenderSideBySideTest, WrapsByDisplayWidthForCjk) {
  Article from;
  from.body = "短。\n";
  Article to;
  to.body = "这是一个很长的段落，需要在窄的终端里换行显示。\n";
  RenderOptions options;
  options.width = 23;  // columns of 10: five CJK characters per line
  const std::string out = RenderSideBySide(CompareArticles(from, to), options);
  EXPECT_EQ(out,
            "a            b\n"
            "=======================\n"
            "@@ -1 +1 @@\n"
            "短。       <\n"
            "           > 这是一个很\n"
            "           > 长的段落，\n"
            "           > 需要在窄的\n"
            "           > 终端里换行\n"
            "           > 显示。\n");
  // Every line's left column is exactly 10 columns wide.
  size_t start = 0;
  while (start < out.size()) {
    const size_t end = out.find('\n', start);
    const std::string line = out.substr(start, end - start);
    if (line.find_first_of("<>") != std::string::npos) {
      EXPECT_EQ(DisplayWidth(line.substr(0, line.find_first_of("<>"))), 11) << line;
    }
    start = end + 1;
  }
}

TEST(RenderSideBySideTest, MovesAreNamedAndColoursWrapTheText) {
  Article from;
  from.body = "one\ntwo\nthree\n";
  Article to;
  to.body = "three\none\ntwo\n";
  RenderOptions options;
  options.width = 40;
  EXPECT_EQ(RenderSideBySide(CompareArticles(from, to), options),
            "a                    b\n"
            "=======================================\n"
            "@@ -1,3 +1,3 @@\n"
            "(moved from ¶3)    ) three\n"
            "one                  one\n"
            "two                  two\n"
            "three              ( (moved to ¶1)\n");
  options.color = true;
  const std::string coloured = RenderSideBySide(CompareArticles(from, to), options);
  EXPECT_NE(
      coloured.find("\x1b[2m(moved from ¶3)\x1b[0m    \x1b[35m)\x1b[0m \x1b[35mthree\x1b[0m\n"),
      std::string::npos)
      << coloured;
}

TEST(RenderSideBySideTest, IdenticalIsEmpty) {
  EXPECT_EQ(RenderSideBySide(CompareArticles(testing::RenderFrom(), testing::RenderFrom()), {}),
            "");
}

}  // namespace
}  // namespace strata::storage
