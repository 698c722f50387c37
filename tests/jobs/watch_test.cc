// The watch loop with a fake runner, a fake waiter and a ManualClock: whole schedules of many
// periods in microseconds, no sleeps.
#include "crawler/jobs/watch.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "common/memory_kv_store.h"
#include "config/config.h"
#include "crawler/jobs/schedule_store.h"
#include "tests/support/temp_dir.h"

namespace strata::jobs {
namespace {

constexpr int64_t kMinute = 60'000;
constexpr int64_t kHour = 60 * kMinute;
const UnixMillis kStart = ParseIso8601("2030-01-01T00:00:00Z").value_or(0);

std::vector<config::WatchEntry> Entries(const std::string& toml) {
  Result<config::Config> c = config::ParseConfig(toml, "t.toml");
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return c.ok() ? c->watch : std::vector<config::WatchEntry>{};
}

// Moves the clock to each due time at once; stops the loop past `horizon` (or when told to).
class FakeWaiter final : public Waiter {
 public:
  FakeWaiter(ManualClock& clock, UnixMillis horizon) : clock_(clock), horizon_(horizon) {}
  bool WaitUntil(UnixMillis due) override {
    ++waits_;
    if (stop_ != 0 || due == kNever || due > horizon_) return false;
    if (due > clock_.Now()) clock_.Set(due);
    return true;
  }
  int StopSignal() override { return stop_; }
  void set_stop(int signal_number) { stop_ = signal_number; }
  int waits() const { return waits_; }

 private:
  ManualClock& clock_;
  UnixMillis horizon_;
  int stop_ = 0;
  int waits_ = 0;
};

struct Visit {
  std::string name;
  UnixMillis at;
  bool operator==(const Visit&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Visit& r) {
  return os << r.name << "@+" << (r.at - kStart) / kMinute << "min";
}

// Records each run; what it reports is up to the test.
class FakeRunner final : public WatchRunner {
 public:
  explicit FakeRunner(ManualClock& clock) : clock_(clock) {}
  WatchRunReport Run(const config::WatchEntry& entry,
                     const std::function<void(const PageResult&)>& on_result) override {
    runs.push_back({entry.name, clock_.Now()});
    WatchRunReport report;
    if (respond) {
      report = respond(entry, runs.size());
    } else {
      PageResult r;
      r.url = entry.target;
      r.key = entry.target;
      r.kind = storage::RecordKind::kUnchanged;
      r.version = 1;
      report.Count(r);
    }
    for (const PageResult& r : report.changes) on_result(r);
    clock_.Advance(run_ms);
    return report;
  }

  std::vector<Visit> runs;
  std::function<WatchRunReport(const config::WatchEntry&, size_t)> respond;
  int64_t run_ms = 0;  // how long a run takes on the clock

 private:
  ManualClock& clock_;
};

class RecordingHooks final : public HookRunner {
 public:
  std::vector<Status> OnChange(const ChangeEvent& event) override {
    events.push_back(event);
    if (fail) return {Status::Unavailable("hook down")};
    return {};
  }
  std::vector<ChangeEvent> events;
  bool fail = false;
};

WatchRunReport Changed(const config::WatchEntry& entry, storage::RecordKind kind, int64_t v) {
  WatchRunReport report;
  PageResult r;
  r.url = entry.target;
  r.key = entry.target;
  r.kind = kind;
  r.version = v;
  r.title = "T" + std::to_string(v);
  report.Count(r);
  return report;
}

class WatchLoopTest : public ::testing::Test {
 protected:
  // Runs the loop until `horizon` with a fresh runner (as a restarted process would).
  Result<WatchSummary> RunUntil(const std::vector<config::WatchEntry>& entries, UnixMillis horizon,
                                FakeRunner& runner, bool once = false) {
    FakeWaiter waiter(clock_, horizon);
    WatchOptions options;
    options.once = once;
    options.clock = &clock_;
    options.runner = &runner;
    options.waiter = &waiter;
    options.hooks = &hooks_;
    options.on_log = [this](std::string_view line) { log_.emplace_back(line); };
    return RunWatch(entries, state_, options);
  }

