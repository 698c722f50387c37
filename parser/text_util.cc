#include "parser/text_util.h"

#include <cstdint>

#include "parser/utf8.h"

namespace strata::parser {

std::string AsciiLowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && EqualsIgnoreCase(s.substr(0, prefix.size()), prefix);
}

bool ContainsIgnoreCase(std::string_view haystack, std::string_view needle) {
  return FindIgnoreCase(haystack, needle) != std::string_view::npos;
}

size_t FindIgnoreCase(std::string_view haystack, std::string_view needle, size_t from) {
  if (needle.empty()) return from <= haystack.size() ? from : std::string_view::npos;
  const char first = AsciiLower(needle[0]);
  if (!IsAsciiAlpha(first)) {
    // "</script", "<!--": one case of the first byte, so memchr can jump to each candidate
    // (the block-page scan skips whole inline styles this way).
    for (size_t i = haystack.find(first, from); i != std::string_view::npos;
         i = haystack.find(first, i + 1)) {
      if (i + needle.size() > haystack.size()) break;
      if (EqualsIgnoreCase(haystack.substr(i, needle.size()), needle)) return i;
    }
    return std::string_view::npos;
  }
  for (size_t i = from; i + needle.size() <= haystack.size(); ++i) {
    if (AsciiLower(haystack[i]) == first &&
        EqualsIgnoreCase(haystack.substr(i, needle.size()), needle)) {
      return i;
    }
  }
  return std::string_view::npos;
}

bool IsUnicodeSpace(char32_t cp) {
  if (cp < 0x80) return IsAsciiSpace(static_cast<char>(cp));
  return cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
         cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

bool IsZeroWidth(char32_t cp) {
  return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 || cp == 0xFEFF;
}

std::string_view TrimSpace(std::string_view s) {
  size_t begin = 0;
  while (begin < s.size()) {
    size_t next = begin;
    const char32_t cp = DecodeUtf8(s, &next);
    if (!IsUnicodeSpace(cp) && !IsZeroWidth(cp)) break;
    begin = next;
  }
  size_t end = s.size();
  while (end > begin) {
    // Step back to the start of the last code point (continuation bytes are 10xxxxxx).
    size_t start = end - 1;
    while (start > begin && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    size_t next = start;
    const char32_t cp = DecodeUtf8(s, &next);
    if (!IsUnicodeSpace(cp) && !IsZeroWidth(cp)) break;
    end = start;
  }
  return s.substr(begin, end - begin);
}

std::string CollapseWhitespace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  size_t pos = 0;
  while (pos < s.size()) {
    const char c = s[pos];
    if (static_cast<unsigned char>(c) < 0x80) {  // fast path: ASCII
      ++pos;
      if (IsAsciiSpace(c)) {
        pending_space = !out.empty();
        continue;
      }
      if (pending_space) out.push_back(' ');
      pending_space = false;
      out.push_back(c);
      continue;
    }
    const size_t start = pos;
    const char32_t cp = DecodeUtf8(s, &pos);
    if (IsZeroWidth(cp)) continue;
    if (IsUnicodeSpace(cp)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.append(s.data() + start, pos - start);
  }
  return out;
}

std::string DecodeStrayEntities(std::string_view s) {
  if (s.find('&') == std::string_view::npos) return std::string(s);
  struct Named {
    std::string_view name;
    char32_t cp;
  };
  static constexpr Named kNamed[] = {
      {"amp", '&'},      {"lt", '<'},       {"gt", '>'},        {"quot", '"'},
      {"apos", '\''},    {"nbsp", 0xA0},    {"hellip", 0x2026}, {"mdash", 0x2014},
      {"ndash", 0x2013}, {"lsquo", 0x2018}, {"rsquo", 0x2019},  {"ldquo", 0x201C},
      {"rdquo", 0x201D}, {"laquo", 0xAB},   {"raquo", 0xBB},    {"middot", 0xB7},
      {"copy", 0xA9},    {"reg", 0xAE},     {"trade", 0x2122},  {"bull", 0x2022}};
  std::string out;
  out.reserve(s.size());
  size_t pos = 0;
  while (pos < s.size()) {
    const size_t amp = s.find('&', pos);
    if (amp == std::string_view::npos) break;
    out.append(s.data() + pos, amp - pos);
    pos = amp + 1;
    const size_t semi = s.find(';', amp);
    if (semi == std::string_view::npos || semi - amp > 10) {
      out.push_back('&');
      continue;
    }
    const std::string_view ref = s.substr(amp + 1, semi - amp - 1);
    char32_t cp = 0;
    if (ref.size() >= 2 && ref[0] == '#') {
      const bool hex = ref[1] == 'x' || ref[1] == 'X';
      const std::string_view digits = ref.substr(hex ? 2 : 1);
      uint32_t v = 0;
      bool ok = !digits.empty();
      for (char c : digits) {
        int d = IsAsciiDigit(c) ? c - '0' : -1;
        if (hex && d < 0 && IsAsciiAlpha(c) && AsciiLower(c) <= 'f') d = AsciiLower(c) - 'a' + 10;
        if (d < 0 || v > 0x10FFFF) {
          ok = false;
          break;
        }
        v = v * (hex ? 16 : 10) + static_cast<uint32_t>(d);
      }
      if (ok && v > 0 && v <= 0x10FFFF) cp = v;
    } else {
      for (const Named& named : kNamed) {
        if (ref == named.name) cp = named.cp;
      }
    }
    if (cp == 0) {
      out.push_back('&');
      continue;
    }
    AppendUtf8(cp, &out);
    pos = semi + 1;
  }
  out.append(s.data() + pos, s.size() - pos);
  return out;
}

std::vector<std::string> SplitList(std::string_view s,
                                   const std::vector<std::string_view>& separators) {
  std::vector<std::string> out;
  size_t piece_start = 0;
  size_t pos = 0;
  auto flush = [&](size_t end) {
    std::string piece = CollapseWhitespace(s.substr(piece_start, end - piece_start));
    if (!piece.empty()) out.push_back(std::move(piece));
  };
  while (pos < s.size()) {
    size_t matched = 0;
    for (std::string_view sep : separators) {
      if (!sep.empty() && s.substr(pos, sep.size()) == sep) {
        matched = sep.size();
        break;
      }
    }
    if (matched > 0) {
      flush(pos);
      pos += matched;
      piece_start = pos;
    } else {
      ++pos;
    }
  }
  flush(s.size());
  return out;
}

}  // namespace strata::parser
