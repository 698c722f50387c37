// What the crawl job does with one fetched page, apart from the conductor's bookkeeping:
// decide whether it needs parsing, extract it (on a worker thread), and describe the outcome
// for the user. Pure functions, so the costly part runs on any core.
//
// Thread-safety: pure functions; ExtractPage may run on many threads at once.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/article.h"
#include "common/fetched_page.h"
#include "common/result.h"
#include "common/url.h"
#include "crawler/jobs/crawl_job.h"
#include "parser/profile.h"
#include "storage/archive.h"

namespace strata::jobs {

struct ExtractSettings {
  bool collect_links = false;  // following links: fill Article::links
  size_t max_links = 1000;     // links kept per page
  // Links are normalised again with these when they differ from the defaults the parser uses.
  const UrlNormalizeOptions* url_options = nullptr;
  // Site profiles that override the generic cascade field by field; null: the cascade alone.
  const parser::SiteProfiles* site_profiles = nullptr;
  // shell (issue 6): look for block pages in what was extracted (a login wall's teaser).
  bool block_pages = false;
};

struct ExtractedPage {
  std::optional<Article> article;
  std::string error;  // why nothing was extracted ("" when an article was)
  // shell (issue 6): why the page turned out to be a block page once parsed ("" when it is
  // not); `article` is then empty, and the page should be recorded as blocked (MarkBlocked).
  std::string blocked;
};

// True when `page` carries a body to extract: a 200 response.
bool NeedsExtraction(const FetchedPage& page);

// Extracts the article of a 200 response (HTML only: anything else is an error, not an
// article). `key` is the page's normalised URL, used when the final URL is unknown.
ExtractedPage ExtractPage(const FetchedPage& page, std::string_view key,
                          const ExtractSettings& settings);

// --- shell (issue 6): block pages ---
// Why a response is a block page (parser::DetectBlockResponse), "" when it may be an article:
// the fetch policy layer's PoliteFetcherOptions::detect_block.
std::string DetectBlockPage(const FetchedPage& page);

// Makes a fetch that turned out to be a block page a failed one: outcome kBlocked with `reason`
// as its error, no article (so the archive records an observation and never a version).
void MarkBlocked(const std::string& reason, FetchedPage* page, ExtractedPage* extracted);
// --- end shell ---

// The user-facing result of one fetch: what the archive did with it, or why it failed.
PageResult DescribePage(const std::string& given_url, const std::string& key,
                        const FetchedPage& page, const ExtractedPage& extracted,
                        const Result<storage::RecordResult>& recorded);

}  // namespace strata::jobs
