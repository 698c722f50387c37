// End to end: the watch loop with the real jobs (JobRunner: the crawl job, the feed fetch) and
// the real hooks, against the loopback site, across many simulated periods of a ManualClock.
// Nothing sleeps: the waiter moves the clock to the next due time.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <sstream>

#include "config/config.h"
#include "crawler/fetch_loop.h"
#include "crawler/jobs/schedule_store.h"
#include "crawler/jobs/watch.h"
#include "tests/jobs/watch_site.h"
#include "tests/support/temp_dir.h"

namespace strata::jobs {
namespace {

constexpr int64_t kMinute = 60'000;
constexpr int64_t kHour = 60 * kMinute;
const UnixMillis kStart = ParseIso8601("2030-01-01T00:00:00Z").value_or(0);

class ClockWaiter final : public Waiter {
 public:
  ClockWaiter(ManualClock& clock, UnixMillis horizon) : clock_(clock), horizon_(horizon) {}
  bool WaitUntil(UnixMillis due) override {
    if (due == kNever || due > horizon_) return false;
    if (due > clock_.Now()) clock_.Set(due);
    return true;
  }
  int StopSignal() override { return 0; }

 private:
  ManualClock& clock_;
  UnixMillis horizon_;
};

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class WatchEndToEndTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto archive = storage::Archive::Open(dir_.Sub("archive"));
    ASSERT_TRUE(archive.ok()) << archive.status().ToString();
    archive_ = std::move(archive).value();
  }

  // Loads `toml` (with the site's base URL for {base}) as the config.
  void Configure(std::string toml) {
    for (size_t at; (at = toml.find("{base}")) != std::string::npos;) {
      toml.replace(at, 6, server_.base_url());
    }
    for (size_t at; (at = toml.find("{dir}")) != std::string::npos;) {
      toml.replace(at, 5, dir_.path());
    }
    Result<config::Config> c = config::ParseConfig(toml, "watch.toml");
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    config_ = std::move(c).value();
    config_.politeness.min_delay_ms = 0;  // our own loopback site
    config_.crawl.extract_threads = 1;
  }

  // Runs `strata watch` (as a process would: a fresh runner, plans from the archive) until the
  // clock would pass `horizon`. Returns the runs as (entry name, clock time).
  std::vector<std::pair<std::string, UnixMillis>> WatchUntil(UnixMillis horizon) {
    std::vector<std::pair<std::string, UnixMillis>> runs;
    JobRunnerOptions runner_options;
    runner_options.clock = &clock_;
    JobRunner runner(*archive_, config_, runner_options);
    ConfiguredHooks hooks(config_);
    ClockWaiter waiter(clock_, horizon);
    WatchOptions options;
    options.clock = &clock_;
    options.runner = &runner;
    options.waiter = &waiter;
    options.hooks = &hooks;
    options.archive = archive_.get();
    options.on_run_start = [&](const config::WatchEntry& e, const EntryPlan&) {
      runs.emplace_back(e.name, clock_.Now());
    };
    options.on_run_end = [&](const config::WatchEntry&, const EntryPlan&,
                             const WatchRunReport& report) {
      EXPECT_TRUE(report.error.empty()) << report.error;
      reports_.push_back(report);
    };
    options.on_log = [&](std::string_view line) { log_.emplace_back(line); };
    Result<WatchSummary> summary = RunWatch(config_.watch, archive_->State(), options);
    EXPECT_TRUE(summary.ok()) << summary.status().ToString();
    return runs;
  }

  std::vector<devserver::HttpRequest> Requests(const std::string& path) const {
    std::vector<devserver::HttpRequest> out;
    for (devserver::HttpRequest& r : server_.requests()) {
      if (r.target == path) out.push_back(std::move(r));
    }
    return out;
  }

  crawler::CurlGlobal curl_;
  testing::TempDir dir_;
  testing::WatchSite site_;
  devserver::LocalHttpServer server_{
      [this](const devserver::HttpRequest& r) { return site_.Handle(r); }};
  ManualClock clock_{kStart};
  config::Config config_;
  std::unique_ptr<storage::Archive> archive_;
  std::vector<WatchRunReport> reports_;
  std::vector<std::string> log_;
};

