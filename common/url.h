// URL parsing, resolution and normalisation (RFC 3986, via uriparser). The crawler deduplicates
// on the normalised form and the archive keys articles by it, so every module must agree on it:
// that is why it lives here.
//
// Thread-safety: free functions without shared state.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace strata {

struct UrlParts {
  std::string scheme;  // lower case
  std::string host;    // lower case, without brackets for IPv6
  int port = 0;        // 0 when none was given
  std::string path;    // as written ("" or "/...")
  std::string query;   // without '?'
  std::string fragment;
};

// Splits an absolute URL; nullopt when it does not parse or is relative.
std::optional<UrlParts> ParseUrl(std::string_view url);

// Resolves `ref` (absolute or relative, as found in an href) against `base`. The result is
// absolute but not normalised; nullopt when either does not parse.
std::optional<std::string> ResolveUrl(std::string_view base, std::string_view ref);

struct UrlNormalizeOptions {
  bool drop_fragment = true;
  // Query parameters to remove; a trailing '*' matches a prefix ("utm_*").
  std::vector<std::string> drop_params = {"utm_*", "spm", "fbclid", "gclid"};
  bool sort_params = false;  // off by default: some servers care about order
};

// Normalises an absolute http(s) URL: scheme and host lower case, default port dropped, dot
// segments removed, an empty path made "/", percent-encodings upper case and unreserved ones
// decoded, the fragment and tracking parameters dropped. Returns nullopt when the URL is not an
// absolute http(s) URL with a host.
std::optional<std::string> NormalizeUrl(std::string_view url, const UrlNormalizeOptions& options);
std::optional<std::string> NormalizeUrl(std::string_view url);

// The lower-case host of an absolute URL, or "" when it has none.
std::string UrlHost(std::string_view url);

// True for http and https (the only schemes strata fetches).
bool IsHttpUrl(std::string_view url);

}  // namespace strata
