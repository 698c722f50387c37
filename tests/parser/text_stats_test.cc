#include "parser/text_stats.h"

#include <gtest/gtest.h>

namespace strata::parser {
namespace {

TEST(TextStatsTest, CountWords) {
  struct Case {
    const char* text;
    int64_t words;
  };
  const Case cases[] = {
      {"", 0},
      {"hello world", 2},
      {"  multiple   spaces\nand lines ", 4},
      {"don't stop", 3},  // the apostrophe splits, as \w+ tokenisers do
      {"中文字数", 4},
      {"Go 语言很好用", 6},
      {"日本語とカタカナ", 8},
      {"한국어 문장", 2},
      {"Привет, мир!", 2},
      {"1,234 views — 12.5%", 5},
      {"emoji 😀 here", 2},
      {"中文，标点。English words 和 café", 8},  // 4 Han + 2 words + 1 Han + 1 word
      {"\xe4\xb8", 0},                           // a truncated sequence is no word
      {"\xed\xa0\x80x", 1},                      // an encoded surrogate is no letter
      {"ｆｕｌｌ　ｗｉｄｔｈ", 2},
      {"a", 1},
      {"_", 1},
      {"x_1 y", 2},
      {"café au lait", 3},     // a word runs on through a decoded letter
      {"naïve", 1},            // and on after it
      {"词a词", 3},            // an ASCII word between two Han
      {"ab中cd", 3},           // a Han ends the word before it
      {"ab\u00a0cd", 2},       // NBSP separates
      {"a\u5000b\u9fffc", 5},  // the ends of the Han block read without decoding
      {"a\u4e00b\u4dffc", 3},  // U+4E00 is Han, U+4DFF (a hexagram) is a letter
      {"\xe5\x80", 0},         // a truncated one is no word
      {"\xe5\x80x", 1},
  };
  for (const Case& c : cases) EXPECT_EQ(CountWords(c.text), c.words) << c.text;
}

TEST(TextStatsTest, LanguageFromTag) {
  EXPECT_EQ(LanguageFromTag("zh-CN"), "zh");
  EXPECT_EQ(LanguageFromTag("en_US"), "en");
  EXPECT_EQ(LanguageFromTag(" EN "), "en");
  EXPECT_EQ(LanguageFromTag("yue-HK"), "yue");
  EXPECT_EQ(LanguageFromTag("x-default"), "");
  EXPECT_EQ(LanguageFromTag("und"), "");
  EXPECT_EQ(LanguageFromTag("english"), "");
  EXPECT_EQ(LanguageFromTag(""), "");
}

TEST(TextStatsTest, GuessLanguage) {
  EXPECT_EQ(GuessLanguage("这是一段中文文本，用来测试语言识别。Go 和 Rust 是编程语言。"), "zh");
  EXPECT_EQ(GuessLanguage("これは日本語の文章です。ひらがなとカタカナが含まれています。"), "ja");
  EXPECT_EQ(GuessLanguage("이것은 한국어 문장입니다. 언어 감지를 시험합니다."), "ko");
  EXPECT_EQ(GuessLanguage("This is a sentence in English, and it has the usual small words in it."),
            "en");
  EXPECT_EQ(GuessLanguage("Dies ist ein deutscher Satz über die Erkennung der Sprache."), "");
  EXPECT_EQ(GuessLanguage("short"), "");
  EXPECT_EQ(GuessLanguage(""), "");
}

}  // namespace
}  // namespace strata::parser