  ManualClock clock_{kStart};
  MemoryKvStore state_;
  RecordingHooks hooks_;
  std::vector<std::string> log_;
};

const char* kTwoEntries = R"(
[[watch]]
url = "https://example.com/hourly"
every = "1h"
jitter = 0
adaptive = false

[[watch]]
feed = "https://example.com/feed"
every = "3h"
jitter = 0
)";

std::vector<Visit> ExpectedTwoEntryRuns(UnixMillis until) {
  std::vector<Visit> runs;
  for (UnixMillis t = kStart; t <= until; t += kHour) {
    runs.push_back({"example.com/hourly", t});
    if ((t - kStart) % (3 * kHour) == 0) runs.push_back({"feed:example.com/feed", t});
  }
  return runs;
}

TEST_F(WatchLoopTest, EntriesRunExactlyWhenDue) {
  FakeRunner runner(clock_);
  auto summary = RunUntil(Entries(kTwoEntries), kStart + 6 * kHour, runner);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(runner.runs, ExpectedTwoEntryRuns(kStart + 6 * kHour));
  EXPECT_EQ(summary->runs, 10);
  EXPECT_EQ(summary->stop_signal, 0);
}

TEST_F(WatchLoopTest, JitteredEntriesRunAtTheirSlotPlusTheirJitter) {
  const auto entries = Entries(R"(
[[watch]]
url = "https://example.com/a"
every = "1h"
jitter = "10m"
adaptive = false
)");
  FakeRunner runner(clock_);
  ASSERT_TRUE(RunUntil(entries, kStart + 10 * kHour, runner).ok());
  ASSERT_EQ(runner.runs.size(), 11u);  // the first at once, then one an hour
  EXPECT_EQ(runner.runs[0].at, kStart);
  const UnixMillis first_slot = kStart - 10 * kMinute;
  for (size_t i = 1; i < runner.runs.size(); ++i) {
    const UnixMillis slot = first_slot + static_cast<int64_t>(i) * kHour;
    EXPECT_EQ(runner.runs[i].at, slot + JitterFor("example.com/a", slot, 10 * kMinute)) << i;
  }
}

TEST_F(WatchLoopTest, RestartMidPlanContinuesIt) {
  const auto entries = Entries(kTwoEntries);
  std::vector<Visit> all;
  // Three processes: stopped after 2.5 h, after 4.2 h, then run to 9 h. Each loses its memory.
  for (UnixMillis horizon :
       {kStart + 5 * kHour / 2, kStart + 42 * kHour / 10, kStart + 9 * kHour}) {
    FakeRunner runner(clock_);
    auto summary = RunUntil(entries, horizon, runner);
    ASSERT_TRUE(summary.ok()) << summary.status().ToString();
    all.insert(all.end(), runner.runs.begin(), runner.runs.end());
    clock_.Set(horizon);  // the process was down until here
  }
  EXPECT_EQ(all, ExpectedTwoEntryRuns(kStart + 9 * kHour));  // nothing twice, nothing skipped
}

TEST_F(WatchLoopTest, DowntimeRunsEachEntryOnceThenKeepsThePhase) {
  const auto entries = Entries(kTwoEntries);
  FakeRunner first(clock_);
  ASSERT_TRUE(RunUntil(entries, kStart, first).ok());
  clock_.Set(kStart + 30 * kHour + 20 * kMinute);  // down for more than a day
  FakeRunner second(clock_);
  ASSERT_TRUE(RunUntil(entries, kStart + 33 * kHour, second).ok());
  const UnixMillis back = kStart + 30 * kHour + 20 * kMinute;
  const std::vector<Visit> expected = {
      {"example.com/hourly", back},
      {"feed:example.com/feed", back},
      {"example.com/hourly", kStart + 31 * kHour},
      {"example.com/hourly", kStart + 32 * kHour},
      {"example.com/hourly", kStart + 33 * kHour},
      {"feed:example.com/feed", kStart + 33 * kHour},
  };
  EXPECT_EQ(second.runs, expected);
}

TEST_F(WatchLoopTest, OnceRunsWhatIsDueAndReturns) {
  const auto entries = Entries(kTwoEntries);
  FakeRunner runner(clock_);
  ASSERT_TRUE(RunUntil(entries, kNever, runner, /*once=*/true).ok());
  EXPECT_EQ(runner.runs.size(), 2u);
  // Again at the same time: nothing is due.
  ASSERT_TRUE(RunUntil(entries, kNever, runner, /*once=*/true).ok());
  EXPECT_EQ(runner.runs.size(), 2u);
  // An hour later only the hourly entry; three hours later both.
  clock_.Set(kStart + kHour + 5 * kMinute);
  ASSERT_TRUE(RunUntil(entries, kNever, runner, /*once=*/true).ok());
  ASSERT_EQ(runner.runs.size(), 3u);
  EXPECT_EQ(runner.runs[2].name, "example.com/hourly");
  clock_.Set(kStart + 3 * kHour);
  ASSERT_TRUE(RunUntil(entries, kNever, runner, /*once=*/true).ok());
  EXPECT_EQ(runner.runs.size(), 5u);
}

TEST_F(WatchLoopTest, InterruptedRunIsRunAgainByTheNextStart) {
  const auto entries = Entries(kTwoEntries);
  FakeRunner runner(clock_);
  runner.respond = [](const config::WatchEntry&, size_t n) {
    WatchRunReport report;
    if (n == 1) report.stop_signal = 15;  // SIGTERM during the first run
    return report;
  };
  auto summary = RunUntil(entries, kStart + 10 * kHour, runner);
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->stop_signal, 15);
  ASSERT_EQ(runner.runs.size(), 1u);  // the second entry was not started

