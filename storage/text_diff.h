// The inline diff of two pieces of text (two versions of one paragraph, or of a title): which
// words or characters were deleted and inserted, as a list of spans that reads left to right.
//
// Granularity: kWord splits spaced scripts into words and compares CJK per character
// (diff_tokenize.h); kChar compares user-perceived characters everywhere; kLine compares each
// text as a whole; kAuto picks per pair of texts: kChar when they are mostly CJK, else kWord.
//
// Very long texts are compared in two steps so that the cost stays bounded: sentences first
// (aligned by their hashes), then tokens within the changed sentences. A changed stretch that is
// still too large for the bound (more than ~2,000 tokens on each side, with no sentence in
// common) is shown as deleted and inserted whole, which is what it is to a reader anyway.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace strata::storage {

enum class Granularity : uint8_t { kLine, kWord, kChar, kAuto };

// "line", "word", "char", "auto".
std::string_view GranularityName(Granularity granularity);
// The granularity named `name` (as GranularityName prints it), or nullopt.
std::optional<Granularity> ParseGranularity(std::string_view name);

// kAuto becomes kChar when both texts together are mostly CJK (IsMostlyCjk), else kWord; other
// values are returned as they are.
Granularity ResolveGranularity(Granularity requested, std::string_view from, std::string_view to);

enum class SpanOp : uint8_t { kEqual, kDelete, kInsert };

struct Span {
  SpanOp op = SpanOp::kEqual;
  std::string text;
  friend bool operator==(const Span&, const Span&) = default;
};

// The spans that turn `from` into `to`: kEqual spans are in both, kDelete only in `from`,
// kInsert only in `to`. Adjacent spans never share an op, and in each change the deletion comes
// before the insertion. Whitespace alone between two changes joins them ("[-a b-]{+c d+}" rather
// than "[-a-]{+c+} [-b-]{+d+}"). Concatenating the kEqual and kDelete spans gives `from`; the
// kEqual and kInsert spans give `to`. Empty when both texts are empty.
std::vector<Span> DiffText(std::string_view from, std::string_view to, Granularity granularity);

// The text of `spans` on the old side (kEqual + kDelete) or the new side (kEqual + kInsert).
std::string OldText(const std::vector<Span>& spans);
std::string NewText(const std::vector<Span>& spans);

}  // namespace strata::storage
