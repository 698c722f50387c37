#include "crawler/jobs/watch.h"

#include <algorithm>
#include <numeric>

#include "crawler/jobs/schedule_store.h"

namespace strata::jobs {
namespace {

class WatchLoop {
 public:
  WatchLoop(const std::vector<config::WatchEntry>& entries, KvStore& state,
            const WatchOptions& options)
      : entries_(entries), state_(state), options_(options), clock_(*options.clock) {}

  Result<WatchSummary> Run();

 private:
  Status LoadPlans();
  Status RunEntry(size_t index);
  void RunHooks(const config::WatchEntry& entry, const WatchRunReport& report);
  void Log(const std::string& line) const {
    if (options_.on_log) options_.on_log(line);
  }
  int StopSignal() const { return options_.waiter != nullptr ? options_.waiter->StopSignal() : 0; }

  const std::vector<config::WatchEntry>& entries_;
  KvStore& state_;
  const WatchOptions& options_;
  const Clock& clock_;
  std::vector<EntryPlan> plans_;  // parallel to entries_
  WatchSummary summary_;
};

Status WatchLoop::LoadPlans() {
  const UnixMillis now = clock_.Now();
  for (const config::WatchEntry& entry : entries_) {
    STRATA_ASSIGN_OR_RETURN(std::optional<EntryPlan> stored, LoadPlan(state_, entry.name));
    EntryPlan plan = PlanFor(entry, stored ? &*stored : nullptr, now);
    if (plan.running_since != 0) {
      // The process ended during this entry's last run: the plan did not move, so it runs
      // again now, and its crawl resumes where it stopped.
      Log("watch " + entry.name + ": the run started at " + FormatIsoUtc(plan.running_since) +
          " did not finish (the process ended); running it again");
      plan.running_since = 0;
      plan.last_outcome = RunOutcome::kInterrupted;
    }
    if (!stored || plan != *stored) {
      STRATA_RETURN_IF_ERROR(SavePlan(state_, entry.name, plan).WithContext("watch " + entry.name));
    }
    plans_.push_back(std::move(plan));
  }
  return Status::Ok();
}

Result<WatchSummary> WatchLoop::Run() {
  STRATA_RETURN_IF_ERROR(LoadPlans());
  for (;;) {
    if (int sig = StopSignal(); sig != 0) {
      summary_.stop_signal = sig;
      return summary_;
    }
    // Everything due now, the longest overdue first (ties in config order).
    const UnixMillis now = clock_.Now();
    std::vector<size_t> due;
    for (size_t i = 0; i < entries_.size(); ++i) {
      if (plans_[i].due <= now) due.push_back(i);
    }
    std::stable_sort(due.begin(), due.end(),
                     [&](size_t a, size_t b) { return plans_[a].due < plans_[b].due; });
    for (size_t index : due) {
      if (int sig = StopSignal(); sig != 0) {
        summary_.stop_signal = sig;
        return summary_;
      }
      STRATA_RETURN_IF_ERROR(RunEntry(index));
      if (summary_.stop_signal != 0) return summary_;
    }
    UnixMillis next = kNever;
    for (const EntryPlan& plan : plans_) next = std::min(next, plan.due);
    summary_.next_due = next;
    if (options_.once) return summary_;

    if (options_.on_wait) options_.on_wait(next);
    if (!options_.waiter->WaitUntil(next)) {
      summary_.stop_signal = options_.waiter->StopSignal();
      return summary_;
    }
  }
}

Status WatchLoop::RunEntry(size_t index) {
  const config::WatchEntry& entry = entries_[index];
  EntryPlan& plan = plans_[index];
  const EntryPlan before = plan;
  const UnixMillis started = clock_.Now();
  // Saved before the run: if the process dies during it, the next start knows.
  plan.running_since = started;
  STRATA_RETURN_IF_ERROR(SavePlan(state_, entry.name, plan).WithContext("watch " + entry.name));
  if (options_.on_run_start) options_.on_run_start(entry, plan);
  ++summary_.runs;

  WatchRunReport report = options_.runner->Run(entry, [&](const PageResult& result) {
    if (options_.on_result) options_.on_result(entry, result);
  });
  const UnixMillis ended = clock_.Now();
  const RunFindings findings = FindingsOf(report, before);
  AfterRun(entry, findings, started, ended, &plan);
  STRATA_RETURN_IF_ERROR(SavePlan(state_, entry.name, plan).WithContext("watch " + entry.name));

  if (findings.outcome == RunOutcome::kFailed) ++summary_.failed_runs;
  if (report.stop_signal != 0) summary_.stop_signal = report.stop_signal;
  summary_.changes += static_cast<int64_t>(report.changes.size());
  // The changes were recorded, interrupted or not: tell the hooks (a resumed run will not report
  // them again).
  RunHooks(entry, report);
  if (options_.on_run_end) options_.on_run_end(entry, plan, report);
  return Status::Ok();
}

void WatchLoop::RunHooks(const config::WatchEntry& entry, const WatchRunReport& report) {
  if (options_.hooks == nullptr) return;
  for (const PageResult& result : report.changes) {
    ChangeEvent event;
    if (options_.archive != nullptr) {
      event = MakeChangeEvent(*options_.archive, entry.name, result, clock_.Now());
    } else {
      event.watch = entry.name;
      event.url = result.key.empty() ? result.url : result.key;
      event.title = result.title;
      event.is_new = result.kind == storage::RecordKind::kNew;
      event.version = result.version;
      event.time = clock_.Now();
      event.summary = event.is_new ? "first version" : "changed";
    }
    for (const Status& error : options_.hooks->OnChange(event)) {
      ++summary_.hook_failures;
      Log("watch " + entry.name + ": hook for " + event.url + " failed: " + error.message());
    }
  }
}

}  // namespace

RunFindings FindingsOf(const WatchRunReport& report, const EntryPlan& plan_before) {
  RunFindings f;
  f.pages = report.pages;
  f.new_pages = report.by_kind[static_cast<int>(storage::RecordKind::kNew)];
  f.changed = report.by_kind[static_cast<int>(storage::RecordKind::kChanged)];
  f.failed = report.by_kind[static_cast<int>(storage::RecordKind::kFailed)];
  // A first visit finds everything new: that is no sign of an article that changes often.
  f.found_change = f.changed > 0 || (f.new_pages > 0 && plan_before.runs > 0);
  if (report.stop_signal != 0) {
    f.outcome = RunOutcome::kInterrupted;
    f.error = "stopped by signal " + std::to_string(report.stop_signal);
  } else if (!report.error.empty()) {
    f.outcome = RunOutcome::kFailed;
    f.error = report.error;
  } else if (f.pages > 0 && f.failed == f.pages) {
    f.outcome = RunOutcome::kFailed;
    f.error = report.first_failure;
  } else if (f.failed > 0) {
    f.outcome = RunOutcome::kPartial;
    f.error = std::to_string(f.failed) + " of " + std::to_string(f.pages) +
              " pages failed; first: " + report.first_failure;
  } else {
    f.outcome = RunOutcome::kOk;
  }
  return f;
}

Result<WatchSummary> RunWatchReleasingArchive(const std::vector<config::WatchEntry>& entries,
                                              const WatchOptions& options,
                                              const ArchiveLease& lease) {
  if (options.clock == nullptr || options.waiter == nullptr || !lease.open_archive ||
      !lease.make_runner) {
    return Status::InvalidArgument(
        "watch: a clock, a waiter, an archive and a runner are required");
  }
  const Clock& clock = *options.clock;
  WatchSummary total;
  for (;;) {
    if (int sig = options.waiter->StopSignal(); sig != 0) {
      total.stop_signal = sig;
      return total;
    }
    Result<std::unique_ptr<storage::Archive>> archive = lease.open_archive();
    if (!archive.ok()) {
      // From cron (--once), a busy archive is an error: invocations must not pile up.
      if (!archive.status().IsUnavailable() || options.once) return archive.status();
      // Another strata process has it for a moment (a `strata list`...): try again soon.
      if (options.on_log) {
        options.on_log("watch: " + archive.status().message() + "; trying again in " +
                       std::to_string(lease.busy_retry_ms / 1000) + " s");
      }
      if (!options.waiter->WaitUntil(clock.Now() + lease.busy_retry_ms)) {
        total.stop_signal = options.waiter->StopSignal();
        return total;
      }
      continue;
    }
    std::unique_ptr<WatchRunner> runner = lease.make_runner(**archive);
    WatchOptions pass = options;
    pass.once = true;
    pass.runner = runner.get();
    pass.archive = archive->get();
    Result<WatchSummary> summary = RunWatch(entries, (*archive)->State(), pass);
    if (!summary.ok()) return summary.status();
    total.runs += summary->runs;
    total.failed_runs += summary->failed_runs;
    total.changes += summary->changes;
    total.hook_failures += summary->hook_failures;
    total.next_due = summary->next_due;
    if (summary->stop_signal != 0) {
      total.stop_signal = summary->stop_signal;
      return total;
    }
    if (options.once) return total;
    if (options.on_wait) options.on_wait(total.next_due);  // the archive is still open here
    runner.reset();
    archive->reset();  // released while waiting: other strata commands may use it
    if (!options.waiter->WaitUntil(total.next_due)) {
      total.stop_signal = options.waiter->StopSignal();
      return total;
    }
  }
}

Result<WatchSummary> RunWatch(const std::vector<config::WatchEntry>& entries, KvStore& state,
                              const WatchOptions& options) {
  if (options.clock == nullptr || options.runner == nullptr) {
    return Status::InvalidArgument("watch: a clock and a runner are required");
  }
  if (!options.once && options.waiter == nullptr) {
    return Status::InvalidArgument("watch: a waiter is required unless running once");
  }
  WatchLoop loop(entries, state, options);
  return loop.Run();
}

}  // namespace strata::jobs
