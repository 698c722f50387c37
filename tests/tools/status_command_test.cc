// `strata status` as a user runs it, after `strata watch --once`.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/tools/watch_cli.h"

namespace strata::tools {
namespace {

using testing::CommandResult;

TEST_F(WatchCliTest, StatusBeforeAnyWatchShowsThePlan) {
  WriteConfig(R"(
[[watch]]
url = "{base}/a/1.html"
name = "one"
every = "6h"
)");
  CommandResult r = Strata({"status"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("no archive at"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("one  (url " + Url("/a/1.html") + ")"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("due now"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("last run   never"), std::string::npos) << r.out;
  // And it did not create one.
  EXPECT_FALSE(std::filesystem::exists(dir_.Sub("archive")));
}

TEST_F(WatchCliTest, StatusShowsRunsFailuresAndWhatIsDue) {
  WriteConfig(R"(
[[watch]]
url = "{base}/a/1.html"
name = "one"
every = "6h"
min_every = "1h"
max_every = "1d"

[[watch]]
url = "http://127.0.0.1:1/down.html"
name = "down"
every = "1d"

[[watch]]
feed = "{base}/feed.xml"
name = "yearly"
cron = "0 0 1 1 *"
)");
  ASSERT_EQ(Strata({"watch", "--once"}).exit_code, 1);  // "down" failed

  CommandResult r = Strata({"status"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("watch entries (3):"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("every 6h, adaptive 1h..1d (now every 6h)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(": ok, 1 page (1 new, 0 changed, 0 failed)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("failures   1 in a row"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("cron \"0 0 1 1 *\" (UTC)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("recent failed fetches (1):"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("http://127.0.0.1:1/down.html"), std::string::npos) << r.out;

  r = Strata({"status", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json json = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(json.is_discarded()) << r.out;
  ASSERT_EQ(json["entries"].size(), 3u);
  const nlohmann::json& one = json["entries"][0];
  EXPECT_EQ(one["name"], "one");
  EXPECT_EQ(one["kind"], "url");
  EXPECT_EQ(one["last_run"]["outcome"], "ok");
  EXPECT_EQ(one["last_run"]["new"], 1);
  EXPECT_EQ(one["due_now"], false);
  EXPECT_TRUE(one["next_due"].is_string());
  EXPECT_EQ(one["runs"], 1);
  const nlohmann::json& down = json["entries"][1];
  EXPECT_EQ(down["last_run"]["outcome"], "failed");
  EXPECT_EQ(down["consecutive_failures"], 1);
  EXPECT_NE(down["last_run"]["error"].get<std::string>().find("down.html"), std::string::npos);
  const nlohmann::json& yearly = json["entries"][2];
  EXPECT_TRUE(yearly["last_run"].is_null());
  EXPECT_EQ(yearly["cron"], "0 0 1 1 *");
  ASSERT_EQ(json["recent_failures"].size(), 1u);
  EXPECT_EQ(json["recent_failures"][0]["url"], "http://127.0.0.1:1/down.html");
  EXPECT_EQ(json["archive_exists"], true);
}

TEST_F(WatchCliTest, StatusRejectsABadConfig) {
  WriteConfig("[[watch]]\nurl = \"{base}/a\"\nevery = \"6h\"\nbogus = 1\n");
  CommandResult r = Strata({"status"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("watch[0].bogus: unknown key"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace strata::tools
