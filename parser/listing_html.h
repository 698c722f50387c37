// One HTML page of an author's listing, read for what the listing needs: the links to posts
// (by the profile rule's `items` selector, else by generic detection: parser/listing_links.h),
// the link to the next page (the rule's `next` selector, then <link rel=next>, <a rel=next>,
// and links whose text says "下一页" / "Next" / "Older posts" / "›" / "»" or whose class says
// "next"), the feeds the page advertises (<link rel=alternate type=application/rss+xml |
// application/atom+xml>), and the site profile the page gets (for platforms recognised by
// their markup: WordPress, Ghost).
//
// One parse per page; pure, no I/O.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "parser/listing_rules.h"

namespace strata::parser {

class SiteProfiles;  // parser/profile.h

struct ListingPageInput {
  std::string_view url;           // the page's final URL: resolves links
  std::string_view body;          // raw bytes, any charset
  std::string_view content_type;  // the Content-Type header ("" if none)
};

struct FeedLink {
  std::string url;   // resolved, normalised
  std::string type;  // "application/rss+xml", "application/atom+xml"
  std::string title;
};

struct HtmlListingPage {
  // Post links, in page order without duplicates (normalised URLs), and their link texts.
  std::vector<std::string> items;
  std::vector<std::string> item_titles;  // same length as items ("" when the link has no text)
  bool items_by_rule = false;            // found by the rule's selector (else generic)
  // Candidates for the next page, best first, without the page itself.
  std::vector<std::string> next_urls;
  // Advertised feeds, the author's own first (a feed under the author's path, or named
  // after it), then the others in page order.
  std::vector<FeedLink> feeds;
  // The profile the page's markup selects (generator, signatures), or "" (none, or no
  // profiles given).
  std::string profile;
};

// Reads one listing page. `rule` (may be null: generic detection alone) gives the item and
// next selectors and the url_filter; `author_url` the page the listing started from;
// `profiles` (may be null) is asked which profile the page's markup selects. Never fails:
// a page that is not HTML or has nothing yields an empty result.
HtmlListingPage ParseHtmlListing(const ListingPageInput& input, const CompiledListingRule* rule,
                                 std::string_view author_url, const SiteProfiles* profiles);

}  // namespace strata::parser
