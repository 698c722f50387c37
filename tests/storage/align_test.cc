#include "storage/align.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace strata::storage {
namespace {

using Paras = std::vector<std::string_view>;

// "=0/0 -1 +/1 ~2/2 <3>5 >3/5": the alignment in short form.
std::string Show(const std::vector<BlockMatch>& matches) {
  std::string out;
  for (const BlockMatch& m : matches) {
    if (!out.empty()) out += ' ';
    switch (m.op) {
      case BlockOp::kEqual:
        out += "=" + std::to_string(m.from) + "/" + std::to_string(m.to);
        break;
      case BlockOp::kDelete:
        out += "-" + std::to_string(m.from);
        break;
      case BlockOp::kInsert:
        out += "+/" + std::to_string(m.to);
        break;
      case BlockOp::kChange:
        out += "~" + std::to_string(m.from) + "/" + std::to_string(m.to);
        break;
      case BlockOp::kMoveFrom:
        out += "<" + std::to_string(m.from) + ">" + std::to_string(m.to);
        break;
      case BlockOp::kMoveTo:
        out += ">" + std::to_string(m.from) + "/" + std::to_string(m.to);
        break;
    }
  }
  return out;
}

const Paras kArticle = {
    "Crawlers usually open one thread per request.",
    "That works for dozens of transfers but not for thousands.",
    "The multi interface lets one thread drive them all.",
    "It needs an event loop that waits on the right sockets.",
    "The rest of the time goes to parsing.",
};

TEST(SplitParagraphsTest, SplitsOnNewlines) {
  EXPECT_EQ(SplitParagraphs("a\nb\n"), (Paras{"a", "b"}));
  EXPECT_EQ(SplitParagraphs("a\n\nb"), (Paras{"a", "", "b"}));
  EXPECT_TRUE(SplitParagraphs("").empty());
}

TEST(AlignParagraphsTest, IdenticalBodiesAreAllEqual) {
  EXPECT_EQ(Show(AlignParagraphs(kArticle, kArticle)), "=0/0 =1/1 =2/2 =3/3 =4/4");
}

TEST(AlignParagraphsTest, InsertedParagraphDoesNotCascade) {
  Paras to = kArticle;
  to.insert(to.begin() + 1, "A new paragraph about something else entirely.");
  EXPECT_EQ(Show(AlignParagraphs(kArticle, to)), "=0/0 +/1 =1/2 =2/3 =3/4 =4/5");
}

TEST(AlignParagraphsTest, DeletedParagraphDoesNotCascade) {
  Paras to = kArticle;
  to.erase(to.begin() + 2);
  EXPECT_EQ(Show(AlignParagraphs(kArticle, to)), "=0/0 =1/1 -2 =3/2 =4/3");
}

TEST(AlignParagraphsTest, MovedParagraphIsAMoveAndTheRestStaysEqual) {
  // The last paragraph moves to the top.
  const Paras to = {kArticle[4], kArticle[0], kArticle[1], kArticle[2], kArticle[3]};
  EXPECT_EQ(Show(AlignParagraphs(kArticle, to)), ">4/0 =0/1 =1/2 =2/3 =3/4 <4>0");
  AlignOptions no_moves;
  no_moves.detect_moves = false;
  EXPECT_EQ(Show(AlignParagraphs(kArticle, to, no_moves)), "+/0 =0/1 =1/2 =2/3 =3/4 -4");
}

TEST(AlignParagraphsTest, EditedParagraphIsPairedWithItsOldSelf) {
  Paras to = kArticle;
  to[2] = "The multi interface lets a single thread drive them all.";
  const std::vector<BlockMatch> matches = AlignParagraphs(kArticle, to);
  EXPECT_EQ(Show(matches), "=0/0 =1/1 ~2/2 =3/3 =4/4");
  EXPECT_GT(matches[2].similarity, 0.7);
  EXPECT_LT(matches[2].similarity, 1.0);
}

TEST(AlignParagraphsTest, ReplacedParagraphIsDeletedAndInserted) {
  Paras to = kArticle;
  to[2] = "Nothing in common here whatsoever.";
  EXPECT_EQ(Show(AlignParagraphs(kArticle, to)), "=0/0 =1/1 -2 +/2 =3/3 =4/4");
}

TEST(AlignParagraphsTest, EditsAreFoundAmongInsertionsInTheSameStretch) {
  // Paragraph 1 is edited, and a heading and a paragraph are inserted before it.
  Paras to = {kArticle[0],
              "Update",
              "Readers asked about the shutdown order.",
              "That works for dozens of transfers, but never for thousands.",
              kArticle[2],
              kArticle[3],
              kArticle[4]};
  EXPECT_EQ(Show(AlignParagraphs(kArticle, to)), "=0/0 +/1 +/2 ~1/3 =2/4 =3/5 =4/6");
}

TEST(AlignParagraphsTest, MovedAndEditedParagraph) {
  const std::string edited = "The rest of the time goes to parsing, as usual.";
  const Paras to = {edited, kArticle[0], kArticle[1], kArticle[2], kArticle[3]};
  const std::vector<BlockMatch> matches = AlignParagraphs(kArticle, to);
  EXPECT_EQ(Show(matches), ">4/0 =0/1 =1/2 =2/3 =3/4 <4>0");
  EXPECT_LT(matches[0].similarity, 1.0);
  EXPECT_GE(matches[0].similarity, 0.8);
}

TEST(AlignParagraphsTest, BlankParagraphsNeverMove) {
  const Paras from = {"a b c", "", "d e f"};
  const Paras to = {"", "d e f", "a b c"};
  const std::string shown = Show(AlignParagraphs(from, to));
  EXPECT_EQ(shown.find("<1"), std::string::npos) << shown;
}

TEST(AlignParagraphsTest, CjkParagraphsPairByCharacters) {
  const Paras from = {"很多爬虫为每个请求开一个线程。", "第二段。"};
  const Paras to = {"很多爬虫为每个请求开一个线程。", "第二段，有修改。"};
  EXPECT_EQ(Show(AlignParagraphs(from, to)), "=0/0 ~1/1");
}

TEST(AlignParagraphsTest, EveryParagraphAppearsOnceOnEachSide) {
  // A shuffle with edits: checks the invariants rather than one answer.
  const Paras from = {"p0 a b", "p1 c d", "p2 e f", "p3 g h", "p4 i j", "p5 k l", "p6 m n"};
  const Paras to = {"p5 k l", "p0 a b x", "new", "p2 e f", "p1 c d", "p6 m n", "p4 i j"};
  const std::vector<BlockMatch> matches = AlignParagraphs(from, to);
  std::vector<int> old_seen(from.size(), 0);
  std::vector<int> new_seen(to.size(), 0);
  int64_t last_old = -1;
  int64_t last_new = -1;
  for (const BlockMatch& m : matches) {
    const bool old_side = m.op != BlockOp::kInsert && m.op != BlockOp::kMoveTo;
    const bool new_side = m.op != BlockOp::kDelete && m.op != BlockOp::kMoveFrom;
    if (old_side) {
      ++old_seen[static_cast<size_t>(m.from)];
      EXPECT_GT(m.from, last_old);
      last_old = m.from;
    }
    if (new_side) {
      ++new_seen[static_cast<size_t>(m.to)];
      EXPECT_GT(m.to, last_new);
      last_new = m.to;
    }
  }
  for (int n : old_seen) EXPECT_EQ(n, 1);
  for (int n : new_seen) EXPECT_EQ(n, 1);
}

TEST(ParagraphSimilarityTest, DiceOfWordMultisets) {
  EXPECT_DOUBLE_EQ(ParagraphSimilarity("Hello world", "Goodbye world"), 0.5);
  EXPECT_DOUBLE_EQ(ParagraphSimilarity("a a b", "a b b"), 2.0 * 2 / 6);
  EXPECT_DOUBLE_EQ(ParagraphSimilarity("", "  "), 1.0);
  EXPECT_DOUBLE_EQ(ParagraphSimilarity("x", ""), 0.0);
  EXPECT_DOUBLE_EQ(ParagraphSimilarity("第二段。", "第二段，有修改。"), 2.0 * 4 / 12);
}

}  // namespace
}  // namespace strata::storage
