#include "parser/charset.h"

#include <errno.h>
#include <iconv.h>
#include <uchardet/uchardet.h>

#include <algorithm>
#include <array>
#include <charconv>

#include "parser/text_util.h"
#include "parser/utf8.h"

namespace strata::parser {
namespace {

struct Label {
  std::string_view label;
  std::string_view iconv_name;
};

// WHATWG Encoding Standard labels (the subset pages actually use), mapped to the iconv name
// of the encoding browsers apply. Browsers decode "gb2312"/"gbk" as GB18030 (a superset),
// "shift_jis" as windows-31j (CP932), "euc-kr" as windows-949, "iso-8859-1"/"ascii" as
// windows-1252: doing the same keeps characters that the narrow charsets would reject.
constexpr std::array<Label, 76> kLabels = {{
    {"ansi_x3.4-1968", "WINDOWS-1252"},
    {"ascii", "WINDOWS-1252"},
    {"big5", "BIG5-HKSCS"},
    {"big5-hkscs", "BIG5-HKSCS"},
    {"chinese", "GB18030"},
    {"cn-big5", "BIG5-HKSCS"},
    {"cp1252", "WINDOWS-1252"},
    {"cp819", "WINDOWS-1252"},
    {"cp866", "IBM866"},
    {"cp936", "GB18030"},
    {"csbig5", "BIG5-HKSCS"},
    {"cseuckr", "CP949"},
    {"csgb2312", "GB18030"},
    {"csiso2022jp", "ISO-2022-JP"},
    {"csisolatin1", "WINDOWS-1252"},
    {"cskoi8r", "KOI8-R"},
    {"csshiftjis", "CP932"},
    {"dos-874", "CP874"},
    {"euc-jp", "EUC-JP"},
    {"euc-kr", "CP949"},
    {"gb18030", "GB18030"},
    {"gb2312", "GB18030"},
    {"gb_2312", "GB18030"},
    {"gb_2312-80", "GB18030"},
    {"gbk", "GB18030"},
    {"ibm819", "WINDOWS-1252"},
    {"ibm866", "IBM866"},
    {"iso-2022-jp", "ISO-2022-JP"},
    {"iso-8859-1", "WINDOWS-1252"},
    {"iso-8859-11", "CP874"},
    {"iso-8859-9", "WINDOWS-1254"},
    {"iso-ir-100", "WINDOWS-1252"},
    {"iso-ir-149", "CP949"},
    {"iso-ir-58", "GB18030"},
    {"iso8859-1", "WINDOWS-1252"},
    {"iso88591", "WINDOWS-1252"},
    {"iso_8859-1", "WINDOWS-1252"},
    {"koi", "KOI8-R"},
    {"koi8", "KOI8-R"},
    {"koi8-r", "KOI8-R"},
    {"koi8-ru", "KOI8-U"},
    {"koi8-u", "KOI8-U"},
    {"koi8_r", "KOI8-R"},
    {"korean", "CP949"},
    {"ks_c_5601-1987", "CP949"},
    {"ks_c_5601-1989", "CP949"},
    {"ksc5601", "CP949"},
    {"ksc_5601", "CP949"},
    {"l1", "WINDOWS-1252"},
    {"l2", "ISO-8859-2"},
    {"latin1", "WINDOWS-1252"},
    {"latin2", "ISO-8859-2"},
    {"latin5", "WINDOWS-1254"},
    {"mac", "MACINTOSH"},
    {"macintosh", "MACINTOSH"},
    {"ms932", "CP932"},
    {"ms_kanji", "CP932"},
    {"shift-jis", "CP932"},
    {"shift_jis", "CP932"},
    {"sjis", "CP932"},
    {"tis-620", "CP874"},
    {"unicode-1-1-utf-8", "UTF-8"},
    {"us-ascii", "WINDOWS-1252"},
    {"utf-16", "UTF-16LE"},
    {"utf-16be", "UTF-16BE"},
    {"utf-16le", "UTF-16LE"},
    {"utf-8", "UTF-8"},
    {"utf8", "UTF-8"},
    {"windows-31j", "CP932"},
    {"windows-874", "CP874"},
    {"windows-949", "CP949"},
    {"x-euc-jp", "EUC-JP"},
    {"x-gbk", "GB18030"},
    {"x-mac-roman", "MACINTOSH"},
    {"x-sjis", "CP932"},
    {"x-x-big5", "BIG5-HKSCS"},
}};

static_assert(std::is_sorted(kLabels.begin(), kLabels.end(),
                             [](const Label& a, const Label& b) { return a.label < b.label; }),
              "kLabels must stay sorted: CanonicalCharset binary-searches it");

// Owns an iconv conversion descriptor.
class IconvHandle {
 public:
  IconvHandle(const char* to, const char* from) : cd_(iconv_open(to, from)) {}
  ~IconvHandle() {
    if (ok()) iconv_close(cd_);
  }
  IconvHandle(const IconvHandle&) = delete;
  IconvHandle& operator=(const IconvHandle&) = delete;
  bool ok() const { return cd_ != reinterpret_cast<iconv_t>(-1); }
  iconv_t get() const { return cd_; }

