// CrawlUrls: the `strata crawl` job. Fetches each URL once, extracts the article and records the
// fetch in the archive (a version only when the content changed). The conductor of
// fetch -> parse -> store; it holds no fetching, parsing or storage logic of its own.
//
//   caller thread: io_context  -- FetchLoop transfers, result callbacks
//   worker pool:   Extract() + Archive::Record() per page (parsing is the costly stage)
//
// Thread-safety: one call runs to completion on the calling thread; `on_result` is called on
// that thread, once per URL, in completion order.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/result.h"
#include "config/config.h"
#include "storage/archive.h"

namespace strata::jobs {

struct PageResult {
  std::string url;  // as given by the caller
  std::string key;  // the normalised URL the archive keys it by ("" when the URL was rejected)
  storage::RecordKind kind = storage::RecordKind::kFailed;
  int64_t version = 0;  // latest version after this fetch
  int http_status = 0;
  std::string title;
  std::string error;  // why it failed (kFailed), for people
};

struct CrawlSummary {
  int64_t pages = 0;
  int64_t by_kind[6] = {};  // indexed by storage::RecordKind
  int64_t bytes = 0;        // response body bytes received
  int64_t elapsed_ms = 0;
};

struct CrawlOptions {
  int extract_threads = 0;  // 0: one per core
};

// Returns the summary, or an error when the job could not run at all (a failing page is a
// PageResult with kind kFailed, not an error of the job).
Result<CrawlSummary> CrawlUrls(const std::vector<std::string>& urls, storage::Archive& archive,
                               const config::Config& config,
                               const std::function<void(const PageResult&)>& on_result,
                               const CrawlOptions& options = {});

}  // namespace strata::jobs
