// What changed between two versions of an article, in numbers and in one word: the summary
// stored with every version (issue 5, point 3) and shown by `strata history`.
//
// The analysis runs the same alignment as `strata diff` (CompareArticles at word granularity:
// Latin per word, CJK per character), so that the numbers agree with what the diff shows.
//
// Edit classes, decided in this order (the thresholds are constants in change_analysis.cc):
//
//   none            nothing in the content differs.
//   metadata only   the body reads the same (same paragraphs); title, author, published date or
//                   tags changed.
//   typo            no paragraph added, removed or moved, and every change is tiny and
//                   character-level: each changed stretch (the words deleted and inserted
//                   between two unchanged words, or CJK characters) is at most 2 character edits
//                   away from what it replaced (insert, delete, substitute or swap two adjacent
//                   characters: "teh" -> "the", "recieve" -> "receive", 的 -> 地, "," -> "."), and
//                   at most half as many as the shorter side has characters (so "is" -> "was" is
//                   not a typo); at most 8 such edits in the whole body.
//   section added   whole paragraphs were added as one run (e.g. a heading and its paragraphs;
//                   blank lines inside the run are allowed), nothing removed or moved, and little
//                   else changed: other edits are typo-sized, or add up to at most 10% of the
//                   added section's characters. The old body was not empty.
//   section removed the mirror image: one run of whole paragraphs removed, little else changed,
//                   and something remains.
//   wording         no paragraph added or removed; changes inside existing paragraphs (or
//                   paragraphs moved), adding up to at most 25% of the body's characters
//                   (chars_added + chars_removed <= 0.25 * max(old, new) code points).
//   substantive     everything else: paragraphs added and removed, added in several places,
//                   replaced, or rewritten beyond a quarter of the text.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/article.h"

namespace strata::storage {

// DO NOT CHANGE THESE VALUES: stored in version records.
enum class EditClass : uint8_t {
  kNone = 0,
  kTypo = 1,
  kWording = 2,
  kSubstantive = 3,
  kSectionAdded = 4,
  kSectionRemoved = 5,
  kMetadataOnly = 6,
};

// "none", "typo", "wording", "substantive", "section added", "section removed", "metadata
// only"; "unknown" for a value outside the enum (a corrupt or newer record).
std::string_view EditClassName(EditClass c);

struct ChangeAnalysis {
  // Changed content fields, in the order "title", "author", "published", "body", "tags"
  // (ChangedContentFields in content.h).
  std::vector<std::string> fields;
  // Body paragraphs (lines; blank lines are not counted). An edited paragraph counts as
  // changed; a moved one as moved, and also as changed when it was edited on the way.
  int64_t blocks_added = 0, blocks_removed = 0, blocks_changed = 0, blocks_moved = 0;
  // Unicode code points inserted/deleted in the body: whole added/removed paragraphs plus the
  // words (CJK: characters) inserted/deleted inside edited ones. Moves add nothing.
  int64_t chars_added = 0, chars_removed = 0;
  EditClass edit_class = EditClass::kNone;
  friend bool operator==(const ChangeAnalysis&, const ChangeAnalysis&) = default;
};

// The analysis of the change from `from` to `to` (only their content fields are read). Fast
// enough to run on every new version: about a millisecond for typical 20 KB bodies (numbers in
// bench/README.md).
ChangeAnalysis AnalyzeChange(const Article& from, const Article& to);

// One line a reader can take in: the class, then what changed, e.g.
//   "section added (2 paragraphs added, 1 changed; +104 -3 characters)"
//   "metadata only (title, tags)"   "typo (1 paragraph changed; +1 -1 characters)"   "none"
std::string DescribeChange(const ChangeAnalysis& analysis);

}  // namespace strata::storage