 private:
  iconv_t cd_;
};

// Owns a uchardet detector.
class Detector {
 public:
  Detector() : ud_(uchardet_new()) {}
  ~Detector() {
    if (ud_ != nullptr) uchardet_delete(ud_);
  }
  Detector(const Detector&) = delete;
  Detector& operator=(const Detector&) = delete;
  uchardet_t get() const { return ud_; }

 private:
  uchardet_t ud_;
};

bool IsUtf16(std::string_view charset) { return charset.starts_with("UTF-16"); }

// windows-125x / cp125x / x-cp125x and iso-8859-N / iso8859-N / iso_8859-N labels.
std::string NumberedLabel(std::string_view label) {
  for (std::string_view prefix : {"windows-", "x-cp", "cp"}) {
    if (label.starts_with(prefix)) {
      std::string_view rest = label.substr(prefix.size());
      int n = 0;
      auto [p, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), n);
      if (ec == std::errc() && p == rest.data() + rest.size() && n >= 1250 && n <= 1258) {
        return "WINDOWS-" + std::to_string(n);
      }
    }
  }
  for (std::string_view prefix : {"iso-8859-", "iso8859-", "iso_8859-", "iso8859"}) {
    if (label.starts_with(prefix)) {
      std::string_view rest = label.substr(prefix.size());
      rest = rest.substr(0, rest.find(':'));  // "iso_8859-2:1987"
      int n = 0;
      auto [p, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), n);
      if (ec == std::errc() && p == rest.data() + rest.size() && n >= 2 && n <= 16 && n != 12) {
        return "ISO-8859-" + std::to_string(n);
      }
    }
  }
  return "";
}

bool IsPlausibleLabel(std::string_view label) {
  if (label.empty() || label.size() > 40) return false;
  return std::all_of(label.begin(), label.end(), [](char c) {
    return IsAsciiAlpha(c) || IsAsciiDigit(c) || c == '-' || c == '_' || c == '.' || c == ':';
  });
}

// The charset in a Content-Type value: "text/html; charset=gbk" -> "gbk".
std::string CharsetFromContent(std::string_view content) {
  size_t pos = FindIgnoreCase(content, "charset", 0);
  if (pos == std::string_view::npos) return "";
  pos += 7;
  while (pos < content.size() && IsAsciiSpace(content[pos])) ++pos;
  if (pos >= content.size() || content[pos] != '=') return "";
  ++pos;
  while (pos < content.size() && IsAsciiSpace(content[pos])) ++pos;
  if (pos < content.size() && (content[pos] == '"' || content[pos] == '\'')) ++pos;
  size_t end = pos;
  while (end < content.size() && !IsAsciiSpace(content[end]) && content[end] != ';' &&
         content[end] != '"' && content[end] != '\'') {
    ++end;
  }
  return std::string(content.substr(pos, end - pos));
}

