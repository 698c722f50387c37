// What `strata status` shows: each [[watch]] entry's plan (next due, last run, its outcome,
// failures in a row) as stored by the watch loop, what the loop would do with it now, the plans
// of entries no longer in the config, and the most recent failed fetches. Data only;
// tools/cli/status_command.cc prints it.
//
// LevelDB lets one process open the archive, and a running `strata watch` keeps it open. So the
// watch also writes a snapshot of its plans and of the failures it saw, <archive>/watch-status.json
// (written to a temporary file and renamed: a reader never sees half of it), after each visit and
// before each wait; `strata status` reads it when the archive is in use. LevelDB ignores files it
// did not create, so the snapshot lives beside the database.
//
//   {"format": 1, "written_at": <ms>, "plans": {"<name>": <plan record, schedule_store.h>},
//    "recent_failures": [{"url", "at", "http_status", "outcome", "error"}]}
//
// Thread-safety: the functions are reentrant; results are plain values.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "config/watch.h"
#include "crawler/jobs/schedule.h"
#include "storage/archive.h"

namespace strata::jobs {

struct EntryStatus {
  config::WatchEntry entry;
  std::optional<EntryPlan> stored;  // the plan kept by the last `strata watch` (none: never)
  // The plan `strata watch` would use if it started now (a stored plan made with another
  // schedule is planned again; a new entry gets its first plan).
  EntryPlan plan;
  bool schedule_changed = false;  // the stored plan was made with another schedule
  bool due_now = false;           // plan.due <= now
  bool running = false;           // a run started and was not recorded as finished
};

struct WatchStatus {
  UnixMillis now = 0;
  std::vector<EntryStatus> entries;  // in config order
  // Names of stored plans whose entry is no longer in the config (kept, not deleted).
  std::vector<std::string> orphaned;
  // Failed fetches, the most recent first: the archive's articles whose last fetch failed, or,
  // from a snapshot, the failures the running watch saw (url, last_fetched, last_status,
  // last_outcome and last_error filled).
  std::vector<storage::ArticleHead> recent_failures;
};

// The status from stored plans and failures (most recent first, as given).
WatchStatus BuildWatchStatus(const std::map<std::string, EntryPlan>& plans,
                             std::vector<storage::ArticleHead> failures,
                             const std::vector<config::WatchEntry>& entries, UnixMillis now);

// Reads the plans from archive->State() and the failed fetches from the archive (at most
// `max_failures` of them). A null archive (none exists yet) gives every entry its first plan.
// Corruption when a stored plan does not decode.
Result<WatchStatus> CollectWatchStatus(storage::Archive* archive,
                                       const std::vector<config::WatchEntry>& entries,
                                       UnixMillis now, size_t max_failures);

// What a running watch leaves for `strata status`.
struct StatusSnapshot {
  UnixMillis written_at = 0;
  std::map<std::string, EntryPlan> plans;
  std::vector<storage::ArticleHead> recent_failures;  // most recent first
};

// <archive_dir>/watch-status.json
std::string StatusSnapshotPath(const std::string& archive_dir);
std::string EncodeStatusSnapshot(const StatusSnapshot& snapshot);
// Corruption when `text` is not a snapshot of a known format.
Result<StatusSnapshot> DecodeStatusSnapshot(std::string_view text);
// Writes `path` atomically (a temporary file beside it, then rename). IOError on failure.
Status WriteStatusSnapshot(const std::string& path, const StatusSnapshot& snapshot);
// NotFound when there is no snapshot; Corruption when it does not decode.
Result<StatusSnapshot> ReadStatusSnapshot(const std::string& path);

}  // namespace strata::jobs
