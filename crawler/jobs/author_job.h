// ArchiveAuthor: the `strata author URL` job. Finds every post of the author whose page is
// `author_url`, archives each one through the crawl job (jobs::CrawlUrls: the same fetch ->
// extract -> store path as `strata crawl`), and reports how complete the result is.
//
//   1. Listing (crawler/jobs/author_listing.h): the site profile's [listing] rules first (HTML
//      pages with item and next selectors or a page-URL template; a JSON API with page, offset
//      or cursor paging; a feed), then generic fallbacks: rel=next and "下一页" / "Next" links
//      with generic post-link detection, RSS/Atom feed discovery, sitemaps. It stops at the
//      end, and detects a listing that repeats (a page whose items were all seen, a cursor or
//      next URL seen before) or never ends (a page cap), saying why it stopped.
//   2. Disappeared posts: the author's known posts are kept in the archive's state store
//      (crawler/jobs/author_state.h, keys "author/<id>/..."). A known post missing from the
//      listing is fetched again: a 404/410 records a tombstone ("gone"); a 200 means it is only
//      unlisted.
//   3. Archive: the listed posts plus the missing ones go through CrawlUrls, one PageResult
//      per post to `on_result`.
//   4. Report: the method that found the posts, the pages fetched, why the listing stopped, the
//      total the site states (if it does) against what was found, per-outcome counts, the
//      posts that disappeared, and a completeness verdict with its reasons.
//
// Thread-safety: one call runs to completion on the calling thread (it runs its own
// io_context); `on_result` is called on that thread. Concurrent calls on one archive are safe
// (the archive serialises writes) but two runs for the same author race on its known-post set.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "config/config.h"
#include "crawler/jobs/crawl_job.h"
#include "parser/listing_post.h"
#include "storage/archive.h"

namespace strata::jobs {

// How the posts were found. DO NOT CHANGE THESE VALUES: they are kept in the state store.
enum class ListingMethod : unsigned char {
  kNone = 0,         // nothing found any post
  kProfileHtml = 1,  // the profile's HTML listing rule
  kProfileApi = 2,   // the profile's JSON API listing
  kProfileFeed = 3,  // the profile's feed
  kRelNext = 4,      // generic: pages linked by rel=next / "Next" / "下一页", post links found
  kFeed = 5,         // generic: an RSS/Atom feed the page advertises (or the URL is a feed)
  kSitemap = 6,      // generic: the site's sitemaps, filtered to the author's path
  kGeneric = 7,      // generic: post links on the author page alone (no next page)
};
// "profile html", "profile api", "profile feed", "rel-next", "feed", "sitemap", "generic",
// "none".
std::string_view ListingMethodName(ListingMethod method);

// Why the listing stopped. DO NOT CHANGE THESE VALUES: they are kept in the state store.
enum class ListingStop : unsigned char {
  kEnd = 0,             // the listing said so: no next page, has_more false, no next cursor
  kEmptyPage = 1,       // a page without items (past the last page)
  kPageNotFound = 2,    // a later page answered 404/410 (past the last page)
  kTotalReached = 3,    // as many items as the site states
  kAllSeen = 4,         // a page whose items had all been seen: the listing repeats
  kCursorRepeated = 5,  // a cursor seen before: the listing loops
  kUrlRepeated = 6,     // a next page URL seen before: the listing loops
  kPageCap = 7,         // the page cap was reached: the listing may never end
  kFetchFailed = 8,     // a listing page could not be fetched (network, 5xx, robots.txt...)
  kBadResponse = 9,     // a listing page was not what the rule expects (not JSON, no items path)
  kStopped = 10,        // the run was stopped (signal)
};
// "end of listing", "empty page", ... for people.
std::string_view ListingStopName(ListingStop stop);
// True for the stops that mean the listing reached its natural end.
bool IsNaturalEnd(ListingStop stop);

enum class Completeness : unsigned char {
  kComplete = 0,    // the listing reached its end, found what the site states, all archived
  kUnverified = 1,  // nothing says anything is missing, but the method cannot tell (a feed,
                    // a sitemap, a site with a known cap reached, one page without paging)
  kIncomplete = 2,  // something is missing: fewer than stated, cut short, posts failed
};
// "complete", "unverified", "incomplete".
std::string_view CompletenessName(Completeness completeness);

// One post that was known and is no longer listed.
struct MissingPost {
  std::string url;
  bool gone = false;  // it answered 404/410: a tombstone; false: it still answers ("unlisted")
  storage::RecordKind kind = storage::RecordKind::kFailed;  // what the re-fetch recorded
};

struct AuthorReport {
  std::string author_url;
  std::string author_id;  // the key of the author's state (hex)
  std::string profile;    // the site profile whose listing was used ("" = generic)
  ListingMethod method = ListingMethod::kNone;
  int64_t listing_pages = 0;  // listing requests made (pages, API calls, feeds, sitemaps)
  ListingStop stop = ListingStop::kEnd;
  std::string stop_detail;              // for people: "page 4 had no items", the failing URL...
  std::optional<int64_t> stated_total;  // the total the site states, when it states one
  int64_t found = 0;                    // distinct posts the listing found
  int64_t new_posts = 0;                // archived for the first time
  int64_t changed = 0;                  // a new version
  int64_t unchanged = 0;                // same content (or 304 Not Modified)
  int64_t skipped_unmodified = 0;       // not fetched: the listing's modified time is unchanged
  int64_t failed = 0;                   // could not be fetched or extracted
  int64_t newly_listed = 0;             // listed this run and not on the previous run
  std::vector<MissingPost> missing;     // known before, not listed now (gone or unlisted)
  Completeness completeness = Completeness::kUnverified;
  std::vector<std::string> reasons;  // why the verdict, for people
  int64_t elapsed_ms = 0;
  bool first_run = true;  // no earlier run of this author was known
  int stop_signal = 0;    // SIGINT/SIGTERM that stopped the run (RunOptions::stop_on_signals)
  std::vector<std::string> notes;         // how the listing went (fallbacks tried), for people
  std::vector<parser::ListedPost> posts;  // what the listing found, in listing order
};

struct AuthorOptions {
  // Listing requests at most (pages, API calls). 0: the profile rule's max_pages, else 500.
  int64_t max_pages = 0;
  // Posts whose listing gives a modified time equal to the one of the previous run, and which
  // the archive holds, are not fetched again (counted as skipped_unmodified). Default true:
  // juejin's mtime is exactly this signal. False fetches every post (conditional GET still
  // saves the transfer when the server supports it).
  bool skip_unmodified = true;
  // Only list the posts (no archiving, no state update): for `strata author --list`.
  bool list_only = false;
  // Passed to the crawl of the posts (extract threads, progress, signals, clock). Its
  // stop_on_signals also covers the listing; its clock also stamps the author's state.
  // crawl_id and resume are the job's own ("author-<id>", a fresh crawl each run).
  RunOptions run;
};

// Archives the posts of the author at `author_url` (an author page, a feed, or a site) with
// `config`. `on_result` is called once per post fetched. Returns the report, or an error when
// the job could not run at all (not an http(s) URL, a damaged state store, a bad site profile);
// a listing that fails midway is a report with stop kFetchFailed, not an error.
Result<AuthorReport> ArchiveAuthor(const std::string& author_url, storage::Archive& archive,
                                   const config::Config& config,
                                   const std::function<void(const PageResult&)>& on_result,
                                   const AuthorOptions& options = {});

}  // namespace strata::jobs
