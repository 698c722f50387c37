#include "parser/utf8.h"

#include <cstdint>
#include <cstring>

namespace strata::parser {
namespace {

// Length of the valid sequence starting at s[pos], or 0 when it is not valid (RFC 3629
// table 3-7: the second byte's range depends on the first byte).
size_t ValidSequenceLength(std::string_view s, size_t pos) {
  const auto b = [&](size_t i) { return static_cast<unsigned char>(s[pos + i]); };
  const unsigned char c = b(0);
  const size_t left = s.size() - pos;
  if (c < 0x80) return 1;
  if (c < 0xC2) return 0;
  if (c < 0xE0) return left >= 2 && (b(1) & 0xC0) == 0x80 ? 2 : 0;
  if (c < 0xF0) {
    if (left < 3) return 0;
    const unsigned char lo = c == 0xE0 ? 0xA0 : 0x80;
    const unsigned char hi = c == 0xED ? 0x9F : 0xBF;
    return b(1) >= lo && b(1) <= hi && (b(2) & 0xC0) == 0x80 ? 3 : 0;
  }
  if (c < 0xF5) {
    if (left < 4) return 0;
    const unsigned char lo = c == 0xF0 ? 0x90 : 0x80;
    const unsigned char hi = c == 0xF4 ? 0x8F : 0xBF;
    return b(1) >= lo && b(1) <= hi && (b(2) & 0xC0) == 0x80 && (b(3) & 0xC0) == 0x80 ? 4 : 0;
  }
  return 0;
}

// Skips a run of ASCII bytes eight at a time: most HTML is ASCII markup.
size_t SkipAscii(std::string_view s, size_t pos) {
  while (pos + 8 <= s.size()) {
    uint64_t word;
    std::memcpy(&word, s.data() + pos, 8);
    if (word & 0x8080808080808080ull) break;
    pos += 8;
  }
  while (pos < s.size() && static_cast<unsigned char>(s[pos]) < 0x80) ++pos;
  return pos;
}

}  // namespace

bool IsValidUtf8(std::string_view s) {
  size_t pos = 0;
  while ((pos = SkipAscii(s, pos)) < s.size()) {
    const size_t n = ValidSequenceLength(s, pos);
    if (n == 0) return false;
    pos += n;
  }
  return true;
}

Utf8Census CountUtf8(std::string_view s) {
  Utf8Census census;
  size_t pos = 0;
  while ((pos = SkipAscii(s, pos)) < s.size()) {
    // Runs of CJK text (three-byte sequences led by E1-EC or EE-EF, whose second byte has the
    // plain 80-BF range) are the common non-ASCII case: checked inline.
    while (pos + 3 <= s.size()) {
      const auto lead = static_cast<unsigned char>(s[pos]);
      if (lead < 0xE1 || lead > 0xEF || lead == 0xED ||
          (static_cast<unsigned char>(s[pos + 1]) & 0xC0) != 0x80 ||
          (static_cast<unsigned char>(s[pos + 2]) & 0xC0) != 0x80) {
        break;
      }
      census.non_ascii_bytes += 3;
      pos += 3;
    }
    if (pos >= s.size() || static_cast<unsigned char>(s[pos]) < 0x80) continue;
    const size_t n = ValidSequenceLength(s, pos);
    if (n == 0) ++census.invalid_bytes;
    census.non_ascii_bytes += n == 0 ? 1 : n;
    pos += n == 0 ? 1 : n;
  }
  return census;
}

void AppendSanitizedUtf8(std::string_view s, std::string* out) {
  out->reserve(out->size() + s.size());
  size_t pos = 0;
  while (pos < s.size()) {
    const size_t ascii_end = SkipAscii(s, pos);
    out->append(s.data() + pos, ascii_end - pos);
    pos = ascii_end;
    if (pos >= s.size()) break;
    const size_t n = ValidSequenceLength(s, pos);
    if (n > 0) {
      out->append(s.data() + pos, n);
      pos += n;
    } else {
      AppendUtf8(kReplacementChar, out);
      ++pos;
    }
  }
}

std::string SanitizeUtf8(std::string_view s) {
  std::string out;
  AppendSanitizedUtf8(s, &out);
  return out;
}

char32_t DecodeUtf8(std::string_view s, size_t* pos) {
  const size_t n = ValidSequenceLength(s, *pos);
  const auto b = [&](size_t i) {
    return static_cast<char32_t>(static_cast<unsigned char>(s[*pos + i]));
  };
  char32_t cp;
  switch (n) {
    case 1:
      cp = b(0);
      break;
    case 2:
      cp = ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
      break;
    case 3:
      cp = ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
      break;
    case 4:
      cp = ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
      break;
    default:
      *pos += 1;
      return kReplacementChar;
  }
  *pos += n;
  return cp;
}

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = kReplacementChar;
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace strata::parser
