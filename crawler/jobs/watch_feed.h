// Feed entries of `strata watch`: fetch the feed (one request through the politeness stack:
// robots.txt, per-host gap, retries) and take its items' article links (parser/feed.h parses
// it: RSS 2.0, RSS 1.0/RDF, Atom).
//
// Thread-safety: FetchOnce runs its own io_context on the calling thread; FeedItemLinks is pure.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/fetched_page.h"
#include "common/kv_store.h"
#include "common/result.h"
#include "common/time.h"
#include "config/config.h"

namespace strata::jobs {

// Fetches `url` with GET through crawler::PoliteFetcher over a FetchLoop built from `config`,
// `clock` for robots.txt expiry; robots.txt answers are kept in `robots_store` when not null.
// The page says how it went (FetchedPage::outcome, http_status).
FetchedPage FetchOnce(const std::string& url, const config::Config& config, const Clock& clock,
                      KvStore* robots_store);

// The article links of a feed's entries (parser::ParseFeed: resolved against `feed_url` and
// normalised, entries without an http(s) link left out), in feed order, duplicates dropped, at
// most `max_items`. InvalidArgument when `xml` is not XML or not a feed.
Result<std::vector<std::string>> FeedItemLinks(std::string_view xml, std::string_view feed_url,
                                               size_t max_items);

}  // namespace strata::jobs
