#include "crawler/jobs/schedule.h"

#include <algorithm>

#include "common/mix64.h"

namespace strata::jobs {
namespace {

constexpr int64_t kFirstRetryMs = 5 * 60'000;

UnixMillis DueOf(const config::WatchEntry& entry, UnixMillis slot) {
  if (slot == kNever) return kNever;
  return slot + JitterFor(entry.name, slot, entry.jitter_ms);
}

UnixMillis NextFiring(const config::WatchEntry& entry, UnixMillis after) {
  std::optional<UnixMillis> next = entry.cron->Next(after, entry.cron_zone);
  return next ? *next : kNever;
}

// The first slot at or after `slot` in the chain whose due time is after `started`.
UnixMillis FirstSlotDueAfter(const config::WatchEntry& entry, UnixMillis slot, int64_t interval,
                             UnixMillis started) {
  // A slot at or before started - jitter is due before `started` whatever its jitter: jump over
  // a long absence at once rather than slot by slot.
  const UnixMillis horizon = started - entry.jitter_ms;
  if (entry.cron) {
    if (slot <= horizon) slot = NextFiring(entry, horizon);
    while (slot != kNever && DueOf(entry, slot) <= started) slot = NextFiring(entry, slot);
    return slot;
  }
  interval = std::max<int64_t>(interval, 1);
  if (slot <= horizon) slot += (horizon - slot) / interval * interval;
  while (DueOf(entry, slot) <= started) slot += interval;
  return slot;
}

}  // namespace

std::string_view RunOutcomeName(RunOutcome outcome) {
  switch (outcome) {
    case RunOutcome::kNone:
      return "never ran";
    case RunOutcome::kOk:
      return "ok";
    case RunOutcome::kPartial:
      return "partial";
    case RunOutcome::kFailed:
      return "failed";
    case RunOutcome::kInterrupted:
      return "interrupted";
  }
  return "unknown";
}

int64_t JitterFor(std::string_view name, UnixMillis slot, int64_t jitter_ms) {
  if (jitter_ms <= 0) return 0;
  uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a
  for (char c : name) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  const uint64_t mixed = Mix64(hash ^ Mix64(static_cast<uint64_t>(slot)));
  return static_cast<int64_t>(mixed % static_cast<uint64_t>(jitter_ms));
}

int64_t RetryDelayMs(int64_t failures, int64_t period_ms) {
  const int64_t doublings = std::clamp<int64_t>(failures - 1, 0, 30);
  const int64_t delay = kFirstRetryMs << doublings;
  return std::max<int64_t>(1, std::min(delay, period_ms));
}

EntryPlan PlanFor(const config::WatchEntry& entry, const EntryPlan* stored, UnixMillis now) {
  const std::string key = entry.ScheduleKey();
  if (stored != nullptr && stored->schedule_key == key) return *stored;
  EntryPlan plan = stored != nullptr ? *stored : EntryPlan{};
  plan.schedule_key = key;
  if (entry.cron) {
    plan.interval_ms = 0;
    plan.slot = NextFiring(entry, now);
  } else {
    plan.interval_ms = entry.every_ms;
    if (plan.last_start > 0) {
      // A changed schedule: the new interval counts from the last run.
      plan.slot = plan.last_start + entry.every_ms;
    } else {
      // Never ran: a slot whose jittered time has passed, so the first visit is now.
      plan.slot = now - entry.jitter_ms;
    }
  }
  plan.due = DueOf(entry, plan.slot);
  return plan;
}

int64_t AdaptInterval(const config::WatchEntry& entry, int64_t interval_ms, const RunFindings& f) {
  if (entry.cron || !entry.adaptive) return entry.every_ms;
  int64_t next = interval_ms > 0 ? interval_ms : entry.every_ms;
  if (f.outcome != RunOutcome::kFailed) next = f.found_change ? next / 2 : next + next / 4;
  return std::clamp(next, entry.min_every_ms, entry.max_every_ms);
}

void AfterRun(const config::WatchEntry& entry, const RunFindings& findings, UnixMillis started,
              UnixMillis ended, EntryPlan* plan) {
  plan->running_since = 0;
  plan->last_start = started;
  plan->last_end = ended;
  plan->last_outcome = findings.outcome;
  plan->last_error = findings.error;
  if (findings.outcome == RunOutcome::kInterrupted) return;  // the plan stays: run it again

  plan->last_pages = findings.pages;
  plan->last_new = findings.new_pages;
  plan->last_changed = findings.changed;
  plan->last_failed = findings.failed;
  plan->last_found_change = findings.found_change;
  // A first visit finds the article new: it says nothing about how often it changes.
  const bool first_run = plan->runs == 0;
  ++plan->runs;
  if (findings.found_change) ++plan->runs_with_change;
  const bool failed = findings.outcome == RunOutcome::kFailed;
  plan->consecutive_failures = failed ? plan->consecutive_failures + 1 : 0;

  if (!entry.cron && !first_run) {
    plan->interval_ms = AdaptInterval(entry, plan->interval_ms, findings);
  }
  if (plan->slot != kNever) {
    plan->slot = FirstSlotDueAfter(entry, plan->slot, plan->interval_ms, started);
  }
  plan->due = DueOf(entry, plan->slot);
  if (failed) {
    const int64_t period = entry.cron ? entry.PeriodMs() : plan->interval_ms;
    plan->due = std::min(plan->due, ended + RetryDelayMs(plan->consecutive_failures, period));
  }
}

}  // namespace strata::jobs
