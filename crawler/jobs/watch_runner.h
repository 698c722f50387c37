// WatchRunner: how the watch loop (watch.h) runs one `[[watch]]` entry. The seam between the
// scheduler and the jobs, so that the loop is tested with a fake runner and a ManualClock, and
// the real runner (JobRunner) is tested against the loopback server.
//
// JobRunner runs an entry with the jobs of crawler/jobs/:
//   url     jobs::CrawlUrls on the URL (with the entry's follow/scope overrides)
//   feed    the feed fetched (robots.txt and politeness apply) and parsed (watch_feed.h), then
//           CrawlUrls on its items' links (at most max_items)
//   author  jobs::ArchiveAuthor (author_job.h): the listing, the posts, the disappeared ones
// Each entry's crawls use a crawl id of their own ("watch-<hash of the name>"), so that an
// interrupted visit is resumed by the next one and never mixed with a `strata crawl` of the same
// URLs.
//
// Thread-safety: Run() is called from one thread at a time; `on_result` is called on it.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/time.h"
#include "config/config.h"
#include "crawler/jobs/crawl_job.h"
#include "storage/archive.h"

namespace strata::jobs {

// What one run of an entry did.
struct WatchRunReport {
  int64_t pages = 0;        // results reported
  int64_t by_kind[6] = {};  // indexed by storage::RecordKind
  // The results that were new or changed articles, in the order they came: what the hooks are
  // told about.
  std::vector<PageResult> changes;
  int64_t items = 0;    // feed items or author posts found (0 for url entries)
  int stop_signal = 0;  // the run was stopped by this signal: it is incomplete
  // Why the run failed as a whole (the feed could not be fetched, the job could not start);
  // "" when it ran. A run whose every page failed is a failure too (RunFindings, watch.cc).
  std::string error;
  std::string first_failure;  // the error of the first failed page ("" when none failed)

  void Count(const PageResult& result);  // adds a result to pages, by_kind and changes
};

class WatchRunner {
 public:
  virtual ~WatchRunner() = default;
  // Runs `entry` once, to completion or until stopped by a signal; `on_result` is called with
  // each page's result as it is recorded.
  virtual WatchRunReport Run(const config::WatchEntry& entry,
                             const std::function<void(const PageResult&)>& on_result) = 0;
};

struct JobRunnerOptions {
  // Stamps fetches and robots.txt expiry; null: SystemClock. Must outlive the runner.
  const Clock* clock = nullptr;
  // Let SIGINT/SIGTERM stop a run cleanly (RunOptions::stop_on_signals). For programs.
  bool stop_on_signals = false;
  int extract_threads = 0;  // > 0 overrides config.crawl.extract_threads
};

class JobRunner final : public WatchRunner {
 public:
  // `archive` and `config` must outlive the runner.
  JobRunner(storage::Archive& archive, const config::Config& config, JobRunnerOptions options);

  WatchRunReport Run(const config::WatchEntry& entry,
                     const std::function<void(const PageResult&)>& on_result) override;

 private:
  WatchRunReport RunUrls(const config::WatchEntry& entry, const std::vector<std::string>& urls,
                         const config::Config& config,
                         const std::function<void(const PageResult&)>& on_result);
  WatchRunReport RunFeed(const config::WatchEntry& entry,
                         const std::function<void(const PageResult&)>& on_result);
  WatchRunReport RunAuthor(const config::WatchEntry& entry,
                           const std::function<void(const PageResult&)>& on_result);

  storage::Archive& archive_;
  const config::Config& config_;
  const JobRunnerOptions options_;
};

// The crawl id of an entry's visits: "watch-" and 16 hex digits of a hash of its name.
std::string WatchCrawlId(std::string_view entry_name);

}  // namespace strata::jobs
