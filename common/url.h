// URL parsing, resolution and normalisation (RFC 3986, via uriparser). The crawler deduplicates
// on the normalised form and the archive keys articles by it, so every module must agree on it:
// that is why it lives here.
//
// Thread-safety: free functions without shared state (ResolveUrl keeps its last parsed base in
// a thread_local cache).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace strata {

struct UrlParts {
  std::string scheme;  // lower case
  std::string host;    // ASCII lower case, without brackets for IPv6; a UTF-8 name stays UTF-8
  int port = 0;        // 0 when none was given
  std::string path;    // as written ("" or "/..."), spaces and non-ASCII percent-encoded
  std::string query;   // without '?', encoded as the path
  std::string fragment;
};

// Splits an absolute URL; nullopt when it does not parse or is relative. Like a browser, it
// accepts spaces and UTF-8 (they are percent-encoded in path, query and fragment).
std::optional<UrlParts> ParseUrl(std::string_view url);

// Resolves `ref` (absolute or relative, as found in an href) against `base`. The result is
// absolute but not normalised; nullopt when either does not parse.
std::optional<std::string> ResolveUrl(std::string_view base, std::string_view ref);

// Also the [urls] section of the config (config::Config::urls).
struct UrlNormalizeOptions {
  bool drop_fragment = true;
  // Query parameters to remove; a trailing '*' matches a prefix ("utm_*").
  std::vector<std::string> drop_params = {"utm_*", "spm", "fbclid", "gclid"};
  bool sort_params = false;  // off by default: some servers care about order
};

// Normalises an absolute http(s) URL (RFC 3986 section 6 plus crawler conventions):
// - scheme and host lower case (ASCII only: an internationalised host keeps the form it was
//   written in, UTF-8 or punycode; no conversion either way), the default port dropped;
// - percent-encodings with upper-case hex, unreserved characters decoded ("%7E" -> "~"),
//   spaces and non-ASCII bytes encoded;
// - dot segments removed (also encoded ones), an empty path made "/", repeated slashes kept;
// - an empty query ("?") and an empty fragment ("#") dropped; query parameters matching
//   options.drop_params dropped, the rest in their order unless options.sort_params;
// - the fragment dropped unless !options.drop_fragment; user:password@ kept.
// Returns nullopt when the URL is not an absolute http(s) URL with a host.
std::optional<std::string> NormalizeUrl(std::string_view url, const UrlNormalizeOptions& options);
std::optional<std::string> NormalizeUrl(std::string_view url);

// The lower-case host of an absolute URL, or "" when it has none.
std::string UrlHost(std::string_view url);

// True for http and https (the only schemes strata fetches).
bool IsHttpUrl(std::string_view url);

}  // namespace strata
