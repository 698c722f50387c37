// The edit script between two sequences of symbols: the core under every diff in strata
// (paragraphs of a body, words or characters of a paragraph). Symbols are small integers, so
// that texts are compared by interning their pieces once (Interner) rather than by comparing
// strings inside the algorithm.
//
// The longest common subsequence comes from dtl (Wu, Manber and Myers' O(NP) algorithm). Two
// cheap, exact reductions run before it, as GNU diff does: the common prefix and suffix are cut
// off, and symbols that occur in only one of the sequences are set aside (they can never be part
// of a common subsequence). On article revisions, where most paragraphs are either untouched or
// new, that leaves dtl little to do; measured on 1 MB bodies in bench/diff/.
//
// Thread-safety: pure functions; an Interner is a plain value (not synchronised).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace strata::storage {

enum class EditKind : uint8_t { kEqual, kDelete, kInsert };

// `length` symbols starting at from[from_begin] (kEqual, kDelete) and/or to[to_begin] (kEqual,
// kInsert). Runs come in order; within one change, deletions come before insertions.
struct EditRun {
  EditKind kind = EditKind::kEqual;
  size_t from_begin = 0;
  size_t to_begin = 0;
  size_t length = 0;
  friend bool operator==(const EditRun&, const EditRun&) = default;
};

// The shortest edit script from `from` to `to` (minimal except when dtl's own memory cap of 2M
// path points splits a gigantic comparison in pieces; the script is valid either way).
std::vector<EditRun> DiffSequences(std::span<const uint32_t> from, std::span<const uint32_t> to);

// Like DiffSequences, but returns nullopt instead of running dtl when, after the reductions,
// (M + N) * min(M, N) exceeds `max_work`: an upper bound of the O((M+N)P) algorithm's work, so
// the caller can first compare coarser pieces instead (a very long paragraph rewritten).
std::optional<std::vector<EditRun>> DiffSequencesBounded(std::span<const uint32_t> from,
                                                         std::span<const uint32_t> to,
                                                         int64_t max_work);

// Like DiffSequences when dtl's work is affordable: exact whenever (M + N) * min(M, N) <=
// `max_work` after the reductions, or when a cheaply found common subsequence (the longest
// increasing run of symbols unique to both sides, as in "patience diff") proves the exact
// answer affordable. Otherwise (sequences heavily reordered: dtl takes ~1 s on a 1 MB body whose
// 7,000 paragraphs are reversed) the script keeps those unique anchors, compares exactly the
// stretches between them that fit the bound, and treats the rest as deleted and inserted:
// valid, not necessarily minimal.
std::vector<EditRun> DiffSequencesWithin(std::span<const uint32_t> from,
                                         std::span<const uint32_t> to, int64_t max_work);

// Maps equal strings to equal small integers. The strings are not copied: they must outlive the
// Interner and its ids' use.
class Interner {
 public:
  uint32_t Id(std::string_view text);
  size_t size() const { return ids_.size(); }

 private:
  std::unordered_map<std::string_view, uint32_t> ids_;
};

}  // namespace strata::storage
