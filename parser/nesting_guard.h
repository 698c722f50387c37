// Caps how deeply a document's elements nest before Gumbo sees it.
//
// Why: Gumbo's tree construction scans the stack of open elements for most start tags ("is a
// <p> in button scope?"), so its time grows with (tags x depth). Measured here with Gumbo
// 0.10.1: 10,000 nested <div>s parse in 0.12 s, 100,000 in 15 s; a hostile 20 MB page of
// "<div>" would take hours. Gumbo also frees its tree recursively, one stack frame per level.
// Browsers cap the depth too (Blink inserts elements past depth 512 as siblings); real
// articles stay below ~100. Past the cap this pass drops start tags (and the end tags that
// match them); the text between them is kept.
//
// The scan is a light tokenizer, not a full one: it knows comments, raw-text elements
// (script, style, textarea...), void elements and elements whose end tag is optional (p, li,
// td...), and closes an element when its end tag appears within the top 64 open ones. It can
// misjudge sloppy markup, which only matters past the cap.
//
// Thread-safety: pure function.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace strata::parser {

// Blink's limit (kMaximumHTMLParserDOMTreeDepth).
inline constexpr int kDefaultMaxNestingDepth = 512;

struct NestingGuardResult {
  std::string_view html;    // the input, or `*storage` when tags were dropped
  size_t dropped_tags = 0;  // start and end tags removed
};

// Returns `html` unchanged when no element nests deeper than `max_depth`; otherwise writes a
// copy without the too-deep tags into `*storage` and returns a view of it.
NestingGuardResult CapNestingDepth(std::string_view html, int max_depth, std::string* storage);

}  // namespace strata::parser