TEST_F(WatchEndToEndTest, ArticlesThatChangeAreVisitedMoreOftenOnesThatDoNotLess) {
  Configure(R"(
[[watch]]
url = "{base}/a/busy.html"
name = "busy"
every = "2h"
min_every = "30m"
max_every = "6h"
jitter = 0

[[watch]]
url = "{base}/a/quiet.html"
name = "quiet"
every = "2h"
min_every = "30m"
max_every = "6h"
jitter = 0
)");
  const auto runs = WatchUntil(kStart + 24 * kHour);
  std::map<std::string, std::vector<UnixMillis>> times;
  for (const auto& [name, at] : runs) times[name].push_back(at);
  auto gaps = [&](const std::string& name) {
    std::vector<int64_t> out;
    for (size_t i = 1; i < times[name].size(); ++i) {
      out.push_back(times[name][i] - times[name][i - 1]);
    }
    return out;
  };
  const std::vector<int64_t> busy = gaps("busy");
  const std::vector<int64_t> quiet = gaps("quiet");
  // busy: 2 h after the first visit, then halved on each change down to 30 min.
  ASSERT_GE(busy.size(), 10u);
  EXPECT_EQ(busy[0], 2 * kHour);
  EXPECT_EQ(busy[1], kHour);
  EXPECT_EQ(busy[2], 30 * kMinute);
  EXPECT_EQ(busy.back(), 30 * kMinute);
  // quiet: 2 h, then growing by a quarter up to 6 h.
  ASSERT_GE(quiet.size(), 4u);
  EXPECT_EQ(quiet[0], 2 * kHour);
  EXPECT_EQ(quiet[1], 2 * kHour + 30 * kMinute);
  EXPECT_TRUE(std::is_sorted(quiet.begin(), quiet.end()));
  EXPECT_EQ(quiet.back(), 6 * kHour);

  // Every visit was one request, and each made what the archive expects.
  EXPECT_EQ(site_.busy_requests(), static_cast<int64_t>(times["busy"].size()));
  EXPECT_EQ(Requests("/a/quiet.html").size(), times["quiet"].size());
  const std::string busy_key = server_.base_url() + "/a/busy.html";
  auto versions = archive_->Versions(busy_key);
  ASSERT_TRUE(versions.ok()) << versions.status().ToString();
  ASSERT_EQ(versions->size(), times["busy"].size());
  // The archive's times are the watch's clock, not the machine's.
  for (size_t i = 0; i < versions->size(); ++i) {
    EXPECT_EQ((*versions)[i].fetched_at, times["busy"][i]) << i;
  }
  auto quiet_versions = archive_->Versions(server_.base_url() + "/a/quiet.html");
  ASSERT_TRUE(quiet_versions.ok());
  EXPECT_EQ(quiet_versions->size(), 1u);

  auto plan = LoadPlan(archive_->State(), "busy");
  ASSERT_TRUE(plan.ok() && plan->has_value());
  EXPECT_EQ((*plan)->interval_ms, 30 * kMinute);
  EXPECT_EQ((*plan)->runs, static_cast<int64_t>(times["busy"].size()));
  EXPECT_EQ((*plan)->runs_with_change, (*plan)->runs - 1);
}

TEST_F(WatchEndToEndTest, RestartMidPlanContinuesItWithNothingTwiceAndNothingSkipped) {
  Configure(R"(
[[watch]]
url = "{base}/a/1.html"
every = "3h"
jitter = "20m"
adaptive = false

[[watch]]
feed = "{base}/feed.xml"
cron = "0 */4 * * *"
jitter = "10m"
)");
  std::vector<std::pair<std::string, UnixMillis>> runs;
  for (UnixMillis stop : {kStart + 5 * kHour, kStart + 11 * kHour, kStart + 20 * kHour}) {
    auto part = WatchUntil(stop);
    runs.insert(runs.end(), part.begin(), part.end());
    clock_.Set(stop);  // the process is down until here
  }
  // The plan an uninterrupted process follows: 1.html at once then every 3 h (slot + jitter),
  // the feed at each 4-hourly firing (+ jitter).
  std::vector<std::pair<std::string, UnixMillis>> expected;
  const std::string page = server_.base_url().substr(7) + "/a/1.html";
  const std::string feed = "feed:" + server_.base_url().substr(7) + "/feed.xml";
  std::vector<std::pair<UnixMillis, std::string>> planned;
  planned.emplace_back(kStart, page);
  for (UnixMillis slot = kStart - 20 * kMinute + 3 * kHour; slot <= kStart + 20 * kHour;
       slot += 3 * kHour) {
    const UnixMillis due = slot + JitterFor(page, slot, 20 * kMinute);
    if (due <= kStart + 20 * kHour) planned.emplace_back(due, page);
  }
  for (UnixMillis slot = kStart + 4 * kHour; slot <= kStart + 20 * kHour; slot += 4 * kHour) {
    const UnixMillis due = slot + JitterFor(feed, slot, 10 * kMinute);
    if (due <= kStart + 20 * kHour) planned.emplace_back(due, feed);
  }
  std::sort(planned.begin(), planned.end());
  for (const auto& [at, name] : planned) expected.emplace_back(name, at);
  EXPECT_EQ(runs, expected);
  // And the site saw exactly one request per run.
  size_t page_runs = 0, feed_runs = 0;
  for (const auto& [name, at] : runs) (name == page ? page_runs : feed_runs)++;
  EXPECT_EQ(Requests("/a/1.html").size(), page_runs + feed_runs);  // the feed lists 1.html too
  EXPECT_EQ(Requests("/feed.xml").size(), feed_runs);
}

