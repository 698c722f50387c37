#include "parser/charset.h"

#include <gtest/gtest.h>

#include "parser/utf8.h"
#include "test_util.h"

namespace strata::parser {
namespace {

using testing::ReadFixture;

constexpr char kZhongWenGbk[] = "\xD6\xD0\xCE\xC4";  // "中文" in GBK

TEST(CharsetTest, CanonicalNamesFollowTheWhatwgTable) {
  struct Case {
    const char* label;
    const char* canonical;
  };
  const Case cases[] = {
      {"utf-8", "UTF-8"},
      {"UTF8", "UTF-8"},
      {"gb2312", "GB18030"},
      {" GBK ", "GB18030"},
      {"x-gbk", "GB18030"},
      {"gb18030", "GB18030"},
      {"big5", "BIG5-HKSCS"},
      {"Shift_JIS", "CP932"},
      {"x-sjis", "CP932"},
      {"euc-jp", "EUC-JP"},
      {"euc-kr", "CP949"},
      {"iso-8859-1", "WINDOWS-1252"},
      {"latin1", "WINDOWS-1252"},
      {"us-ascii", "WINDOWS-1252"},
      {"windows-1251", "WINDOWS-1251"},
      {"cp1250", "WINDOWS-1250"},
      {"iso-8859-2", "ISO-8859-2"},
      {"ISO_8859-15", "ISO-8859-15"},
      {"koi8-r", "KOI8-R"},
      {"\"utf-8\"", "UTF-8"},
      {"no-such-charset", ""},
      {"", ""},
      {"bad label!", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(CanonicalCharset(c.label), c.canonical) << c.label;
}

TEST(CharsetTest, SniffsMetaDeclarations) {
  EXPECT_EQ(SniffMetaCharset("<html><head><meta charset=\"gbk\"></head>"), "gbk");
  EXPECT_EQ(SniffMetaCharset("<META CHARSET=big5>"), "big5");
  EXPECT_EQ(
      SniffMetaCharset("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"),
      "gb2312");
  EXPECT_EQ(
      SniffMetaCharset("<meta content='text/html;charset=Shift_JIS' http-equiv='content-type'>"),
      "Shift_JIS");
  // Commented out, in the body, or absent: no declaration.
  EXPECT_EQ(SniffMetaCharset("<!-- <meta charset=\"gbk\"> --><title>x</title>"), "");
  EXPECT_EQ(SniffMetaCharset("<body><meta charset=\"gbk\">"), "");
  EXPECT_EQ(SniffMetaCharset("<meta name=\"viewport\" content=\"width=device-width\">"), "");
  EXPECT_EQ(SniffMetaCharset("<meta charset="), "");
}

TEST(CharsetTest, ConvertsAndReplacesBadBytes) {
  size_t replaced = 99;
  std::optional<std::string> text = ConvertToUtf8(kZhongWenGbk, "GB18030", &replaced);
  ASSERT_TRUE(text);
  EXPECT_EQ(*text, "中文");
  EXPECT_EQ(replaced, 0u);
  // 0xFF is not a GB18030 lead byte; a lone lead byte at the end is truncated.
  text = ConvertToUtf8(
      "a\xFF"
      "b\xD6",
      "GB18030", &replaced);
  ASSERT_TRUE(text);
  EXPECT_EQ(*text,
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD");
  EXPECT_EQ(replaced, 2u);
  EXPECT_FALSE(ConvertToUtf8("x", "NO-SUCH-CHARSET"));
}

TEST(CharsetTest, ByteOrderMarksWin) {
  const std::string utf8_bom = "\xEF\xBB\xBF<p>中文</p>";
  DecodedHtml d = DecodeHtml(utf8_bom, "gbk");
  EXPECT_EQ(d.text(), "<p>中文</p>");
  EXPECT_EQ(d.source(), CharsetSource::kBom);

  const std::string utf16le("\xFF\xFE<\0p\0>\0-N\x87\x65", 12);  // "<p>中文" in UTF-16LE
  d = DecodeHtml(utf16le, "");
  EXPECT_EQ(d.text(), "<p>中文");
  EXPECT_EQ(d.charset(), "UTF-16LE");
}

TEST(CharsetTest, HeaderBeatsMeta) {
  const std::string body = std::string("<meta charset=\"big5\"><p>") + kZhongWenGbk;
  const DecodedHtml d = DecodeHtml(body, "GBK");
  EXPECT_EQ(d.charset(), "GB18030");
  EXPECT_EQ(d.source(), CharsetSource::kHeader);
  EXPECT_EQ(d.text(), "<meta charset=\"big5\"><p>中文");
}

TEST(CharsetTest, GbkPageDeclaredInMeta) {
  const std::string page = ReadFixture("gbk_meta.html");
  ASSERT_FALSE(page.empty());
  const DecodedHtml d = DecodeHtml(page, "");
  EXPECT_EQ(d.source(), CharsetSource::kMeta);
  EXPECT_EQ(d.charset(), "GB18030");
  EXPECT_NE(d.text().find("中文编码测试"), std::string_view::npos);
  EXPECT_TRUE(IsValidUtf8(d.text()));
}

TEST(CharsetTest, GbkPageDeclaredInHeaderOnly) {
  const std::string page = ReadFixture("gbk_undeclared.html");
  const DecodedHtml d = DecodeHtml(page, "gb2312");
  EXPECT_EQ(d.source(), CharsetSource::kHeader);
  EXPECT_NE(d.text().find("作者：赵六"), std::string_view::npos);
}

TEST(CharsetTest, UndeclaredGbkIsDetected) {
  const std::string page = ReadFixture("gbk_undeclared.html");
  const DecodedHtml d = DecodeHtml(page, "");
  EXPECT_EQ(d.source(), CharsetSource::kDetected);
  EXPECT_EQ(d.charset(), "GB18030");
  EXPECT_NE(d.text().find("这是一个用国标码保存的网页"), std::string_view::npos);
}

TEST(CharsetTest, StaleLegacyDeclarationOverUtf8IsIgnored) {
  const std::string body = "<meta charset=\"gb2312\"><p>其实是 UTF-8 的页面</p>";
  const DecodedHtml d = DecodeHtml(body, "");
  EXPECT_EQ(d.charset(), "UTF-8");
  EXPECT_EQ(d.source(), CharsetSource::kDetected);
  EXPECT_EQ(d.text(), body);
}

TEST(CharsetTest, Utf8WithAFewBadBytesIsRepairedNotRedetected) {
  std::string body = "<meta charset=\"utf-8\"><p>中文内容，";
  body += '\xFF';
  body += "后面还是中文。</p>";
  const DecodedHtml d = DecodeHtml(body, "");
  EXPECT_EQ(d.charset(), "UTF-8");
  EXPECT_EQ(d.replaced(), 1u);
  EXPECT_TRUE(IsValidUtf8(d.text()));
  EXPECT_NE(d.text().find("后面还是中文"), std::string_view::npos);
}

TEST(CharsetTest, ValidUtf8IsBorrowedWithoutACopy) {
  const std::string body = "<p>plain</p>";
  const DecodedHtml d = DecodeHtml(body, "utf-8");
  EXPECT_EQ(d.text().data(), body.data());
}

TEST(CharsetTest, UndeclaredLatin1FallsBackToASingleByteCharset) {
  const std::string body = "<p>caf\xE9 cr\xE8me br\xFBl\xE9\x65</p>";
  const DecodedHtml d = DecodeHtml(body, "");
  EXPECT_TRUE(IsValidUtf8(d.text()));
  EXPECT_NE(d.text().find("café"), std::string_view::npos) << d.charset();
}

TEST(CharsetTest, GarbageNeverFails) {
  std::string garbage;
  for (int i = 0; i < 5000; ++i) garbage.push_back(static_cast<char>((i * 7919) % 256));
  for (const char* header : {"", "utf-8", "gbk", "shift_jis", "utf-16", "iso-2022-jp"}) {
    const DecodedHtml d = DecodeHtml(garbage, header);
    EXPECT_TRUE(IsValidUtf8(d.text())) << header;
  }
}

}  // namespace
}  // namespace strata::parser
