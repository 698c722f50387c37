// `strata watch` as a user runs it: --once from cron, and as a service stopped by SIGTERM.
#include <gtest/gtest.h>

#include <signal.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "tests/jobs/child_process.h"
#include "tests/tools/watch_cli.h"

namespace strata::tools {
namespace {

using testing::CommandResult;

TEST_F(WatchCliTest, OnceRunsWhatIsDueThenNothingUntilItIsDueAgain) {
  WriteConfig(R"(
[[watch]]
url = "{base}/a/1.html"
name = "one"
every = "1h"

[hooks]
on_change_command = "cat > {dir}/hook.json"
)");
  CommandResult r = Strata({"watch", "--once"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("new (v1)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(Url("/a/1.html")), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("watch one: visiting url " + Url("/a/1.html")), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("watch one: ok, 1 page (1 new); next "), std::string::npos) << r.err;
  EXPECT_EQ(RequestsFor("/a/1.html"), 1u);
  std::ifstream hook(dir_.Sub("hook.json"));
  std::string payload((std::istreambuf_iterator<char>(hook)), std::istreambuf_iterator<char>());
  EXPECT_NE(payload.find("\"event\":\"new\""), std::string::npos) << payload;

  // Run again at once, as cron would a minute later: the plan says not yet.
  r = Strata({"watch", "--once"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_NE(r.err.find("nothing is due"), std::string::npos) << r.err;
  EXPECT_EQ(RequestsFor("/a/1.html"), 1u);
}

TEST_F(WatchCliTest, OnceExitsOneWhenARunFailed) {
  WriteConfig(R"(
[[watch]]
url = "http://127.0.0.1:1/down.html"
name = "down"
every = "1h"
)");
  CommandResult r = Strata({"watch", "--once"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("failed"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("watch down: failed, 1 page (1 failed)"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("strata watch: 1 of 1 runs failed"), std::string::npos) << r.err;
}

TEST_F(WatchCliTest, ConfigProblemsAreUsageErrors) {
  WriteConfig("");
  CommandResult r = Strata({"watch", "--once"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no [[watch]] entries"), std::string::npos) << r.err;

  WriteConfig("[[watch]]\nurl = \"{base}/a/1.html\"\ncron = \"0 25 * * *\"\n");
  r = Strata({"watch"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("watch[0].cron: hour: 25 is out of range 0-23"), std::string::npos) << r.err;
}

// Waits up to `seconds` for `path` to contain `text`.
bool WaitForText(const std::string& path, const std::string& text, int seconds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    if (testing::ReadWholeFile(path).find(text) != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

TEST_F(WatchCliTest, AsAServiceItRunsThenWaitsAndStopsCleanlyOnSigterm) {
  WriteConfig(R"(
[[watch]]
url = "{base}/a/1.html"
name = "one"
every = "6h"

[[watch]]
feed = "{base}/feed.xml"
name = "feed"
cron = "0 0 1 1 *"
)");
  testing::ChildProcess watch(Argv({"watch"}), dir_.path(), "watch");
  ASSERT_TRUE(watch.started());
  // The url entry runs at once; the yearly feed waits: the loop is then asleep on its timer.
  ASSERT_TRUE(WaitForText(dir_.path() + "/watch.err", "watch one: ok", 60))
      << testing::ReadWholeFile(dir_.path() + "/watch.err");
  // While it sleeps, the archive is free: the other commands can use it.
  CommandResult r;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  do {
    r = Strata({"status", "--json"});
  } while (r.out.find("\"outcome\": \"ok\"") == std::string::npos &&
           std::chrono::steady_clock::now() < deadline);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"outcome\": \"ok\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"snapshot_at\": null"), std::string::npos) << r.out;
  r = Strata({"list"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(Url("/a/1.html")), std::string::npos) << r.out;

  watch.Signal(SIGTERM);
  r = watch.Wait();
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("stopped by SIGTERM after 1 run"), std::string::npos) << r.err;
  EXPECT_EQ(RequestsFor("/feed.xml"), 0u);

  // The plan survived: status (from the archive now) shows the run and the next visit.
  r = Strata({"status", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"outcome\": \"ok\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"running\": false"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"snapshot_at\": null"), std::string::npos) << r.out;
}

TEST_F(WatchCliTest, SigtermDuringAVisitStopsItAndTheNextStartRunsItAgain) {
  WriteConfig(R"(
[[watch]]
url = "{base}/a/slow.html"
name = "slow"
every = "6h"
)");
  site_.set_slow_ms(10'000);  // long enough for the checks below; the stop cuts it short
  testing::ChildProcess watch(Argv({"watch"}), dir_.path(), "watch");
  ASSERT_TRUE(watch.started());
  // Wait until the page is being served (the server holds it), then stop.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (RequestsFor("/a/slow.html") == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_EQ(RequestsFor("/a/slow.html"), 1u);
  // During the visit the archive is the watch's: status shows the snapshot it left.
  CommandResult r = Strata({"status", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find("\"snapshot_at\": null"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"running\": true"), std::string::npos) << r.out;
  r = Strata({"status"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("the archive is in use"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("running since"), std::string::npos) << r.out;

  watch.Signal(SIGTERM);
  r = watch.Wait();
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("watch slow: interrupted"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("stopped by SIGTERM"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty()) << "nothing was recorded: " << r.out;

  r = Strata({"status", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"outcome\": \"interrupted\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"due_now\": true"), std::string::npos) << r.out;

  // The next start visits it again, to the end.
  site_.set_slow_ms(0);
  r = Strata({"watch", "--once"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("new (v1)"), std::string::npos) << r.out;
  EXPECT_EQ(RequestsFor("/a/slow.html"), 2u);
}

}  // namespace
}  // namespace strata::tools
