#include "crawler/jobs/schedule.h"

#include <gtest/gtest.h>

#include <set>

#include "config/config.h"

namespace strata::jobs {
namespace {

constexpr int64_t kMinute = 60'000;
constexpr int64_t kHour = 60 * kMinute;

UnixMillis At(const char* iso) { return ParseIso8601(iso).value_or(0); }

config::WatchEntry Entry(const std::string& toml) {
  Result<config::Config> c = config::ParseConfig(toml, "t.toml");
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c.ok() ? c->watch.size() : 0u, 1u);
  return c.ok() && !c->watch.empty() ? c->watch[0] : config::WatchEntry{};
}

config::WatchEntry Every(const std::string& every, const std::string& extra = "") {
  return Entry("[[watch]]\nurl = \"https://example.com/a\"\nevery = \"" + every + "\"\n" + extra);
}

RunFindings Ok(bool changed = false) {
  RunFindings f;
  f.outcome = RunOutcome::kOk;
  f.found_change = changed;
  f.pages = 1;
  return f;
}

TEST(JitterTest, DeterministicBoundedAndSpread) {
  EXPECT_EQ(JitterFor("a", 1000, 0), 0);
  EXPECT_EQ(JitterFor("a", 1000, -5), 0);
  std::set<int64_t> values;
  for (UnixMillis slot = 0; slot < 100 * kHour; slot += kHour) {
    const int64_t j = JitterFor("example.com/a", slot, 10 * kMinute);
    EXPECT_GE(j, 0);
    EXPECT_LT(j, 10 * kMinute);
    EXPECT_EQ(j, JitterFor("example.com/a", slot, 10 * kMinute));  // the same after a restart
    values.insert(j);
  }
  EXPECT_GT(values.size(), 90u);  // different from slot to slot
  EXPECT_NE(JitterFor("example.com/a", 0, kHour), JitterFor("example.com/b", 0, kHour));
}

TEST(PlanForTest, NewEveryEntryIsDueAtOnce) {
  const config::WatchEntry e = Every("6h");
  const UnixMillis now = At("2030-01-01T00:00:00Z");
  const EntryPlan plan = PlanFor(e, nullptr, now);
  EXPECT_LE(plan.due, now);
  EXPECT_GT(plan.due, now - e.jitter_ms - 1);
  EXPECT_EQ(plan.interval_ms, 6 * kHour);
  EXPECT_EQ(plan.schedule_key, e.ScheduleKey());
  EXPECT_EQ(plan.last_outcome, RunOutcome::kNone);
}

TEST(PlanForTest, NewCronEntryWaitsForItsFiring) {
  const config::WatchEntry e = Entry(
      "[[watch]]\nfeed = \"https://example.com/f\"\ncron = \"0 */6 * * *\"\njitter = \"0s\"\n");
  const EntryPlan plan = PlanFor(e, nullptr, At("2030-01-01T01:30:00Z"));
  EXPECT_EQ(plan.slot, At("2030-01-01T06:00:00Z"));
  EXPECT_EQ(plan.due, At("2030-01-01T06:00:00Z"));
}

TEST(PlanForTest, StoredPlanWithTheSameScheduleIsKept) {
  const config::WatchEntry e = Every("6h");
  EntryPlan stored = PlanFor(e, nullptr, At("2030-01-01T00:00:00Z"));
  stored.due = At("2030-01-03T00:00:00Z");
  stored.runs = 7;
  EXPECT_EQ(PlanFor(e, &stored, At("2030-01-02T00:00:00Z")), stored);
}

TEST(PlanForTest, ChangedScheduleIsPlannedFromTheLastRun) {
  const config::WatchEntry six = Every("6h", "jitter = 0\n");
  const config::WatchEntry one = Every("1h", "jitter = 0\n");
  EntryPlan stored = PlanFor(six, nullptr, At("2030-01-01T00:00:00Z"));
  AfterRun(six, Ok(), At("2030-01-01T00:00:00Z"), At("2030-01-01T00:01:00Z"), &stored);
  EXPECT_EQ(stored.due, At("2030-01-01T06:00:00Z"));
  const EntryPlan replanned = PlanFor(one, &stored, At("2030-01-01T00:30:00Z"));
  EXPECT_EQ(replanned.due, At("2030-01-01T01:00:00Z"));
  EXPECT_EQ(replanned.interval_ms, kHour);
  EXPECT_EQ(replanned.runs, 1);  // the history stays
  EXPECT_EQ(replanned.schedule_key, one.ScheduleKey());
}

TEST(AfterRunTest, EveryKeepsItsPhaseAndJitterIsBounded) {
  const config::WatchEntry e = Every("6h", "adaptive = false\njitter = \"30m\"\n");
  UnixMillis now = At("2030-01-01T00:00:00Z");
  EntryPlan plan = PlanFor(e, nullptr, now);
  for (int run = 0; run < 20; ++run) {
    ASSERT_LE(plan.due, now);
    AfterRun(e, Ok(), now, now + kMinute, &plan);
    // Slots step by exactly the interval from the first one; the due time is within the jitter.
    EXPECT_EQ((plan.slot - (At("2030-01-01T00:00:00Z") - e.jitter_ms)) % (6 * kHour), 0);
    EXPECT_GE(plan.due, plan.slot);
    EXPECT_LT(plan.due, plan.slot + e.jitter_ms);
    EXPECT_GT(plan.due, now);
    now = plan.due;  // run exactly when due
  }
  EXPECT_EQ(plan.runs, 20);
}

TEST(AfterRunTest, MissedSlotsRunOnceNotOnceEach) {
  const config::WatchEntry e = Every("1h", "adaptive = false\njitter = 0\n");
  EntryPlan plan = PlanFor(e, nullptr, At("2030-01-01T00:00:00Z"));
  AfterRun(e, Ok(), At("2030-01-01T00:00:00Z"), At("2030-01-01T00:00:01Z"), &plan);
  EXPECT_EQ(plan.due, At("2030-01-01T01:00:00Z"));
  // strata was not running for a week: one run, and the next slot keeps the phase.
  const UnixMillis late = At("2030-01-08T05:20:00Z");
  AfterRun(e, Ok(), late, late + 1000, &plan);
  EXPECT_EQ(plan.due, At("2030-01-08T06:00:00Z"));
}

TEST(AfterRunTest, CronMovesToTheNextFiringAfterTheRun) {
  const config::WatchEntry e = Entry(
      "[[watch]]\nfeed = \"https://example.com/f\"\ncron = \"0 9 * * mon-fri\"\njitter = 0\n");
  EntryPlan plan = PlanFor(e, nullptr, At("2030-01-03T12:00:00Z"));  // a Thursday
  EXPECT_EQ(plan.due, At("2030-01-04T09:00:00Z"));
  AfterRun(e, Ok(), plan.due, plan.due + kMinute, &plan);
  EXPECT_EQ(plan.due, At("2030-01-07T09:00:00Z"));  // Monday
  // Down over several firings: the next one after the run.
  AfterRun(e, Ok(), At("2030-01-09T10:00:00Z"), At("2030-01-09T10:01:00Z"), &plan);
  EXPECT_EQ(plan.due, At("2030-01-10T09:00:00Z"));
}

TEST(AfterRunTest, CronJitterIsWithinBoundsAndNeverRepeatsASlot) {
  const config::WatchEntry e =
      Entry("[[watch]]\nfeed = \"https://example.com/f\"\ncron = \"*/10 * * * *\"\n");
  ASSERT_EQ(e.jitter_ms, kMinute);  // a tenth of ten minutes
  UnixMillis now = At("2030-01-01T00:00:00Z");
  EntryPlan plan = PlanFor(e, nullptr, now);
  UnixMillis last_slot = 0;
  for (int run = 0; run < 30; ++run) {
    now = plan.due;
    AfterRun(e, Ok(), now, now, &plan);
    EXPECT_EQ(plan.slot % (10 * kMinute), 0);
    EXPECT_GT(plan.slot, last_slot);
    EXPECT_LT(plan.due - plan.slot, kMinute);
    EXPECT_GT(plan.due, now);
    last_slot = plan.slot;
  }
}

TEST(AfterRunTest, AdaptiveIntervalShrinksOnChangeAndGrowsWithout) {
  const config::WatchEntry e = Every("8h", "min_every = \"1h\"\nmax_every = \"1d\"\njitter = 0\n");
  EntryPlan plan = PlanFor(e, nullptr, 0);
  // The first visit finds the article new: no sign of anything, the interval stays.
  AfterRun(e, Ok(/*changed=*/true), 0, 0, &plan);
  EXPECT_EQ(plan.interval_ms, 8 * kHour);
  UnixMillis now = plan.due;
  std::vector<int64_t> intervals;
  for (int run = 0; run < 5; ++run) {
    AfterRun(e, Ok(/*changed=*/true), now, now, &plan);
    intervals.push_back(plan.interval_ms);
    EXPECT_EQ(plan.due, now + plan.interval_ms);
    now = plan.due;
  }
  EXPECT_EQ(intervals, (std::vector<int64_t>{4 * kHour, 2 * kHour, kHour, kHour, kHour}));
  intervals.clear();
  for (int run = 0; run < 20; ++run) {
    AfterRun(e, Ok(/*changed=*/false), now, now, &plan);
    intervals.push_back(plan.interval_ms);
    now = plan.due;
  }
  // x1.25 each time without a change, up to the day.
  EXPECT_EQ(intervals.front(), kHour + kHour / 4);
  EXPECT_EQ(intervals.back(), 24 * kHour);
  EXPECT_TRUE(std::is_sorted(intervals.begin(), intervals.end()));
  EXPECT_EQ(plan.runs_with_change, 6);
}

TEST(AfterRunTest, NonAdaptiveKeepsItsInterval) {
  const config::WatchEntry e = Every("8h", "adaptive = false\njitter = 0\n");
  EntryPlan plan = PlanFor(e, nullptr, 0);
  AfterRun(e, Ok(true), 0, 0, &plan);
  AfterRun(e, Ok(true), plan.due, plan.due, &plan);
  EXPECT_EQ(plan.interval_ms, 8 * kHour);
  EXPECT_EQ(plan.due, 16 * kHour);
}

TEST(AfterRunTest, FailuresAreRetriedSoonerWithBackOffWithoutMovingThePhase) {
  const config::WatchEntry e = Every("1d", "adaptive = false\njitter = 0\n");
  EntryPlan plan = PlanFor(e, nullptr, 0);
  RunFindings failed;
  failed.outcome = RunOutcome::kFailed;
  failed.error = "connection refused";
  AfterRun(e, failed, 0, 0, &plan);
  EXPECT_EQ(plan.due, 5 * kMinute);
  EXPECT_EQ(plan.slot, 24 * kHour);
  EXPECT_EQ(plan.consecutive_failures, 1);
  EXPECT_EQ(plan.last_error, "connection refused");
  AfterRun(e, failed, plan.due, plan.due, &plan);
  EXPECT_EQ(plan.due, 15 * kMinute);  // 5 min later, then 10
  EXPECT_EQ(plan.consecutive_failures, 2);
  AfterRun(e, Ok(), plan.due, plan.due, &plan);
  EXPECT_EQ(plan.due, 24 * kHour);  // back on the daily slot
  EXPECT_EQ(plan.consecutive_failures, 0);
  EXPECT_EQ(RetryDelayMs(1, kHour), 5 * kMinute);
  EXPECT_EQ(RetryDelayMs(3, kHour), 20 * kMinute);
  EXPECT_EQ(RetryDelayMs(5, kHour), kHour);  // never later than the period
  EXPECT_EQ(RetryDelayMs(100, 24 * kHour), 24 * kHour);
}

TEST(AfterRunTest, InterruptedRunDoesNotMoveThePlan) {
  const config::WatchEntry e = Every("1h", "jitter = 0\n");
  EntryPlan plan = PlanFor(e, nullptr, 0);
  plan.running_since = 5;
  const UnixMillis due = plan.due;
  RunFindings stopped;
  stopped.outcome = RunOutcome::kInterrupted;
  AfterRun(e, stopped, 5, 10, &plan);
  EXPECT_EQ(plan.due, due);
  EXPECT_EQ(plan.runs, 0);
  EXPECT_EQ(plan.running_since, 0);
  EXPECT_EQ(plan.last_outcome, RunOutcome::kInterrupted);
}

TEST(RunOutcomeTest, Names) {
  EXPECT_EQ(RunOutcomeName(RunOutcome::kOk), "ok");
  EXPECT_EQ(RunOutcomeName(RunOutcome::kPartial), "partial");
  EXPECT_EQ(RunOutcomeName(RunOutcome::kFailed), "failed");
  EXPECT_EQ(RunOutcomeName(RunOutcome::kInterrupted), "interrupted");
  EXPECT_EQ(RunOutcomeName(RunOutcome::kNone), "never ran");
}

}  // namespace
}  // namespace strata::jobs
