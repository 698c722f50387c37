#include "storage/diff_tokenize.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace strata::storage {
namespace {

std::vector<std::string> Texts(const std::vector<Token>& tokens) {
  std::vector<std::string> texts;
  for (const Token& t : tokens) texts.emplace_back(t.text);
  return texts;
}

std::string Kinds(const std::vector<Token>& tokens) {
  std::string kinds;
  for (const Token& t : tokens) {
    kinds += t.kind == TokenKind::kWord    ? 'w'
             : t.kind == TokenKind::kCjk   ? 'c'
             : t.kind == TokenKind::kSpace ? 's'
                                           : 'p';
  }
  return kinds;
}

using V = std::vector<std::string>;

TEST(TokenizeWordsTest, LatinWordsSpacesAndPunctuation) {
  const auto tokens = TokenizeWords("Hello,  world! It's 3.14 or 1,000.");
  EXPECT_EQ(Texts(tokens), (V{"Hello", ",", "  ", "world", "!", " ", "It's", " ", "3.14", " ", "or",
                              " ", "1,000", "."}));
  EXPECT_EQ(Kinds(tokens), "wpswpswswswswp");
}

TEST(TokenizeWordsTest, TrailingJoinersAreNotPartOfTheWord) {
  EXPECT_EQ(Texts(TokenizeWords("dogs' 3. x'")), (V{"dogs", "'", " ", "3", ".", " ", "x", "'"}));
}

TEST(TokenizeWordsTest, CjkIsOneTokenPerCharacter) {
  const auto tokens = TokenizeWords("第二段，有修改。");
  EXPECT_EQ(Texts(tokens), (V{"第", "二", "段", "，", "有", "修", "改", "。"}));
  EXPECT_EQ(Kinds(tokens), "cccpcccp");
}

TEST(TokenizeWordsTest, KanaHangulAndFullwidthLettersArePerCharacter) {
  EXPECT_EQ(Texts(TokenizeWords("カタカナとひらがな")),
            (V{"カ", "タ", "カ", "ナ", "と", "ひ", "ら", "が", "な"}));
  EXPECT_EQ(Texts(TokenizeWords("한국어 문장")), (V{"한", "국", "어", " ", "문", "장"}));
  EXPECT_EQ(Kinds(TokenizeWords("ｆｕｌｌ")), "cccc");
  // The ideographic space is whitespace.
  EXPECT_EQ(Kinds(TokenizeWords("中\u3000文")), "csc");
}

TEST(TokenizeWordsTest, MixedCjkAndLatin) {
  const auto tokens = TokenizeWords("libcurl 的 multi 接口");
  EXPECT_EQ(Texts(tokens), (V{"libcurl", " ", "的", " ", "multi", " ", "接", "口"}));
  EXPECT_EQ(Texts(TokenizeWords("用Boost.Asio驱动")), (V{"用", "Boost", ".", "Asio", "驱", "动"}));
}

TEST(TokenizeWordsTest, CombiningMarksStayWithTheirLetter) {
  // "naïve" with a combining diaeresis, and "é" decomposed at the start of a word.
  EXPECT_EQ(Texts(TokenizeWords("nai\u0308ve e\u0301te\u0301")),
            (V{"nai\u0308ve", " ", "e\u0301te\u0301"}));
  // A dakuten written as a combining mark stays with its kana.
  EXPECT_EQ(Texts(TokenizeWords("か\u3099き")), (V{"か\u3099", "き"}));
}

TEST(TokenizeWordsTest, EmojiSequencesAreOneToken) {
  const std::string family =
      "\U0001F468\u200D\U0001F469\u200D\U0001F467";   // man ZWJ woman ZWJ girl
  const std::string thumbs = "\U0001F44D\U0001F3FD";  // with a skin tone
  const std::string flag = "\U0001F1EF\U0001F1F5";    // JP
  const std::string heart = "\u2764\uFE0F";           // with VS16
  const std::string text = "ok" + family + thumbs + flag + flag + heart;
  const auto tokens = TokenizeWords(text);
  EXPECT_EQ(Texts(tokens), (V{"ok", family, thumbs, flag, flag, heart}));
  EXPECT_EQ(Kinds(tokens), "wppppp");
}

TEST(TokenizeWordsTest, InvalidUtf8BytesAreTokensAndNothingIsLost) {
  const std::string text =
      "ab\xff\xfe"
      "cd\xe4\xb8";  // stray bytes and a truncated sequence
  const auto tokens = TokenizeWords(text);
  EXPECT_EQ(Texts(tokens), (V{"ab", "\xff", "\xfe", "cd", "\xe4", "\xb8"}));
  std::string joined;
  for (const Token& t : tokens) joined += t.text;
  EXPECT_EQ(joined, text);
}

TEST(TokenizeWordsTest, EmptyText) { EXPECT_TRUE(TokenizeWords("").empty()); }

TEST(TokenizeCharsTest, OneTokenPerUserPerceivedCharacter) {
  EXPECT_EQ(Texts(TokenizeChars("wo\u0308rd  中文")),
            (V{"w", "o\u0308", "r", "d", "  ", "中", "文"}));
  const std::string family = "\U0001F468\u200D\U0001F469\u200D\U0001F467";
  const std::string text = "a" + family + "b";
  EXPECT_EQ(Texts(TokenizeChars(text)), (V{"a", family, "b"}));
  // Conjoining jamo make one syllable.
  EXPECT_EQ(Texts(TokenizeChars("\u1112\u1161\u11AB!")), (V{"\u1112\u1161\u11AB", "!"}));
}

TEST(CountCodePointsTest, CountsCodePointsNotBytes) {
  EXPECT_EQ(CountCodePoints(""), 0);
  EXPECT_EQ(CountCodePoints("abc"), 3);
  EXPECT_EQ(CountCodePoints("中文"), 2);
  EXPECT_EQ(CountCodePoints("e\u0301"), 2);
  EXPECT_EQ(CountCodePoints("\xff"
                            "a"),
            2);
}

TEST(IsBlankTest, OnlyWhitespace) {
  EXPECT_TRUE(IsBlank(""));
  EXPECT_TRUE(IsBlank(" \t "));
  EXPECT_TRUE(IsBlank("\u3000\u00A0"));
  EXPECT_FALSE(IsBlank("  x"));
  EXPECT_FALSE(IsBlank("\xff"));
}

TEST(IsMostlyCjkTest, Decides) {
  EXPECT_TRUE(IsMostlyCjk("第二段，有修改。"));
  EXPECT_TRUE(IsMostlyCjk("libcurl 的 multi 接口可以把成百上千个传输交给一个线程管理"));
  EXPECT_FALSE(IsMostlyCjk("An English sentence with one 词."));
  EXPECT_FALSE(IsMostlyCjk(""));
  EXPECT_FALSE(IsMostlyCjk("1234 !!"));
}

TEST(DisplayWidthTest, WideNarrowAndZeroWidth) {
  EXPECT_EQ(DisplayWidth("abc"), 3);
  EXPECT_EQ(DisplayWidth("中文"), 4);
  EXPECT_EQ(DisplayWidth("ｆ"), 2);
  EXPECT_EQ(DisplayWidth("e\u0301"), 1);
  EXPECT_EQ(DisplayWidth("\U0001F44D"), 2);
  EXPECT_EQ(DisplayWidth("\u1112\u1161\u11AB"), 2);
}

TEST(DecodeUtf8Test, RejectsOverlongsAndSurrogates) {
  size_t pos = 0;
  EXPECT_EQ(DecodeUtf8("\xc0\xaf", &pos), U'\uFFFD');
  EXPECT_EQ(pos, 1u);
  pos = 0;
  EXPECT_EQ(DecodeUtf8("\xed\xa0\x80", &pos), U'\uFFFD');
  EXPECT_EQ(pos, 1u);
  pos = 0;
  EXPECT_EQ(DecodeUtf8("\xf0\x9f\x91\x8d", &pos), U'\U0001F44D');
  EXPECT_EQ(pos, 4u);
}

}  // namespace
}  // namespace strata::storage
