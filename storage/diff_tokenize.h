// Splitting text into the tokens that word- and character-level diffs compare.
//
// Scripts written with spaces between words (Latin, Cyrillic, Greek, Arabic...) are compared per
// word; scripts written without them (Han, Hiragana, Katakana, Hangul, Bopomofo, and Thai, Lao,
// Khmer, Myanmar) per character, since "one word" there is one character as far as a reader of a
// diff is concerned. Character classes come from ICU's Unicode data (general category, script,
// grapheme cluster break, East Asian width), so combining marks, emoji sequences and fullwidth
// forms are handled as Unicode defines them rather than by hand-kept ranges.
//
// Every token is a view into the input; concatenating the tokens of a text gives the text back.
// Invalid UTF-8 bytes become one-byte tokens of their own: they never stop tokenizing.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace strata::storage {

enum class TokenKind : uint8_t {
  kWord,   // a run of letters/digits of a spaced script ("don't", "3.14", "naïve")
  kCjk,    // one character of a script written without spaces (汉, か, 한, ｆ, ไ)
  kSpace,  // a run of whitespace
  kPunct,  // one punctuation mark, symbol, emoji (with its modifiers), control or invalid byte
};

struct Token {
  std::string_view text;
  TokenKind kind = TokenKind::kPunct;
  friend bool operator==(const Token&, const Token&) = default;
};

// Words, whitespace runs and punctuation of spaced scripts; single characters of the others.
// An apostrophe between letters ("don't", "l’homme") and a '.' or ',' between digits ("3.14",
// "1,000") stay inside their word. Combining marks, ZWJ and variation selectors stay with the
// character they modify.
std::vector<Token> TokenizeWords(std::string_view text);

// One token per user-perceived character (an approximation of a Unicode extended grapheme
// cluster: a base character with its combining marks, an emoji ZWJ sequence, a flag, a Hangul
// syllable of conjoining jamo). Whitespace runs stay one token: a diff of "a  b" and "a b" shows
// the changed space, not two.
std::vector<Token> TokenizeChars(std::string_view text);

// Decodes the code point starting at text[*pos] and advances *pos past it. An invalid or
// truncated sequence yields U+FFFD and advances by one byte. REQUIRES: *pos < text.size().
char32_t DecodeUtf8(std::string_view text, size_t* pos);

// True when `text` holds nothing but whitespace (or nothing). Stops at the first other
// character, so it is cheap on real paragraphs.
bool IsBlank(std::string_view text);

// Code points in `text` (each invalid byte counts as one).
int64_t CountCodePoints(std::string_view text);

// True when most of the letters in `text` belong to scripts written without spaces (at least half
// of the kWord/kCjk code points are kCjk): such text reads best compared per character.
bool IsMostlyCjk(std::string_view text);

// Columns a terminal uses to show `text`: 2 for wide and fullwidth characters (East Asian width
// W/F, most emoji), 0 for combining marks and other zero-width characters, 1 otherwise.
int DisplayWidth(std::string_view text);

}  // namespace strata::storage
