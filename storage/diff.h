// Diffs between two versions of an article. Pure functions over text: no LevelDB here.
//
// Two layers:
//  - CompareArticles: the structured diff that every output format renders (diff_render.h)
//    and change analysis summarises (change_analysis.h): the changed fields, and the body's
//    paragraphs aligned (align.h) with an inline word/character diff of each edited one
//    (text_diff.h).
//  - UnifiedLineDiff / CountChangedLines / DiffArticles: a plain line diff, as GNU `diff -u`
//    prints it, for callers that want exactly that.
//
// Texts are compared as sequences of lines split on '\n'. A final '\n' ends the last line
// rather than starting an empty one, and its absence is not a difference: article bodies are
// blocks of text, not files, so "No newline at end of file" would only be noise.
//
// The edit script comes from dtl (Wu, Manber and Myers' O(NP) algorithm); the unified hunks are
// composed here, because dtl's own hunk composer has a fixed context of 3 lines and we want
// GNU diff's exact hunk headers and merging (hunks closer than 2 * context lines are one hunk).
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <vector>

#include "common/article.h"
#include "storage/align.h"
#include "storage/text_diff.h"

namespace strata::storage {

struct DiffOptions {
  // How edited paragraphs (and changed titles) are compared inside. Default kAuto: per
  // character for CJK paragraphs, per word otherwise.
  Granularity granularity = Granularity::kAuto;
  AlignOptions align;
};

// A changed content field other than the body.
struct FieldDiff {
  std::string name;  // kFieldTitle, kFieldAuthor, kFieldPublished or kFieldTags (content.h)
  std::string from;  // the values; tags joined by ", "
  std::string to;
  std::vector<std::string> from_items;  // tags only: the lists themselves
  std::vector<std::string> to_items;
  std::vector<Span> spans;  // title only: its inline diff
};

// One entry of the aligned body.
struct ParagraphDiff {
  BlockOp op = BlockOp::kEqual;
  int64_t from = -1;  // index of the old paragraph (BlockMatch::from)
  int64_t to = -1;    // index of the new paragraph (BlockMatch::to)
  // The paragraph as it reads at this place: the old text for kDelete and kMoveFrom, the new
  // text otherwise.
  std::string text;
  // kChange, and kMoveTo of an edited move (similarity < 1): the inline diff from the old text to
  // the new one. Empty otherwise.
  std::vector<Span> spans;
  Granularity granularity = Granularity::kLine;  // of `spans` (never kAuto)
  double similarity = 1.0;
};

struct ArticleDiff {
  std::vector<FieldDiff> fields;  // in the order title, author, published, tags
  bool body_changed = false;
  // The whole body in reading order (unchanged paragraphs too, as kEqual).
  std::vector<ParagraphDiff> paragraphs;
  bool identical() const { return fields.empty() && !body_changed; }
};

// The structured diff of two versions' content. Never fails; costs O(size) plus the alignment
// and inline diffs (1 MB bodies: see bench/README.md).
ArticleDiff CompareArticles(const Article& from, const Article& to,
                            const DiffOptions& options = {});

// The body part of CompareArticles.
std::vector<ParagraphDiff> CompareBodies(std::string_view from, std::string_view to,
                                         const DiffOptions& options = {});

struct UnifiedDiffOptions {
  int context_lines = 3;  // unchanged lines shown around each change (negative counts as 0)
  std::string_view from_label = "a";
  std::string_view to_label = "b";
};

// A unified diff ("--- a", "+++ b", "@@ -l,n +l,n @@", " ", "-", "+" lines, each ending in
// '\n') of two texts compared line by line, as GNU `diff -u` prints it. Returns "" when the
// texts have the same lines.
std::string UnifiedLineDiff(std::string_view from, std::string_view to,
                            const UnifiedDiffOptions& options = {});

struct LineChangeCount {
  int64_t added = 0;
  int64_t removed = 0;  // a changed line counts as one removed and one added
};

// How many lines a unified diff of the two texts would show as added and removed.
LineChangeCount CountChangedLines(std::string_view from, std::string_view to);

// The changed content fields other than the body ("title: old -> new" lines, in the order
// title, author, published, tags; an empty value shows as "(none)", tags joined by ", "),
// followed by UnifiedLineDiff of the bodies. "" when nothing differs.
std::string DiffArticles(const Article& from, const Article& to,
                         const UnifiedDiffOptions& options = {});

}  // namespace strata::storage
