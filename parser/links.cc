#include "parser/links.h"

#include <unordered_set>

#include "common/url.h"
#include "parser/dom.h"
#include "parser/link_resolver.h"
#include "parser/text_util.h"

namespace strata::parser {

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
  const LinkResolver resolver(base_url);
  for (const GumboNode* anchor : anchors) {
    if (max_links != 0 && links.size() >= max_links) break;
    std::optional<std::string> url = resolver.Resolve(Attribute(anchor, "href"));
    if (url && seen.insert(*url).second) links.push_back(std::move(*url));
  }
  return links;
}

std::string CanonicalUrl(std::string_view canonical_href, std::string_view og_url,
                         std::string_view base_url) {
  const LinkResolver resolver(base_url);
  for (std::string_view href : {canonical_href, og_url}) {
    if (std::optional<std::string> url = resolver.Resolve(href)) return *url;
  }
  return "";
}

}  // namespace strata::parser
