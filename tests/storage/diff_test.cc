#include "storage/diff.h"

#include <gtest/gtest.h>

#include <string>

#include "storage/change_analysis.h"

namespace strata::storage {
namespace {

// "l1\nl2\n...\ln\n"
std::string Numbered(int n) {
  std::string text;
  for (int i = 1; i <= n; ++i) text += "l" + std::to_string(i) + "\n";
  return text;
}

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  text.replace(text.find(from), from.size(), to);
  return text;
}

TEST(UnifiedLineDiffTest, EqualTextsGiveNothing) {
  EXPECT_EQ(UnifiedLineDiff("a\nb\n", "a\nb\n"), "");
  EXPECT_EQ(UnifiedLineDiff("", ""), "");
}

TEST(UnifiedLineDiffTest, MissingFinalNewlineIsNotADifference) {
  EXPECT_EQ(UnifiedLineDiff("a\nb\n", "a\nb"), "");
}

TEST(UnifiedLineDiffTest, OneChangedLineWithThreeLinesOfContext) {
  const std::string from = Numbered(10);
  const std::string to = Replace(from, "l5\n", "five\n");
  EXPECT_EQ(UnifiedLineDiff(from, to),
            "--- a\n"
            "+++ b\n"
            "@@ -2,7 +2,7 @@\n"
            " l2\n"
            " l3\n"
            " l4\n"
            "-l5\n"
            "+five\n"
            " l6\n"
            " l7\n"
            " l8\n");
}

TEST(UnifiedLineDiffTest, ChangesSixLinesApartShareAHunk) {
  // Between l3 and l10 lie six unchanged lines: exactly twice the context, so GNU diff (and we)
  // print one hunk.
  const std::string from = Numbered(12);
  const std::string to = Replace(Replace(from, "l3\n", "three\n"), "l10\n", "ten\n");
  EXPECT_EQ(UnifiedLineDiff(from, to),
            "--- a\n"
            "+++ b\n"
            "@@ -1,12 +1,12 @@\n"
            " l1\n"
            " l2\n"
            "-l3\n"
            "+three\n"
            " l4\n"
            " l5\n"
            " l6\n"
            " l7\n"
            " l8\n"
            " l9\n"
            "-l10\n"
            "+ten\n"
            " l11\n"
            " l12\n");
}

TEST(UnifiedLineDiffTest, ChangesSevenLinesApartMakeTwoHunks) {
  const std::string from = Numbered(14);
  const std::string to = Replace(Replace(from, "l3\n", "three\n"), "l11\n", "eleven\n");
  EXPECT_EQ(UnifiedLineDiff(from, to),
            "--- a\n"
            "+++ b\n"
            "@@ -1,6 +1,6 @@\n"
            " l1\n"
            " l2\n"
            "-l3\n"
            "+three\n"
            " l4\n"
            " l5\n"
            " l6\n"
            "@@ -8,7 +8,7 @@\n"
            " l8\n"
            " l9\n"
            " l10\n"
            "-l11\n"
            "+eleven\n"
            " l12\n"
            " l13\n"
            " l14\n");
}

TEST(UnifiedLineDiffTest, InsertionsAndDeletionsShiftTheNewSideStart) {
  const std::string from = Numbered(12);
  // Two lines inserted after l1, l11 deleted.
  const std::string to = Replace(Replace(from, "l1\n", "l1\nnew a\nnew b\n"), "l11\n", "");
  EXPECT_EQ(UnifiedLineDiff(from, to),
            "--- a\n"
            "+++ b\n"
            "@@ -1,4 +1,6 @@\n"
            " l1\n"
            "+new a\n"
            "+new b\n"
            " l2\n"
            " l3\n"
            " l4\n"
            "@@ -8,5 +10,4 @@\n"
            " l8\n"
            " l9\n"
            " l10\n"
            "-l11\n"
            " l12\n");
}

TEST(UnifiedLineDiffTest, FromAndToEmpty) {
  EXPECT_EQ(UnifiedLineDiff("", "x\ny\n"),
            "--- a\n"
            "+++ b\n"
            "@@ -0,0 +1,2 @@\n"
            "+x\n"
            "+y\n");
  EXPECT_EQ(UnifiedLineDiff("x\n", ""),
            "--- a\n"
            "+++ b\n"
            "@@ -1 +0,0 @@\n"
            "-x\n");
}

TEST(UnifiedLineDiffTest, ZeroContextAndLabels) {
  UnifiedDiffOptions options;
  options.context_lines = 0;
  options.from_label = "v1";
  options.to_label = "v2";
  EXPECT_EQ(UnifiedLineDiff("a\nb\nc\nd\n", "a\nB\nc\nd\ne\n", options),
            "--- v1\n"
            "+++ v2\n"
            "@@ -2 +2 @@\n"
            "-b\n"
            "+B\n"
            "@@ -4,0 +5 @@\n"
            "+e\n");
}

TEST(UnifiedLineDiffTest, ChineseLines) {
  EXPECT_EQ(UnifiedLineDiff("第一段。\n第二段。\n", "第一段。\n第二段，有修改。\n"),
            "--- a\n"
            "+++ b\n"
            "@@ -1,2 +1,2 @@\n"
            " 第一段。\n"
            "-第二段。\n"
            "+第二段，有修改。\n");
}

TEST(UnifiedLineDiffTest, LongTextsWithScatteredEdits) {
  // 20,000 lines with every 1,000th changed: each edit is its own hunk, and the counts agree.
  std::string from;
  std::string to;
  for (int i = 0; i < 20000; ++i) {
    from += "line " + std::to_string(i) + "\n";
    to += (i % 1000 == 500 ? "edited " : "line ") + std::to_string(i) + "\n";
  }
  const std::string diff = UnifiedLineDiff(from, to);
  size_t hunks = 0;
  for (size_t at = diff.find("\n@@ "); at != std::string::npos; at = diff.find("\n@@ ", at + 1)) {
    ++hunks;
  }
  EXPECT_EQ(hunks, 20u);
  EXPECT_NE(diff.find("@@ -498,7 +498,7 @@\n line 497\n line 498\n line 499\n-line 500\n"
                      "+edited 500\n"),
            std::string::npos);
  const LineChangeCount count = CountChangedLines(from, to);
  EXPECT_EQ(count.added, 20);
  EXPECT_EQ(count.removed, 20);
}

TEST(CountChangedLinesTest, CountsAddedAndRemovedLines) {
  const LineChangeCount same = CountChangedLines("a\nb\n", "a\nb");
  EXPECT_EQ(same.added, 0);
  EXPECT_EQ(same.removed, 0);
  const LineChangeCount count = CountChangedLines("a\nb\nc\n", "a\nB\nc\nd\ne\n");
  EXPECT_EQ(count.added, 3);
  EXPECT_EQ(count.removed, 1);
}

TEST(DiffArticlesTest, ChangedFieldsThenBodyDiff) {
  Article from;
  from.title = "Hello";
  from.published = "2025-02-14";
  from.tags = {"c++", "leveldb"};
  from.body = "one\ntwo\n";
  Article to = from;
  to.title = "Hello, world";
  to.author = "Alice";
  to.tags = {"c++"};
  to.body = "one\n2\n";
  EXPECT_EQ(DiffArticles(from, to),
            "title: Hello -> Hello, world\n"
            "author: (none) -> Alice\n"
            "tags: c++, leveldb -> c++\n"
            "--- a\n"
            "+++ b\n"
            "@@ -1,2 +1,2 @@\n"
            " one\n"
            "-two\n"
            "+2\n");
}

TEST(DiffArticlesTest, FieldsOnlyAndNothing) {
  Article from;
  from.body = "same\n";
  from.published = "2025-02-14";
  Article to = from;
  EXPECT_EQ(DiffArticles(from, to), "");
  to.published = "";
  EXPECT_EQ(DiffArticles(from, to), "published: 2025-02-14 -> (none)\n");
  // Counters and derived fields are not content.
  to = from;
  to.counters.views = 99;
  to.body_html = "<p>same</p>";
  EXPECT_EQ(DiffArticles(from, to), "");
}

TEST(DiffArticlesTest, TagsComparedAsLists) {
  Article from;
  from.tags = {"a, b"};
  Article to;
  to.tags = {"a", "b"};
  EXPECT_EQ(DiffArticles(from, to), "tags: a, b -> a, b\n");
}

TEST(CompareArticlesTest, FieldsInOrderWithTitleSpansAndTagLists) {
  Article from;
  from.title = "Hello";
  from.published = "2025-02-14";
  from.tags = {"c++", "leveldb"};
  Article to = from;
  to.title = "Hello, world";
  to.author = "Alice";
  to.tags = {"c++"};
  const ArticleDiff diff = CompareArticles(from, to);
  ASSERT_EQ(diff.fields.size(), 3u);
  EXPECT_EQ(diff.fields[0].name, "title");
  EXPECT_EQ(diff.fields[0].spans,
            (std::vector<Span>{{SpanOp::kEqual, "Hello"}, {SpanOp::kInsert, ", world"}}));
  EXPECT_EQ(diff.fields[1].name, "author");
  EXPECT_EQ(diff.fields[1].from, "");
  EXPECT_EQ(diff.fields[2].name, "tags");
  EXPECT_EQ(diff.fields[2].from, "c++, leveldb");
  EXPECT_EQ(diff.fields[2].to_items, (std::vector<std::string>{"c++"}));
  EXPECT_FALSE(diff.body_changed);
  EXPECT_FALSE(diff.identical());
}

TEST(CompareArticlesTest, IdenticalAndFinalNewline) {
  Article from;
  from.body = "a\nb\n";
  Article to = from;
  to.body = "a\nb";
  to.counters.views = 5;
  const ArticleDiff diff = CompareArticles(from, to);
  EXPECT_TRUE(diff.identical());
  ASSERT_EQ(diff.paragraphs.size(), 2u);
  EXPECT_EQ(diff.paragraphs[1].op, BlockOp::kEqual);
  EXPECT_EQ(diff.paragraphs[1].text, "b");
}

TEST(CompareBodiesTest, EditedParagraphsCarrySpansAtTheResolvedGranularity) {
  const std::vector<ParagraphDiff> body =
      CompareBodies("Keep.\nThe quick brown fox.\n第二段。\nGone.\n",
                    "Keep.\nThe quick red fox.\n第二段，有修改。\n");
  ASSERT_EQ(body.size(), 4u);
  EXPECT_EQ(body[0].op, BlockOp::kEqual);
  EXPECT_EQ(body[1].op, BlockOp::kChange);
  EXPECT_EQ(body[1].granularity, Granularity::kWord);
  EXPECT_EQ(body[1].text, "The quick red fox.");
  EXPECT_EQ(OldText(body[1].spans), "The quick brown fox.");
  EXPECT_EQ(body[2].op, BlockOp::kChange);
  EXPECT_EQ(body[2].granularity, Granularity::kChar);
  EXPECT_EQ(body[3].op, BlockOp::kDelete);
  EXPECT_EQ(body[3].from, 3);
  EXPECT_EQ(body[3].text, "Gone.");
  EXPECT_TRUE(body[3].spans.empty());

  DiffOptions line;
  line.granularity = Granularity::kLine;
  const std::vector<ParagraphDiff> lines = CompareBodies("a b c\n", "a x c\n", line);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].granularity, Granularity::kLine);
  EXPECT_EQ(lines[0].spans,
            (std::vector<Span>{{SpanOp::kDelete, "a b c"}, {SpanOp::kInsert, "a x c"}}));
}

