// strata status [--json]: each [[watch]] entry's plan (next due, last run, its result, failures
// in a row), and the archive's most recent failed fetches. Reads only; never creates an
// archive. The data comes from jobs::CollectWatchStatus (crawler/jobs/watch_status.h).
#include <fmt/format.h>

#include "crawler/jobs/watch_status.h"
#include "tools/cli/commands.h"
#include "tools/cli/json_output.h"
#include "tools/cli/print.h"

namespace strata::tools {
namespace {

struct StatusArgs {
  bool json = false;
  size_t failures = 10;
};

std::string Span(int64_t ms) {
  const bool negative = ms < 0;
  int64_t s = (negative ? -ms : ms) / 1000;
  const int64_t d = s / 86400, h = s % 86400 / 3600, m = s % 3600 / 60;
  s %= 60;
  std::string text;
  if (d > 0) {
    text = h > 0 ? fmt::format("{}d {}h", d, h) : fmt::format("{}d", d);
  } else if (h > 0) {
    text = m > 0 ? fmt::format("{}h {}m", h, m) : fmt::format("{}h", h);
  } else if (m > 0) {
    text = fmt::format("{}m", m);
  } else {
    text = fmt::format("{}s", s);
  }
  return text;
}

std::string Schedule(const config::WatchEntry& e, const jobs::EntryPlan& plan) {
  std::string text = e.cron
                         ? fmt::format("cron \"{}\" ({})", e.cron->text(), e.cron_zone.ToString())
                         : "every " + Span(e.every_ms);
  if (e.adaptive) {
    text += fmt::format(", adaptive {}..{} (now every {})", Span(e.min_every_ms),
                        Span(e.max_every_ms), Span(plan.interval_ms));
  }
  if (e.jitter_ms > 0) text += ", jitter " + Span(e.jitter_ms);
  return text;
}

std::string LastRun(const jobs::EntryPlan& p) {
  if (p.last_start == 0) return "never";
  std::string text =
      fmt::format("{}: {}", FormatTime(p.last_start), jobs::RunOutcomeName(p.last_outcome));
  if (p.last_outcome != jobs::RunOutcome::kInterrupted) {
    text += fmt::format(", {} page{} ({} new, {} changed, {} failed) in {}", p.last_pages,
                        p.last_pages == 1 ? "" : "s", p.last_new, p.last_changed, p.last_failed,
                        Span(p.last_end - p.last_start));
  }
  return text;
}

void PrintStatus(const jobs::WatchStatus& status) {
  fmt::print("watch entries ({}):\n", status.entries.size());
  for (const jobs::EntryStatus& s : status.entries) {
    const config::WatchEntry& e = s.entry;
    fmt::print("\n{}  ({} {})\n", e.name, config::WatchKindName(e.kind), e.target);
    fmt::print("  schedule   {}\n", Schedule(e, s.plan));
    std::string next;
    if (s.running) {
      next = fmt::format("running since {} (or the process ended during that run)",
                         FormatTime(s.stored->running_since));
    } else if (s.plan.due == jobs::kNever) {
      next = "never (the cron expression does not fire again)";
    } else if (s.due_now) {
      next = fmt::format("due now (since {})", FormatTime(s.plan.due));
    } else {
      next = fmt::format("{} (in {})", FormatTime(s.plan.due), Span(s.plan.due - status.now));
    }
    if (s.schedule_changed) next += "; the schedule changed since the last plan";
    fmt::print("  next       {}\n", next);
    const jobs::EntryPlan& p = s.plan;
    fmt::print("  last run   {}\n", LastRun(p));
    if (p.runs > 0) {
      fmt::print("  runs       {}, {} found a change\n", p.runs, p.runs_with_change);
    }
    if (!p.last_error.empty()) fmt::print("  error      {}\n", p.last_error);
    if (p.consecutive_failures > 0) {
      fmt::print("  failures   {} in a row\n", p.consecutive_failures);
    }
  }
  if (!status.orphaned.empty()) {
    fmt::print("\nplans kept for entries no longer in the config: {}\n",
               fmt::join(status.orphaned, ", "));
  }
  fmt::print("\nrecent failed fetches ({}):\n", status.recent_failures.size());
  for (const storage::ArticleHead& h : status.recent_failures) {
    fmt::print("  {}  {}  {}\n", FormatTime(h.last_fetched), h.url,
               h.last_error.empty() ? fmt::format("HTTP {}", h.last_status) : h.last_error);
  }
}

Json PlanTimeJson(UnixMillis t) { return t == jobs::kNever ? Json(nullptr) : TimeJson(t); }

Json StatusJson(const jobs::WatchStatus& status) {
  Json json;
  json["now"] = TimeJson(status.now);
  Json entries = Json::array();
  for (const jobs::EntryStatus& s : status.entries) {
    const config::WatchEntry& e = s.entry;
    const jobs::EntryPlan& p = s.plan;
    Json entry;
    entry["name"] = e.name;
    entry["kind"] = config::WatchKindName(e.kind);
    entry["target"] = e.target;
    entry["schedule"] = e.ScheduleKey();
    if (e.cron) {
      entry["cron"] = e.cron->text();
      entry["cron_zone"] = e.cron_zone.ToString();
    } else {
      entry["every_ms"] = e.every_ms;
      entry["interval_ms"] = p.interval_ms;
    }
    entry["jitter_ms"] = e.jitter_ms;
    entry["next_due"] = PlanTimeJson(p.due);
    entry["due_now"] = s.due_now;
    entry["running"] = s.running;
    entry["schedule_changed"] = s.schedule_changed;
    if (p.last_start == 0) {
      entry["last_run"] = nullptr;
    } else {
      entry["last_run"] = {
          {"start", TimeJson(p.last_start)},
          {"end", TimeJson(p.last_end)},
          {"outcome", jobs::RunOutcomeName(p.last_outcome)},
          {"pages", p.last_pages},
          {"new", p.last_new},
          {"changed", p.last_changed},
          {"failed", p.last_failed},
          {"found_change", p.last_found_change},
          {"error", p.last_error},
      };
    }
    entry["runs"] = p.runs;
    entry["runs_with_change"] = p.runs_with_change;
    entry["consecutive_failures"] = p.consecutive_failures;
    entries.push_back(std::move(entry));
  }
  json["entries"] = std::move(entries);
  json["orphaned_plans"] = status.orphaned;
  Json failures = Json::array();
  for (const storage::ArticleHead& h : status.recent_failures) {
    failures.push_back({{"url", h.url},
                        {"at", TimeJson(h.last_fetched)},
                        {"http_status", h.last_status},
                        {"outcome", OutcomeName(h.last_outcome)},
                        {"error", h.last_error}});
  }
  json["recent_failures"] = std::move(failures);
  return json;
}

int RunStatus(const GlobalOptions& global, const StatusArgs& args) {
  Result<config::Config> cfg = LoadConfig(global);
  if (!cfg.ok()) return Fail("status", cfg.status().message(), kExitUsage);
  const UnixMillis now = SystemClock::Instance().Now();
  Result<std::unique_ptr<storage::Archive>> archive = OpenArchive(*cfg, /*create=*/false);
  Result<jobs::WatchStatus> status = Status::Unavailable("not read");
  std::optional<UnixMillis> snapshot_at;  // read from a running watch's snapshot
  if (archive.ok()) {
    status = jobs::CollectWatchStatus(archive->get(), cfg->watch, now, args.failures);
  } else if (archive.status().IsNotFound()) {
    status = jobs::CollectWatchStatus(nullptr, cfg->watch, now, args.failures);
  } else if (archive.status().IsUnavailable()) {
    // In use, most likely by a running `strata watch`: what it last wrote for us.
    Result<jobs::StatusSnapshot> snapshot =
        jobs::ReadStatusSnapshot(jobs::StatusSnapshotPath(cfg->archive_dir));
    if (!snapshot.ok()) return Fail("status", archive.status().message());
    snapshot_at = snapshot->written_at;
    if (snapshot->recent_failures.size() > args.failures) {
      snapshot->recent_failures.resize(args.failures);
    }
    status = jobs::BuildWatchStatus(snapshot->plans, std::move(snapshot->recent_failures),
                                    cfg->watch, now);
  } else {
    return Fail("status", archive.status().message());
  }
  if (!status.ok()) return Fail("status", status.status().message());
  if (args.json) {
    Json json = StatusJson(*status);
    json["archive"] = cfg->archive_dir;
    json["archive_exists"] = archive.ok() || snapshot_at.has_value();
    json["snapshot_at"] = snapshot_at ? TimeJson(*snapshot_at) : Json(nullptr);
    PrintJson(stdout, json);
    return kExitOk;
  }
  if (snapshot_at) {
    fmt::print(
        "the archive is in use (a `strata watch` is running): its plans as of {}, and the "
        "failures it saw\n\n",
        FormatTime(*snapshot_at));
  } else if (!archive.ok()) {
    fmt::print("no archive at {} yet: `strata watch` has not run\n\n", cfg->archive_dir);
  }
  if (status->entries.empty()) {
    fmt::print("the config has no [[watch]] entries (see docs/watch.md)\n\n");
  }
  PrintStatus(*status);
  return kExitOk;
}

}  // namespace

void AddStatusCommand(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto args = std::make_shared<StatusArgs>();
  CLI::App* cmd = app.add_subcommand(
      "status",
      "What `strata watch` will do: each entry's next visit, last run and failures; "
      "the most recent failed fetches");
  cmd->add_flag("--json", args->json, "JSON output");
  cmd->add_option("--failures", args->failures, "Failed fetches to list (default 10)")
      ->check(CLI::Range(0, 100'000));
  cmd->callback([&global, args, exit_code] { *exit_code = RunStatus(global, *args); });
}

}  // namespace strata::tools
