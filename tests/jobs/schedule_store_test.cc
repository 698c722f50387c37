#include "crawler/jobs/schedule_store.h"

#include <gtest/gtest.h>

#include "common/memory_kv_store.h"

namespace strata::jobs {
namespace {

EntryPlan SamplePlan() {
  EntryPlan p;
  p.schedule_key = "every 21600000ms jitter 2160000ms";
  p.slot = 1'900'000'000'000;
  p.due = 1'900'000'123'456;
  p.interval_ms = 21'600'000;
  p.last_start = 1'899'990'000'000;
  p.last_end = 1'899'990'004'000;
  p.last_outcome = RunOutcome::kPartial;
  p.last_pages = 12;
  p.last_new = 2;
  p.last_changed = 3;
  p.last_failed = 1;
  p.last_error = "1 of 12 pages failed; first: https://x/a: timeout \xff";  // bad UTF-8 too
  p.last_found_change = true;
  p.runs = 40;
  p.runs_with_change = 9;
  p.consecutive_failures = 0;
  p.running_since = 0;
  return p;
}

TEST(ScheduleStoreTest, RoundTrip) {
  MemoryKvStore store;
  const EntryPlan plan = SamplePlan();
  ASSERT_TRUE(SavePlan(store, "example.com/a", plan).ok());
  Result<std::optional<EntryPlan>> loaded = LoadPlan(store, "example.com/a");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  ASSERT_TRUE(loaded->has_value());
  EntryPlan expected = plan;
  expected.last_error = "1 of 12 pages failed; first: https://x/a: timeout \xef\xbf\xbd";
  EXPECT_EQ(**loaded, expected);

  Result<std::optional<EntryPlan>> missing = LoadPlan(store, "example.com/b");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
}

TEST(ScheduleStoreTest, LoadAllByName) {
  MemoryKvStore store;
  EntryPlan a = SamplePlan();
  EntryPlan b = SamplePlan();
  b.runs = 1;
  ASSERT_TRUE(SavePlan(store, "b", b).ok());
  ASSERT_TRUE(SavePlan(store, "a", a).ok());
  ASSERT_TRUE(store.Put("watchlist/other", "not ours").ok());  // another prefix
  auto all = LoadAllPlans(store);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ(all->at("a").runs, 40);
  EXPECT_EQ(all->at("b").runs, 1);
}

TEST(ScheduleStoreTest, DamagedRecordsAreCorruptionNamingTheKey) {
  const char* bad[] = {
      "",
      "not json",
      "[1,2]",
      R"({"format": 2, "due": 5})",
      R"({"due": 5})",
      R"({"format": 1, "due": "soon"})",
      R"({"format": 1, "last_outcome": 99})",
      R"({"format": 1, "last_error": 5})",
  };
  for (const char* value : bad) {
    MemoryKvStore store;
    ASSERT_TRUE(store.Put(PlanKey("x"), value).ok());
    Result<std::optional<EntryPlan>> loaded = LoadPlan(store, "x");
    ASSERT_FALSE(loaded.ok()) << value;
    EXPECT_TRUE(loaded.status().IsCorruption()) << value;
    EXPECT_NE(loaded.status().message().find("watch/plan/x"), std::string::npos)
        << loaded.status().message();
    EXPECT_FALSE(LoadAllPlans(store).ok()) << value;
  }
}

TEST(ScheduleStoreTest, FieldsAddedLaterDefault) {
  Result<EntryPlan> plan = DecodePlan(R"({"format": 1, "due": 42})");
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->due, 42);
  EXPECT_EQ(plan->runs, 0);
  EXPECT_EQ(plan->last_outcome, RunOutcome::kNone);
}

}  // namespace
}  // namespace strata::jobs
