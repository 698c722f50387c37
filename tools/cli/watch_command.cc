// strata watch [--once]: runs the config's [[watch]] schedules (crawler/jobs/watch.h) until
// SIGINT/SIGTERM, or, with --once, what is due now (for cron). One line per page on stdout (as
// `strata crawl`), one line per run and the hooks' failures on stderr. Thin: the loop, the plans
// and the jobs are in crawler/jobs/.
#include <signal.h>

#include <fmt/format.h>

#include <deque>

#include "crawler/jobs/schedule_store.h"
#include "crawler/jobs/watch.h"
#include "crawler/jobs/watch_status.h"
#include "tools/cli/commands.h"
#include "tools/cli/print.h"

namespace strata::tools {
namespace {

struct WatchArgs {
  bool once = false;
  bool quiet = false;
};

// "6h", "1h30m", "45s": the largest units, at most two.
std::string ShortDuration(int64_t ms) {
  if (ms < 1000) return fmt::format("{}ms", ms);
  int64_t s = ms / 1000;
  const int64_t d = s / 86400, h = s % 86400 / 3600, m = s % 3600 / 60;
  s %= 60;
  if (d > 0) return h > 0 ? fmt::format("{}d{}h", d, h) : fmt::format("{}d", d);
  if (h > 0) return m > 0 ? fmt::format("{}h{}m", h, m) : fmt::format("{}h", h);
  if (m > 0) return s > 0 ? fmt::format("{}m{}s", m, s) : fmt::format("{}m", m);
  return fmt::format("{}s", s);
}

// Failed fetches remembered for the status snapshot (crawler/jobs/watch_status.h): while the
// watch runs it holds the archive, and `strata status` reads the snapshot instead.
constexpr size_t kSnapshotFailures = 20;

class SnapshotWriter {
 public:
  SnapshotWriter(std::string path, const Clock& clock) : path_(std::move(path)), clock_(clock) {}

  // The archive of the current pass (the watch opens it anew for each).
  void set_archive(storage::Archive* archive) { archive_ = archive; }

  void Failed(const jobs::PageResult& r) {
    storage::ArticleHead head;
    head.url = r.key.empty() ? r.url : r.key;
    head.last_fetched = clock_.Now();
    head.last_status = r.http_status;
    head.last_error = r.error;
    failures_.push_front(std::move(head));
    if (failures_.size() > kSnapshotFailures) failures_.pop_back();
  }

  // Best effort: a snapshot that cannot be written only makes `strata status` less current.
  void Write() {
    if (archive_ == nullptr) return;
    jobs::StatusSnapshot snapshot;
    snapshot.written_at = clock_.Now();
    Result<std::map<std::string, jobs::EntryPlan>> plans = jobs::LoadAllPlans(archive_->State());
    if (!plans.ok()) return;
    snapshot.plans = std::move(plans).value();
    snapshot.recent_failures.assign(failures_.begin(), failures_.end());
    if (Status s = jobs::WriteStatusSnapshot(path_, snapshot); !s.ok() && !warned_) {
      warned_ = true;
      fmt::print(stderr, "strata watch: {} (strata status will not see this run)\n", s.message());
    }
  }

