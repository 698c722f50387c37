#include "storage/diff_tokenize.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>

namespace strata::storage {
namespace {

// What a character is, for deciding where tokens end.
enum class CharClass : uint8_t { kWord, kCjk, kSpace, kPunct };

constexpr char32_t kReplacement = 0xFFFD;

// DecodeUtf8, inlined into the tokenizer's loops.
inline char32_t Decode(std::string_view text, size_t* pos) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const size_t at = *pos;
  const unsigned char lead = byte(at);
  if (lead < 0x80) {
    *pos = at + 1;
    return lead;
  }
  size_t length = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2, cp = lead & 0x1F, min = 0x80;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3, cp = lead & 0x0F, min = 0x800;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4, cp = lead & 0x07, min = 0x10000;
  }
  if (length == 0 || at + length > text.size()) {
    *pos = at + 1;
    return kReplacement;
  }
  for (size_t i = 1; i < length; ++i) {
    const unsigned char b = byte(at + i);
    if ((b & 0xC0) != 0x80) {
      *pos = at + 1;
      return kReplacement;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    *pos = at + 1;
    return kReplacement;
  }
  *pos = at + length;
  return cp;
}

bool IsAsciiWordChar(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Scripts whose text has no spaces between words: a diff of them is read per character.
bool IsUnspacedScript(UScriptCode script) {
  switch (script) {
    case USCRIPT_HAN:
    case USCRIPT_HIRAGANA:
    case USCRIPT_KATAKANA:
    case USCRIPT_KATAKANA_OR_HIRAGANA:
    case USCRIPT_HANGUL:
    case USCRIPT_BOPOMOFO:
    case USCRIPT_YI:
    case USCRIPT_THAI:
    case USCRIPT_LAO:
    case USCRIPT_KHMER:
    case USCRIPT_MYANMAR:
      return true;
    default:
      return false;
  }
}

CharClass ClassifySlow(char32_t c) {
  if (c < 0x80) {
    if (IsAsciiWordChar(c)) return CharClass::kWord;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
      return CharClass::kSpace;
    }
    return CharClass::kPunct;
  }
  const auto cp = static_cast<UChar32>(c);
  if (u_isUWhiteSpace(cp)) return CharClass::kSpace;
  switch (u_charType(cp)) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
    case U_DECIMAL_DIGIT_NUMBER:
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
    case U_NON_SPACING_MARK:  // only reached for a mark with no base before it
    case U_COMBINING_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_CONNECTOR_PUNCTUATION: {
      UErrorCode error = U_ZERO_ERROR;
      const UScriptCode script = uscript_getScript(cp, &error);
      if (U_SUCCESS(error) && IsUnspacedScript(script)) return CharClass::kCjk;
      // Fullwidth Latin letters and digits, and the Common-script marks of CJK text (ー, 々's
      // kin) sit among CJK characters: compare them per character too.
      const int width = u_getIntPropertyValue(cp, UCHAR_EAST_ASIAN_WIDTH);
      if (width == U_EA_FULLWIDTH || width == U_EA_WIDE) return CharClass::kCjk;
      return CharClass::kWord;
    }
    default:
      return CharClass::kPunct;
  }
}

int GraphemeBreakSlow(char32_t c) {
  if (c < 0x80) {
    return c == '\r'               ? U_GCB_CR
           : c == '\n'             ? U_GCB_LF
           : c < 0x20 || c == 0x7F ? U_GCB_CONTROL
                                   : U_GCB_OTHER;
  }
  return u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_GRAPHEME_CLUSTER_BREAK);
}

bool IsExtendedPictographicSlow(char32_t c) {
  return c >= 0x80 && u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_EXTENDED_PICTOGRAPHIC);
}

// The three properties above for every code point of the Basic Multilingual Plane, packed in
// 16 bits: looking them up in ICU for each character was half the cost of a diff (measured with
// perf on 1 MB bodies). Built once, on first use (thread-safe static initialisation), in a few
// milliseconds; characters beyond the BMP (emoji, rare Han) still ask ICU.
class PropertyTable {
 public:
  PropertyTable() : entries_(0x10000) {
    for (char32_t c = 0; c < 0x10000; ++c) {
      entries_[c] = static_cast<uint16_t>(static_cast<unsigned>(ClassifySlow(c)) |
                                          (static_cast<unsigned>(GraphemeBreakSlow(c)) << 2) |
                                          (IsExtendedPictographicSlow(c) ? 1u << 8 : 0u));
    }
  }
  static const PropertyTable& Get() {
    static const PropertyTable table;
    return table;
  }
  uint16_t operator[](char32_t c) const { return entries_[c]; }

