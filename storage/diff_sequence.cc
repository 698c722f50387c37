#include "storage/diff_sequence.h"

#include <dtl/dtl.hpp>

#include <algorithm>
#include <cstdlib>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace strata::storage {
namespace {

using Match = std::pair<size_t, size_t>;  // from index, to index of one common symbol

// Which symbols occur in a sequence. Interned ids are dense, so a bitmap usually does; sparse
// ids from other callers fall back to a hash set.
class SymbolSet {
 public:
  explicit SymbolSet(std::span<const uint32_t> symbols) {
    uint32_t max = 0;
    for (uint32_t s : symbols) max = std::max(max, s);
    if (max <= 4 * symbols.size() + 1024) {
      present_.assign(static_cast<size_t>(max) + 1, false);
      for (uint32_t s : symbols) present_[s] = true;
    } else {
      sparse_ = true;
      set_.insert(symbols.begin(), symbols.end());
    }
  }
  bool contains(uint32_t s) const {
    if (sparse_) return set_.count(s) > 0;
    return s < present_.size() && present_[s];
  }

 private:
  bool sparse_ = false;
  std::vector<bool> present_;
  std::unordered_set<uint32_t> set_;
};

// The symbols of `seq` that also occur in `other`, and where they were.
void KeepShared(std::span<const uint32_t> seq, const SymbolSet& other, std::vector<uint32_t>* kept,
                std::vector<size_t>* where) {
  for (size_t i = 0; i < seq.size(); ++i) {
    if (other.contains(seq[i])) {
      kept->push_back(seq[i]);
      where->push_back(i);
    }
  }
}

// Runs from the ascending list of matches (common symbols) of sequences of length m and n.
std::vector<EditRun> RunsFromMatches(size_t m, size_t n, const std::vector<Match>& matches) {
  std::vector<EditRun> runs;
  const auto add = [&runs](EditKind kind, size_t from, size_t to, size_t length) {
    if (length == 0) return;
    if (!runs.empty() && runs.back().kind == kind) {
      EditRun& last = runs.back();
      const bool contiguous =
          (kind == EditKind::kInsert || last.from_begin + last.length == from) &&
          (kind == EditKind::kDelete || last.to_begin + last.length == to);
      if (contiguous) {
        last.length += length;
        return;
      }
    }
    runs.push_back({kind, from, to, length});
  };
  size_t i = 0;
  size_t j = 0;
  for (const auto& [mi, mj] : matches) {
    add(EditKind::kDelete, i, j, mi - i);
    add(EditKind::kInsert, mi, j, mj - j);
    add(EditKind::kEqual, mi, mj, 1);
    i = mi + 1;
    j = mj + 1;
  }
  add(EditKind::kDelete, i, j, m - i);
  add(EditKind::kInsert, m, j, n - j);
  return runs;
}

// What to do when dtl's work would exceed the bound.
enum class OverBudget {
  kUnbounded,    // run dtl anyway
  kRefuse,       // return nullopt
  kApproximate,  // anchor on unique symbols instead (Patience below)
};

// dtl's common subsequence of a and b, as index pairs.
std::vector<Match> DtlMatches(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  // deletesFirst is left off: dtl implements it by inserting into the middle of a vector,
  // quadratic in long deletions. RunsFromMatches orders each change itself.
  dtl::Diff<uint32_t, std::vector<uint32_t>> diff(a, b);
  diff.compose();
  std::vector<Match> matches;
  for (const auto& [symbol, info] : diff.getSes().getSequence()) {
    if (info.type != dtl::SES_COMMON) continue;
    // dtl numbers elements from 1, in the order of its constructor's arguments.
    matches.emplace_back(static_cast<size_t>(info.beforeIdx - 1),
                         static_cast<size_t>(info.afterIdx - 1));
  }
  return matches;
}

// The longest increasing sequence of symbols that occur exactly once in each of a and b (the
// anchors of "patience diff"), in O(k log k). A common subsequence, not always the longest.
std::vector<Match> UniqueAnchors(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  std::unordered_map<uint32_t, std::pair<int64_t, int64_t>> seen;  // symbol -> (count, where)
  for (size_t j = 0; j < b.size(); ++j) {
    auto& [count, where] = seen[b[j]];
    ++count;
    where = static_cast<int64_t>(j);
  }
  std::unordered_map<uint32_t, int> in_a;
  for (uint32_t s : a) ++in_a[s];
  std::vector<Match> candidates;  // ascending in a
  for (size_t i = 0; i < a.size(); ++i) {
    const auto it = seen.find(a[i]);
    if (it != seen.end() && it->second.first == 1 && in_a[a[i]] == 1) {
      candidates.emplace_back(i, static_cast<size_t>(it->second.second));
    }
  }
  // Patience sorting on the b positions, with links to rebuild the sequence.
  std::vector<size_t> tails;  // candidate index ending the best run of each length
  std::vector<int64_t> previous(candidates.size(), -1);
  for (size_t c = 0; c < candidates.size(); ++c) {
    const auto pos =
        std::lower_bound(tails.begin(), tails.end(), candidates[c].second,
                         [&](size_t t, size_t value) { return candidates[t].second < value; });
    if (pos != tails.begin()) previous[c] = static_cast<int64_t>(*(pos - 1));
    if (pos == tails.end()) {
      tails.push_back(c);
    } else {
      *pos = c;
    }
  }
  std::vector<Match> anchors;
  for (int64_t c = tails.empty() ? -1 : static_cast<int64_t>(tails.back()); c >= 0;
       c = previous[static_cast<size_t>(c)]) {
    anchors.push_back(candidates[static_cast<size_t>(c)]);
  }
  std::reverse(anchors.begin(), anchors.end());
  return anchors;
}

std::optional<std::vector<Match>> Matches(std::span<const uint32_t> from,
                                          std::span<const uint32_t> to, int64_t max_work,
                                          OverBudget over);

// The common subsequence of the reduced sequences a and b (every symbol in both), within the
// work bound as `over` says.
std::optional<std::vector<Match>> CoreMatches(const std::vector<uint32_t>& a,
                                              const std::vector<uint32_t>& b, int64_t max_work,
                                              OverBudget over) {
  const auto m = static_cast<int64_t>(a.size());
  const auto n = static_cast<int64_t>(b.size());
  // dtl costs O((M+N) P), P the deletions of the shorter sequence: at most min(M, N).
  if (over == OverBudget::kUnbounded || (m + n) * std::min(m, n) <= max_work) {
    return DtlMatches(a, b);
  }
  if (over == OverBudget::kRefuse) return std::nullopt;
  // A common subsequence found cheaply bounds P from above: if even that bound is affordable,
  // the exact answer is too.
  std::vector<Match> anchors = UniqueAnchors(a, b);
  const int64_t edits = m + n - 2 * static_cast<int64_t>(anchors.size());
  if ((m + n) * ((edits - std::abs(m - n)) / 2 + 1) <= max_work) return DtlMatches(a, b);
  // Too costly (paragraphs heavily reordered): keep the anchors, and compare exactly only the
  // stretches between them that fit the bound.
  std::vector<Match> matches;
  size_t i = 0;
  size_t j = 0;
  anchors.emplace_back(a.size(), b.size());  // sentinel
  for (const auto& [ai, bj] : anchors) {
    const std::span<const uint32_t> gap_a(a.data() + i, ai - i);
    const std::span<const uint32_t> gap_b(b.data() + j, bj - j);
    if (std::optional<std::vector<Match>> inner =
            Matches(gap_a, gap_b, max_work, OverBudget::kRefuse)) {
      for (const auto& [x, y] : *inner) matches.emplace_back(i + x, j + y);
    }
    if (ai < a.size()) matches.emplace_back(ai, bj);
    i = ai + 1;
    j = bj + 1;
  }
  return matches;
}

// The matches (common symbols) between `from` and `to`, after the two reductions.
std::optional<std::vector<Match>> Matches(std::span<const uint32_t> from,
                                          std::span<const uint32_t> to, int64_t max_work,
                                          OverBudget over) {
  const size_t m = from.size();
  const size_t n = to.size();
  size_t prefix = 0;
  while (prefix < m && prefix < n && from[prefix] == to[prefix]) ++prefix;
  size_t suffix = 0;
  while (suffix < m - prefix && suffix < n - prefix && from[m - 1 - suffix] == to[n - 1 - suffix]) {
    ++suffix;
  }
  const std::span<const uint32_t> from_mid = from.subspan(prefix, m - prefix - suffix);
  const std::span<const uint32_t> to_mid = to.subspan(prefix, n - prefix - suffix);

  std::vector<Match> matches;
  matches.reserve(prefix + suffix);
  for (size_t k = 0; k < prefix; ++k) matches.emplace_back(k, k);
  if (!from_mid.empty() && !to_mid.empty()) {
    std::vector<uint32_t> a;
    std::vector<uint32_t> b;
    std::vector<size_t> a_where;
    std::vector<size_t> b_where;
    KeepShared(from_mid, SymbolSet(to_mid), &a, &a_where);
    KeepShared(to_mid, SymbolSet(from_mid), &b, &b_where);
    if (!a.empty() && !b.empty()) {
      std::optional<std::vector<Match>> core = CoreMatches(a, b, max_work, over);
      if (!core) return std::nullopt;
      for (const auto& [x, y] : *core)
        matches.emplace_back(prefix + a_where[x], prefix + b_where[y]);
    }
  }
  for (size_t k = 0; k < suffix; ++k) matches.emplace_back(m - suffix + k, n - suffix + k);
  return matches;
}

}  // namespace

std::vector<EditRun> DiffSequences(std::span<const uint32_t> from, std::span<const uint32_t> to) {
  return RunsFromMatches(from.size(), to.size(), *Matches(from, to, 0, OverBudget::kUnbounded));
}

std::optional<std::vector<EditRun>> DiffSequencesBounded(std::span<const uint32_t> from,
                                                         std::span<const uint32_t> to,
                                                         int64_t max_work) {
  std::optional<std::vector<Match>> matches =
      Matches(from, to, std::max<int64_t>(max_work, 0), OverBudget::kRefuse);
  if (!matches) return std::nullopt;
  return RunsFromMatches(from.size(), to.size(), *matches);
}

std::vector<EditRun> DiffSequencesWithin(std::span<const uint32_t> from,
                                         std::span<const uint32_t> to, int64_t max_work) {
  return RunsFromMatches(
      from.size(), to.size(),
      *Matches(from, to, std::max<int64_t>(max_work, 0), OverBudget::kApproximate));
}

uint32_t Interner::Id(std::string_view text) {
  const auto [it, inserted] = ids_.try_emplace(text, static_cast<uint32_t>(ids_.size()));
  return it->second;
}

}  // namespace strata::storage
