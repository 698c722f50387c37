#include "parser/utf8.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <iterator>
#include <string>

namespace strata::parser {
namespace {

TEST(Utf8Test, ValidatesWellFormedText) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ascii, long enough for the eight-byte fast path"));
  EXPECT_TRUE(IsValidUtf8("中文 and ελληνικά and 😀"));
}

TEST(Utf8Test, RejectsMalformedText) {
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // UTF-16 surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("abc\xE4\xB8"));       // truncated at the end
  EXPECT_FALSE(IsValidUtf8("\xD6\xD0\xCE\xC4"));  // "中文" in GBK
}

TEST(Utf8Test, CensusCountsNonAsciiAndInvalidBytes) {
  EXPECT_EQ(CountUtf8("").non_ascii_bytes, 0u);
  const Utf8Census clean = CountUtf8("plain ascii, long enough for the fast path: 中文 😀");
  EXPECT_EQ(clean.invalid_bytes, 0u);
  EXPECT_EQ(clean.non_ascii_bytes, 6u + 4u);
  // Each byte that starts no valid sequence counts once; a real U+FFFD is valid.
  const Utf8Census bad = CountUtf8("a\xFF\xC0\xAF \xEF\xBF\xBD \xE4\xB8");
  EXPECT_EQ(bad.invalid_bytes, 5u);
  EXPECT_EQ(bad.non_ascii_bytes, 5u + 3u);
  EXPECT_EQ(CountUtf8("\xD6\xD0\xCE\xC4").invalid_bytes, 4u);  // GBK is not UTF-8
}

TEST(Utf8Test, CensusAgreesWithDecodingOnRandomBytes) {
  // The census's inline CJK path must count exactly what decoding one code point at a time
  // does: random mixes of ASCII, CJK, surrogates, truncations and stray bytes.
  const std::string pieces[] = {"a", "中", "文",           "\xED\xA0\x80", "\xE4\xB8", "\xFF",
                                "é", "😀",  "\xEF\xBF\xBD", "\xE0\x80\x80", "\xC2",     " "};
  uint32_t seed = 12345;
  for (int round = 0; round < 500; ++round) {
    std::string s;
    for (int i = 0; i < 40; ++i) {
      seed = seed * 1664525 + 1013904223;
      s += pieces[(seed >> 16) % std::size(pieces)];
    }
    size_t invalid = 0, non_ascii = 0;
    for (size_t pos = 0; pos < s.size();) {
      if (static_cast<unsigned char>(s[pos]) < 0x80) {
        ++pos;
        continue;
      }
      const size_t start = pos;
      if (DecodeUtf8(s, &pos) == kReplacementChar && pos == start + 1) ++invalid;
      non_ascii += pos - start;
    }
    const Utf8Census census = CountUtf8(s);
    ASSERT_EQ(census.invalid_bytes, invalid) << round;
    ASSERT_EQ(census.non_ascii_bytes, non_ascii) << round;
  }
}

TEST(Utf8Test, SanitizeReplacesEachBadByte) {
  EXPECT_EQ(SanitizeUtf8("a\xFF"
                         "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(SanitizeUtf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(SanitizeUtf8("中文"), "中文");
  EXPECT_TRUE(IsValidUtf8(SanitizeUtf8(std::string("\x80\x81\xFE\xFF\x00zz", 7))));
}

TEST(Utf8Test, DecodesAndEncodesRoundTrip) {
  const std::string text = "aé中😀";
  size_t pos = 0;
  std::string out;
  while (pos < text.size()) AppendUtf8(DecodeUtf8(text, &pos), &out);
  EXPECT_EQ(out, text);
  pos = 0;
  EXPECT_EQ(DecodeUtf8("\xFF", &pos), kReplacementChar);
  EXPECT_EQ(pos, 1u);
}

TEST(Utf8Test, AppendUtf8ReplacesNonScalarValues) {
  std::string out;
  AppendUtf8(0xD800, &out);
  AppendUtf8(0x110000, &out);
  EXPECT_EQ(out, "\xEF\xBF\xBD\xEF\xBF\xBD");
}

}  // namespace
}  // namespace strata::parser
