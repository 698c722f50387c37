// What the text renderers (unified, side by side) share: grouping an aligned body into hunks
// with context, and the ANSI colours. Internal to diff_render_*.cc.
//
// Thread-safety: pure functions and constants.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "storage/diff.h"

namespace strata::storage {

// paragraphs[begin, end) of an ArticleDiff, and where it starts on each side.
struct Hunk {
  size_t begin = 0;
  size_t end = 0;
  int64_t from_before = 0;  // old paragraphs before the hunk
  int64_t from_count = 0;   // old paragraphs in it
  int64_t to_before = 0;
  int64_t to_count = 0;
};

// The hunks of `paragraphs`: each change with up to `context` unchanged paragraphs around it;
// changes at most 2 * context unchanged paragraphs apart share a hunk (as in GNU diff).
std::vector<Hunk> FindHunks(const std::vector<ParagraphDiff>& paragraphs, int context);

// "@@ -a,b +c,d @@", numbered as GNU diff numbers lines.
std::string HunkHeader(const Hunk& hunk);

// Whether the entry holds an old paragraph / a new paragraph.
bool OnOldSide(BlockOp op);
bool OnNewSide(BlockOp op);

// ANSI SGR sequences used by the text renderers.
namespace ansi {
inline constexpr std::string_view kReset = "\x1b[0m";
inline constexpr std::string_view kBold = "\x1b[1m";
inline constexpr std::string_view kDim = "\x1b[2m";
inline constexpr std::string_view kCyan = "\x1b[36m";        // hunk headers
inline constexpr std::string_view kRed = "\x1b[31m";         // deleted paragraphs, old values
inline constexpr std::string_view kGreen = "\x1b[32m";       // inserted paragraphs, new values
inline constexpr std::string_view kYellow = "\x1b[33m";      // the mark of an edited paragraph
inline constexpr std::string_view kMagenta = "\x1b[35m";     // moved paragraphs
inline constexpr std::string_view kDeleted = "\x1b[7;31m";   // inline deletion: reverse red
inline constexpr std::string_view kInserted = "\x1b[7;32m";  // inline insertion: reverse green
}  // namespace ansi

}  // namespace strata::storage
