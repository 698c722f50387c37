#include "crawler/jobs/watch_status.h"

#include <gtest/gtest.h>

#include "config/config.h"
#include "crawler/jobs/schedule_store.h"
#include "tests/support/temp_dir.h"

namespace strata::jobs {
namespace {

constexpr int64_t kHour = 3'600'000;
const UnixMillis kStart = ParseIso8601("2030-01-01T00:00:00Z").value_or(0);

class WatchStatusTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto archive = storage::Archive::Open(dir_.Sub("archive"));
    ASSERT_TRUE(archive.ok()) << archive.status().ToString();
    archive_ = std::move(archive).value();
    Result<config::Config> c = config::ParseConfig(R"(
[[watch]]
url = "https://example.com/a"
every = "1h"
jitter = 0

[[watch]]
url = "https://example.com/b"
every = "6h"
jitter = 0

[[watch]]
feed = "https://example.com/feed"
cron = "@daily"
jitter = 0
)",
                                                   "t.toml");
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    entries_ = c->watch;
  }

  void RecordFailure(const std::string& url, UnixMillis at, const std::string& error) {
    FetchedPage page;
    page.url = url;
    page.outcome = FetchOutcome::kTimeout;
    page.error = error;
    page.fetched_at_ms = at;
    storage::FetchRecord record;
    record.url = url;
    record.page = &page;
    ASSERT_TRUE(archive_->Record(record).ok());
  }

  testing::TempDir dir_;
  std::unique_ptr<storage::Archive> archive_;
  std::vector<config::WatchEntry> entries_;
};

TEST_F(WatchStatusTest, NeverWatchedEntriesShowTheirFirstPlan) {
  auto status = CollectWatchStatus(archive_.get(), entries_, kStart, 10);
  ASSERT_TRUE(status.ok()) << status.status().ToString();
  ASSERT_EQ(status->entries.size(), 3u);
  EXPECT_FALSE(status->entries[0].stored);
  EXPECT_TRUE(status->entries[0].due_now);
  EXPECT_FALSE(status->entries[2].due_now);
  EXPECT_EQ(status->entries[2].plan.due, kStart + 24 * kHour);
  EXPECT_TRUE(status->orphaned.empty());
  EXPECT_TRUE(status->recent_failures.empty());

  auto without = CollectWatchStatus(nullptr, entries_, kStart, 10);
  ASSERT_TRUE(without.ok());
  ASSERT_EQ(without->entries.size(), 3u);
  EXPECT_EQ(without->entries[2].plan.due, kStart + 24 * kHour);
}

