#include "crawler/jobs/hooks.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <sstream>

#include "crawler/fetch_loop.h"
#include "tests/jobs/watch_site.h"
#include "tests/support/temp_dir.h"

namespace strata::jobs {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

ChangeEvent SampleEvent() {
  ChangeEvent e;
  e.watch = "w";
  e.url = "https://example.com/a";
  e.title = "Title \"quoted\"";
  e.version = 3;
  e.time = ParseIso8601("2030-01-02T03:04:05Z").value_or(0);
  storage::ChangeSummary change;
  change.fields = {"title", "body"};
  change.lines_added = 2;
  change.lines_removed = 1;
  change.compared_to = 2;
  change.blocks_changed = 1;
  change.chars_added = 10;
  change.chars_removed = 4;
  change.edit_class = storage::EditClass::kWording;
  e.change = change;
  e.summary = "wording (1 paragraph changed; +10 -4 characters)";
  return e;
}

TEST(ChangePayloadTest, ChangedArticle) {
  const nlohmann::json json = nlohmann::json::parse(ChangePayload(SampleEvent()));
  EXPECT_EQ(json["event"], "changed");
  EXPECT_EQ(json["watch"], "w");
  EXPECT_EQ(json["url"], "https://example.com/a");
  EXPECT_EQ(json["title"], "Title \"quoted\"");
  EXPECT_EQ(json["version"], 3);
  EXPECT_EQ(json["previous_version"], 2);
  EXPECT_EQ(json["time"], "2030-01-02T03:04:05.000Z");
  EXPECT_EQ(json["summary"], "wording (1 paragraph changed; +10 -4 characters)");
  EXPECT_EQ(json["change"]["edit_class"], "wording");
  EXPECT_EQ(json["change"]["fields"], nlohmann::json::array({"title", "body"}));
  EXPECT_EQ(json["change"]["lines_added"], 2);
  EXPECT_EQ(json["change"]["chars_removed"], 4);
}

TEST(ChangePayloadTest, NewArticleAndBadUtf8) {
  ChangeEvent e;
  e.is_new = true;
  e.version = 1;
  e.title = "bad \xff byte";
  e.summary = "first version";
  const nlohmann::json json = nlohmann::json::parse(ChangePayload(e));
  EXPECT_EQ(json["event"], "new");
  EXPECT_TRUE(json["previous_version"].is_null());
  EXPECT_TRUE(json["change"].is_null());
  EXPECT_EQ(json["title"], "bad \xef\xbf\xbd byte");
}

TEST(ChangeEnvironmentTest, Variables) {
  const auto env = ChangeEnvironment(SampleEvent());
  std::map<std::string, std::string> vars(env.begin(), env.end());
  EXPECT_EQ(vars["STRATA_EVENT"], "changed");
  EXPECT_EQ(vars["STRATA_URL"], "https://example.com/a");
  EXPECT_EQ(vars["STRATA_VERSION"], "3");
  EXPECT_EQ(vars["STRATA_TIME"], "2030-01-02T03:04:05Z");
  EXPECT_EQ(vars["STRATA_EDIT_CLASS"], "wording");
  EXPECT_EQ(vars["STRATA_WATCH"], "w");
}

class HookCommandTest : public ::testing::Test {
 protected:
  testing::TempDir dir_;
};

TEST_F(HookCommandTest, GetsEnvironmentAndStdin) {
  const std::string out = dir_.Sub("out.txt");
  Status s = RunHookCommand("{ echo \"$STRATA_A|$HOME_SET\"; cat; } > " + out,
                            {{"STRATA_A", "one two"}, {"HOME_SET", "x"}}, "{\"k\": 1}\n", 10'000);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(ReadFile(out), "one two|x\n{\"k\": 1}\n");
}

TEST_F(HookCommandTest, OverridesInheritedVariables) {
  setenv("STRATA_EVENT", "stale", 1);
  const std::string out = dir_.Sub("out.txt");
  ASSERT_TRUE(
      RunHookCommand("env | grep -c '^STRATA_EVENT=' > " + out + "; echo $STRATA_EVENT >> " + out,
                     {{"STRATA_EVENT", "new"}}, "", 10'000)
          .ok());
  unsetenv("STRATA_EVENT");
  EXPECT_EQ(ReadFile(out), "1\nnew\n");
}

TEST_F(HookCommandTest, FailureNamesTheExitStatus) {
  Status s = RunHookCommand("exit 7", {}, "", 10'000);
  EXPECT_TRUE(s.IsUnavailable());
  EXPECT_NE(s.message().find("exited with status 7"), std::string::npos) << s.message();
  s = RunHookCommand("kill -9 $$", {}, "", 10'000);
  EXPECT_NE(s.message().find("killed by signal 9"), std::string::npos) << s.message();
  s = RunHookCommand("no-such-command-strata-test 2>/dev/null", {}, "", 10'000);
  EXPECT_NE(s.message().find("exited with status 127"), std::string::npos) << s.message();
}

TEST_F(HookCommandTest, TimeoutKillsTheWholeGroup) {
  const std::string marker = dir_.Sub("late.txt");
  const auto start = std::chrono::steady_clock::now();
  // A child of the shell that would write late: it must die with its group.
  Status s = RunHookCommand("(sleep 5; touch " + marker + ") & sleep 5", {}, "", 200);
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(s.IsUnavailable());
  EXPECT_NE(s.message().find("did not finish within 200 ms"), std::string::npos) << s.message();
  EXPECT_LT(took, std::chrono::seconds(4));
  EXPECT_FALSE(std::ifstream(marker).good());
}

TEST_F(HookCommandTest, CommandThatIgnoresALargeStdin) {
  const std::string big(4 << 20, 'x');  // more than a socket buffer
  Status s = RunHookCommand("exit 0", {}, big, 5'000);
  EXPECT_TRUE(s.ok()) << s.ToString();
}

class PostHookTest : public ::testing::Test {
 protected:
  crawler::CurlGlobal curl_;
  testing::WatchSite site_;
  devserver::LocalHttpServer server_{
      [this](const devserver::HttpRequest& r) { return site_.Handle(r); }};
  config::FetchOptions fetch_;
};

TEST_F(PostHookTest, PostsTheJsonWithHeaders) {
  Status s = PostHook(server_.base_url() + "/hook", {"Authorization: Bearer abc", "X-A:b"},
                      "{\"x\":1}", 5'000, fetch_);
  ASSERT_TRUE(s.ok()) << s.ToString();
  const auto requests = server_.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].body, "{\"x\":1}");
  EXPECT_EQ(FindHeader(requests[0].headers, "authorization"), "Bearer abc");
  EXPECT_EQ(FindHeader(requests[0].headers, "x-a"), "b");
  EXPECT_EQ(FindHeader(requests[0].headers, "user-agent"), fetch_.user_agent);
}

TEST_F(PostHookTest, ErrorsNameTheStatusOrTheFailure) {
  Status s = PostHook(server_.base_url() + "/hook-fail", {}, "{}", 5'000, fetch_);
  EXPECT_TRUE(s.IsUnavailable());
  EXPECT_NE(s.message().find("HTTP 500"), std::string::npos) << s.message();
  // A port nobody listens on.
  s = PostHook("http://127.0.0.1:1/hook", {}, "{}", 5'000, fetch_);
  EXPECT_TRUE(s.IsUnavailable());
  EXPECT_NE(s.message().find("POST http://127.0.0.1:1/hook"), std::string::npos) << s.message();
}

TEST_F(PostHookTest, TimeoutIsBounded) {
  devserver::LocalHttpServer slow([](const devserver::HttpRequest&) {
    devserver::HttpResponse r;
    r.delay_ms = 3000;
    return r;
  });
  const auto start = std::chrono::steady_clock::now();
  Status s = PostHook(slow.base_url() + "/", {}, "{}", 300, fetch_);
  EXPECT_TRUE(s.IsUnavailable());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(2500));
}

}  // namespace
}  // namespace strata::jobs
