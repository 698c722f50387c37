#include "storage/diff_sequence.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace strata::storage {
namespace {

using Seq = std::vector<uint32_t>;

// "=3 -1 +2": the runs in short form.
std::string Show(const std::vector<EditRun>& runs) {
  std::string out;
  for (const EditRun& r : runs) {
    if (!out.empty()) out += ' ';
    out += r.kind == EditKind::kEqual ? '=' : r.kind == EditKind::kDelete ? '-' : '+';
    out += std::to_string(r.length);
  }
  return out;
}

// Applies `runs` to `from` and checks that it yields `to` and covers both completely.
void ExpectValid(const Seq& from, const Seq& to, const std::vector<EditRun>& runs) {
  Seq built;
  size_t i = 0;
  size_t j = 0;
  for (const EditRun& r : runs) {
    ASSERT_GT(r.length, 0u);
    if (r.kind != EditKind::kInsert) {
      ASSERT_EQ(r.from_begin, i);
      i += r.length;
    }
    if (r.kind != EditKind::kDelete) {
      ASSERT_EQ(r.to_begin, j);
      for (size_t k = 0; k < r.length; ++k) {
        if (r.kind == EditKind::kEqual) {
          ASSERT_EQ(from[r.from_begin + k], to[r.to_begin + k]);
        }
        built.push_back(to[r.to_begin + k]);
      }
      j += r.length;
    }
  }
  EXPECT_EQ(i, from.size());
  EXPECT_EQ(built, to);
}

TEST(DiffSequencesTest, EqualEmptyAndDisjoint) {
  EXPECT_EQ(Show(DiffSequences(Seq{1, 2, 3}, Seq{1, 2, 3})), "=3");
  EXPECT_EQ(Show(DiffSequences(Seq{}, Seq{})), "");
  EXPECT_EQ(Show(DiffSequences(Seq{}, Seq{1, 2})), "+2");
  EXPECT_EQ(Show(DiffSequences(Seq{1, 2}, Seq{})), "-2");
  EXPECT_EQ(Show(DiffSequences(Seq{1, 2}, Seq{3, 4, 5})), "-2 +3");
}

TEST(DiffSequencesTest, DeletionsComeBeforeInsertions) {
  const Seq from = {1, 2, 3, 4, 5};
  const Seq to = {1, 9, 3, 8, 7, 5};
  const std::vector<EditRun> runs = DiffSequences(from, to);
  EXPECT_EQ(Show(runs), "=1 -1 +1 =1 -1 +2 =1");
  ExpectValid(from, to, runs);
}

TEST(DiffSequencesTest, FindsTheLongestCommonSubsequence) {
  // A classic: ABCABBA -> CBABAC has an LCS of 4, so 3 deletions and 2 insertions.
  const Seq from = {'A', 'B', 'C', 'A', 'B', 'B', 'A'};
  const Seq to = {'C', 'B', 'A', 'B', 'A', 'C'};
  const std::vector<EditRun> runs = DiffSequences(from, to);
  ExpectValid(from, to, runs);
  size_t equal = 0;
  for (const EditRun& r : runs) equal += r.kind == EditKind::kEqual ? r.length : 0;
  EXPECT_EQ(equal, 4u);
}

TEST(DiffSequencesTest, SparseSymbolsWork) {
  const Seq from = {4000000000u, 7, 3000000000u};
  const Seq to = {7, 3000000000u, 1};
  const std::vector<EditRun> runs = DiffSequences(from, to);
  EXPECT_EQ(Show(runs), "-1 =2 +1");
  ExpectValid(from, to, runs);
}

TEST(DiffSequencesTest, ManyRandomPairsGiveValidScripts) {
  uint32_t state = 12345;
  const auto next = [&state] { return state = state * 1103515245u + 12345u; };
  for (int round = 0; round < 200; ++round) {
    Seq from(next() % 30);
    Seq to(next() % 30);
    for (auto& x : from) x = (next() >> 16) % 6;
    for (auto& x : to) x = (next() >> 16) % 6;
    ExpectValid(from, to, DiffSequences(from, to));
  }
}

TEST(DiffSequencesBoundedTest, RefusesWorkAboveTheBound) {
  Seq from(100);
  Seq to(100);
  for (uint32_t i = 0; i < 100; ++i) {
    from[i] = i % 10;
    to[i] = (i * 7 + 3) % 10;
  }
  // Both keep 100 symbols after the reductions: (100 + 100) * 100 = 20,000 units of work.
  EXPECT_FALSE(DiffSequencesBounded(from, to, 19'999).has_value());
  ASSERT_TRUE(DiffSequencesBounded(from, to, 20'000).has_value());
  ExpectValid(from, to, *DiffSequencesBounded(from, to, 20'000));
}

TEST(DiffSequencesBoundedTest, ReductionsComeBeforeTheBound) {
  // A shared prefix and suffix and symbols unique to one side leave nothing for dtl to do, so
  // even a zero bound passes.
  Seq from;
  Seq to;
  for (uint32_t i = 0; i < 10000; ++i) {
    from.push_back(i);
    to.push_back(i < 5000 || i >= 9000 ? i : i + 100000);
  }
  const auto runs = DiffSequencesBounded(from, to, 0);
  ASSERT_TRUE(runs.has_value());
  EXPECT_EQ(Show(*runs), "=5000 -4000 +4000 =1000");
}

TEST(DiffSequencesWithinTest, ExactWhenAffordable) {
  // Scattered edits among unique symbols: the unique anchors prove dtl cheap, so the answer is
  // the exact one even with a small bound.
  Seq from;
  Seq to;
  for (uint32_t i = 0; i < 5000; ++i) {
    from.push_back(i);
    if (i % 100 != 7) to.push_back(i % 100 == 50 ? i + 100000 : i);
  }
  const std::vector<EditRun> within = DiffSequencesWithin(from, to, 100'000);
  EXPECT_EQ(within, DiffSequences(from, to));
  ExpectValid(from, to, within);
}

TEST(DiffSequencesWithinTest, ReversedSequenceFallsBackToUniqueAnchors) {
  // Reversed: the LCS has length 1, and dtl would do (M+N) * M work. The fallback keeps one
  // anchor and treats the rest as deleted and inserted, within the bound.
  Seq from;
  for (uint32_t i = 0; i < 20000; ++i) from.push_back(i);
  const Seq to(from.rbegin(), from.rend());
  const std::vector<EditRun> runs = DiffSequencesWithin(from, to, 1'000'000);
  ExpectValid(from, to, runs);
  size_t equal = 0;
  for (const EditRun& r : runs) equal += r.kind == EditKind::kEqual ? r.length : 0;
  EXPECT_EQ(equal, 1u);
}

TEST(DiffSequencesWithinTest, GapsBetweenAnchorsAreComparedExactly) {
  // Unique anchors 100..104 in order, with reordered repeated symbols between them (which only
  // dtl can align) and a reversed block that makes the whole too costly for dtl.
  Seq from;
  Seq to;
  for (uint32_t i = 20000; i < 24000; ++i) from.push_back(i);
  for (uint32_t i = 24000; i-- > 20000;) to.push_back(i);
  for (uint32_t a = 100; a < 105; ++a) {
    from.insert(from.end(), {a, 1, 2, 3, 1});
    to.insert(to.end(), {a, 1, 3, 1});
  }
  const std::vector<EditRun> runs = DiffSequencesWithin(from, to, 1'000'000);
  ExpectValid(from, to, runs);
  size_t equal = 0;
  for (const EditRun& r : runs) equal += r.kind == EditKind::kEqual ? r.length : 0;
  // 5 anchors + 3 common symbols after each + 1 from the reversed block.
  EXPECT_EQ(equal, 5u + 15u + 1u);
}

TEST(InternerTest, EqualTextsEqualIds) {
  Interner interner;
  const std::string a = "para";
  const std::string b = "para";
  EXPECT_EQ(interner.Id(a), interner.Id(b));
  EXPECT_NE(interner.Id("x"), interner.Id(a));
  EXPECT_EQ(interner.size(), 2u);
}

}  // namespace
}  // namespace strata::storage
