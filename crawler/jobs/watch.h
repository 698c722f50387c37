// RunWatch: the `strata watch` job. Runs the config's `[[watch]]` entries when they are due,
// keeps each entry's plan in the archive's state store (schedule_store.h) so that a restart
// continues it, and tells the hooks about new and changed articles.
//
//   load plans (schedule.h PlanFor) --> run every due entry, oldest due first
//        ^                                 started: plan.running_since saved
//        |                                 WatchRunner::Run (the jobs)
//        |                                 AfterRun: next slot, adaptive interval; plan saved
//        |                                 hooks for each new/changed article
//        +--- Waiter::WaitUntil(earliest due) <--+   (--once: return instead of waiting)
//
// Everything that touches time or the world is injected: the Clock (wall time: plans and
// archive timestamps), the WatchRunner (the jobs), the Waiter (how the loop sleeps and learns of
// SIGINT/SIGTERM) and the HookRunner. Tests drive whole schedules with a ManualClock and a
// waiter that moves it, without sleeping.
//
// Stopping: a signal stops the entry being run the way `strata crawl` stops (the crawl job's
// stop_on_signals: in-flight fetches are abandoned, what was fetched is recorded, the queue is
// kept); its plan does not move, so the next start runs it again and the crawl resumes. Entries
// not yet started are left for the next start. A process that dies mid-run leaves
// plan.running_since set: the next start reports the run as interrupted and runs it again.
//
// Thread-safety: one call runs on the calling thread; every callback is called on it.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>
#include <vector>

#include "common/kv_store.h"
#include "common/result.h"
#include "common/time.h"
#include "config/watch.h"
#include "crawler/jobs/hooks.h"
#include "crawler/jobs/schedule.h"
#include "crawler/jobs/watch_runner.h"
#include "storage/archive.h"

namespace strata::jobs {

// How the loop waits for the next due time, and learns that it should stop.
class Waiter {
 public:
  virtual ~Waiter() = default;
  // Returns when the clock reads `due` or later (kNever: only a stop ends the wait), true; or
  // false when the loop must stop (a signal arrived).
  virtual bool WaitUntil(UnixMillis due) = 0;
  // The signal that asked the loop to stop since it started, or 0. Cheap; called between runs.
  virtual int StopSignal() = 0;
};

// The real waiter: a sleep woken at least every minute to read the clock again (so a suspended
// machine or a changed wall clock is noticed within a minute), and a signal set for SIGINT and
// SIGTERM, installed when it is constructed and heard on a thread of its own. The first signal
// ends any sleep (and every later one: the loop stops) and gives the signals back, so that a
// second one takes the default action and ends the program at once.
class AsioWaiter final : public Waiter {
 public:
  explicit AsioWaiter(const Clock& clock);
  ~AsioWaiter() override;
  AsioWaiter(const AsioWaiter&) = delete;
  AsioWaiter& operator=(const AsioWaiter&) = delete;

  bool WaitUntil(UnixMillis due) override;
  int StopSignal() override;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

struct WatchOptions {
  // Run what is due now, then return (for cron). Default: run until stopped.
  bool once = false;
  const Clock* clock = nullptr;               // required
  WatchRunner* runner = nullptr;              // required
  Waiter* waiter = nullptr;                   // required unless `once`
  HookRunner* hooks = nullptr;                // null: no hooks
  const storage::Archive* archive = nullptr;  // for the hooks' change summaries; may be null
  // Each page result of a run, as it comes.
  std::function<void(const config::WatchEntry&, const PageResult&)> on_result;
  // A run is about to start.
  std::function<void(const config::WatchEntry&, const EntryPlan&)> on_run_start;
  // A run ended: the plan as saved, and what the run reported.
  std::function<void(const config::WatchEntry&, const EntryPlan&, const WatchRunReport&)>
      on_run_end;
  // The loop is about to wait until `next_due` (kNever: nothing is planned); the plans are saved.
  std::function<void(UnixMillis next_due)> on_wait;
  // Messages for people (a hook failed, a run was interrupted...), one line each, no newline.
  std::function<void(std::string_view)> on_log;
};

struct WatchSummary {
  int64_t runs = 0;         // entry runs started
  int64_t failed_runs = 0;  // of which failed
  int64_t changes = 0;      // new and changed articles seen
  int64_t hook_failures = 0;
  int stop_signal = 0;           // the signal that stopped the loop, or 0
  UnixMillis next_due = kNever;  // the earliest due time when it returned (after a pass)
};

// Runs `entries` on the plans kept in `state`. Returns when stopped (or, with `once`, when what
// was due has run). Fails with InvalidArgument when options are missing, Corruption when a stored
// plan does not decode, and IOError-like errors when the state store fails: a plan that cannot be
// saved stops the loop rather than risk running an entry twice.
Result<WatchSummary> RunWatch(const std::vector<config::WatchEntry>& entries, KvStore& state,
                              const WatchOptions& options);

// How the program's loop gets the archive for each pass (RunWatchReleasingArchive).
struct ArchiveLease {
  // Opens the archive; Unavailable when another process holds it (tried again later).
  std::function<Result<std::unique_ptr<storage::Archive>>()> open_archive;
  // The runner for one pass over that archive.
  std::function<std::unique_ptr<WatchRunner>(storage::Archive&)> make_runner;
  int64_t busy_retry_ms = 60'000;  // archive in use: wait this long before trying again
};

// The loop of `strata watch`: RunWatch's passes (once each: what is due runs), with the archive
// opened for each pass and closed while waiting for the next due time, so that the other strata
// commands can use the archive between visits (LevelDB admits one process at a time).
// `options.runner` and `options.archive` are ignored (each pass gets its own); `options.waiter`
// is required; `options.on_wait` is called with the archive still open. With `options.once`,
// one pass.
Result<WatchSummary> RunWatchReleasingArchive(const std::vector<config::WatchEntry>& entries,
                                              const WatchOptions& options,
                                              const ArchiveLease& lease);

// What a run found, from its report: the outcome (interrupted, failed, partial, ok) and whether it
// found a change (a changed article, or a new one when the entry had run before).
RunFindings FindingsOf(const WatchRunReport& report, const EntryPlan& plan_before);

}  // namespace strata::jobs
