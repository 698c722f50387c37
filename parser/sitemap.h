// Sitemaps (sitemaps.org 0.9: <urlset> and <sitemapindex>), parsed with pugixml, and the
// Sitemap: lines of robots.txt. For `strata author` when neither the profile nor the page's
// links find the author's posts: the site's sitemaps list every page, and the author's posts
// are the ones under the author's path (a blog per author: cnblogs.com/<blogApp>/...) or all
// of them (a personal site, the author URL being the site itself).
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace strata::parser {

struct SitemapEntry {
  std::string url;      // <loc>, resolved and normalised
  std::string lastmod;  // ISO 8601, or ""
};

struct Sitemap {
  bool is_index = false;  // a <sitemapindex>: `entries` are sitemaps, not pages
  std::vector<SitemapEntry> entries;
};

// The most a sitemap may hold uncompressed (sitemaps.org: 50 MB).
inline constexpr size_t kMaxSitemapBytes = 50 << 20;

// Parses `body` fetched from `sitemap_url`, gzipped or not (sitemap.xml.gz: inflated up to
// kMaxSitemapBytes). InvalidArgument when it is not XML, inflates past the limit, or is XML
// of another kind; Corruption for a damaged gzip file. At most `max_entries` entries are kept
// (the protocol allows 50,000 per file).
Result<Sitemap> ParseSitemap(std::string_view body, std::string_view sitemap_url,
                             size_t max_entries = 50'000);

// The URLs of the "Sitemap:" lines of a robots.txt (any case, anywhere in the file), absolute
// http(s) only, in file order without duplicates.
std::vector<std::string> RobotsTxtSitemaps(std::string_view robots_txt);

}  // namespace strata::parser
