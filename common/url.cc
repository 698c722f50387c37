#include "common/url.h"

#include <uriparser/Uri.h>

#include <algorithm>
#include <charconv>
#include <memory>

namespace strata {
namespace {

// Owns a parsed UriUriA and the text its ranges point into (uriparser does not copy it).
class ParsedUri {
 public:
  explicit ParsedUri(std::string_view text) : text_(text) {
    const char* error_pos = nullptr;
    ok_ = uriParseSingleUriExA(&uri_, text_.data(), text_.data() + text_.size(), &error_pos) ==
          URI_SUCCESS;
  }
  ~ParsedUri() { uriFreeUriMembersA(&uri_); }
  ParsedUri(const ParsedUri&) = delete;
  ParsedUri& operator=(const ParsedUri&) = delete;

  bool ok() const { return ok_; }
  UriUriA* get() { return &uri_; }

 private:
  std::string text_;
  UriUriA uri_{};
  bool ok_ = false;
};

std::string_view Range(const UriTextRangeA& r) {
  if (r.first == nullptr || r.afterLast == nullptr) return {};
  return std::string_view(r.first, static_cast<size_t>(r.afterLast - r.first));
}

std::string ToLower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::optional<std::string> ToString(UriUriA* uri) {
  int chars = 0;
  if (uriToStringCharsRequiredA(uri, &chars) != URI_SUCCESS) return std::nullopt;
  std::string out(static_cast<size_t>(chars) + 1, '\0');
  if (uriToStringA(out.data(), uri, chars + 1, nullptr) != URI_SUCCESS) return std::nullopt;
  out.resize(static_cast<size_t>(chars));
  return out;
}

bool IsUnreserved(unsigned char c) {
  return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes %XX of unreserved characters and upper-cases the hex of the others (RFC 3986 6.2.2).
std::string NormalizePercent(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      const int hi = HexValue(s[i + 1]), lo = HexValue(s[i + 2]);
      if (hi >= 0 && lo >= 0) {
        const unsigned char c = static_cast<unsigned char>(hi * 16 + lo);
        if (IsUnreserved(c)) {
          out += static_cast<char>(c);
        } else {
          static constexpr char kHex[] = "0123456789ABCDEF";
          out += '%';
          out += kHex[hi];
          out += kHex[lo];
        }
        i += 2;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

bool ParamDropped(std::string_view name, const std::vector<std::string>& patterns) {
  for (const std::string& p : patterns) {
    if (!p.empty() && p.back() == '*') {
      if (name.substr(0, p.size() - 1) == std::string_view(p).substr(0, p.size() - 1)) return true;
    } else if (name == p) {
      return true;
    }
  }
  return false;
}

std::string FilterQuery(std::string_view query, const UrlNormalizeOptions& options) {
  std::vector<std::string_view> kept;
  size_t start = 0;
  while (start <= query.size()) {
    size_t amp = query.find('&', start);
    if (amp == std::string_view::npos) amp = query.size();
    std::string_view pair = query.substr(start, amp - start);
    if (!pair.empty()) {
      std::string_view name = pair.substr(0, pair.find('='));
      if (!ParamDropped(name, options.drop_params)) kept.push_back(pair);
    }
    start = amp + 1;
  }
  if (options.sort_params) std::stable_sort(kept.begin(), kept.end());
  std::string out;
  for (std::string_view pair : kept) {
    if (!out.empty()) out += '&';
    out += pair;
  }
  return out;
}

}  // namespace

std::optional<UrlParts> ParseUrl(std::string_view url) {
  ParsedUri uri(url);
  if (!uri.ok() || Range(uri.get()->scheme).empty()) return std::nullopt;
  UrlParts parts;
  parts.scheme = ToLower(Range(uri.get()->scheme));
  parts.host = ToLower(Range(uri.get()->hostText));
  std::string_view port = Range(uri.get()->portText);
  if (!port.empty()) {
    auto [ptr, ec] = std::from_chars(port.data(), port.data() + port.size(), parts.port);
    if (ec != std::errc() || ptr != port.data() + port.size() || parts.port > 65535) {
      return std::nullopt;
    }
  }
  for (UriPathSegmentA* seg = uri.get()->pathHead; seg != nullptr; seg = seg->next) {
    parts.path += '/';
    parts.path += Range(seg->text);
  }
  if (!uri.get()->absolutePath && parts.host.empty() && !parts.path.empty()) {
    parts.path.erase(0, 1);  // "mailto:x" style: no leading slash was written
  }
  parts.query = std::string(Range(uri.get()->query));
  parts.fragment = std::string(Range(uri.get()->fragment));
  return parts;
}

std::optional<std::string> ResolveUrl(std::string_view base, std::string_view ref) {
  // Browsers strip surrounding whitespace (and tabs/newlines inside) from href values.
  auto trim = [](std::string_view s) {
    while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') s.remove_prefix(1);
    while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') s.remove_suffix(1);
    return s;
  };
  std::string cleaned;
  for (char c : trim(ref)) {
    if (c != '\n' && c != '\r' && c != '\t') cleaned += c;
  }
  // uriparser rejects raw spaces and non-ASCII; percent-encode them as browsers do.
  std::string encoded;
  for (unsigned char c : cleaned) {
    if (c == ' ' || c >= 0x80 || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' ||
        c == '`' || c == '{' || c == '|' || c == '}') {
      static constexpr char kHex[] = "0123456789ABCDEF";
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    } else {
      encoded += static_cast<char>(c);
    }
  }
  ParsedUri base_uri(base);
  ParsedUri ref_uri(encoded);
  if (!base_uri.ok() || !ref_uri.ok()) return std::nullopt;
  UriUriA resolved{};
  if (uriAddBaseUriExA(&resolved, ref_uri.get(), base_uri.get(), URI_RESOLVE_STRICTLY) !=
      URI_SUCCESS) {
    uriFreeUriMembersA(&resolved);
    return std::nullopt;
  }
  std::optional<std::string> out = ToString(&resolved);
  uriFreeUriMembersA(&resolved);
  return out;
}

std::optional<std::string> NormalizeUrl(std::string_view url, const UrlNormalizeOptions& options) {
  std::optional<UrlParts> parts = ParseUrl(url);
  if (!parts || (parts->scheme != "http" && parts->scheme != "https") || parts->host.empty()) {
    return std::nullopt;
  }
  // Remove dot segments with uriparser (it knows RFC 3986 5.2.4 better than a hand loop).
  ParsedUri uri(url);
  if (!uri.ok() || uriNormalizeSyntaxExA(uri.get(), URI_NORMALIZE_PATH | URI_NORMALIZE_SCHEME |
                                                        URI_NORMALIZE_HOST) != URI_SUCCESS) {
    return std::nullopt;
  }
  std::string path;
  for (UriPathSegmentA* seg = uri.get()->pathHead; seg != nullptr; seg = seg->next) {
    path += '/';
    path += Range(seg->text);
  }
  if (path.empty()) path.push_back('/');  // not `= "/"`: GCC 12 -Wrestrict false positive at -O2

  std::string out = parts->scheme;
  out += "://";
  const bool ipv6 = parts->host.find(':') != std::string::npos;
  if (ipv6) out += '[';
  out += parts->host;
  if (ipv6) out += ']';
  const bool default_port = (parts->scheme == "http" && parts->port == 80) ||
                            (parts->scheme == "https" && parts->port == 443);
  if (parts->port != 0 && !default_port) {
    out += ':';
    out += std::to_string(parts->port);
  }
  out += NormalizePercent(path);
  const std::string query = FilterQuery(parts->query, options);
  if (!query.empty()) {
    out += '?';
    out += NormalizePercent(query);
  }
  if (!options.drop_fragment && !parts->fragment.empty()) {
    out += '#';
    out += parts->fragment;
  }
  return out;
}

std::optional<std::string> NormalizeUrl(std::string_view url) {
  static const UrlNormalizeOptions kDefaults;
  return NormalizeUrl(url, kDefaults);
}

std::string UrlHost(std::string_view url) {
  std::optional<UrlParts> parts = ParseUrl(url);
  return parts ? parts->host : std::string();
}

bool IsHttpUrl(std::string_view url) {
  std::optional<UrlParts> parts = ParseUrl(url);
  return parts && (parts->scheme == "http" || parts->scheme == "https") && !parts->host.empty();
}

}  // namespace strata
