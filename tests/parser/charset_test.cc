#include "parser/charset.h"

#include <gtest/gtest.h>
#include <iconv.h>

#include <string>

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

// ---- Every charset issue 4 lists, with pages generated by iconv from UTF-8 text ----

namespace strata::parser {
namespace {

// `utf8` converted to `charset` with iconv; "" when iconv cannot (the test then fails).
std::string Encode(std::string_view utf8, const char* charset) {
  iconv_t cd = iconv_open(charset, "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) return "";
  std::string out(utf8.size() * 4 + 16, '\0');
  char* in_ptr = const_cast<char*>(utf8.data());
  size_t in_left = utf8.size();
  char* out_ptr = out.data();
  size_t out_left = out.size();
  const size_t rc = iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
  iconv(cd, nullptr, nullptr, &out_ptr, &out_left);
  iconv_close(cd);
  if (rc == static_cast<size_t>(-1)) return "";
  out.resize(out.size() - out_left);
  return out;
}

struct Sample {
  const char* label;  // as a page declares it
  const char* iconv;  // what the test encodes with
  const char* text;   // UTF-8
};

// One sample per charset: each text uses characters outside ASCII that the charset has.
const Sample kSamples[] = {
    {"gb2312", "GB2312", "中文编码测试：简体字的网页"},
    {"gbk", "GBK", "中文编码测试：镕、堃、喆是 GBK 才有的字"},
    {"gb18030", "GB18030", "中文编码测试：𠀀 是 GB18030 四字节字符"},
    {"big5", "BIG5", "繁體中文測試：臺灣的網頁"},
    {"shift_jis", "SHIFT_JIS", "日本語のテキスト：カタカナと漢字"},
    {"euc-jp", "EUC-JP", "日本語のテキスト：ひらがなと漢字"},
    {"euc-kr", "EUC-KR", "한국어 텍스트입니다: 안녕하세요"},
    {"windows-1250", "WINDOWS-1250", "Zażółć gęślą jaźń — Příliš žluťoučký kůň"},
    {"windows-1251", "WINDOWS-1251", "Съешь же ещё этих мягких французских булок"},
    {"windows-1252", "WINDOWS-1252", "Café crème brûlée — “quotes” and the € sign"},
    {"windows-1253", "WINDOWS-1253", "Ελληνικό κείμενο για δοκιμή"},
    {"windows-1254", "WINDOWS-1254", "Türkçe metin: ğüşıöç İĞÜŞ"},
    {"windows-1255", "WINDOWS-1255", "טקסט בעברית לבדיקה"},
    {"windows-1256", "WINDOWS-1256", "نص عربي للاختبار"},
    {"windows-1257", "WINDOWS-1257", "Lietuvių kalba: ąčęėįšųūž"},
    {"windows-1258", "WINDOWS-1258", "Đà và ưu"},
    {"iso-8859-1", "ISO-8859-1", "Déjà vu, naïve façade, smörgåsbord"},
    {"iso-8859-2", "ISO-8859-2", "Příliš žluťoučký kůň úpěl ďábelské ódy"},
    {"iso-8859-5", "ISO-8859-5", "Русский текст для проверки"},
    {"iso-8859-7", "ISO-8859-7", "Ελληνικό κείμενο για δοκιμή"},
    {"iso-8859-9", "ISO-8859-9", "Türkçe metin: ğüşıöç"},
    {"iso-8859-15", "ISO-8859-15", "Œuvre à 10 € : œ, š, ž, Ÿ"},
    {"koi8-r", "KOI8-R", "Съешь же ещё этих мягких французских булок"},
};

TEST(CharsetEachTest, DeclaredInTheHeader) {
  for (const Sample& s : kSamples) {
    const std::string body = Encode(std::string("<p>") + s.text + "</p>", s.iconv);
    ASSERT_FALSE(body.empty()) << s.label << ": the sample must fit the charset";
    const DecodedHtml d = DecodeHtml(body, s.label);
    EXPECT_EQ(d.source(), CharsetSource::kHeader) << s.label;
    EXPECT_EQ(d.text(), std::string("<p>") + s.text + "</p>") << s.label << " as " << d.charset();
    EXPECT_EQ(d.replaced(), 0u) << s.label;
  }
}

TEST(CharsetEachTest, DeclaredInMeta) {
  for (const Sample& s : kSamples) {
    for (const std::string& meta :
         {std::string("<meta charset=\"") + s.label + "\">",
          std::string("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=") + s.label +
              "\">"}) {
      const std::string html = "<html><head>" + meta + "<title>t</title></head><body><p>" + s.text +
                               "</p></body></html>";
      const std::string body = Encode(html, s.iconv);
      ASSERT_FALSE(body.empty()) << s.label;
      const DecodedHtml d = DecodeHtml(body, "");
      EXPECT_EQ(d.source(), CharsetSource::kMeta) << s.label << " " << meta;
      EXPECT_EQ(d.text(), html) << s.label << " as " << d.charset();
    }
  }
}

// Long enough for detection: a few sentences in the language.
TEST(CharsetEachTest, UndeclaredCjkAndCyrillicAreDetected) {
  const Sample detectable[] = {
      {"", "GB18030",
       "这是一个没有声明编码的中文网页。我们用它来测试编码检测是否可靠。网页的正文通常比标题长得多"
       "，"
       "包含很多常用汉字，例如：的、是、在、我们、这个、网页、编码、检测。"},
      {"", "BIG5",
       "這是一個沒有聲明編碼的繁體中文網頁。我們用它來測試編碼檢測是否可靠。網頁的正文通常比標題長"
       "得多，"
       "包含很多常用漢字，例如：的、是、在、我們、這個、網頁、編碼、檢測。"},
      {"", "SHIFT_JIS",
       "これはエンコーディングが宣言されていない日本語のウェブページです。文字コードの判定が正しく"
       "動くかどうかを確かめるために使います。本文にはひらがなとカタカナと漢字が含まれています。"},
      {"", "EUC-JP",
       "これはエンコーディングが宣言されていない日本語のウェブページです。文字コードの判定が正しく"
       "動くかどうかを確かめるために使います。本文にはひらがなとカタカナと漢字が含まれています。"},
      {"", "EUC-KR",
       "이것은 인코딩이 선언되지 않은 한국어 웹 페이지입니다. 문자 인코딩 감지가 제대로 작동하는지 "
       "확인하기 위해 사용합니다. 본문에는 자주 쓰이는 한글 단어가 많이 들어 있습니다."},
      {"", "WINDOWS-1251",
       "Это русская веб-страница без объявленной кодировки. Мы используем её, чтобы проверить, "
       "насколько надёжно работает определение кодировки. Текст страницы обычно длиннее "
       "заголовка."},
  };
  for (const Sample& s : detectable) {
    const std::string html = std::string("<html><body><p>") + s.text + "</p></body></html>";
    const std::string body = Encode(html, s.iconv);
    ASSERT_FALSE(body.empty()) << s.iconv;
    const DecodedHtml d = DecodeHtml(body, "");
    EXPECT_EQ(d.source(), CharsetSource::kDetected) << s.iconv;
    EXPECT_EQ(d.text(), html) << s.iconv << " detected as " << d.charset();
  }
}

TEST(CharsetEachTest, Utf8DeclaredButGbkBytes) {
  const std::string html =
      "<html><head><meta charset=\"utf-8\"></head><body><p>页面声明了 "
      "UTF-8，但实际是用国标码保存的。"
      "这种错误在老网站上很常见，解码时必须重新检测，不能把整页都变成替换字符。</p></body></html>";
  const std::string body = Encode(html, "GBK");
  const DecodedHtml d = DecodeHtml(body, "");
  EXPECT_EQ(d.source(), CharsetSource::kDetected);
  EXPECT_EQ(d.charset(), "GB18030");
  EXPECT_EQ(d.text(), html);
  // The same with the declaration in the header.
  const DecodedHtml h = DecodeHtml(body, "utf-8");
  EXPECT_EQ(h.text(), html);
}

TEST(CharsetEachTest, LegacyDeclarationThatDoesNotDecodeIsRedetected) {
  // Declared EUC-JP, written in GBK: most GBK trail bytes are invalid in EUC-JP.
  const std::string html =
      "<html><head><meta charset=\"euc-jp\"></head><body><p>这个网页声明的是日文编码，实际却是"
      "简体中文的国标码。浏览器会显示乱码，我们应当发现解码不干净，再用检测结果重新解码。</p>"
      "</body></html>";
  const std::string body = Encode(html, "GBK");
  const DecodedHtml d = DecodeHtml(body, "");
  EXPECT_EQ(d.source(), CharsetSource::kDetected) << d.charset();
  EXPECT_EQ(d.text(), html) << d.charset();
}

TEST(CharsetEachTest, HeaderDeclaresOneCharsetMetaAnother) {
  // The header wins over <meta> (when the bytes fit it).
  const std::string html = "<meta charset=\"iso-8859-5\"><p>Ελληνικό κείμενο</p>";
  const std::string body = Encode(html, "ISO-8859-7");
  const DecodedHtml d = DecodeHtml(body, "iso-8859-7");
  EXPECT_EQ(d.source(), CharsetSource::kHeader);
  EXPECT_EQ(d.text(), html);
}

TEST(CharsetEachTest, BomBeatsAWrongHeader) {
  const std::string html = "<p>中文 and English</p>";
  const std::string utf8 = "\xEF\xBB\xBF" + html;  // DecodeHtml may borrow: keep it alive
  DecodedHtml d = DecodeHtml(utf8, "iso-8859-1");
  EXPECT_EQ(d.source(), CharsetSource::kBom);
  EXPECT_EQ(d.text(), html);
  const std::string utf16be = "\xFE\xFF" + Encode(html, "UTF-16BE");
  d = DecodeHtml(utf16be, "gbk");
  EXPECT_EQ(d.source(), CharsetSource::kBom);
  EXPECT_EQ(d.text(), html);
}

TEST(CharsetEachTest, TruncatedMultibyteAtTheEndIsReplacedNotFatal) {
  for (const char* charset : {"GBK", "BIG5", "SHIFT_JIS", "EUC-KR"}) {
    std::string body = Encode("<p>中文", charset);
    ASSERT_FALSE(body.empty()) << charset;
    body.pop_back();  // half a character
    const DecodedHtml d = DecodeHtml(body, charset);
    EXPECT_TRUE(IsValidUtf8(d.text())) << charset;
    EXPECT_GE(d.replaced(), 1u) << charset;
    EXPECT_TRUE(d.text().starts_with("<p>")) << charset;
  }
}

}  // namespace
}  // namespace strata::parser
