// Aligning the paragraphs of two versions of a body, so that an inserted, deleted or moved
// paragraph does not make the rest look changed, and an edited paragraph is shown as edited
// (with its words) rather than as one paragraph deleted and another inserted.
//
// Three passes:
//  1. The longest common subsequence of the paragraphs themselves (each interned by its exact
//     text), with dtl (diff_sequence.h). Untouched paragraphs anchor everything else. A body
//     so reordered that dtl would take long (~100 ms of work) is anchored on its unique
//     paragraphs instead (DiffSequencesWithin); the moves of pass 2 then pair the rest.
//  2. Moves: a paragraph deleted in one place and inserted verbatim in another is a move.
//  3. Edits: between two anchors, the deleted and inserted paragraphs that remain are paired by
//     similarity (Dice coefficient of their word multisets, CJK per character), keeping their
//     order and maximising the total similarity; pairs at or above `min_similarity` are edits.
//     Remaining paragraphs that are very similar (>= `min_move_similarity`) but lie between
//     different anchors are moves with an edit.
// Blank paragraphs are aligned like any other but never count as moved.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace strata::storage {

// The paragraphs (lines) of a body: split on '\n'; a final '\n' ends the last paragraph rather
// than starting an empty one. The views point into `body`.
std::vector<std::string_view> SplitParagraphs(std::string_view body);

enum class BlockOp : uint8_t {
  kEqual,     // unchanged, in place: `from` and `to`
  kDelete,    // only in the old version: `from`
  kInsert,    // only in the new version: `to`
  kChange,    // edited in place: `from` became `to`
  kMoveFrom,  // where a moved paragraph was (`from`); `to` is where it went
  kMoveTo,    // where a moved paragraph is now (`to`); `from` is where it was. With
              // similarity < 1 it was also edited.
};

struct BlockMatch {
  BlockOp op = BlockOp::kEqual;
  int64_t from = -1;        // index of the old paragraph, -1 for kInsert
  int64_t to = -1;          // index of the new paragraph, -1 for kDelete
  double similarity = 1.0;  // of the two paragraphs for kChange / kMoveFrom / kMoveTo; else 1
  friend bool operator==(const BlockMatch&, const BlockMatch&) = default;
};

struct AlignOptions {
  // Paragraphs between the same anchors are paired as an edit from this similarity on (0..1).
  // Default 0.5: about half the words in common. Lower pairs rewrites as edits; higher shows
  // more paragraphs as replaced.
  double min_similarity = 0.5;
  // Paragraphs far apart count as one moved (and edited) paragraph from this similarity on.
  // Default 0.8: a move must be unmistakable.
  double min_move_similarity = 0.8;
  // Detect moves at all (pass 2, and the moves of pass 3). Default true.
  bool detect_moves = true;
};

// The alignment in reading order: every old paragraph appears exactly once as kEqual, kDelete,
// kChange or kMoveFrom, every new one once as kEqual, kInsert, kChange or kMoveTo; old indices
// ascend over the first kind, new indices over the second. Within a stretch of changes,
// deletions (and kMoveFrom) come before insertions (and kMoveTo).
std::vector<BlockMatch> AlignParagraphs(const std::vector<std::string_view>& from,
                                        const std::vector<std::string_view>& to,
                                        const AlignOptions& options = {});

// The similarity AlignParagraphs uses: the Dice coefficient 2|A∩B| / (|A|+|B|) of the
// multisets of non-space word tokens (CJK: characters). 1 for two texts without any token.
double ParagraphSimilarity(std::string_view a, std::string_view b);

}  // namespace strata::storage
