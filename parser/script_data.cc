#include "parser/script_data.h"

#include "parser/text_util.h"
#include "parser/utf8.h"

namespace strata::parser {
namespace {

bool IsIdentifierChar(char c) { return IsAsciiAlpha(c) || IsAsciiDigit(c) || c == '_' || c == '$'; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Reads `count` hex digits at s[pos]; -1 when they are not all there.
int64_t ReadHex(std::string_view s, size_t pos, int count) {
  if (pos + static_cast<size_t>(count) > s.size()) return -1;
  int64_t value = 0;
  for (int i = 0; i < count; ++i) {
    const int digit = HexValue(s[pos + static_cast<size_t>(i)]);
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

// Decodes the JavaScript string literal whose opening quote is at s[pos]; nullopt when it does
// not close. `*end` receives the position after the closing quote.
std::optional<std::string> DecodeStringLiteral(std::string_view s, size_t pos, size_t* end) {
  const char quote = s[pos];
  std::string out;
  for (size_t i = pos + 1; i < s.size(); ++i) {
    const char c = s[i];
    if (c == quote) {
      *end = i + 1;
      return SanitizeUtf8(out);
    }
    if (c == '\n') return std::nullopt;  // a string literal does not span lines
    if (c != '\\') {
      out.push_back(c);
      continue;
    }
    if (++i >= s.size()) return std::nullopt;
    switch (s[i]) {
      case 'n':
        out.push_back('\n');
        break;
      case 't':
        out.push_back('\t');
        break;
      case 'r':
        out.push_back('\r');
        break;
      case 'b':
      case 'f':
      case 'v':
        break;
      case '0':
        break;
      case 'x': {
        const int64_t value = ReadHex(s, i + 1, 2);
        if (value < 0) return std::nullopt;
        AppendUtf8(static_cast<char32_t>(value), &out);
        i += 2;
        break;
      }
      case 'u': {
        int64_t value = -1;
        if (i + 1 < s.size() && s[i + 1] == '{') {  // \u{1F600}
          const size_t close = s.find('}', i + 2);
          if (close == std::string_view::npos || close - i - 2 > 6) return std::nullopt;
          value = ReadHex(s, i + 2, static_cast<int>(close - i - 2));
          i = close;
        } else {
          value = ReadHex(s, i + 1, 4);
          i += 4;
          // A surrogate pair: \uD83D\uDE00.
          if (value >= 0xD800 && value <= 0xDBFF && i + 6 < s.size() && s[i + 1] == '\\' &&
              s[i + 2] == 'u') {
            const int64_t low = ReadHex(s, i + 3, 4);
            if (low >= 0xDC00 && low <= 0xDFFF) {
              value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00);
              i += 6;
            }
          }
        }
        if (value < 0) return std::nullopt;
        AppendUtf8(static_cast<char32_t>(value), &out);
        break;
      }
      case '\n':
        break;  // a line continuation
      default:
        out.push_back(s[i]);  // \" \' \\ \/ and any other escaped character
    }
  }
  return std::nullopt;
}

// The value at s[pos] (after the colon and spaces): a string literal or a number; `*end` after it.
std::optional<std::string> ReadValue(std::string_view s, size_t pos, size_t* end) {
  if (pos >= s.size()) return std::nullopt;
  if (s[pos] == '"' || s[pos] == '\'') return DecodeStringLiteral(s, pos, end);
  size_t i = pos;
  if (s[i] == '-') ++i;
  const size_t digits = i;
  while (i < s.size() && (IsAsciiDigit(s[i]) || s[i] == '.')) ++i;
  if (i == digits || (i < s.size() && IsIdentifierChar(s[i]))) return std::nullopt;
  *end = i;
  return std::string(s.substr(pos, i - pos));
}

// Calls `found` with each value of `key` in `script` until it returns false.
template <typename Found>
void ForEachValue(std::string_view script, std::string_view key, Found found) {
  if (key.empty()) return;
  size_t from = 0;
  while (true) {
    const size_t at = script.find(key, from);
    if (at == std::string_view::npos) return;
    from = at + key.size();
    // The key whole: not part of a longer name, bare or in quotes.
    size_t before = at;
    size_t after = at + key.size();
    if (before > 0 && (script[before - 1] == '"' || script[before - 1] == '\'')) {
      if (after >= script.size() || script[after] != script[before - 1]) continue;
      --before;
      ++after;
    }
    if (before > 0 && IsIdentifierChar(script[before - 1])) continue;
    if (after < script.size() && IsIdentifierChar(script[after])) continue;
    while (after < script.size() && IsAsciiSpace(script[after])) ++after;
    if (after >= script.size() || script[after] != ':') continue;
    ++after;
    while (after < script.size() && IsAsciiSpace(script[after])) ++after;
    size_t end = after;
    std::optional<std::string> value = ReadValue(script, after, &end);
    if (!value) continue;  // a variable or an object: the next occurrence
    from = end;
    if (!found(std::move(*value))) return;
  }
}

}  // namespace

std::optional<std::string_view> FindAssigningScript(std::string_view html,
                                                    std::string_view variable) {
  if (variable.empty()) return std::nullopt;
  size_t from = 0;
  while (true) {
    const size_t at = html.find(variable, from);
    if (at == std::string_view::npos) return std::nullopt;
    from = at + variable.size();
    size_t i = from;
    while (i < html.size() && IsAsciiSpace(html[i])) ++i;
    if (i >= html.size() || html[i] != '=' || (i + 1 < html.size() && html[i + 1] == '=')) {
      continue;  // a use, not the assignment
    }
    const size_t close = FindIgnoreCase(html, "</script", at);
    return html.substr(at, close == std::string_view::npos ? std::string_view::npos : close - at);
  }
}

std::optional<std::string> ScriptValue(std::string_view script, std::string_view key) {
  std::optional<std::string> first;
  ForEachValue(script, key, [&](std::string value) {
    first = std::move(value);
    return false;
  });
  return first;
}

std::vector<std::string> ScriptValues(std::string_view script, std::string_view key,
                                      size_t max_values) {
  std::vector<std::string> values;
  ForEachValue(script, key, [&](std::string value) {
    values.push_back(std::move(value));
    return values.size() < max_values;
  });
  return values;
}

}  // namespace strata::parser
