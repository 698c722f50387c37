#include "parser/links.h"

#include <unordered_set>

#include "common/url.h"
#include "parser/dom.h"
#include "parser/text_util.h"

namespace strata::parser {
namespace {

std::optional<std::string> ResolveHttp(std::string_view base_url, std::string_view href) {
  href = TrimSpace(href);
  if (href.empty() || href.front() == '#') return std::nullopt;
  // Schemes that are never pages: skip them before paying for a parse.
  for (std::string_view scheme : {"javascript:", "mailto:", "tel:", "data:", "sms:"}) {
    if (StartsWithIgnoreCase(href, scheme)) return std::nullopt;
  }
  std::optional<std::string> absolute = ResolveUrl(base_url, href);
  if (!absolute) return std::nullopt;
  return NormalizeUrl(*absolute);
}

}  // namespace

std::string BaseUrl(std::string_view page_url, std::string_view base_href) {
  if (!TrimSpace(base_href).empty()) {
    if (std::optional<std::string> base = ResolveUrl(page_url, TrimSpace(base_href))) {
      if (IsHttpUrl(*base)) return *base;
    }
  }
  return std::string(page_url);
}

std::vector<std::string> CollectLinks(const std::vector<const GumboNode*>& anchors,
                                      std::string_view base_url, size_t max_links) {
  std::vector<std::string> links;
  std::unordered_set<std::string> seen;
  for (const GumboNode* anchor : anchors) {
    if (max_links != 0 && links.size() >= max_links) break;
    std::optional<std::string> url = ResolveHttp(base_url, Attribute(anchor, "href"));
    if (url && seen.insert(*url).second) links.push_back(std::move(*url));
  }
  return links;
}

std::string CanonicalUrl(std::string_view canonical_href, std::string_view og_url,
                         std::string_view base_url) {
  for (std::string_view href : {canonical_href, og_url}) {
    if (std::optional<std::string> url = ResolveHttp(base_url, href)) return *url;
  }
  return "";
}

}  // namespace strata::parser