TEST(CompareBodiesTest, MovedParagraphKeepsItsText) {
  const std::vector<ParagraphDiff> body = CompareBodies("one\ntwo\nthree\n", "three\none\ntwo\n");
  ASSERT_EQ(body.size(), 4u);
  EXPECT_EQ(body[0].op, BlockOp::kMoveTo);
  EXPECT_EQ(body[0].text, "three");
  EXPECT_TRUE(body[0].spans.empty());
  EXPECT_EQ(body[3].op, BlockOp::kMoveFrom);
  EXPECT_EQ(body[3].text, "three");
  EXPECT_EQ(body[3].to, 0);
}

// Both versions can be read back from the diff: the old side (equal, delete, change, move_from)
// in order gives the old paragraphs, the new side (equal, insert, change, move_to) the new ones.
void ExpectReconstructs(const std::string& from, const std::string& to, Granularity g) {
  DiffOptions options;
  options.granularity = g;
  std::vector<std::string> old_side;
  std::vector<std::string> new_side;
  for (const ParagraphDiff& p : CompareBodies(from, to, options)) {
    switch (p.op) {
      case BlockOp::kEqual:
        old_side.push_back(p.text);
        new_side.push_back(p.text);
        break;
      case BlockOp::kDelete:
      case BlockOp::kMoveFrom:
        old_side.push_back(p.text);
        break;
      case BlockOp::kInsert:
        new_side.push_back(p.text);
        break;
      case BlockOp::kChange:
        old_side.push_back(OldText(p.spans));
        new_side.push_back(NewText(p.spans));
        EXPECT_EQ(p.text, NewText(p.spans));
        break;
      case BlockOp::kMoveTo:
        new_side.push_back(p.spans.empty() ? p.text : NewText(p.spans));
        break;
    }
  }
  const auto split = [](const std::string& body) {
    std::vector<std::string> out;
    for (std::string_view p : SplitParagraphs(body)) out.emplace_back(p);
    return out;
  };
  EXPECT_EQ(old_side, split(from));
  EXPECT_EQ(new_side, split(to));
}

