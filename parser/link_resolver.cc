#include "parser/link_resolver.h"

#include <unordered_map>

#include "common/url.h"
#include "parser/text_util.h"

namespace strata::parser {
namespace {

// Bounds the memo's memory (a few MB per thread); past it, it starts over.
constexpr size_t kMaxMemoEntries = 16 * 1024;

std::optional<std::string> ResolveUncached(std::string_view base_url, std::string_view href) {
  std::optional<std::string> absolute = ResolveUrl(base_url, href);
  if (!absolute) return std::nullopt;
  return NormalizeUrl(*absolute);
}

// True for bytes CleanUrlText or EncodeForParsing (common/url.cc) would change: such text is
// resolved, never memoised.
bool NeedsCleaning(std::string_view text) {
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= ' ' || byte >= 0x7F) return true;
  }
  return false;
}

// "scheme://authority" of an http(s) URL: up to the path, query or fragment.
std::string_view OriginOf(std::string_view url) {
  const size_t authority = url.find("://");
  if (authority == std::string_view::npos) return {};
  const size_t end = url.find_first_of("/?#", authority + 3);
  return url.substr(0, end);
}

// Whether what `href` resolves to depends on the base's scheme and authority only: absolute
// URLs ("https://..."), network-path ("//host/...") and path-absolute ("/...") references
// (RFC 3986 5.2.2). Relative paths, "?query" and "" depend on the base's path too.
bool DependsOnOriginOnly(std::string_view href) {
  if (href.starts_with('/')) return true;
  return StartsWithIgnoreCase(href, "http://") || StartsWithIgnoreCase(href, "https://");
}

// True for a path NormalizeUrl leaves as it is: "/" then unreserved characters and slashes
// (nothing to encode, decode or clean), no "." or ".." segment, no query or fragment.
bool IsPlainPath(std::string_view path) {
  if (path.empty() || path.front() != '/') return false;
  size_t segment_start = 0;  // the '/' before the current segment
  for (size_t i = 0; i <= path.size(); ++i) {
    if (i == path.size() || path[i] == '/') {
      const std::string_view segment = path.substr(segment_start + 1, i - segment_start - 1);
      if (segment == "." || segment == "..") return false;
      segment_start = i;
      continue;
    }
    const char c = path[i];
    if (!IsAsciiAlpha(c) && !IsAsciiDigit(c) && c != '-' && c != '.' && c != '_' && c != '~') {
      return false;
    }
  }
  return true;
}

std::unordered_map<std::string, std::optional<std::string>>& Memo() {
  thread_local std::unordered_map<std::string, std::optional<std::string>> memo;
  return memo;
}

}  // namespace

LinkResolver::LinkResolver(std::string_view base_url) : base_url_(base_url) {
  const std::string_view origin = OriginOf(base_url);
  // Only a base that parses: an unparseable one resolves nothing, whatever its origin says.
  if (!origin.empty() && !NeedsCleaning(base_url) && IsHttpUrl(base_url)) origin_ = origin;
  if (!origin_.empty()) {
    const std::string root = origin_ + "/";
    origin_is_normal_ = NormalizeUrl(root) == root;
  }
}

std::optional<std::string> LinkResolver::Resolve(std::string_view href) const {
  href = TrimSpace(href);
  if (href.empty() || href.front() == '#') return std::nullopt;
  // Schemes that are never pages: skip them before paying for a parse.
  for (std::string_view scheme : {"javascript:", "mailto:", "tel:", "data:", "sms:"}) {
    if (StartsWithIgnoreCase(href, scheme)) return std::nullopt;
  }
  // The commonest links, "/tags/go" and the page's own origin spelled out, need no parse when
  // the origin is normal already: the answer is origin + path.
  if (origin_is_normal_) {
    if (href.size() > 1 && href[0] == '/' && href[1] != '/' && IsPlainPath(href)) {
      return origin_ + std::string(href);
    }
    if (href == "/") return origin_ + "/";
    if (href.starts_with(origin_) && IsPlainPath(href.substr(origin_.size()))) {
      return std::string(href);
    }
  }
  if (origin_.empty() || !DependsOnOriginOnly(href) || NeedsCleaning(href)) {
    return ResolveUncached(base_url_, href);
  }
  std::string key;
  key.reserve(origin_.size() + 1 + href.size());
  key += origin_;
  key += '\n';  // never part of a URL here: NeedsCleaning rejected it
  key += href;
  auto& memo = Memo();
  if (auto it = memo.find(key); it != memo.end()) return it->second;
  std::optional<std::string> resolved = ResolveUncached(base_url_, href);
  if (memo.size() >= kMaxMemoEntries) memo.clear();
  memo.emplace(std::move(key), resolved);
  return resolved;
}

}  // namespace strata::parser
