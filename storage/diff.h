// Diffs between two versions of an article. Pure functions over text: no LevelDB here.
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

#include "common/article.h"

namespace strata::storage {

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