TEST_F(WatchEndToEndTest, HookCommandReceivesTheChange) {
  Configure(R"(
[[watch]]
url = "{base}/a/7.html"
name = "seven"
every = "1h"
jitter = 0

[hooks]
on_change_command = "cat > {dir}/hook-$STRATA_VERSION.json; env | grep '^STRATA_' | sort > {dir}/env-$STRATA_VERSION.txt"
timeout = "10s"
)");
  WatchUntil(kStart);  // first visit: new
  site_.set_edition(2);
  clock_.Set(kStart + kHour);
  WatchUntil(kStart + kHour);  // second: changed

  const nlohmann::json first = nlohmann::json::parse(ReadFile(dir_.Sub("hook-1.json")), nullptr,
                                                     /*allow_exceptions=*/false);
  ASSERT_FALSE(first.is_discarded()) << ReadFile(dir_.Sub("hook-1.json"));
  EXPECT_EQ(first["event"], "new");
  EXPECT_EQ(first["version"], 1);
  EXPECT_TRUE(first["change"].is_null());
  EXPECT_EQ(first["summary"], "first version");

  const std::string text = ReadFile(dir_.Sub("hook-2.json"));
  const nlohmann::json second = nlohmann::json::parse(text, nullptr, false);
  ASSERT_FALSE(second.is_discarded()) << text;
  const std::string url = server_.base_url() + "/a/7.html";
  EXPECT_EQ(second["event"], "changed");
  EXPECT_EQ(second["watch"], "seven");
  EXPECT_EQ(second["url"], url);
  EXPECT_EQ(second["title"], "Article 7");
  EXPECT_EQ(second["version"], 2);
  EXPECT_EQ(second["previous_version"], 1);
  EXPECT_EQ(second["time"], FormatIsoUtc(kStart + kHour, /*with_millis=*/true));
  ASSERT_TRUE(second["change"].is_object()) << text;
  EXPECT_EQ(second["change"]["fields"], nlohmann::json::array({"body"})) << text;
  EXPECT_EQ(second["change"]["blocks_changed"], 1) << text;
  EXPECT_NE(second["summary"].get<std::string>().find("1 paragraph changed"), std::string::npos)
      << text;

  const std::string env = ReadFile(dir_.Sub("env-2.txt"));
  EXPECT_NE(env.find("STRATA_EVENT=changed\n"), std::string::npos) << env;
  EXPECT_NE(env.find("STRATA_URL=" + url + "\n"), std::string::npos) << env;
  EXPECT_NE(env.find("STRATA_VERSION=2\n"), std::string::npos) << env;
  EXPECT_NE(env.find("STRATA_WATCH=seven\n"), std::string::npos) << env;
  EXPECT_NE(env.find("STRATA_TITLE=Article 7\n"), std::string::npos) << env;
  EXPECT_NE(env.find("STRATA_TIME=" + FormatIsoUtc(kStart + kHour) + "\n"), std::string::npos)
      << env;
  EXPECT_NE(env.find("STRATA_CHANGE="), std::string::npos) << env;
  EXPECT_TRUE(log_.empty()) << log_[0];
}

