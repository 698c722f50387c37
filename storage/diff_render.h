// Output formats of an ArticleDiff (diff.h): unified text, side by side, JSON and HTML. Pure
// functions from a diff to a string; deciding colour and width (is stdout a terminal? how wide?)
// is the caller's business, so that the formats are testable byte for byte.
//
// Unified text, one line per paragraph, with a one-character mark:
//     ' ' unchanged   '-' deleted   '+' inserted   '~' edited in place (inline changes shown)
//     '<' moved away from here      '>' moved here (inline changes shown when also edited)
//   Hunks "@@ -a,b +c,d @@" count paragraphs as GNU diff counts lines, with `context`
//   unchanged paragraphs around each change. Inline changes are shown `[-old-]{+new+}` without
//   colour, and as red/green reverse video with colour (then without the brackets). An edited
//   paragraph compared at line granularity is shown as a '-' line and a '+' line instead.
//   Changed fields other than the body come first ("title: old -> new"), preceded by
//   "edit: <DescribeChange>" when an analysis is given.
// Side by side: the old text on the left, the new on the right, each wrapped to half the width
//   (display width: CJK characters take two columns), with a mark in the middle:
//     ' ' unchanged   '|' edited   '<' deleted   '>' inserted   '(' moved away   ')' moved here
// JSON: the whole diff as data (fields, every paragraph with its op, 0-based indices and inline
//   spans), plus the change analysis when given. Invalid UTF-8 becomes U+FFFD.
// HTML: a self-contained page (inline CSS, no scripts, no external resources) with <del> and
//   <ins>; every piece of article text is escaped.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "storage/change_analysis.h"
#include "storage/diff.h"

namespace strata::storage {

struct RenderOptions {
  std::string from_label = "a";  // names of the two versions ("URL@1")
  std::string to_label = "b";
  // Unified and side by side: unchanged paragraphs shown around each change (negative: 0).
  // JSON and HTML always hold the whole body.
  int context = 3;
  // Unified and side by side: ANSI colours (for a terminal).
  bool color = false;
  // Side by side: total width in columns (at least 20 are used).
  int width = 80;
  // The change analysis to include (a summary line in the text formats), when not null. Not
  // owned.
  const ChangeAnalysis* analysis = nullptr;
};

// Each returns the complete output, ending in '\n'. RenderUnified and RenderSideBySide return
// "" when the diff is identical(); JSON and HTML always describe the diff.
std::string RenderUnified(const ArticleDiff& diff, const RenderOptions& options);
std::string RenderSideBySide(const ArticleDiff& diff, const RenderOptions& options);
std::string RenderJson(const ArticleDiff& diff, const RenderOptions& options);
std::string RenderHtml(const ArticleDiff& diff, const RenderOptions& options);

}  // namespace strata::storage
