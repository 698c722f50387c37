#include "parser/content_type.h"

#include <array>

#include "parser/text_util.h"

namespace strata::parser {
namespace {

std::string_view TrimAscii(std::string_view s) {
  while (!s.empty() && IsAsciiSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsAsciiSpace(s.back())) s.remove_suffix(1);
  return s;
}

// Magic numbers of formats that servers send with a missing or generic type. A match means the
// body is certainly not HTML.
struct Signature {
  std::string_view magic;
  std::string_view name;
};
constexpr std::array<Signature, 10> kBinarySignatures = {{
    {"%PDF-", "PDF"},
    {"\x89PNG\r\n\x1a\n", "PNG"},
    {"\xFF\xD8\xFF", "JPEG"},
    {"GIF87a", "GIF"},
    {"GIF89a", "GIF"},
    {"RIFF", "RIFF (WebP/WAV/AVI)"},
    {"PK\x03\x04", "ZIP"},
    {"\x1f\x8b", "gzip"},
    {"\x28\xb5\x2f\xfd", "zstd"},
    {"\x7f"
     "ELF",
     "ELF"},
}};

bool IsTextualMime(std::string_view mime) {
  return mime.empty() || mime.starts_with("text/") || mime == "application/xhtml+xml" ||
         mime == "application/xml" || mime.ends_with("+xml") ||
         mime == "application/octet-stream" || mime == "application/x-unknown" ||
         mime == "unknown/unknown";
}

}  // namespace

ContentType ParseContentType(std::string_view header) {
  ContentType type;
  const size_t semi = header.find(';');
  type.mime = AsciiLowercase(TrimAscii(header.substr(0, semi)));
  if (semi == std::string_view::npos) return type;
  std::string_view params = header.substr(semi + 1);
  while (!params.empty()) {
    size_t end = params.find(';');
    std::string_view param = TrimAscii(params.substr(0, end));
    params = end == std::string_view::npos ? std::string_view() : params.substr(end + 1);
    const size_t eq = param.find('=');
    if (eq == std::string_view::npos) continue;
    if (!EqualsIgnoreCase(TrimAscii(param.substr(0, eq)), "charset")) continue;
    std::string_view value = TrimAscii(param.substr(eq + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'')) {
      const char quote = value.front();
      value.remove_prefix(1);
      value = value.substr(0, value.find(quote));
    }
    type.charset = std::string(TrimAscii(value));
    break;
  }
  return type;
}

Status CheckHtmlInput(const ContentType& type, std::string_view body) {
  if (!IsTextualMime(type.mime)) {
    return Status::InvalidArgument("content type " + type.mime + " is not HTML");
  }
  if (type.mime.empty() || type.mime == "application/octet-stream" ||
      type.mime == "application/x-unknown" || type.mime == "unknown/unknown") {
    for (const Signature& sig : kBinarySignatures) {
      if (body.starts_with(sig.magic)) {
        return Status::InvalidArgument("body is " + std::string(sig.name) + ", not HTML");
      }
    }
  }
  return Status::Ok();
}

}  // namespace strata::parser
