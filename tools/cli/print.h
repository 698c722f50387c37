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

// What a version changed, in one phrase: "first version", "gone (HTTP 404)", "back, same
// content as v2", "wording: body (+1 -1 lines; 1 block changed; +12 -3 chars)".
std::string DescribeChange(const storage::Version& version);

// The head, each version with what changed, the counter series, and (when `fetches` is not
// null) every fetch.
void PrintHistory(std::FILE* out, const storage::ArticleHead& head,
                  const std::vector<storage::Version>& versions,
                  const std::vector<storage::CounterSample>& counters,
                  const std::vector<storage::Observation>* fetches);
// The same, with the counter series taken from the observations, all of them shown.
void PrintHistory(std::FILE* out, const storage::ArticleHead& head,
                  const std::vector<storage::Version>& versions,
                  const std::vector<storage::Observation>& observations);

// The article as it was in that version: fields, then the body.
void PrintVersion(std::FILE* out, const std::string& url, const storage::Version& version,
                  int64_t latest);

// One line per archived article.
void PrintList(std::FILE* out, const std::vector<storage::ArticleHead>& heads);

// One line per problem: "<key>: <message>" (" [repairable]" appended for derived data).
void PrintCheckProblems(std::FILE* out, const std::vector<storage::CheckProblem>& problems);
// What was checked and what was found (and repaired), in a line or two.
void PrintCheckSummary(std::FILE* out, const storage::CheckReport& report);

}  // namespace strata::tools
