// The `--json` output of the query commands (list, history, show, check): the archive's records
// as JSON objects with stable member names. Times are ISO 8601 UTC strings with milliseconds
// ("2025-02-14T10:00:00.000Z"), or null when unknown; counters that a page did not show are
// absent. Presentation only.
//
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "storage/archive.h"

namespace strata::tools {

using Json = nlohmann::ordered_json;

Json TimeJson(UnixMillis ms);
// {"views": 1, "likes": 2, "comments": 3}, with only the counters present.
Json CountersJson(const Counters& counters);
// The change summary of a version: compared_to, fields, lines, blocks, chars, edit_class.
Json ChangeJson(const storage::ChangeSummary& change);

// A head: url, site, title, author, state, versions, times, last fetch.
Json HeadJson(const storage::ArticleHead& head);
// A version without its text (for history): number, fetched_at, http_status, gone, title,
// hashes, change.
Json VersionSummaryJson(const storage::Version& version);
// A whole version (for show): the summary plus every stored field of the article.
Json VersionJson(const storage::Version& version, int64_t latest);
Json CounterSampleJson(const storage::CounterSample& sample);
Json ObservationJson(const storage::Observation& observation);
// `strata history --json`: {"article": head, "versions": [...], "counters": [...],
// "fetches": [...]}.
Json HistoryJson(const storage::ArticleHead& head, const std::vector<storage::Version>& versions,
                 const std::vector<storage::CounterSample>& counters,
                 const std::vector<storage::Observation>& observations);
Json CheckReportJson(const storage::CheckReport& report);

// Writes `json` to `out`, indented, with a final newline.
void PrintJson(std::FILE* out, const Json& json);

}  // namespace strata::tools
