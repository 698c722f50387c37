// RSS and Atom feeds (RSS 2.0, RSS 1.0/RDF, Atom 1.0), parsed with pugixml: the entries an
// author's feed lists, and the link to the feed's next page where the feed is paged (RFC 5005
// <atom:link rel="next">, which RSS feeds carry too). For `strata author` when the author
// page advertises a feed or the URL is a feed.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "parser/listing_post.h"

namespace strata::parser {

struct Feed {
  std::string title;
  std::vector<ListedPost> entries;  // in feed order; entries without an http(s) link are left out
  std::string next_url;             // the next page (resolved, normalised), or ""
};

// Parses `body` (XML bytes) fetched from `feed_url` (resolves relative links). Dates become
// ISO 8601. InvalidArgument when the body is not XML, or XML that is no RSS or Atom feed
// ("not a feed: the root element is <urlset>").
Result<Feed> ParseFeed(std::string_view body, std::string_view feed_url);

// True when the body looks like a feed without parsing it all: an <rss, <feed or <rdf:RDF root
// near the start (for a URL given to `strata author` that turns out to be a feed).
bool LooksLikeFeed(std::string_view body);

}  // namespace strata::parser
