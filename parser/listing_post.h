// ListedPost: one post as an author's listing names it (an HTML listing's link, an API item, a
// feed entry, a sitemap URL), before it is fetched: what the author job archives and what the
// listing tells about it beforehand (a modified time is a change signal: juejin's mtime).
//
// Thread-safety: a plain value.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace strata::parser {

struct ListedPost {
  std::string url;        // absolute, normalised
  std::string id;         // the site's id for it, when the listing gives one
  std::string title;      // as listed ("" when not given)
  std::string published;  // ISO 8601 ("" when not given or not a date)
  std::string modified;   // ISO 8601 ("" when not given)
  std::optional<int64_t> views;
};

}  // namespace strata::parser
