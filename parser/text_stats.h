// Statistics of extracted text: word count (CJK characters count one word each, as Chinese and
// Japanese write no spaces) and language (from a declared tag, or guessed from the script).
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace strata::parser {

// Words in `text`: each Han ideograph or kana counts one; other letters and digits count one
// per run (a Latin, Cyrillic or Hangul word).
int64_t CountWords(std::string_view text);

// The primary language subtag of a BCP 47 / locale tag: "zh-CN" -> "zh", "en_US" -> "en".
// "" when the tag is not one ("x-default", "und", "").
std::string LanguageFromTag(std::string_view tag);

// Guesses the language of `text` from its scripts: "zh" (Han), "ja" (kana), "ko" (Hangul),
// "en" (Latin with common English words). "" when unsure: a Latin page that is not clearly
// English gets no guess rather than a wrong one.
std::string GuessLanguage(std::string_view text);

}  // namespace strata::parser