  auto plan = LoadPlan(state_, "example.com/hourly");
  ASSERT_TRUE(plan.ok() && plan->has_value());
  EXPECT_EQ((*plan)->last_outcome, RunOutcome::kInterrupted);
  EXPECT_EQ((*plan)->running_since, 0);
  EXPECT_EQ((*plan)->runs, 0);

  clock_.Advance(kMinute);
  FakeRunner again(clock_);
  ASSERT_TRUE(RunUntil(entries, kStart + kMinute, again).ok());
  EXPECT_EQ(again.runs, (std::vector<Visit>{{"example.com/hourly", kStart + kMinute},
                                            {"feed:example.com/feed", kStart + kMinute}}));
}

TEST_F(WatchLoopTest, ProcessDeathDuringARunIsReportedAndTheRunRepeated) {
  const auto entries = Entries(kTwoEntries);
  FakeRunner runner(clock_);
  ASSERT_TRUE(RunUntil(entries, kStart, runner).ok());
  // The next run starts and the process dies: only the "running" mark was saved.
  auto plan = LoadPlan(state_, "example.com/hourly");
  ASSERT_TRUE(plan.ok() && plan->has_value());
  EntryPlan dying = **plan;
  dying.running_since = kStart + kHour;
  ASSERT_TRUE(SavePlan(state_, "example.com/hourly", dying).ok());
  clock_.Set(kStart + kHour + 10 * kMinute);
  FakeRunner after(clock_);
  ASSERT_TRUE(RunUntil(entries, kStart + kHour + 10 * kMinute, after).ok());
  EXPECT_EQ(after.runs,
            (std::vector<Visit>{{"example.com/hourly", kStart + kHour + 10 * kMinute}}));
  ASSERT_FALSE(log_.empty());
  EXPECT_NE(log_[0].find("did not finish"), std::string::npos) << log_[0];
}

TEST_F(WatchLoopTest, FailedRunsAreRetriedWithBackOff) {
  const auto entries = Entries(R"(
[[watch]]
url = "https://example.com/down"
every = "1d"
jitter = 0
adaptive = false
)");
  FakeRunner runner(clock_);
  runner.respond = [](const config::WatchEntry&, size_t n) {
    WatchRunReport report;
    if (n <= 3) report.error = "connection refused";
    return report;
  };
  auto summary = RunUntil(entries, kStart + 25 * kHour, runner);
  ASSERT_TRUE(summary.ok());
  const std::vector<Visit> expected = {
      {"example.com/down", kStart},
      {"example.com/down", kStart + 5 * kMinute},
      {"example.com/down", kStart + 15 * kMinute},
      {"example.com/down", kStart + 35 * kMinute},  // this one works
      {"example.com/down", kStart + 24 * kHour},    // back on the daily slot
  };
  EXPECT_EQ(runner.runs, expected);
  EXPECT_EQ(summary->failed_runs, 3);
}

TEST_F(WatchLoopTest, AllPagesFailedIsAFailedRunSomeIsPartial) {
  WatchRunReport all_failed;
  PageResult failed;
  failed.url = "https://example.com/x";
  failed.error = "timeout";
  all_failed.Count(failed);
  RunFindings f = FindingsOf(all_failed, EntryPlan{});
  EXPECT_EQ(f.outcome, RunOutcome::kFailed);
  EXPECT_EQ(f.error, "https://example.com/x: timeout");

  WatchRunReport partial = all_failed;
  PageResult ok;
  ok.kind = storage::RecordKind::kUnchanged;
  partial.Count(ok);
  f = FindingsOf(partial, EntryPlan{});
  EXPECT_EQ(f.outcome, RunOutcome::kPartial);
  EXPECT_FALSE(f.found_change);

  // New articles are a change only once the entry has run before.
  WatchRunReport fresh;
  PageResult added;
  added.kind = storage::RecordKind::kNew;
  fresh.Count(added);
  EXPECT_FALSE(FindingsOf(fresh, EntryPlan{}).found_change);
  EntryPlan ran;
  ran.runs = 1;
  EXPECT_TRUE(FindingsOf(fresh, ran).found_change);
  EXPECT_EQ(FindingsOf(WatchRunReport{}, ran).outcome, RunOutcome::kOk);
}

TEST_F(WatchLoopTest, AdaptiveEntryConvergesToItsBounds) {
  const auto entries = Entries(R"(
[[watch]]
url = "https://example.com/busy"
every = "4h"
min_every = "30m"
max_every = "1d"
jitter = 0

[[watch]]
url = "https://example.com/quiet"
every = "4h"
min_every = "30m"
max_every = "1d"
jitter = 0
)");
  FakeRunner runner(clock_);
  std::map<std::string, int64_t> visits;
  runner.respond = [&](const config::WatchEntry& entry, size_t) {
    const bool busy = entry.name == "example.com/busy";
    const int64_t n = ++visits[entry.name];
    if (n == 1) return Changed(entry, storage::RecordKind::kNew, 1);
    return busy ? Changed(entry, storage::RecordKind::kChanged, n)
                : Changed(entry, storage::RecordKind::kUnchanged, 1);
  };
  ASSERT_TRUE(RunUntil(entries, kStart + 10 * 24 * kHour, runner).ok());
  std::map<std::string, std::vector<UnixMillis>> times;
  for (const Visit& r : runner.runs) times[r.name].push_back(r.at);
  auto gaps = [&](const std::string& name) {
    std::vector<int64_t> out;
    const auto& t = times[name];
    for (size_t i = 1; i < t.size(); ++i) out.push_back(t[i] - t[i - 1]);
    return out;
  };
  const std::vector<int64_t> busy = gaps("example.com/busy");
  const std::vector<int64_t> quiet = gaps("example.com/quiet");
  ASSERT_GT(busy.size(), 10u);
  ASSERT_GT(quiet.size(), 5u);
  // The first visit (new) tells nothing: 4 h; then halving down to the floor.
  EXPECT_EQ(busy[0], 4 * kHour);
  EXPECT_EQ(busy[1], 2 * kHour);
  EXPECT_EQ(busy[2], kHour);
  EXPECT_EQ(busy.back(), 30 * kMinute);
  EXPECT_TRUE(std::is_sorted(busy.rbegin(), busy.rend()));
  // Never changing: growing by a quarter up to the ceiling.
  EXPECT_EQ(quiet[0], 4 * kHour);
  EXPECT_EQ(quiet[1], 5 * kHour);
  EXPECT_EQ(quiet.back(), 24 * kHour);
  EXPECT_TRUE(std::is_sorted(quiet.begin(), quiet.end()));
  auto plan = LoadPlan(state_, "example.com/quiet");
  ASSERT_TRUE(plan.ok() && plan->has_value());
  EXPECT_EQ((*plan)->interval_ms, 24 * kHour);
}

TEST_F(WatchLoopTest, HooksHearOfEachNewAndChangedArticleAndTheirFailuresAreLogged) {
  const auto entries = Entries(R"(
[[watch]]
url = "https://example.com/a"
every = "1h"
jitter = 0
adaptive = false
)");
  FakeRunner runner(clock_);
  runner.respond = [](const config::WatchEntry& entry, size_t n) {
    if (n == 2) return Changed(entry, storage::RecordKind::kUnchanged, 1);
    return Changed(entry, n == 1 ? storage::RecordKind::kNew : storage::RecordKind::kChanged,
                   n == 1 ? 1 : 2);
  };
  hooks_.fail = true;
  auto summary = RunUntil(entries, kStart + 2 * kHour, runner);
  ASSERT_TRUE(summary.ok());
  ASSERT_EQ(hooks_.events.size(), 2u);
  EXPECT_TRUE(hooks_.events[0].is_new);
  EXPECT_FALSE(hooks_.events[1].is_new);
  EXPECT_EQ(hooks_.events[1].version, 2);
  EXPECT_EQ(hooks_.events[1].url, "https://example.com/a");
  EXPECT_EQ(hooks_.events[1].watch, "example.com/a");
  EXPECT_EQ(summary->hook_failures, 2);
  EXPECT_EQ(summary->changes, 2);
  ASSERT_EQ(log_.size(), 2u);
  EXPECT_NE(log_[0].find("hook for https://example.com/a failed: hook down"), std::string::npos)
      << log_[0];
  EXPECT_EQ(runner.runs.size(), 3u);  // a failing hook does not stop the watch
}

TEST_F(WatchLoopTest, SignalBetweenRunsLeavesTheRestForNextTime) {
  const auto entries = Entries(kTwoEntries);
  FakeRunner runner(clock_);
  FakeWaiter waiter(clock_, kNever);
  runner.respond = [&](const config::WatchEntry&, size_t) {
    waiter.set_stop(2);  // SIGINT arrives while the first entry runs (outside the crawl)
    return WatchRunReport{};
  };
  WatchOptions options;
  options.clock = &clock_;
  options.runner = &runner;
  options.waiter = &waiter;
  auto summary = RunWatch(entries, state_, options);
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->stop_signal, 2);
  EXPECT_EQ(runner.runs.size(), 1u);
  auto plans = LoadAllPlans(state_);
  ASSERT_TRUE(plans.ok());
  EXPECT_EQ(plans->at("example.com/hourly").runs, 1);  // the finished run is recorded
  EXPECT_EQ(plans->at("feed:example.com/feed").runs, 0);
  EXPECT_LE(plans->at("feed:example.com/feed").due, clock_.Now());  // still due
}

