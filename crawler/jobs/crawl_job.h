// CrawlUrls: the `strata crawl` job. Fetches the given URLs (and, when following links, the
// pages they lead to within the scope), extracts each article and records each fetch in the
// archive (a version only when the content changed). The conductor of fetch -> parse -> store;
// it holds no fetching, parsing or storage logic of its own.
//
//   calling thread (io_context): Fetcher callbacks, frontier, scope, admission, results
//   worker pool (one per core):  parser::Extract (the costly stage)
//   writer strand on the pool:   Archive::Record, with the frontier update in the same batch
//
// The crawl's frontier and seen set live in the archive's state store (crawler/frontier.h), so
// a crawl that is stopped (SIGINT/SIGTERM) or killed (kill -9) continues where it was when the
// same crawl (crawler/jobs/crawl_id.h) is run again: nothing archived is fetched again, nothing
// archived is lost.
//
// Thread-safety: one call runs to completion on the calling thread; `on_result`, `on_start`
// and `on_progress` are called on that thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "config/config.h"
#include "storage/archive.h"

namespace strata::jobs {

struct PageResult {
  std::string url;  // as given by the caller (seeds), else the normalised URL
  std::string key;  // the normalised URL the archive keys it by ("" when the URL was rejected)
  storage::RecordKind kind = storage::RecordKind::kFailed;
  int64_t version = 0;  // latest version after this fetch
  int http_status = 0;
  std::string title;
  std::string error;  // why it failed (kFailed), for people
  int depth = 0;      // link hops from a seed
};

struct CrawlSummary {
  int64_t pages = 0;        // results reported by this run (fetched pages and rejected URLs)
  int64_t by_kind[6] = {};  // indexed by storage::RecordKind
  int64_t bytes = 0;        // response body bytes received
  int64_t elapsed_ms = 0;
  std::string crawl_id;
  bool resumed = false;     // this run continued an unfinished crawl
  int64_t done_before = 0;  // pages the runs before this one had fetched (when resumed)
  int64_t queued = 0;       // URLs left in the queue (0 when the crawl finished)
  bool finished = false;    // the crawl reached its end (its state was removed)
  int stop_signal = 0;      // the signal that stopped the run early (SIGINT, SIGTERM), or 0
  int64_t skipped = 0;      // URLs not fetched because robots.txt disallowed them
};

// A snapshot for a progress display.
struct CrawlProgress {
  int64_t done = 0;       // pages fetched and recorded in this run
  int64_t failed = 0;     // of which failed
  int64_t queued = 0;     // URLs waiting (including the ones in flight)
  int64_t in_flight = 0;  // pages admitted and not yet recorded
  int64_t bytes = 0;
  int64_t elapsed_ms = 0;
};

// What a run is about to do, before the first fetch.
struct CrawlStart {
  std::string crawl_id;
  bool resumed = false;
  int64_t done_before = 0;  // pages the earlier runs fetched
  int64_t queued = 0;       // URLs waiting, seeds included
};

enum class ResumeMode {
  kAuto,     // resume an unfinished crawl with the same id, else start one (default)
  kRequire,  // resume, or fail with NotFound when there is nothing to resume (--resume)
  kRestart,  // throw away an unfinished crawl with the same id and start over (--restart)
};

struct RunOptions {
  int extract_threads = 0;  // > 0 overrides config.crawl.extract_threads
  std::string crawl_id;     // "" = derived from the seeds and scope (crawl_id.h)
  ResumeMode resume = ResumeMode::kAuto;
  // Stop cleanly on SIGINT/SIGTERM: stop admitting, abort the fetches in flight, record what
  // was fetched, keep the queue for a later run. A second signal kills the process at once
  // (the default action), which is safe too. For programs; tests leave it off.
  bool stop_on_signals = false;
  std::function<void(const CrawlStart&)> on_start;
  std::function<void(const CrawlProgress&)> on_progress;
  int64_t progress_interval_ms = 250;
  // --- watch helper: an injected clock ---
  // The wall clock that stamps fetches (FetchedPage::fetched_at_ms, so the archive's times),
  // the frontier and the robots.txt cache. Null: SystemClock. `strata watch` tests run whole
  // schedules on a ManualClock. Must outlive the call.
  const Clock* clock = nullptr;
  // --- end of watch helper ---
};

// Crawls `urls` with `config` (config.crawl, config.scope, config.fetch, config.urls).
// `on_result` is called once per URL fetched, and once per URL rejected before any fetch (not
// an absolute http(s) URL). Returns the summary, or an error when the job could not run at all
// (a bad scope pattern, a damaged or failing state store, --resume with nothing to resume): a
// failing page is a PageResult with kind kFailed, not an error of the job.
Result<CrawlSummary> CrawlUrls(const std::vector<std::string>& urls, storage::Archive& archive,
                               const config::Config& config,
                               const std::function<void(const PageResult&)>& on_result,
                               const RunOptions& options = {});

}  // namespace strata::jobs