struct MetaAttributes {
  std::string_view charset, http_equiv, content;
};

// Reads the attributes of a tag starting after its name; stops at '>'. Returns the position
// after the tag.
size_t ReadMetaAttributes(std::string_view s, size_t pos, MetaAttributes* attrs) {
  while (pos < s.size()) {
    while (pos < s.size() && (IsAsciiSpace(s[pos]) || s[pos] == '/')) ++pos;
    if (pos >= s.size() || s[pos] == '>') return pos + 1;
    const size_t name_start = pos;
    while (pos < s.size() && !IsAsciiSpace(s[pos]) && s[pos] != '=' && s[pos] != '>' &&
           s[pos] != '/') {
      ++pos;
    }
    std::string_view name = s.substr(name_start, pos - name_start);
    while (pos < s.size() && IsAsciiSpace(s[pos])) ++pos;
    std::string_view value;
    if (pos < s.size() && s[pos] == '=') {
      ++pos;
      while (pos < s.size() && IsAsciiSpace(s[pos])) ++pos;
      if (pos < s.size() && (s[pos] == '"' || s[pos] == '\'')) {
        const char quote = s[pos++];
        const size_t end = std::min(s.find(quote, pos), s.size());
        value = s.substr(pos, end - pos);
        pos = end + 1;
      } else {
        const size_t start = pos;
        while (pos < s.size() && !IsAsciiSpace(s[pos]) && s[pos] != '>') ++pos;
        value = s.substr(start, pos - start);
      }
    }
    if (EqualsIgnoreCase(name, "charset")) attrs->charset = value;
    if (EqualsIgnoreCase(name, "http-equiv")) attrs->http_equiv = value;
    if (EqualsIgnoreCase(name, "content")) attrs->content = value;
  }
  return pos;
}

size_t CountNonAscii(std::string_view s) {
  return static_cast<size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; }));
}

}  // namespace

std::string_view CharsetSourceName(CharsetSource source) {
  switch (source) {
    case CharsetSource::kBom:
      return "bom";
    case CharsetSource::kHeader:
      return "header";
    case CharsetSource::kMeta:
      return "meta";
    case CharsetSource::kDetected:
      return "detected";
    case CharsetSource::kDefault:
      return "default";
  }
  return "unknown";
}

std::string CanonicalCharset(std::string_view raw_label) {
  std::string label = AsciiLowercase(TrimSpace(raw_label));
  if (label.size() >= 2 && (label.front() == '"' || label.front() == '\'')) {
    label = label.substr(1, label.size() - 2);
  }
  const auto it =
      std::lower_bound(kLabels.begin(), kLabels.end(), label,
                       [](const Label& l, const std::string& v) { return l.label < v; });
  if (it != kLabels.end() && it->label == label) return std::string(it->iconv_name);
  if (std::string numbered = NumberedLabel(label); !numbered.empty()) return numbered;
  if (!IsPlausibleLabel(label)) return "";
  std::string upper = label;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  IconvHandle probe("UTF-8", upper.c_str());
  return probe.ok() ? upper : "";
}

std::string SniffMetaCharset(std::string_view html) {
  const std::string_view s = html.substr(0, 16 * 1024);
  size_t pos = 0;
  while ((pos = s.find('<', pos)) != std::string_view::npos) {
    if (s.substr(pos, 4) == "<!--") {
      const size_t end = s.find("-->", pos + 4);
      if (end == std::string_view::npos) return "";
      pos = end + 3;
      continue;
    }
    if (StartsWithIgnoreCase(s.substr(pos), "<body")) return "";
    if (StartsWithIgnoreCase(s.substr(pos), "<meta") && pos + 5 < s.size() &&
        (IsAsciiSpace(s[pos + 5]) || s[pos + 5] == '/')) {
      MetaAttributes attrs;
      pos = ReadMetaAttributes(s, pos + 5, &attrs);
      if (!attrs.charset.empty()) return std::string(TrimSpace(attrs.charset));
      if (EqualsIgnoreCase(TrimSpace(attrs.http_equiv), "content-type")) {
        std::string charset = CharsetFromContent(attrs.content);
        if (!charset.empty()) return charset;
      }
      continue;
    }
    ++pos;
  }
  return "";
}

