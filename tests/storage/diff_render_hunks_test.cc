#include "storage/diff_render_hunks.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace strata::storage {
namespace {

// Entries from a string of ops: '=' equal, '-' delete, '+' insert, '~' change.
std::vector<ParagraphDiff> Entries(std::string_view ops) {
  std::vector<ParagraphDiff> out;
  for (char c : ops) {
    ParagraphDiff p;
    p.op = c == '='   ? BlockOp::kEqual
           : c == '-' ? BlockOp::kDelete
           : c == '+' ? BlockOp::kInsert
                      : BlockOp::kChange;
    out.push_back(p);
  }
  return out;
}

std::string Headers(std::string_view ops, int context) {
  std::string out;
  for (const Hunk& h : FindHunks(Entries(ops), context)) {
    out += HunkHeader(h) + "[" + std::to_string(h.begin) + "," + std::to_string(h.end) + ")";
  }
  return out;
}

TEST(FindHunksTest, ContextAndMerging) {
  EXPECT_EQ(Headers("=====", 3), "");
  EXPECT_EQ(Headers("====~====", 1), "@@ -4,3 +4,3 @@[3,6)");
  // Six unchanged paragraphs between changes: one hunk with context 3, two with context 2.
  EXPECT_EQ(Headers("~======~", 3), "@@ -1,8 +1,8 @@[0,8)");
  EXPECT_EQ(Headers("~======~", 2), "@@ -1,3 +1,3 @@[0,3)@@ -6,3 +6,3 @@[5,8)");
}

TEST(FindHunksTest, GnuNumberingOfEmptySides) {
  EXPECT_EQ(Headers("++", 3), "@@ -0,0 +1,2 @@[0,2)");
  EXPECT_EQ(Headers("=-", 0), "@@ -2 +1,0 @@[1,2)");
  EXPECT_EQ(Headers("", 3), "");
}

TEST(FindHunksTest, NegativeContextCountsAsZero) {
  EXPECT_EQ(Headers("=~=", -5), "@@ -2 +2 @@[1,2)");
}

TEST(OnSideTest, WhichSideEachOpIsOn) {
  EXPECT_TRUE(OnOldSide(BlockOp::kMoveFrom));
  EXPECT_FALSE(OnNewSide(BlockOp::kMoveFrom));
  EXPECT_TRUE(OnNewSide(BlockOp::kMoveTo));
  EXPECT_FALSE(OnOldSide(BlockOp::kMoveTo));
  EXPECT_TRUE(OnOldSide(BlockOp::kChange) && OnNewSide(BlockOp::kChange));
}

}  // namespace
}  // namespace strata::storage