 private:
  std::vector<uint16_t> entries_;
};

CharClass Classify(const PropertyTable& props, char32_t c) {
  if (c < 0x80) {
    if (IsAsciiWordChar(c)) return CharClass::kWord;
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
               ? CharClass::kSpace
               : CharClass::kPunct;
  }
  if (c < 0x10000) return static_cast<CharClass>(props[c] & 3);
  return ClassifySlow(c);
}

int GraphemeBreak(const PropertyTable& props, char32_t c) {
  if (c < 0x10000) return (props[c] >> 2) & 0x3F;
  return GraphemeBreakSlow(c);
}

bool IsExtendedPictographic(const PropertyTable& props, char32_t c) {
  if (c < 0x10000) return (props[c] >> 8) & 1;
  return IsExtendedPictographicSlow(c);
}

// The end of the user-perceived character starting at text[pos], and its first code point.
// Implements the extended grapheme cluster rules that occur in article text (GB6-GB9b, GB11,
// GB12/13); a byte that is not valid UTF-8 is a cluster of its own.
size_t NextGrapheme(const PropertyTable& props, std::string_view text, size_t pos,
                    char32_t* first) {
  // Fast path: an ASCII character followed by ASCII (or nothing) is a cluster of its own.
  const auto lead = static_cast<unsigned char>(text[pos]);
  if (lead < 0x80 && (pos + 1 >= text.size() || static_cast<unsigned char>(text[pos + 1]) < 0x80)) {
    *first = lead;
    return pos + 1;
  }
  size_t end = pos;
  const char32_t base = Decode(text, &end);
  *first = base;
  if (base == kReplacement && end == pos + 1 && static_cast<unsigned char>(text[pos]) >= 0x80) {
    return end;  // an invalid byte
  }
  int previous = GraphemeBreak(props, base);
  if (previous == U_GCB_CONTROL || previous == U_GCB_CR || previous == U_GCB_LF) return end;
  bool pictographic = IsExtendedPictographic(props, base);
  int regional_indicators = previous == U_GCB_REGIONAL_INDICATOR ? 1 : 0;
  while (end < text.size()) {
    size_t next_end = end;
    const char32_t c = Decode(text, &next_end);
    if (c == kReplacement && next_end == end + 1) break;  // invalid byte: its own cluster
    const int next = GraphemeBreak(props, c);
    bool join = false;
    if (next == U_GCB_EXTEND || next == U_GCB_ZWJ || next == U_GCB_SPACING_MARK) {
      join = true;  // GB9, GB9a
    } else if (previous == U_GCB_PREPEND) {
      join = next != U_GCB_CONTROL && next != U_GCB_CR && next != U_GCB_LF;  // GB9b
    } else if (previous == U_GCB_ZWJ && pictographic && IsExtendedPictographic(props, c)) {
      join = true;  // GB11: emoji ZWJ sequences
    } else if (next == U_GCB_REGIONAL_INDICATOR && regional_indicators % 2 == 1) {
      join = true;  // GB12/13: flags are pairs of regional indicators
    } else if (previous == U_GCB_L) {
      join = next == U_GCB_L || next == U_GCB_V || next == U_GCB_LV || next == U_GCB_LVT;  // GB6
    } else if (previous == U_GCB_LV || previous == U_GCB_V) {
      join = next == U_GCB_V || next == U_GCB_T;  // GB7
    } else if (previous == U_GCB_LVT || previous == U_GCB_T) {
      join = next == U_GCB_T;  // GB8
    }
    if (!join) break;
    if (next == U_GCB_REGIONAL_INDICATOR) ++regional_indicators;
    // Only extenders may lie between the pictograph and the ZWJ (GB11's Extend*).
    if (next != U_GCB_EXTEND && next != U_GCB_ZWJ) pictographic = IsExtendedPictographic(props, c);
    previous = next;
    end = next_end;
  }
  return end;
}

bool IsApostrophe(char32_t c) { return c == '\'' || c == 0x2019; }
bool IsAsciiDigit(char32_t c) { return c >= '0' && c <= '9'; }

// The class a token starting with `first` has.
TokenKind KindOf(CharClass c) {
  switch (c) {
    case CharClass::kWord:
      return TokenKind::kWord;
    case CharClass::kCjk:
      return TokenKind::kCjk;
    case CharClass::kSpace:
      return TokenKind::kSpace;
    case CharClass::kPunct:
      break;
  }
  return TokenKind::kPunct;
}

