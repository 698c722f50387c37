// The [listing] section of a site profile: how to find every post of an author on the site,
// for `strata author URL` (crawler/jobs/author_job.h). Data, not code, like the rest of the
// profile (format in docs/site-profiles.md, "Listing"):
//
//   [listing]                 # or [[listing]]: several rules, the first whose `match` fits wins
//   match = 'www\.cnblogs\.com/(?P<blog>[A-Za-z0-9_-]+)/?(?:default\.html)?(?:\?.*)?$'
//   page_url = "https://www.cnblogs.com/{blog}/default.html?page={page}"
//   items = ".postTitle a, a.postTitle2"
//
// A rule is one of three kinds, by its keys:
//   html  `items` (a CSS selector of the links to posts), `next` (a selector of the link to the
//         next listing page) and/or `page_url` (a template of the listing page's URL with
//         {page}, from `first_page` by `page_step`). Without `items`, post links are found by
//         the generic detection.
//   api   a [listing.api] request (config/api_request.h) with [listing.paging] (page, offset
//         or cursor) and [listing.items] (JSON paths to the items and to each item's fields).
//   feed  `feed_url`: a template of the author's RSS/Atom feed.
// An optional [listing.lookup] request runs once first and adds placeholders from its answer
// (an author name -> the numeric id the listing API wants).
//
// This module validates the structure, the `match` and `url_filter` regular expressions and
// every template's placeholders (config/site_profile_listing_reader.h reads it); CSS selectors and JSON paths are compiled (and reported with
// the same "file: key: message" errors) by the parser (parser/listing_rules.h).
//
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "config/api_request.h"

namespace strata::config {

enum class ListingKind { kHtml, kApi, kFeed };
enum class PagingKind { kNone, kPage, kOffset, kCursor };

// "html", "api", "feed"; "none", "page", "offset", "cursor".
std::string_view ListingKindName(ListingKind kind);
std::string_view PagingKindName(PagingKind kind);

// JSON paths (parser/json_path.h) inside one item of an API listing; "" = not given.
struct ListingItemPaths {
  std::string url;  // the post's URL (absolute, or relative to the API's URL)
  std::string id;   // the post's id, for `post_url`
  std::string title;
  std::string published;  // a date: ISO 8601, Unix seconds or ms, or a site's date text
  std::string modified;   // likewise: a change signal (juejin's mtime)
  std::string views;
};

// [listing.lookup]: a request made once before the listing; `values` name placeholders and the
// JSON paths of their values in the answer ({"user_id", "data.uid"}).
struct ListingLookup {
  ApiRequest request;                                       // [listing.lookup.api]
  std::vector<std::pair<std::string, std::string>> values;  // name, JSON path
};

struct ListingRule {
  std::string key;     // "listing" or "listing[1]": for messages
  std::string source;  // the profile file, for messages

  // RE2 searched in the author page's URL; its named groups are placeholders of the templates.
  std::string match;
  std::vector<std::string> captures;  // the named groups of `match`, in order
  ListingKind kind = ListingKind::kHtml;

  // html
  std::string items;     // CSS selector of the links to posts; "" = generic detection
  std::string next;      // CSS selector of the link to the next page; "" = none
  std::string page_url;  // template with {page}: the listing pages; "" = start at the author URL
  int64_t first_page = 1;
  int64_t page_step = 1;

  // api
  ApiRequest api;  // [listing.api]
  PagingKind paging = PagingKind::kNone;
  int64_t first_offset = 0;
  std::string first_cursor;  // the cursor of the first request ("0" on juejin)
  int64_t page_size = 20;    // {size}
  std::string items_path;    // JSON path of the array of items ("" = the answer itself)
  ListingItemPaths item;
  std::string has_more;     // JSON path of the "more pages" flag
  std::string next_cursor;  // JSON path of the next cursor (cursor paging)
  std::string total;        // JSON path of the total the site states

  // feed
  std::string feed_url;  // template of the feed's URL

  // Every kind.
  std::string post_url;    // template of a post's URL from {id} (and captures, lookups)
  std::string url_filter;  // RE2: only post URLs it matches are kept ("" = all)
  // The most items the site's listing serves in all (xie.infoq.cn: reported 50): reaching it
  // makes the run's completeness unverified rather than complete. 0 = no known cap.
  int64_t max_items = 0;
  int64_t max_pages = 0;  // listing pages fetched at most for this site (0 = the job's default)

  bool has_lookup = false;
  ListingLookup lookup;

  // The placeholders the listing templates may use: captures, lookup values, and page,
  // offset, cursor, size.
  std::vector<std::string> ListingPlaceholders() const;
};

}  // namespace strata::config
