// Listing an author's posts: the first half of `strata author` (crawler/jobs/author_job.h).
// Walks the author's listing one request at a time and returns the posts it names, how they
// were found and why the walk stopped. No archiving here.
//
// The order of methods:
//   1. The site profile's [listing] rule (parser/listing_rules.h), chosen by the author URL's
//      host, else by the author page's markup (WordPress, Ghost): HTML pages (item selector;
//      next selector or page-URL template), a JSON API (page / offset / cursor paging), or a
//      feed.
//   2. Without a rule: the author page's post links (generic detection) and its next pages
//      (rel=next, "下一页" / "Next" / "Older posts" / "›" / "»" links);
//   3. then the feed the page advertises (RSS/Atom; RFC 5005 next links followed), or the URL
//      itself when it is a feed;
//   4. then the site's sitemaps (robots.txt Sitemap: lines, /sitemap.xml, /wp-sitemap.xml,
//      /sitemap_index.xml; indexes followed), filtered to the author's path.
//
// Stops: at the listing's end (no next page, has_more false, an empty page, a later page that
// is 404, the stated total reached), at a repeat (every item of a page seen before, a cursor or
// next URL seen before), at the page cap, or at a failure, and says which.
//
// Fetching goes through a PageSource: the job's is crawler::Fetcher (politeness, robots.txt,
// retries) driven on its io_context (FetchOnIo); tests give canned pages. Everything else is
// pure, so the walk is unit-testable without a network.
//
// Thread-safety: ListAuthorPosts runs on the calling thread; the PageSource is called there.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/fetched_page.h"
#include "common/result.h"
#include "crawler/fetcher.h"
#include "crawler/jobs/author_job.h"
#include "parser/listing_post.h"
#include "parser/listing_rules.h"

namespace boost::asio {
class io_context;
}

namespace strata::parser {
class SiteProfiles;
}

namespace strata::jobs {

// One request in, its page out (synchronously, from the caller's point of view).
using PageSource = std::function<FetchedPage(const crawler::FetchRequest&)>;

struct ListingOptions {
  // Listing requests at most. 0: the rule's max_pages, else kDefaultMaxListingPages.
  int64_t max_pages = 0;
  const parser::ListingRules* rules = nullptr;     // null: no profile rules
  const parser::SiteProfiles* profiles = nullptr;  // null: no profile chosen by markup
  // Checked after every request: true stops the walk (kStopped).
  std::function<bool()> stopped;
};

inline constexpr int64_t kDefaultMaxListingPages = 500;

struct ListingResult {
  std::string author_url;  // normalised
  ListingMethod method = ListingMethod::kNone;
  std::string profile;                    // the profile whose rule was used ("" = generic)
  std::vector<parser::ListedPost> posts;  // distinct, in listing order
  int64_t pages = 0;                      // requests made
  ListingStop stop = ListingStop::kEnd;
  std::string stop_detail;
  std::optional<int64_t> stated_total;
  int64_t max_items = 0;  // the site's known cap on what its listing serves (rule max_items)
  std::vector<std::string> notes;  // for people: which fallbacks were tried and why
};

// Lists the posts of the author at `author_url`. Fails only for a URL that is not absolute
// http(s); everything that goes wrong later is in the result (stop, stop_detail).
Result<ListingResult> ListAuthorPosts(const std::string& author_url, const PageSource& source,
                                      const ListingOptions& options);

// A PageSource over `fetcher`: each call starts one fetch and runs `io` until its page is
// back. For a job that owns `io` and runs nothing else on it meanwhile.
PageSource FetchOnIo(crawler::Fetcher& fetcher, boost::asio::io_context& io);

}  // namespace strata::jobs
