// URLs a page points to: its links (what the crawler may follow) and its canonical URL (what
// the archive keys it by). All resolved against the page's base URL and normalised with
// strata::NormalizeUrl, so every module compares them the same way.
//
// Thread-safety: pure functions.
#pragma once

#include <gumbo.h>

#include <string>
#include <string_view>
#include <vector>

namespace strata::parser {

// The URL relative links resolve against: <base href> resolved against the page URL, or the
// page URL itself.
std::string BaseUrl(std::string_view page_url, std::string_view base_href);

// The href of every <a>/<area> in `anchors`, resolved against `base_url`; http(s) only,
// normalised, deduplicated, in document order, at most `max_links` (0 = no limit).
// Fragment-only hrefs ("#top") point into the page itself and are left out.
std::vector<std::string> CollectLinks(const std::vector<const GumboNode*>& anchors,
                                      std::string_view base_url, size_t max_links);

// <link rel=canonical>, else og:url, resolved and normalised; "" when neither gives an
// http(s) URL.
std::string CanonicalUrl(std::string_view canonical_href, std::string_view og_url,
                         std::string_view base_url);

}  // namespace strata::parser
