// Last pass over the body text: drops the lines that are page furniture rather than article,
// when they slipped into the main-content block. Above all, lines that show counters ("posted @
// 2025-02-14 张三 阅读(123) 评论(4)", "Post Views: 5"): counters change on every visit, and a body
// that carries them would make every re-fetch look like a new version.
//
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>

namespace strata::parser {

// Lines at most this long may be dropped as furniture; longer lines are prose.
inline constexpr size_t kMaxFurnitureLineBytes = 200;

// Returns `body` (one block per line) without its short lines that show counters.
std::string DropCounterLines(std::string_view body);

}  // namespace strata::parser
