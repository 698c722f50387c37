// Human-readable output of the subcommands. Presentation only: the data comes from the
// libraries.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "crawler/jobs/crawl_job.h"
#include "storage/archive.h"

namespace strata::tools {

// "2025-02-14 10:00:00Z"
std::string FormatTime(UnixMillis ms);

// "views=123 likes=4 comments=2" (only the counters present), "" when none.
std::string FormatCounters(const Counters& counters);

// One line per crawled URL: "new (v1)   URL  Title", "failed     URL  (timeout ...)".
void PrintPageResult(std::FILE* out, const jobs::PageResult& result);

void PrintSummary(std::FILE* out, const jobs::CrawlSummary& summary);

// The head, each version with what changed, and the observations (counters over time).
void PrintHistory(std::FILE* out, const storage::ArticleHead& head,
                  const std::vector<storage::Version>& versions,
                  const std::vector<storage::Observation>& observations);

// The article as it was in that version: fields, then the body.
void PrintVersion(std::FILE* out, const std::string& url, const storage::Version& version,
                  int64_t latest);

// One line per archived article.
void PrintList(std::FILE* out, const std::vector<storage::ArticleHead>& heads);

}  // namespace strata::tools
