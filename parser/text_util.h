// Small string helpers shared by the parser's field extractors: ASCII case folding, Unicode-aware
// whitespace trimming and collapsing, list splitting. Inputs are UTF-8.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace strata::parser {

constexpr bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
constexpr bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
constexpr bool IsAsciiAlpha(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
constexpr char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c | 0x20) : c; }

std::string AsciiLowercase(std::string_view s);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix);
bool ContainsIgnoreCase(std::string_view haystack, std::string_view needle);
// Position of `needle` (ASCII case-insensitive) in `haystack` at or after `from`, or npos.
size_t FindIgnoreCase(std::string_view haystack, std::string_view needle, size_t from = 0);

// Spaces HTML text may carry besides ASCII: NBSP, the ideographic space (U+3000, used to indent
// Chinese paragraphs), the U+2000 block, narrow NBSP...
bool IsUnicodeSpace(char32_t cp);
// Characters with no width that only get in the way of comparisons (ZWSP, ZWJ..., BOM).
bool IsZeroWidth(char32_t cp);

// Removes leading and trailing (Unicode) whitespace and zero-width characters.
std::string_view TrimSpace(std::string_view s);

// Trims, turns every whitespace run into one ASCII space and drops zero-width characters.
std::string CollapseWhitespace(std::string_view s);

// Decodes character references left in text that was escaped twice ("&amp;#8217;" in the
// source becomes "&#8217;" after parsing; meta tags and JSON-LD often carry these): numeric
// references and the common named ones (&amp; &quot; &nbsp; &rsquo; ...). Unknown names stay.
std::string DecodeStrayEntities(std::string_view s);

// Splits on any of `separators` (each a UTF-8 string, e.g. ",", "，", "、"), trims each piece
// and drops empty ones.
std::vector<std::string> SplitList(std::string_view s,
                                   const std::vector<std::string_view>& separators);

}  // namespace strata::parser
