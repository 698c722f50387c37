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
  const UriUriA* get() const { return &uri_; }

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

// What browsers do to an href before parsing it: surrounding whitespace and control characters
// go, tabs and newlines inside are removed (WHATWG URL standard).
std::string CleanUrlText(std::string_view text) {
  while (!text.empty() && static_cast<unsigned char>(text.front()) <= ' ') text.remove_prefix(1);
  while (!text.empty() && static_cast<unsigned char>(text.back()) <= ' ') text.remove_suffix(1);
  std::string cleaned;
  cleaned.reserve(text.size());
  for (char c : text) {
    if (c != '\n' && c != '\r' && c != '\t') cleaned += c;
  }
  return cleaned;
}

// uriparser accepts only RFC 3986 characters; real URLs also carry spaces, UTF-8 and a few
// other characters. Percent-encode those (as browsers do) so they parse; '%' itself is kept.
std::string EncodeForParsing(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string encoded;
  encoded.reserve(text.size());
  for (unsigned char c : text) {
    if (c <= ' ' || c >= 0x7F || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' ||
        c == '`' || c == '{' || c == '|' || c == '}') {
      encoded += '%';
      encoded += kHex[c >> 4];
      encoded += kHex[c & 15];
    } else {
      encoded += static_cast<char>(c);
    }
  }
  return encoded;
}

// A host as strata keeps it: ASCII letters lower case; percent-encoded non-ASCII bytes decoded
// back to the UTF-8 they were (an internationalised name stays in the form it was written: no
// conversion to or from punycode, and no Unicode case folding; libcurl converts a UTF-8 name
// when it connects); any other percent-encoding with upper-case hex.
std::string NormalizeHost(std::string_view host) {
  std::string out;
  out.reserve(host.size());
  for (size_t i = 0; i < host.size(); ++i) {
    if (host[i] == '%' && i + 2 < host.size()) {
      const int hi = HexValue(host[i + 1]), lo = HexValue(host[i + 2]);
      if (hi >= 0 && lo >= 0) {
        const int octet = hi * 16 + lo;
        if (octet >= 0x80) {
          out += static_cast<char>(octet);
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
    const char c = host[i];
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
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
  if (options.sort_params) {
    // By name only, and stable: repeated names ("tag=a&tag=b") may be an ordered list.
    std::stable_sort(kept.begin(), kept.end(), [](std::string_view a, std::string_view b) {
      return a.substr(0, a.find('=')) < b.substr(0, b.find('='));
    });
  }
  std::string out;
  for (std::string_view pair : kept) {
    if (!out.empty()) out += '&';
    out += pair;
  }
  return out;
}

// The base parsed last on this thread. A page resolves all its links (and its body's links and
// images, twice: HTML and Markdown) against one base; parsing it again for each was half the
// cost of resolving.
const ParsedUri& ParsedBase(std::string_view base) {
  thread_local std::string text;
  thread_local std::unique_ptr<ParsedUri> parsed;
  if (parsed == nullptr || text != base) {
    parsed.reset();  // first: if the assignment below throws, no stale parse is left behind
    text.assign(base);
    parsed = std::make_unique<ParsedUri>(EncodeForParsing(CleanUrlText(base)));
  }
  return *parsed;
}

}  // namespace

std::optional<UrlParts> ParseUrl(std::string_view url) {
  ParsedUri uri(EncodeForParsing(url));
  if (!uri.ok() || Range(uri.get()->scheme).empty()) return std::nullopt;
  UrlParts parts;
  parts.scheme = ToLower(Range(uri.get()->scheme));
  parts.host = NormalizeHost(Range(uri.get()->hostText));
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
  const ParsedUri& base_uri = ParsedBase(base);
  ParsedUri ref_uri(EncodeForParsing(CleanUrlText(ref)));
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
  // Unreserved characters mean the same encoded or not, in every component (RFC 3986 6.2.2.2),
  // so decoding them first is safe, and it lets "%2E%2E" count as a dot segment below.
  ParsedUri uri(NormalizePercent(EncodeForParsing(CleanUrlText(url))));
  if (!uri.ok()) return std::nullopt;
  const std::string scheme = ToLower(Range(uri.get()->scheme));
  const std::string host = NormalizeHost(Range(uri.get()->hostText));
  if ((scheme != "http" && scheme != "https") || host.empty()) return std::nullopt;
  int port = 0;
  if (const std::string_view port_text = Range(uri.get()->portText); !port_text.empty()) {
    auto [ptr, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc() || ptr != port_text.data() + port_text.size() || port > 65535) {
      return std::nullopt;
    }
  }
  // Copied before uriNormalizeSyntaxExA, which may reallocate the parts it rewrites.
  const std::string user_info(Range(uri.get()->userInfo));
  const std::string query = FilterQuery(Range(uri.get()->query), options);
  const std::string fragment(Range(uri.get()->fragment));

  // Remove dot segments with uriparser (it knows RFC 3986 5.2.4 better than a hand loop). Empty
  // segments ("a//b") are kept: some servers route on them.
  if (uriNormalizeSyntaxExA(uri.get(), URI_NORMALIZE_PATH) != URI_SUCCESS) return std::nullopt;
  std::string path;
  for (UriPathSegmentA* seg = uri.get()->pathHead; seg != nullptr; seg = seg->next) {
    path += '/';
    path += Range(seg->text);
  }
  if (path.empty()) path.push_back('/');  // not `= "/"`: GCC 12 -Wrestrict false positive at -O2

  std::string out = scheme;
  out += "://";
  if (!user_info.empty()) {
    out += user_info;  // kept: dropping credentials would change what is fetched
    out += '@';
  }
  const bool ipv6 = host.find(':') != std::string::npos;
  if (ipv6) out += '[';
  out += host;
  if (ipv6) out += ']';
  const bool default_port = (scheme == "http" && port == 80) || (scheme == "https" && port == 443);
  if (port != 0 && !default_port) {
    out += ':';
    out += std::to_string(port);
  }
  out += path;
  if (!query.empty()) {  // "?" alone is dropped
    out += '?';
    out += query;
  }
  if (!options.drop_fragment && !fragment.empty()) {  // "#" alone is dropped
    out += '#';
    out += fragment;
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
