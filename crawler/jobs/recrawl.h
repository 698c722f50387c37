// `strata recrawl`: revisit what the archive already holds, chosen by site, author and how long
// ago each article was last seen, through the crawl job (conditional GET: an unchanged article
// costs a 304 or an observation, never a version).
//
// The crawl id of a recrawl comes from its filters as the user gave them ("recrawl-" and a hash),
// not from the URLs they select, so that an interrupted recrawl is resumed by the same command
// even though the articles it already revisited no longer match "not seen since".
//
// Thread-safety: as jobs::CrawlUrls (one call runs on the calling thread).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "config/config.h"
#include "crawler/jobs/crawl_job.h"
#include "storage/archive.h"

namespace strata::jobs {

struct RecrawlFilter {
  std::string site;    // a host or a parent domain ("" = any), as storage::ListQuery::site
  std::string author;  // as archived ("" = any), as storage::ListQuery::author
  // Only articles last seen (a 200 with content or a 304) before this time; 0 = any. Articles
  // never seen (only failures so far) always qualify.
  UnixMillis not_seen_since = 0;
  bool include_gone = false;  // also articles whose last answer was 404/410
  size_t limit = 0;           // at most this many, the longest unseen first (0 = all)
  // What the user asked, as typed ("--site x --not-seen-since 7d"): the crawl's identity.
  std::string identity;
};

// The archive keys to revisit, the longest unseen first (never seen first of all, then by
// last_seen; ties by URL).
Result<std::vector<std::string>> SelectForRecrawl(const storage::Archive& archive,
                                                  const RecrawlFilter& filter);

// "recrawl-" and 16 hex digits of a hash of filter.identity.
std::string RecrawlCrawlId(const RecrawlFilter& filter);

// Selects and crawls (links are not followed). `options.crawl_id` is set from the filter when
// empty. Returns the crawl's summary; a filter that selects nothing gives an empty summary.
Result<CrawlSummary> Recrawl(storage::Archive& archive, const config::Config& config,
                             const RecrawlFilter& filter,
                             const std::function<void(const PageResult&)>& on_result,
                             RunOptions options = {});

}  // namespace strata::jobs