TEST_F(WatchStatusTest, StoredPlansRunsFailuresAndOrphans) {
  KvStore& state = archive_->State();
  EntryPlan a = PlanFor(entries_[0], nullptr, kStart);
  RunFindings failed;
  failed.outcome = RunOutcome::kFailed;
  failed.error = "timeout";
  AfterRun(entries_[0], failed, kStart, kStart + 1000, &a);
  ASSERT_TRUE(SavePlan(state, entries_[0].name, a).ok());
  EntryPlan b = PlanFor(entries_[1], nullptr, kStart);
  b.running_since = kStart + 5;
  b.schedule_key = "every 1ms";  // made with another schedule
  ASSERT_TRUE(SavePlan(state, entries_[1].name, b).ok());
  ASSERT_TRUE(SavePlan(state, "removed-entry", a).ok());
  RecordFailure("https://example.com/x", kStart + 2000, "timed out");
  RecordFailure("https://example.com/y", kStart + 9000, "refused");

  auto status = CollectWatchStatus(archive_.get(), entries_, kStart + 60'000, 1);
  ASSERT_TRUE(status.ok()) << status.status().ToString();
  const EntryStatus& sa = status->entries[0];
  ASSERT_TRUE(sa.stored);
  EXPECT_EQ(sa.stored->last_outcome, RunOutcome::kFailed);
  EXPECT_EQ(sa.stored->consecutive_failures, 1);
  EXPECT_EQ(sa.plan.due, kStart + 1000 + 5 * 60'000);
  EXPECT_FALSE(sa.due_now);
  EXPECT_FALSE(sa.schedule_changed);
  const EntryStatus& sb = status->entries[1];
  EXPECT_TRUE(sb.running);
  EXPECT_TRUE(sb.schedule_changed);
  EXPECT_EQ(status->orphaned, (std::vector<std::string>{"removed-entry"}));
  ASSERT_EQ(status->recent_failures.size(), 1u);                       // at most 1 asked
  EXPECT_EQ(status->recent_failures[0].url, "https://example.com/y");  // the most recent
}

// Many more failures than asked for: the most recent, newest first, whatever the scan order
// (heads are scanned by article id, a hash of the URL).
TEST_F(WatchStatusTest, RecentFailuresAreTheMostRecentOfMany) {
  constexpr int kFailures = 300;
  for (int i = 0; i < kFailures; ++i) {
    RecordFailure("https://example.com/f/" + std::to_string(i), kStart + 1000 * (i % 97) + i,
                  "refused");
  }
  auto status = CollectWatchStatus(archive_.get(), entries_, kStart + 200'000, 5);
  ASSERT_TRUE(status.ok()) << status.status().ToString();
  ASSERT_EQ(status->recent_failures.size(), 5u);
  // Fetched at 1000 * (i % 97) + i after kStart: the latest are i = 290, 193, 96, 289, 192.
  // (Five asked: the scan prunes to the most recent whenever it holds 74.)
  std::vector<std::string> urls;
  for (const auto& head : status->recent_failures) urls.push_back(head.url);
  EXPECT_EQ(urls,
            (std::vector<std::string>{"https://example.com/f/290", "https://example.com/f/193",
                                      "https://example.com/f/96", "https://example.com/f/289",
                                      "https://example.com/f/192"}));
}

TEST_F(WatchStatusTest, DamagedPlanIsAnError) {
  ASSERT_TRUE(archive_->State().Put(PlanKey("x"), "{").ok());
  auto status = CollectWatchStatus(archive_.get(), entries_, kStart, 10);
  EXPECT_TRUE(status.status().IsCorruption());
}

TEST_F(WatchStatusTest, SnapshotRoundTripsThroughItsFile) {
  StatusSnapshot snapshot;
  snapshot.written_at = kStart + 42;
  EntryPlan a = PlanFor(entries_[0], nullptr, kStart);
  a.runs = 3;
  a.last_error = "x";
  snapshot.plans["example.com/a"] = a;
  snapshot.plans["gone-entry"] = a;
  storage::ArticleHead failed;
  failed.url = "https://example.com/x";
  failed.last_fetched = kStart + 7;
  failed.last_status = 503;
  failed.last_outcome = FetchOutcome::kTimeout;
  failed.last_error = "timed out";
  snapshot.recent_failures.push_back(failed);

  const std::string path = StatusSnapshotPath(dir_.path());
  EXPECT_EQ(path, dir_.path() + "/watch-status.json");
  EXPECT_TRUE(ReadStatusSnapshot(path).status().IsNotFound());
  ASSERT_TRUE(WriteStatusSnapshot(path, snapshot).ok());
  Result<StatusSnapshot> read = ReadStatusSnapshot(path);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->written_at, kStart + 42);
  ASSERT_EQ(read->plans.size(), 2u);
  EXPECT_EQ(read->plans.at("example.com/a"), a);
  ASSERT_EQ(read->recent_failures.size(), 1u);
  EXPECT_EQ(read->recent_failures[0].url, "https://example.com/x");
  EXPECT_EQ(read->recent_failures[0].last_status, 503);
  EXPECT_EQ(read->recent_failures[0].last_outcome, FetchOutcome::kTimeout);
  EXPECT_EQ(read->recent_failures[0].last_error, "timed out");

  const WatchStatus status =
      BuildWatchStatus(read->plans, read->recent_failures, entries_, kStart + 60'000);
  ASSERT_EQ(status.entries.size(), 3u);
  ASSERT_TRUE(status.entries[0].stored);
  EXPECT_EQ(status.entries[0].stored->runs, 3);
  EXPECT_EQ(status.orphaned, (std::vector<std::string>{"gone-entry"}));
  EXPECT_EQ(status.recent_failures.size(), 1u);
}

TEST_F(WatchStatusTest, DamagedSnapshotsAreCorruptionNotCrashes) {
  const char* bad[] = {
      "",
      "[]",
      R"({"format": 2})",
      R"({"format": 1, "written_at": "now", "plans": {}, "recent_failures": []})",
      R"({"format": 1, "written_at": 1, "plans": [], "recent_failures": []})",
      R"({"format": 1, "written_at": 1, "plans": {"a": {"format": 9}}, "recent_failures": []})",
      R"({"format": 1, "written_at": 1, "plans": {}, "recent_failures": [{"url": 5}]})",
      R"({"format": 1, "written_at": 1, "plans": {}, "recent_failures": [{"url": "u", "at": "x"}]})",
      R"({"format": 1, "written_at": 1, "plans": {}, "recent_failures": [{"url": "u", "outcome": 99}]})",
      R"({"format": 1, "written_at": 1, "plans": {}})",
  };
  for (const char* text : bad) {
    Result<StatusSnapshot> snapshot = DecodeStatusSnapshot(text);
    ASSERT_FALSE(snapshot.ok()) << text;
    EXPECT_TRUE(snapshot.status().IsCorruption()) << text;
  }
  EXPECT_TRUE(
      DecodeStatusSnapshot(R"({"format": 1, "written_at": 1, "plans": {}, "recent_failures": []})")
          .ok());
}

}  // namespace
}  // namespace strata::jobs