 private:
  storage::Archive* archive_ = nullptr;  // not owned; valid during a pass
  const std::string path_;
  const Clock& clock_;
  std::deque<storage::ArticleHead> failures_;
  bool warned_ = false;
};

std::string DescribeNext(UnixMillis due) { return due == jobs::kNever ? "never" : FormatTime(due); }

std::string DescribeRun(const jobs::EntryPlan& plan, const jobs::WatchRunReport& report) {
  std::string counts;
  for (int k = 0; k < 6; ++k) {
    if (report.by_kind[k] == 0) continue;
    if (!counts.empty()) counts += ", ";
    counts += fmt::format("{} {}", report.by_kind[k],
                          storage::RecordKindName(static_cast<storage::RecordKind>(k)));
  }
  std::string line = fmt::format("{}, {} page{}", jobs::RunOutcomeName(plan.last_outcome),
                                 report.pages, report.pages == 1 ? "" : "s");
  if (!counts.empty()) line += " (" + counts + ")";
  if (report.items > 0) line += fmt::format(", {} items listed", report.items);
  if (!plan.last_error.empty()) line += ": " + plan.last_error;
  return line;
}

int RunWatchCommand(const GlobalOptions& global, const WatchArgs& args) {
  Result<config::Config> cfg = LoadConfig(global);
  if (!cfg.ok()) return Fail("watch", cfg.status().message(), kExitUsage);
  if (cfg->watch.empty()) {
    return Fail("watch",
                "the config has no [[watch]] entries (see docs/watch.md; --config FILE names "
                "the config)",
                kExitUsage);
  }
  const Clock& clock = SystemClock::Instance();
  // Installed first: from here on SIGINT/SIGTERM are a clean stop, never the default action.
  jobs::AsioWaiter waiter(clock);
  jobs::ConfiguredHooks hooks(*cfg);
  SnapshotWriter snapshot(jobs::StatusSnapshotPath(cfg->archive_dir), clock);

  // The archive is opened for each pass of due visits and closed while the watch sleeps, so
  // that the other commands can use it in between.
  jobs::ArchiveLease lease;
  lease.open_archive = [&] { return OpenArchive(*cfg, /*create=*/true); };
  lease.make_runner = [&](storage::Archive& archive) -> std::unique_ptr<jobs::WatchRunner> {
    snapshot.set_archive(&archive);
    jobs::JobRunnerOptions runner_options;
    runner_options.stop_on_signals = true;
    return std::make_unique<jobs::JobRunner>(archive, *cfg, runner_options);
  };

  jobs::WatchOptions options;
  options.once = args.once;
  options.clock = &clock;
  options.waiter = &waiter;
  options.hooks = cfg->hooks.any() ? &hooks : nullptr;
  options.on_result = [&](const config::WatchEntry&, const jobs::PageResult& r) {
    if (r.kind == storage::RecordKind::kFailed) snapshot.Failed(r);
    if (args.quiet) return;
    PrintPageResult(stdout, r);
    std::fflush(stdout);
  };
  options.on_run_start = [&](const config::WatchEntry& e, const jobs::EntryPlan&) {
    fmt::print(stderr, "watch {}: visiting {} {}\n", e.name, config::WatchKindName(e.kind),
               e.target);
    snapshot.Write();  // status shows it running
  };
  options.on_run_end = [&](const config::WatchEntry& e, const jobs::EntryPlan& plan,
                           const jobs::WatchRunReport& report) {
    std::string line = fmt::format("watch {}: {}", e.name, DescribeRun(plan, report));
    if (plan.last_outcome != jobs::RunOutcome::kInterrupted) {
      line += "; next " + DescribeNext(plan.due);
      if (e.adaptive) line += " (every " + ShortDuration(plan.interval_ms) + ")";
    }
    fmt::print(stderr, "{}\n", line);
    snapshot.Write();
  };
  options.on_wait = [&](UnixMillis) { snapshot.Write(); };
  options.on_log = [](std::string_view line) { fmt::print(stderr, "{}\n", line); };

  if (!args.once) {
    fmt::print(stderr,
               "strata watch: {} entr{}, archive {}; stop with Ctrl-C or SIGTERM (a second one "
               "quits at once)\n",
               cfg->watch.size(), cfg->watch.size() == 1 ? "y" : "ies", cfg->archive_dir);
  }
  Result<jobs::WatchSummary> summary = jobs::RunWatchReleasingArchive(cfg->watch, options, lease);
  if (!summary.ok()) return Fail("watch", summary.status().message());
  if (summary->stop_signal != 0) {
    fmt::print(stderr, "strata watch: stopped by {} after {} run{}; the plan is kept\n",
               summary->stop_signal == SIGINT ? "SIGINT" : "SIGTERM", summary->runs,
               summary->runs == 1 ? "" : "s");
    // Stopping is how a long-running watch ends: a clean exit. A --once run cut short did not
    // do what was due.
    if (args.once) return 128 + summary->stop_signal;
    return kExitOk;
  }
  if (args.once) {
    if (summary->runs == 0) fmt::print(stderr, "strata watch --once: nothing is due\n");
    if (summary->failed_runs > 0) {
      return Fail("watch",
                  fmt::format("{} of {} runs failed", summary->failed_runs, summary->runs));
    }
  }
  return kExitOk;
}

}  // namespace

void AddWatchCommand(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto args = std::make_shared<WatchArgs>();
  CLI::App* cmd = app.add_subcommand(
      "watch",
      "Run the [[watch]] schedules of the config until SIGINT/SIGTERM: each entry (an article, "
      "an author, a feed) is visited when due; plans are kept in the archive");
  cmd->add_flag("--once", args->once,
                "Run what is due now, then exit (drive it from cron; exit 1 when a run failed)");
  cmd->add_flag("-q,--quiet", args->quiet, "No per-page lines; only the runs on stderr");
  cmd->callback([&global, args, exit_code] { *exit_code = RunWatchCommand(global, *args); });
}

}  // namespace strata::tools