// The end of the whitespace run starting at `pos` (whose first cluster ends at `end`).
size_t SpaceRunEnd(const PropertyTable& props, std::string_view text, size_t end) {
  while (end < text.size()) {
    char32_t c = 0;
    const size_t next = NextGrapheme(props, text, end, &c);
    if (Classify(props, c) != CharClass::kSpace) break;
    end = next;
  }
  return end;
}

}  // namespace

char32_t DecodeUtf8(std::string_view text, size_t* pos) { return Decode(text, pos); }

std::vector<Token> TokenizeWords(std::string_view text) {
  const PropertyTable& props = PropertyTable::Get();
  std::vector<Token> tokens;
  size_t pos = 0;
  while (pos < text.size()) {
    char32_t first = 0;
    size_t end = NextGrapheme(props, text, pos, &first);
    const CharClass cls = Classify(props, first);
    if (cls == CharClass::kSpace) {
      end = SpaceRunEnd(props, text, end);
    } else if (cls == CharClass::kWord) {
      char32_t last = first;
      while (end < text.size()) {
        char32_t c = 0;
        const size_t next = NextGrapheme(props, text, end, &c);
        if (Classify(props, c) == CharClass::kWord) {
          last = c;
          end = next;
          continue;
        }
        // "don't", "3.14", "1,000": the joiner stays in the word when a word character follows.
        const bool joiner = IsApostrophe(c) ||
                            ((c == '.' || c == ',') && IsAsciiDigit(last) && next < text.size() &&
                             IsAsciiDigit(static_cast<unsigned char>(text[next])));
        if (!joiner || next >= text.size()) break;
        char32_t after = 0;
        const size_t after_end = NextGrapheme(props, text, next, &after);
        if (Classify(props, after) != CharClass::kWord) break;
        last = after;
        end = after_end;
      }
    }
    tokens.push_back({text.substr(pos, end - pos), KindOf(cls)});
    pos = end;
  }
  return tokens;
}

std::vector<Token> TokenizeChars(std::string_view text) {
  const PropertyTable& props = PropertyTable::Get();
  std::vector<Token> tokens;
  size_t pos = 0;
  while (pos < text.size()) {
    char32_t first = 0;
    size_t end = NextGrapheme(props, text, pos, &first);
    const CharClass cls = Classify(props, first);
    if (cls == CharClass::kSpace) end = SpaceRunEnd(props, text, end);
    tokens.push_back({text.substr(pos, end - pos), KindOf(cls)});
    pos = end;
  }
  return tokens;
}

bool IsBlank(std::string_view text) {
  const PropertyTable& props = PropertyTable::Get();
  size_t pos = 0;
  while (pos < text.size()) {
    if (Classify(props, Decode(text, &pos)) != CharClass::kSpace) return false;
  }
  return true;
}

int64_t CountCodePoints(std::string_view text) {
  int64_t count = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    Decode(text, &pos);
    ++count;
  }
  return count;
}

bool IsMostlyCjk(std::string_view text) {
  const PropertyTable& props = PropertyTable::Get();
  int64_t cjk = 0;
  int64_t letters = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    const CharClass cls = Classify(props, Decode(text, &pos));
    if (cls == CharClass::kCjk) ++cjk;
    if (cls == CharClass::kCjk || cls == CharClass::kWord) ++letters;
  }
  return cjk > 0 && 2 * cjk >= letters;
}

int DisplayWidth(std::string_view text) {
  int width = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    const char32_t c = Decode(text, &pos);
    if (c < 0x80) {
      width += c >= 0x20 && c != 0x7F ? 1 : 0;
      continue;
    }
    const auto cp = static_cast<UChar32>(c);
    const int type = u_charType(cp);
    if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR ||
        type == U_CONTROL_CHAR) {
      continue;
    }
    const int gcb = u_getIntPropertyValue(cp, UCHAR_GRAPHEME_CLUSTER_BREAK);
    if (gcb == U_GCB_V || gcb == U_GCB_T || gcb == U_GCB_EXTEND) continue;  // conjoined jamo
    const int east_asian = u_getIntPropertyValue(cp, UCHAR_EAST_ASIAN_WIDTH);
    width += east_asian == U_EA_WIDE || east_asian == U_EA_FULLWIDTH ? 2 : 1;
  }
  return width;
}

}  // namespace strata::storage
