// LinkResolver: the hrefs of one page resolved against its base URL and normalised
// (strata::ResolveUrl, then strata::NormalizeUrl with the defaults); http(s) only.
//
// Why a class: that is two URL parses per link, ~90 links a page, and link collection was a
// twentieth of a first crawl's CPU. Most links of a site are absolute or root-relative
// ("/tags/go") and come back on page after page (menus, tags, related posts); their result
// depends on the base's scheme and authority alone, so they are remembered per thread, keyed by
// both, and a crawl resolves each of them about once.
//
// Thread-safety: one resolver per thread at a time (the memo is thread_local).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace strata::parser {

class LinkResolver {
 public:
  explicit LinkResolver(std::string_view base_url);

  // The absolute, normalised http(s) URL `href` points to; nullopt for fragment-only hrefs
  // ("#top"), other schemes (mailto:, javascript:, ...), and what does not parse.
  std::optional<std::string> Resolve(std::string_view href) const;

 private:
  std::string base_url_;
  // "scheme://authority" of the base when it parses as an http(s) URL and needs no cleaning,
  // else "" (then nothing is memoised).
  std::string origin_;
  bool origin_is_normal_ = false;  // origin_ + "/" is what NormalizeUrl makes of it
};

}  // namespace strata::parser
