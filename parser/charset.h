// Charset handling: which encoding a page is in, and its conversion to UTF-8.
//
// The order follows the HTML standard's encoding sniffing algorithm: a byte order mark wins
// (it cannot be there by accident, and browsers let it override the header too), then the
// HTTP header, then <meta charset> / http-equiv in the first bytes, then detection (uchardet)
// when nothing is declared. Three corrections on top, because real pages lie:
//  - a page declared in a legacy charset whose bytes are valid, non-ASCII UTF-8 is UTF-8
//    (pages "in gb2312" that are really UTF-8 exist);
//  - a page declared UTF-8 whose bytes are mostly invalid UTF-8 is re-detected (GBK bytes
//    under a UTF-8 declaration);
//  - a page declared in a legacy charset that does not decode cleanly (at least 4 bad
//    sequences, and more than 2% of its non-ASCII bytes) is re-detected, and the detected
//    charset is kept when it decodes with under a quarter of the replacements.
// Labels follow the WHATWG table: gb2312 and gbk decode as GB18030, shift_jis as CP932,
// euc-kr as CP949, iso-8859-1 and ascii as windows-1252. Conversion (iconv) never fails: bad
// bytes become U+FFFD.
//
// Thread-safety: pure functions (each call opens its own iconv/uchardet handles).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace strata::parser {

enum class CharsetSource {
  kBom,       // a UTF-8/UTF-16 byte order mark
  kHeader,    // the Content-Type header's charset parameter
  kMeta,      // <meta charset> or <meta http-equiv="Content-Type">
  kDetected,  // no usable declaration (or a wrong one): guessed from the bytes
  kDefault,   // nothing to go on: windows-1252, as browsers do
};

std::string_view CharsetSourceName(CharsetSource source);

// Maps a charset label as pages write it ("gb2312", "x-sjis", "latin1", "UTF8") to the name
// iconv uses for the encoding browsers actually apply ("GB18030", "CP932", "WINDOWS-1252",
// "UTF-8"), following the WHATWG Encoding Standard's label table. Unknown labels that iconv
// accepts are passed through upper-cased; returns "" for labels nothing knows.
std::string CanonicalCharset(std::string_view label);

// Returns the charset label of the first <meta charset=...> or <meta http-equiv=content-type
// content="...; charset=..."> in the document's head (scanning at most the first 16 KiB,
// skipping comments), or "" when there is none.
std::string SniffMetaCharset(std::string_view html);

// Converts `bytes` from `charset` (an iconv name) to UTF-8, replacing undecodable bytes with
// U+FFFD. Returns nullopt when iconv does not know the charset. `*replaced` (optional) receives
// the number of replacements.
std::optional<std::string> ConvertToUtf8(std::string_view bytes, const std::string& charset,
                                         size_t* replaced = nullptr);

// Guesses the charset of `bytes` with uchardet; "" when it cannot tell.
std::string DetectCharset(std::string_view bytes);

// A page's text as valid UTF-8. Borrows the input when it already was valid UTF-8 (the common
// case: no copy of a large page), owns a converted copy otherwise.
class DecodedHtml {
 public:
  // REQUIRES (when borrowed): the bytes given to DecodeHtml outlive this object.
  std::string_view text() const { return borrowed_ ? input_ : std::string_view(storage_); }
  const std::string& charset() const { return charset_; }  // canonical name, e.g. "GB18030"
  CharsetSource source() const { return source_; }
  size_t replaced() const { return replaced_; }  // bytes that became U+FFFD

 private:
  friend DecodedHtml DecodeHtml(std::string_view, std::string_view);
  bool borrowed_ = true;
  std::string_view input_;
  std::string storage_;
  std::string charset_;
  CharsetSource source_ = CharsetSource::kDefault;
  size_t replaced_ = 0;
};

// Decides the charset of an HTML body (see the file comment for the order) and converts it to
// UTF-8. `header_charset` is the Content-Type charset parameter ("" if none). Never fails.
DecodedHtml DecodeHtml(std::string_view body, std::string_view header_charset);

}  // namespace strata::parser