TEST(CompareBodiesTest, RandomBodiesReconstructBothVersions) {
  // Words from a small vocabulary (so that paragraphs pair, move and repeat), CJK, emoji,
  // combining marks and invalid bytes.
  const std::vector<std::string> vocabulary = {
      "the",        "fox",     "jumps", " ",        " ",     ", ",   ".",  "第", "二", "段", "。",
      "\U0001F44D", "e\u0301", "\xff",  "\xe4\xb8", "don't", "3.14", "\t", "\n", "\n", "\n"};
  uint32_t state = 2024;
  const auto next = [&state] {
    state = state * 1664525u + 1013904223u;
    return state >> 8;
  };
  const auto text = [&](size_t n) {
    std::string out;
    for (size_t i = 0; i < n; ++i) out += vocabulary[next() % vocabulary.size()];
    return out;
  };
  for (int round = 0; round < 150; ++round) {
    std::string from = text(next() % 60);
    std::string to;
    // Half the time an edit of `from` (so that the interesting paths run), else unrelated text.
    if (round % 2 == 0) {
      to = from;
      for (int e = 0; e < 3 && !to.empty(); ++e) {
        const size_t at = next() % to.size();
        to.insert(at, text(next() % 4));
      }
    } else {
      to = text(next() % 60);
    }
    for (Granularity g :
         {Granularity::kAuto, Granularity::kWord, Granularity::kChar, Granularity::kLine}) {
      ExpectReconstructs(from, to, g);
    }
    Article a;
    a.body = from;
    Article b;
    b.body = to;
    AnalyzeChange(a, b);  // never crashes, whatever the bytes
  }
}

}  // namespace
}  // namespace strata::storage