std::optional<std::string> ConvertToUtf8(std::string_view bytes, const std::string& charset,
                                         size_t* replaced) {
  IconvHandle cd("UTF-8", charset.c_str());
  if (!cd.ok()) return std::nullopt;
  size_t replacements = 0;
  // UTF-16 skips a whole code unit on a bad sequence; byte-oriented charsets skip one byte.
  const size_t skip = IsUtf16(charset) ? 2 : 1;
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 2 + 16);
  char buffer[16 * 1024];
  char* in_ptr = const_cast<char*>(bytes.data());  // iconv's signature; it does not write
  size_t in_left = bytes.size();
  while (in_left > 0) {
    char* out_ptr = buffer;
    size_t out_left = sizeof buffer;
    const size_t rc = iconv(cd.get(), &in_ptr, &in_left, &out_ptr, &out_left);
    const int err = errno;
    out.append(buffer, static_cast<size_t>(out_ptr - buffer));
    if (rc != static_cast<size_t>(-1) || err == E2BIG) continue;
    // EILSEQ (an invalid sequence) or EINVAL (one truncated at the end): replace, move on.
    AppendUtf8(kReplacementChar, &out);
    ++replacements;
    const size_t n = std::min(skip, in_left);
    in_ptr += n;
    in_left -= n;
  }
  // Return stateful encodings (ISO-2022-JP) to their initial state.
  char* out_ptr = buffer;
  size_t out_left = sizeof buffer;
  iconv(cd.get(), nullptr, nullptr, &out_ptr, &out_left);
  out.append(buffer, static_cast<size_t>(out_ptr - buffer));
  if (replaced != nullptr) *replaced = replacements;
  return out;
}

std::string DetectCharset(std::string_view bytes) {
  Detector detector;
  if (detector.get() == nullptr) return "";
  // The first 256 KiB decide it; feeding a whole 20 MB page buys no accuracy.
  const std::string_view sample = bytes.substr(0, 256 * 1024);
  if (uchardet_handle_data(detector.get(), sample.data(), sample.size()) != 0) return "";
  uchardet_data_end(detector.get());
  const char* name = uchardet_get_charset(detector.get());
  if (name == nullptr || *name == '\0') return "";
  return CanonicalCharset(name);
}

