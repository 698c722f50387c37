// Element lookup by local name for the XML formats strata reads with pugixml (feeds, sitemaps):
// they mix namespaces under any prefix ("atom:link", "news:news"), so elements are matched by
// the part after the colon.
//
// Internal to parser/. Thread-safety: pure functions.
#pragma once

#include <pugixml.hpp>

#include <string_view>

namespace strata::parser {

// "atom:link" -> "link".
inline std::string_view LocalName(const pugi::xml_node& node) {
  std::string_view name = node.name();
  const size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// The first child element of `parent` named `local` (any prefix), or an empty node.
inline pugi::xml_node Child(const pugi::xml_node& parent, std::string_view local) {
  for (pugi::xml_node child : parent.children()) {
    if (child.type() == pugi::node_element && LocalName(child) == local) return child;
  }
  return {};
}

}  // namespace strata::parser