TEST_F(WatchEndToEndTest, PostHookReachesTheServerWithTheExpectedJson) {
  Configure(R"(
[[watch]]
url = "{base}/a/3.html"
every = "1h"
jitter = 0

[hooks]
on_change_url = "{base}/hook"
headers = ["X-Token: s3cret"]
on_new = false
)");
  WatchUntil(kStart);
  EXPECT_TRUE(Requests("/hook").empty()) << "on_new = false: no hook for the first version";
  site_.set_edition(5);
  clock_.Set(kStart + kHour);
  WatchUntil(kStart + kHour);

  const auto posts = Requests("/hook");
  ASSERT_EQ(posts.size(), 1u);
  EXPECT_EQ(posts[0].method, "POST");
  EXPECT_EQ(FindHeader(posts[0].headers, "x-token"), "s3cret");
  EXPECT_NE(FindHeader(posts[0].headers, "content-type").find("application/json"),
            std::string::npos);
  const nlohmann::json body = nlohmann::json::parse(posts[0].body, nullptr, false);
  ASSERT_FALSE(body.is_discarded()) << posts[0].body;
  EXPECT_EQ(body["event"], "changed");
  EXPECT_EQ(body["url"], server_.base_url() + "/a/3.html");
  EXPECT_EQ(body["title"], "Article 3");
  EXPECT_EQ(body["version"], 2);
  EXPECT_EQ(body["time"], FormatIsoUtc(kStart + kHour, true));
  EXPECT_EQ(body["change"]["edit_class"].get<std::string>().empty(), false);
  EXPECT_TRUE(log_.empty());
}

TEST_F(WatchEndToEndTest, FailingHooksAreLoggedAndTheWatchGoesOn) {
  Configure(R"(
[[watch]]
url = "{base}/a/4.html"
every = "1h"
jitter = 0
adaptive = false

[hooks]
on_change_url = "{base}/hook-fail"
on_change_command = "exit 3"
)");
  const auto runs = WatchUntil(kStart + 2 * kHour);
  EXPECT_EQ(runs.size(), 3u);
  ASSERT_EQ(log_.size(), 2u);  // the first visit's two hooks
  EXPECT_NE(log_[0].find("on_change_command"), std::string::npos) << log_[0];
  EXPECT_NE(log_[0].find("exited with status 3"), std::string::npos) << log_[0];
  EXPECT_NE(log_[1].find("HTTP 500"), std::string::npos) << log_[1];
}

TEST_F(WatchEndToEndTest, FeedItemsAreArchivedAndNewItemsAreChanges) {
  Configure(R"(
[[watch]]
feed = "{base}/feed.xml"
name = "feed"
every = "1h"
jitter = 0

[hooks]
on_change_url = "{base}/hook"
on_new = true
)");
  WatchUntil(kStart);
  ASSERT_EQ(reports_.size(), 1u);
  EXPECT_EQ(reports_[0].items, 2);
  EXPECT_EQ(reports_[0].by_kind[static_cast<int>(storage::RecordKind::kNew)], 2);
  site_.set_feed_items(3);
  clock_.Set(kStart + kHour);
  WatchUntil(kStart + kHour);
  ASSERT_EQ(reports_.size(), 2u);
  EXPECT_EQ(reports_[1].items, 3);
  ASSERT_EQ(reports_[1].changes.size(), 1u);
  EXPECT_EQ(reports_[1].changes[0].key, server_.base_url() + "/a/3.html");
  auto plan = LoadPlan(archive_->State(), "feed");
  ASSERT_TRUE(plan.ok() && plan->has_value());
  EXPECT_TRUE((*plan)->last_found_change);
  EXPECT_EQ(Requests("/hook").size(), 3u);  // two new, then one new
}

TEST_F(WatchEndToEndTest, UnreachableFeedIsAFailedRunRetriedSooner) {
  Configure(R"(
[[watch]]
feed = "{base}/missing.xml"
name = "gone"
every = "1d"
jitter = 0
)");
  std::vector<std::pair<std::string, UnixMillis>> runs;
  JobRunnerOptions runner_options;
  runner_options.clock = &clock_;
  JobRunner runner(*archive_, config_, runner_options);
  ClockWaiter waiter(clock_, kStart + 20 * kMinute);
  WatchOptions options;
  options.clock = &clock_;
  options.runner = &runner;
  options.waiter = &waiter;
  std::vector<std::string> errors;
  options.on_run_end = [&](const config::WatchEntry&, const EntryPlan& plan,
                           const WatchRunReport&) {
    errors.push_back(plan.last_error);
    EXPECT_EQ(plan.last_outcome, RunOutcome::kFailed);
  };
  ASSERT_TRUE(RunWatch(config_.watch, archive_->State(), options).ok());
  ASSERT_EQ(errors.size(), 3u);  // at once, 5 min later, 10 more
  EXPECT_NE(errors[0].find("HTTP 404"), std::string::npos) << errors[0];
  auto plan = LoadPlan(archive_->State(), "gone");
  ASSERT_TRUE(plan.ok() && plan->has_value());
  EXPECT_EQ((*plan)->consecutive_failures, 3);
  EXPECT_EQ((*plan)->due, kStart + 35 * kMinute);
}

}  // namespace
}  // namespace strata::jobs