DecodedHtml DecodeHtml(std::string_view body, std::string_view header_charset) {
  DecodedHtml d;
  d.input_ = body;

  // `census`: CountUtf8(bytes) when the caller has it already (a page is scanned once).
  auto use_utf8 = [&d](std::string_view bytes, CharsetSource source,
                       std::optional<Utf8Census> census = std::nullopt) {
    d.charset_ = "UTF-8";
    d.source_ = source;
    if (!census) census = CountUtf8(bytes);
    if (census->invalid_bytes == 0) {
      d.borrowed_ = true;
      d.input_ = bytes;
      return;
    }
    d.replaced_ = census->invalid_bytes;
    d.borrowed_ = false;
    d.storage_ = SanitizeUtf8(bytes);
  };
  // Returns false when iconv does not know `charset`.
  auto use_iconv = [&d](std::string_view bytes, const std::string& charset, CharsetSource source) {
    std::optional<std::string> converted = ConvertToUtf8(bytes, charset, &d.replaced_);
    if (!converted) return false;
    d.charset_ = charset;
    d.source_ = source;
    d.borrowed_ = false;
    // iconv emits valid UTF-8 for valid input; sanitizing is cheap insurance for odd charsets.
    d.storage_ = IsValidUtf8(*converted) ? std::move(*converted) : SanitizeUtf8(*converted);
    return true;
  };

  // 1. A byte order mark is definitive.
  if (body.starts_with("\xEF\xBB\xBF")) {
    use_utf8(body.substr(3), CharsetSource::kBom);
    return d;
  }
  if (body.starts_with("\xFF\xFE") && use_iconv(body.substr(2), "UTF-16LE", CharsetSource::kBom)) {
    return d;
  }
  if (body.starts_with("\xFE\xFF") && use_iconv(body.substr(2), "UTF-16BE", CharsetSource::kBom)) {
    return d;
  }

  // 2. A declaration: the header, else <meta>.
  std::string declared = CanonicalCharset(header_charset);
  CharsetSource source = CharsetSource::kHeader;
  if (declared.empty()) {
    declared = CanonicalCharset(SniffMetaCharset(body));
    source = CharsetSource::kMeta;
    // A <meta> cannot declare UTF-16: the bytes that spelled it were ASCII (HTML standard).
    if (IsUtf16(declared)) declared = "UTF-8";
  }

  if (!declared.empty() && declared != "UTF-8") {
    // A legacy declaration over bytes that are valid, non-ASCII UTF-8: the declaration is stale.
    if (!IsUtf16(declared)) {
      if (const Utf8Census census = CountUtf8(body);
          census.non_ascii_bytes > 0 && census.invalid_bytes == 0) {
        use_utf8(body, CharsetSource::kDetected, census);
        return d;
      }
    }
    if (use_iconv(body, declared, source)) {
      // A declaration the bytes do not fit (a "gbk" page in Big5, a "shift_jis" page in
      // EUC-JP): many replacements. Detection gets a chance; its charset is kept only when it
      // decodes the bytes more cleanly.
      if (!IsUtf16(declared) && d.replaced_ >= 4 && d.replaced_ * 50 > CountNonAscii(body)) {
        const std::string detected = DetectCharset(body);
        if (!detected.empty() && detected != declared && !IsUtf16(detected)) {
          size_t replaced = 0;
          std::optional<std::string> retry = ConvertToUtf8(body, detected, &replaced);
          if (retry && replaced * 4 < d.replaced_) {
            d.charset_ = detected;
            d.source_ = CharsetSource::kDetected;
            d.replaced_ = replaced;
            d.storage_ = IsValidUtf8(*retry) ? std::move(*retry) : SanitizeUtf8(*retry);
          }
        }
      }
      return d;
    }
    declared.clear();  // iconv cannot use it: as if undeclared
  }

  if (declared == "UTF-8") {
    const Utf8Census census = CountUtf8(body);
    // A few bad bytes are damage; mostly bad bytes mean the declaration is wrong.
    if (census.invalid_bytes >= 8 && census.invalid_bytes * 4 > census.non_ascii_bytes) {
      const std::string detected = DetectCharset(body);
      if (!detected.empty() && detected != "UTF-8" &&
          use_iconv(body, detected, CharsetSource::kDetected)) {
        return d;
      }
    }
    use_utf8(body, source, census);
    return d;
  }

  // 3. Nothing declared: valid UTF-8 is UTF-8; otherwise ask uchardet, else windows-1252.
  if (const Utf8Census census = CountUtf8(body); census.invalid_bytes == 0) {
    use_utf8(body, CharsetSource::kDetected, census);
    return d;
  }
  const std::string detected = DetectCharset(body);
  if (!detected.empty() && detected != "UTF-8" &&
      use_iconv(body, detected, CharsetSource::kDetected)) {
    return d;
  }
  if (use_iconv(body, "WINDOWS-1252", CharsetSource::kDefault)) return d;
  use_utf8(body, CharsetSource::kDefault);
  return d;
}

}  // namespace strata::parser
