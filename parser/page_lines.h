// The page's visible text as short lines, outside navigation, sidebars and comments: where
// bylines ("作者：张三"), dates ("posted @ 2025-02-14 10:00") and counters ("阅读(123)") are
// written. The field extractors search these lines when the markup names nothing.
//
// Thread-safety: pure function.
#pragma once

#include <string>
#include <vector>

#include "parser/html_document.h"

namespace strata::parser {

// Lines longer than this are prose, not metadata.
inline constexpr size_t kMaxMetadataLineBytes = 300;

// The visible lines of the body (block per line) no longer than kMaxMetadataLineBytes, in
// document order, at most `max_lines`.
std::vector<std::string> MetadataLines(const HtmlDocument& doc, size_t max_lines = 2000);

}  // namespace strata::parser
