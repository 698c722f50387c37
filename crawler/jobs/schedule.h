// The plan of one `[[watch]]` entry: when it runs next, and how a run moves the plan on. Pure
// arithmetic on times (no clock, no I/O): the loop (watch.h) reads the clock, runs the entry and
// persists the plan (schedule_store.h), so every rule here is a table test away.
//
// Slots and due times. A schedule is a chain of slots: `every` gives slot + interval, `cron`
// the expression's next firing. An entry is due at its slot plus its jitter, an offset in
// [0, jitter) hashed from the entry's name and the slot (JitterFor): the same after a restart,
// different from slot to slot and from entry to entry.
//
//   new entry, every:  the first slot is placed so that it is due at once (a new watch runs now)
//   new entry, cron:   the first firing after now
//   after a run that started at S: the slot moves on to the first one still due after S, so
//                      slots missed while strata was not running run once, not once each
//   adaptive (url entries with every): the interval halves after a run that found a change and
//                      grows by a quarter after one that did not, within [min_every, max_every];
//                      the first completed run (everything is new) leaves it at `every`
//   a failed run:      retried after 5 min, 10, 20... (never later than the next slot)
//   an interrupted run (SIGINT/SIGTERM, or the process died): the plan does not move, so the
//                      next start runs it again and the crawl resumes where it stopped
//   a changed schedule (every, cron, jitter, bounds): a new plan, from the last run when there
//                      was one
//
// Thread-safety: pure functions and plain values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/time.h"
#include "config/watch.h"

namespace strata::jobs {

// How the last run of an entry ended. DO NOT CHANGE THESE VALUES: they are stored.
enum class RunOutcome : int {
  kNone = 0,         // never ran
  kOk = 1,           // ran; every page was fetched (or answered 304/404)
  kPartial = 2,      // ran; some pages failed
  kFailed = 3,       // nothing could be fetched, or the job could not run
  kInterrupted = 4,  // stopped by a signal, or the process ended during the run
};
std::string_view RunOutcomeName(RunOutcome outcome);  // "ok", "partial", "failed"...

inline constexpr UnixMillis kNever = INT64_MAX;  // a cron schedule with no next firing

// What the scheduler keeps about one entry between runs and restarts.
struct EntryPlan {
  std::string schedule_key;  // config::WatchEntry::ScheduleKey() the plan was made with
  UnixMillis slot = 0;       // the next slot of the schedule (before jitter)
  UnixMillis due = 0;        // when the entry runs next: slot + jitter, or a retry time
  int64_t interval_ms = 0;   // `every` entries: the current (adapted) interval

  // The last run.
  UnixMillis last_start = 0;
  UnixMillis last_end = 0;
  RunOutcome last_outcome = RunOutcome::kNone;
  int64_t last_pages = 0;    // results reported
  int64_t last_new = 0;      // kNew
  int64_t last_changed = 0;  // kChanged
  int64_t last_failed = 0;   // kFailed
  std::string last_error;    // why it failed ("" unless kFailed or kPartial)
  bool last_found_change = false;

  int64_t runs = 0;                  // runs completed (not interrupted)
  int64_t runs_with_change = 0;      // of which found a change
  int64_t consecutive_failures = 0;  // kFailed runs in a row
  // Set when a run starts and cleared when it is recorded: still set at the next start means
  // the process ended during that run.
  UnixMillis running_since = 0;

  friend bool operator==(const EntryPlan&, const EntryPlan&) = default;
};

// The jitter of slot `slot` of the entry named `name`: in [0, jitter_ms), 0 when jitter_ms <= 0.
// A hash (FNV-1a then a 64-bit mix), stable across runs, machines and builds.
int64_t JitterFor(std::string_view name, UnixMillis slot, int64_t jitter_ms);

// The plan to use for `entry` at `now`, given the stored one (null: none). A stored plan made
// with the same schedule is returned as it is; otherwise a new plan is made (keeping the run
// history of the stored one).
EntryPlan PlanFor(const config::WatchEntry& entry, const EntryPlan* stored, UnixMillis now);

// What one run found, for AfterRun.
struct RunFindings {
  RunOutcome outcome = RunOutcome::kOk;  // kOk, kPartial, kFailed or kInterrupted
  bool found_change = false;             // a changed article (or a new one after the first run)
  int64_t pages = 0, new_pages = 0, changed = 0, failed = 0;
  std::string error;
};

// Moves `plan` on after a run of `entry` that started at `started` and ended at `ended`: records
// the run and computes the next slot and due time (the rules at the top of this file).
void AfterRun(const config::WatchEntry& entry, const RunFindings& findings, UnixMillis started,
              UnixMillis ended, EntryPlan* plan);

// The interval after a run (adaptive entries): halved after a change, grown by a quarter
// otherwise, within the entry's bounds; unchanged after a failure.
int64_t AdaptInterval(const config::WatchEntry& entry, int64_t interval_ms, const RunFindings& f);

// Delay before retrying after the n-th failure in a row (n >= 1): 5 min, 10, 20... never more
// than `period_ms`.
int64_t RetryDelayMs(int64_t failures, int64_t period_ms);

}  // namespace strata::jobs
