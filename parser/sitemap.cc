#include "parser/sitemap.h"

#include <pugixml.hpp>

#include <set>

#include "common/url.h"
#include "parser/date_parse.h"
#include "parser/gzip.h"
#include "parser/text_util.h"
#include "parser/xml_names.h"

namespace strata::parser {

Result<Sitemap> ParseSitemap(std::string_view body, std::string_view sitemap_url,
                             size_t max_entries) {
  std::string inflated;
  if (IsGzip(body)) {
    // sitemap.xml.gz, served as a file (application/gzip), not as a Content-Encoding libcurl
    // would have undone.
    Result<std::string> plain = Gunzip(body, kMaxSitemapBytes);
    if (!plain.ok()) return plain.status().WithContext("not a sitemap: gzip file");
    inflated = std::move(*plain);
    body = inflated;
  }
  pugi::xml_document doc;
  const pugi::xml_parse_result parsed = doc.load_buffer(body.data(), body.size());
  if (!parsed) {
    return Status::InvalidArgument("not a sitemap: not XML (" + std::string(parsed.description()) +
                                   " at byte " + std::to_string(parsed.offset) + ")");
  }
  const pugi::xml_node root = doc.document_element();
  Sitemap sitemap;
  std::string_view entry_name;
  if (LocalName(root) == "urlset") {
    entry_name = "url";
  } else if (LocalName(root) == "sitemapindex") {
    entry_name = "sitemap";
    sitemap.is_index = true;
  } else {
    return Status::InvalidArgument("not a sitemap: the root element is <" +
                                   std::string(root.name()) + ">");
  }
  std::set<std::string> seen;
  for (pugi::xml_node entry : root.children()) {
    if (sitemap.entries.size() >= max_entries) break;
    if (entry.type() != pugi::node_element || LocalName(entry) != entry_name) continue;
    const std::string_view loc = TrimSpace(Child(entry, "loc").text().get());
    if (loc.empty()) continue;
    std::optional<std::string> absolute = ResolveUrl(sitemap_url, loc);
    if (!absolute || !IsHttpUrl(*absolute)) continue;
    std::optional<std::string> url = NormalizeUrl(*absolute);
    if (!url || !seen.insert(*url).second) continue;
    SitemapEntry item;
    item.url = std::move(*url);
    if (pugi::xml_node lastmod = Child(entry, "lastmod")) {
      item.lastmod = NormalizeDate(TrimSpace(lastmod.text().get())).value_or("");
    }
    sitemap.entries.push_back(std::move(item));
  }
  return sitemap;
}

std::vector<std::string> RobotsTxtSitemaps(std::string_view robots_txt) {
  std::vector<std::string> urls;
  std::set<std::string> seen;
  size_t start = 0;
  while (start < robots_txt.size()) {
    size_t end = robots_txt.find('\n', start);
    if (end == std::string_view::npos) end = robots_txt.size();
    std::string_view line = TrimSpace(robots_txt.substr(start, end - start));
    start = end + 1;
    if (const size_t hash = line.find('#'); hash != std::string_view::npos) {
      line = TrimSpace(line.substr(0, hash));
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string key(TrimSpace(line.substr(0, colon)));
    for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (key != "sitemap") continue;
    const std::string_view value = TrimSpace(line.substr(colon + 1));
    if (!IsHttpUrl(value) || !ParseUrl(value)) continue;
    if (seen.insert(std::string(value)).second) urls.emplace_back(value);
  }
  return urls;
}

}  // namespace strata::parser
