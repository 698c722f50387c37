// One answer of an author listing's JSON API (the [listing.api] of a site profile), read with
// the rule's JSON paths (parser/json_path.h): the items and each item's URL (or id, made a URL
// with the rule's post_url template), title, dates and views; the paging signals (has_more,
// the next cursor, the total the site states). Also the answer of a [listing.lookup] request.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "config/api_request.h"
#include "parser/listing_post.h"
#include "parser/listing_rules.h"

namespace strata::parser {

struct ApiListingPage {
  std::vector<ListedPost> items;           // items with a usable URL, in answer order
  int64_t raw_items = 0;                   // elements at the items path (with or without a URL)
  std::optional<bool> has_more;            // the rule's has_more path, when given and present
  std::optional<std::string> next_cursor;  // the rule's next_cursor, when present and not null
  std::optional<int64_t> total;            // the rule's total, when present
  std::string problem;  // the first item left out and why (no URL, bad template): for people
};

// Reads `body` (the answer to `request_url`) with `rule`. `values` are the listing's
// placeholders (captures, lookups) for post_url, to which the item's {id} is added. Fails with
// Corruption when the body is not JSON, and with NotFound (the path's own message) when the
// items path finds nothing or finds no array.
Result<ApiListingPage> ParseApiListing(std::string_view body, const CompiledListingRule& rule,
                                       const config::TemplateValues& values,
                                       std::string_view request_url);

// Reads the answer of the rule's lookup request: each value path must find a scalar
// (NotFound otherwise, naming it). Corruption when the body is not JSON.
Result<config::TemplateValues> ParseListingLookup(std::string_view body,
                                                  const CompiledListingRule& rule);

}  // namespace strata::parser
