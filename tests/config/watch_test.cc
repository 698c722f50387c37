#include "config/watch.h"

#include <gtest/gtest.h>

#include "config/config.h"

namespace strata::config {
namespace {

Result<Config> Parse(const std::string& toml) { return ParseConfig(toml, "w.toml"); }

// The error message of a config that must be rejected ("" when it was accepted).
std::string Error(const std::string& toml) {
  Result<Config> c = Parse(toml);
  return c.ok() ? "" : c.status().message();
}

TEST(WatchConfigTest, NoEntriesByDefault) {
  Result<Config> c = Parse("");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_TRUE(c->watch.empty());
  EXPECT_FALSE(c->hooks.any());
  EXPECT_EQ(c->hooks.timeout_ms, 30'000);
  EXPECT_TRUE(c->hooks.on_new);
}

TEST(WatchConfigTest, EntriesOfEachKindWithDefaults) {
  Result<Config> c = Parse(R"(
[[watch]]
url = "https://example.com/posts/1/"
every = "6h"

[[watch]]
author = "https://example.com/u/ann"
cron = "0 */6 * * *"

[[watch]]
feed = "http://blog.example.org/rss.xml"
every = "1d"
name = "blog"
)");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_EQ(c->watch.size(), 3u);

  const WatchEntry& url = c->watch[0];
  EXPECT_EQ(url.kind, WatchEntry::Kind::kUrl);
  EXPECT_EQ(url.target, "https://example.com/posts/1/");
  EXPECT_EQ(url.name, "example.com/posts/1");
  EXPECT_EQ(url.every_ms, 6 * 3'600'000);
  EXPECT_FALSE(url.cron);
  EXPECT_EQ(url.jitter_ms, 6 * 360'000);  // a tenth of the period
  EXPECT_TRUE(url.adaptive);
  EXPECT_EQ(url.min_every_ms, 90 * 60'000);     // a quarter
  EXPECT_EQ(url.max_every_ms, 24 * 3'600'000);  // four times
  EXPECT_FALSE(url.follow);

  const WatchEntry& author = c->watch[1];
  EXPECT_EQ(author.kind, WatchEntry::Kind::kAuthor);
  EXPECT_EQ(author.name, "author:example.com/u/ann");
  ASSERT_TRUE(author.cron);
  EXPECT_EQ(author.cron->text(), "0 */6 * * *");
  EXPECT_EQ(author.cron_zone.kind, CronZone::Kind::kUtc);
  EXPECT_EQ(author.PeriodMs(), 6 * 3'600'000);
  EXPECT_EQ(author.jitter_ms, 6 * 360'000);
  EXPECT_FALSE(author.adaptive);

  const WatchEntry& feed = c->watch[2];
  EXPECT_EQ(feed.kind, WatchEntry::Kind::kFeed);
  EXPECT_EQ(feed.name, "blog");
  EXPECT_EQ(feed.jitter_ms, 3'600'000);  // a tenth of a day, capped at an hour
  EXPECT_EQ(feed.max_items, 100);
}

TEST(WatchConfigTest, ExplicitValues) {
  Result<Config> c = Parse(R"(
[[watch]]
url = "https://example.com/a"
every = "2h"
jitter = "0s"
min_every = "10m"
max_every = "3d"
follow = true
max_depth = 2
max_pages = 50

[[watch]]
url = "https://example.com/b"
every = 3600
adaptive = false

[[watch]]
feed = "https://example.com/feed"
cron = "@daily"
cron_zone = "+08:00"
jitter = "5m"
max_items = 20

[hooks]
on_change_command = "notify-send strata"
on_change_url = "https://hooks.example.com/strata"
headers = ["Authorization: Bearer x"]
timeout = "5s"
on_new = false
)");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  const WatchEntry& a = c->watch[0];
  EXPECT_EQ(a.jitter_ms, 0);
  EXPECT_EQ(a.min_every_ms, 10 * 60'000);
  EXPECT_EQ(a.max_every_ms, 3 * 86'400'000);
  EXPECT_EQ(a.follow, true);
  EXPECT_EQ(a.max_depth, 2);
  EXPECT_EQ(a.max_pages, 50);
  EXPECT_EQ(c->watch[1].every_ms, 3'600'000);
  EXPECT_FALSE(c->watch[1].adaptive);
  const WatchEntry& feed = c->watch[2];
  EXPECT_EQ(feed.cron_zone.offset_minutes, 480);
  EXPECT_EQ(feed.jitter_ms, 5 * 60'000);
  EXPECT_EQ(feed.max_items, 20);
  EXPECT_EQ(c->hooks.on_change_command, "notify-send strata");
  EXPECT_EQ(c->hooks.on_change_url, "https://hooks.example.com/strata");
  ASSERT_EQ(c->hooks.headers.size(), 1u);
  EXPECT_EQ(c->hooks.timeout_ms, 5000);
  EXPECT_FALSE(c->hooks.on_new);
  EXPECT_TRUE(c->hooks.any());
}

TEST(WatchConfigTest, ScheduleKeyChangesWithTheSchedule) {
  auto key = [](const std::string& toml) {
    Result<Config> c = Parse("[[watch]]\nurl = \"https://example.com/a\"\n" + toml);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? c->watch[0].ScheduleKey() : "";
  };
  EXPECT_EQ(key("every = \"6h\""), key("every = 21600"));
  EXPECT_NE(key("every = \"6h\""), key("every = \"5h\""));
  EXPECT_NE(key("every = \"6h\""), key("every = \"6h\"\njitter = \"1m\""));
  EXPECT_NE(key("every = \"6h\""), key("every = \"6h\"\nmax_every = \"12h\""));
  EXPECT_NE(key("cron = \"@daily\""), key("cron = \"@daily\"\ncron_zone = \"local\""));
}

TEST(WatchConfigTest, BadValuesNameTheKey) {
  const std::string url = "[[watch]]\nurl = \"https://example.com/a\"\n";
  const std::pair<std::string, std::string> cases[] = {
      {"[[watch]]\nevery = \"6h\"\n", "watch[0].url: each [[watch]] needs one of url"},
      {"[[watch]]\nurl = \"https://a/\"\nfeed = \"https://b/\"\nevery = \"1h\"\n",
       "watch[0].url: give only one of"},
      {"[[watch]]\nurl = \"ftp://example.com/a\"\nevery = \"1h\"\n",
       "watch[0].url: must be an absolute http(s) URL"},
      {"[[watch]]\nfeed = \"/rss.xml\"\nevery = \"1h\"\n", "watch[0].feed: must be an absolute"},
      {url, "watch[0].every: each [[watch]] needs every"},
      {url + "every = \"1h\"\ncron = \"@daily\"\n", "watch[0].every: give either every or cron"},
      {url + "every = \"10s\"\n", "watch[0].every: must be between"},
      {url + "every = \"soon\"\n", "watch[0].every: not a duration"},
      {url + "cron = \"61 * * * *\"\n", "watch[0].cron: minute: 61 is out of range"},
      {url + "cron = \"0 0 30 2 *\"\n", "watch[0].cron: \"0 0 30 2 *\" never fires"},
      {url + "cron = \"@daily\"\ncron_zone = \"Mars\"\n", "watch[0].cron_zone: must be"},
      {url + "every = \"1h\"\ncron_zone = \"UTC\"\n", "watch[0].cron_zone: applies only with cron"},
      {url + "every = \"1h\"\njitter = \"1h\"\n", "watch[0].jitter: must be less than the period"},
      {url + "every = \"1h\"\nmin_every = \"2h\"\n", "watch[0].min_every: must not be more"},
      {url + "every = \"1h\"\nmax_every = \"30m\"\n", "watch[0].max_every: must not be less"},
      {url + "cron = \"@daily\"\nmin_every = \"1h\"\n",
       "watch[0].min_every: applies only to url entries scheduled with every"},
      {"[[watch]]\nfeed = \"https://example.com/f\"\nevery = \"1h\"\nadaptive = true\n",
       "watch[0].adaptive: applies only to url entries"},
      {"[[watch]]\nauthor = \"https://example.com/u\"\nevery = \"1h\"\nfollow = true\n",
       "watch[0].follow: applies only to url entries"},
      {url + "every = \"1h\"\nmax_items = 5\n", "watch[0].max_items: applies only to feed"},
      {url + "every = \"1h\"\nname = \"\"\n", "watch[0].name: must be 1 to 200 printable"},
      {url + "every = \"1h\"\nname = \"a\\nb\"\n", "watch[0].name: must be 1 to 200 printable"},
      {url + "every = \"1h\"\nevry = \"1h\"\n", "watch[0].evry: unknown key"},
      {url + "every = \"1h\"\n" + url + "every = \"2h\"\n",
       "watch[1].name: \"example.com/a\" is also the name of watch[0]"},
      {"[watch]\nurl = \"https://example.com/a\"\n", "watch: must be an array of tables"},
      {"[hooks]\non_change_url = \"mailto:x@example.com\"\n",
       "hooks.on_change_url: must be an absolute http(s) URL"},
      {"[hooks]\nheaders = [\"NoColon\"]\n", "hooks.headers: each must be \"Name: value\""},
      {"[hooks]\ntimeout = \"2h\"\n", "hooks.timeout: must be between"},
      {"[hooks]\non_change = \"x\"\n", "hooks.on_change: unknown key"},
  };
  for (const auto& [toml, message] : cases) {
    const std::string error = Error(toml);
    EXPECT_NE(error.find("w.toml: " + message), std::string::npos)
        << "config:\n"
        << toml << "\nerror: " << error << "\nexpected: " << message;
  }
}

TEST(WatchConfigTest, KindNames) {
  EXPECT_EQ(WatchKindName(WatchEntry::Kind::kUrl), "url");
  EXPECT_EQ(WatchKindName(WatchEntry::Kind::kAuthor), "author");
  EXPECT_EQ(WatchKindName(WatchEntry::Kind::kFeed), "feed");
}

}  // namespace
}  // namespace strata::config