TEST_F(WatchLoopTest, CallbacksSeeEveryRun) {
  const auto entries = Entries(kTwoEntries);
  FakeRunner runner(clock_);
  FakeWaiter waiter(clock_, kStart + kHour);
  std::vector<std::string> seen;
  WatchOptions options;
  options.clock = &clock_;
  options.runner = &runner;
  options.waiter = &waiter;
  options.on_run_start = [&](const config::WatchEntry& e, const EntryPlan& p) {
    EXPECT_NE(p.running_since, 0);
    seen.push_back("start " + e.name);
  };
  options.on_run_end = [&](const config::WatchEntry& e, const EntryPlan& p, const WatchRunReport&) {
    EXPECT_EQ(p.running_since, 0);
    EXPECT_GT(p.due, clock_.Now());
    seen.push_back("end " + e.name);
  };
  ASSERT_TRUE(RunWatch(entries, state_, options).ok());
  EXPECT_EQ(seen,
            (std::vector<std::string>{"start example.com/hourly", "end example.com/hourly",
                                      "start feed:example.com/feed", "end feed:example.com/feed",
                                      "start example.com/hourly", "end example.com/hourly"}));
}

TEST_F(WatchLoopTest, DamagedPlanStopsTheLoopWithAClearError) {
  ASSERT_TRUE(state_.Put(PlanKey("example.com/hourly"), "garbage").ok());
  FakeRunner runner(clock_);
  auto summary = RunUntil(Entries(kTwoEntries), kStart + kHour, runner);
  ASSERT_FALSE(summary.ok());
  EXPECT_TRUE(summary.status().IsCorruption());
  EXPECT_NE(summary.status().message().find("watch/plan/example.com/hourly"), std::string::npos);
  EXPECT_TRUE(runner.runs.empty());
}

