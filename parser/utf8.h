// UTF-8 primitives for the parser: validation, repair (invalid bytes become U+FFFD) and code
// point iteration. Everything after charset conversion is valid UTF-8, so the rest of the
// parser (and every Article field) can rely on it.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace strata::parser {

inline constexpr char32_t kReplacementChar = 0xFFFD;

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view s);

// How much of `s` is not ASCII, and how much of that is not valid UTF-8: one pass, eight ASCII
// bytes at a time.
struct Utf8Census {
  size_t invalid_bytes = 0;    // bytes that start no valid sequence (each would be a U+FFFD)
  size_t non_ascii_bytes = 0;  // bytes >= 0x80, valid or not
};
Utf8Census CountUtf8(std::string_view s);

// Appends `s` to `out`; each byte that does not start a valid sequence becomes U+FFFD.
void AppendSanitizedUtf8(std::string_view s, std::string* out);
std::string SanitizeUtf8(std::string_view s);

// Decodes the code point that starts at s[*pos] and advances *pos past it. An invalid byte
// yields U+FFFD and advances by one. REQUIRES: *pos < s.size().
char32_t DecodeUtf8(std::string_view s, size_t* pos);

// Appends the UTF-8 encoding of `cp` (U+FFFD when `cp` is not a scalar value).
void AppendUtf8(char32_t cp, std::string* out);

}  // namespace strata::parser