TEST_F(WatchLoopTest, MissingPartsAreInvalidArguments) {
  WatchOptions options;
  EXPECT_TRUE(RunWatch({}, state_, options).status().IsInvalidArgument());
  FakeRunner runner(clock_);
  options.clock = &clock_;
  options.runner = &runner;
  EXPECT_TRUE(RunWatch({}, state_, options).status().IsInvalidArgument());  // no waiter
  options.once = true;
  EXPECT_TRUE(RunWatch({}, state_, options).ok());
}

// The program's loop: the archive is opened for each pass and free while the loop waits.
class ReleasingWaiter final : public Waiter {
 public:
  ReleasingWaiter(ManualClock& clock, UnixMillis horizon, std::function<void()> while_waiting)
      : clock_(clock), horizon_(horizon), while_waiting_(std::move(while_waiting)) {}
  bool WaitUntil(UnixMillis due) override {
    if (due == kNever || due > horizon_) return false;
    while_waiting_();
    if (due > clock_.Now()) clock_.Set(due);
    return true;
  }
  int StopSignal() override { return 0; }

 private:
  ManualClock& clock_;
  UnixMillis horizon_;
  std::function<void()> while_waiting_;
};

TEST_F(WatchLoopTest, ProgramLoopReleasesTheArchiveWhileWaiting) {
  testing::TempDir dir;
  const std::string archive_dir = dir.Sub("archive");
  int opens = 0;
  int free_while_waiting = 0;
  ArchiveLease lease;
  lease.busy_retry_ms = kMinute;
  lease.open_archive = [&]() -> Result<std::unique_ptr<storage::Archive>> {
    if (++opens == 1) return Status::Unavailable("in use by another strata process");
    return storage::Archive::Open(archive_dir);
  };
  std::vector<std::unique_ptr<FakeRunner>> runners;
  std::vector<Visit> visits;
  lease.make_runner = [&](storage::Archive&) -> std::unique_ptr<WatchRunner> {
    auto runner = std::make_unique<FakeRunner>(clock_);
    runner->respond = [&](const config::WatchEntry& e, size_t) {
      visits.push_back({e.name, clock_.Now()});
      return WatchRunReport{};
    };
    return runner;
  };
  ReleasingWaiter waiter(clock_, kStart + kMinute + 3 * kHour, [&] {
    // Another process could open the archive now (no open instance holds its lock).
    if (storage::Archive::Open(archive_dir).ok()) ++free_while_waiting;
  });
  WatchOptions options;
  options.clock = &clock_;
  options.waiter = &waiter;
  options.on_log = [this](std::string_view line) { log_.emplace_back(line); };
  auto summary = RunWatchReleasingArchive(Entries(kTwoEntries), options, lease);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  // The first open found the archive busy: a minute later the plans were made and what was due
  // ran, then each hour from there.
  const std::vector<Visit> expected = {
      {"example.com/hourly", kStart + kMinute},
      {"feed:example.com/feed", kStart + kMinute},
      {"example.com/hourly", kStart + kMinute + kHour},
      {"example.com/hourly", kStart + kMinute + 2 * kHour},
      {"example.com/hourly", kStart + kMinute + 3 * kHour},
      {"feed:example.com/feed", kStart + kMinute + 3 * kHour},
  };
  EXPECT_EQ(visits, expected);
  EXPECT_EQ(summary->runs, 6);
  EXPECT_EQ(opens, 5);               // busy, then one per pass
  EXPECT_EQ(free_while_waiting, 4);  // at every wait
  ASSERT_FALSE(log_.empty());
  EXPECT_NE(log_[0].find("trying again in 60 s"), std::string::npos) << log_[0];
}

TEST_F(WatchLoopTest, ProgramLoopOnceFailsOnABusyArchive) {
  ArchiveLease lease;
  lease.open_archive = []() -> Result<std::unique_ptr<storage::Archive>> {
    return Status::Unavailable("in use");
  };
  lease.make_runner = [&](storage::Archive&) -> std::unique_ptr<WatchRunner> { return nullptr; };
  FakeWaiter waiter(clock_, kNever);
  WatchOptions options;
  options.once = true;
  options.clock = &clock_;
  options.waiter = &waiter;
  auto summary = RunWatchReleasingArchive(Entries(kTwoEntries), options, lease);
  EXPECT_TRUE(summary.status().IsUnavailable());
}

}  // namespace
}  // namespace strata::jobs
