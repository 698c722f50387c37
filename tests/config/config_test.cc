#include "config/config.h"

#include <gtest/gtest.h>

namespace strata::config {
namespace {

TEST(ConfigTest, EmptyGivesDefaults) {
  Result<Config> c = ParseConfig("", "empty.toml");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  FetchOptions defaults;
  EXPECT_EQ(c->fetch.max_redirects, defaults.max_redirects);
  EXPECT_EQ(c->fetch.user_agent, defaults.user_agent);
  EXPECT_NE(c->fetch.user_agent.find("strata"), std::string::npos);
  EXPECT_EQ(c->archive_dir, "");
}

TEST(ConfigTest, ReadsValues) {
  Result<Config> c = ParseConfig(R"(
archive = "/tmp/a"
[fetch]
user_agent = "strata-test"
connect_timeout = "2s"
timeout = 30
max_redirects = 3
max_body = "1MiB"
max_connections_per_host = 4
compressed = false
threads = 3
)",
                                 "t.toml");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->archive_dir, "/tmp/a");
  EXPECT_EQ(c->fetch.user_agent, "strata-test");
  EXPECT_EQ(c->fetch.connect_timeout_ms, 2000);
  EXPECT_EQ(c->fetch.total_timeout_ms, 30'000);
  EXPECT_EQ(c->fetch.max_redirects, 3);
  EXPECT_EQ(c->fetch.max_body_bytes, 1 << 20);
  EXPECT_EQ(c->fetch.max_connections_per_host, 4);
  EXPECT_FALSE(c->fetch.accept_compressed);
  EXPECT_EQ(c->fetch.threads, 3);
}

TEST(ConfigTest, ErrorsNameTheKey) {
  struct Case {
    const char* toml;
    const char* want;
  };
  const Case cases[] = {
      {"[fetch]\nmax_redirects = 99\n", "t.toml: fetch.max_redirects: must be between 0 and 50"},
      {"[fetch]\nmax_redirects = \"3\"\n", "fetch.max_redirects: must be an integer"},
      {"[fetch]\ntimeout = \"soon\"\n", "fetch.timeout: not a duration"},
      {"[fetch]\nmax_bdy = 3\n", "fetch.max_bdy: unknown key"},
      {"archiv = \"x\"\n", "archiv: unknown key"},
      {"fetch = 3\n", "fetch: must be a table"},
      {"[fetch]\nuser_agent = \"\"\n", "fetch.user_agent: must not be empty"},
      {"[fetch]\nthreads = 0\n", "fetch.threads: must be between 1 and 16"},
      {"[fetch\n", "t.toml:1:"},
  };
  for (const Case& c : cases) {
    Result<Config> r = ParseConfig(c.toml, "t.toml");
    ASSERT_FALSE(r.ok()) << c.toml;
    EXPECT_TRUE(r.status().IsInvalidArgument());
    EXPECT_NE(r.status().message().find(c.want), std::string::npos)
        << "got: " << r.status().message();
  }
}

// --- Fetch policy sections: [politeness], [robots], [retry], [urls] (politeness helper) ---

TEST(ConfigTest, FetchPolicyDefaults) {
  Result<Config> c = ParseConfig("", "empty.toml");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->politeness.per_host_concurrency, 2);
  EXPECT_EQ(c->politeness.min_delay_ms, 1000);
  EXPECT_EQ(c->politeness.global_concurrency, 64);
  EXPECT_TRUE(c->politeness.adaptive);
  EXPECT_TRUE(c->robots.respect);
  EXPECT_EQ(c->robots.cache_ttl_ms, 24 * 3'600'000LL);
  EXPECT_EQ(c->robots.user_agent_token, "strata");
  EXPECT_EQ(c->retry.max_retries, 3);
  EXPECT_EQ(c->urls.drop_params, UrlNormalizeOptions().drop_params);
  EXPECT_FALSE(c->urls.sort_params);
}

TEST(ConfigTest, ReadsFetchPolicySections) {
  Result<Config> c = ParseConfig(R"(
[politeness]
per_host_concurrency = 4
min_delay = 0
max_delay = "2m"
global_concurrency = 200
adaptive = false
[robots]
respect = false
cache_ttl = "12h"
error_ttl = "5m"
user_agent_token = "strata-news"
[retry]
max_retries = 5
base_delay = "250ms"
max_delay = "30s"
max_retry_after = "10m"
[urls]
drop_params = ["utm_*", "ref", "session*"]
sort_params = true
)",
                                 "t.toml");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->politeness.per_host_concurrency, 4);
  EXPECT_EQ(c->politeness.min_delay_ms, 0);
  EXPECT_EQ(c->politeness.max_delay_ms, 120'000);
  EXPECT_EQ(c->politeness.global_concurrency, 200);
  EXPECT_FALSE(c->politeness.adaptive);
  EXPECT_FALSE(c->robots.respect);
  EXPECT_EQ(c->robots.cache_ttl_ms, 12 * 3'600'000LL);
  EXPECT_EQ(c->robots.error_ttl_ms, 300'000);
  EXPECT_EQ(c->robots.user_agent_token, "strata-news");
  EXPECT_EQ(c->retry.max_retries, 5);
  EXPECT_EQ(c->retry.base_delay_ms, 250);
  EXPECT_EQ(c->retry.max_delay_ms, 30'000);
  EXPECT_EQ(c->retry.max_retry_after_ms, 600'000);
  EXPECT_EQ(c->urls.drop_params, (std::vector<std::string>{"utm_*", "ref", "session*"}));
  EXPECT_TRUE(c->urls.sort_params);
}

TEST(ConfigTest, FetchPolicyErrorsNameTheKey) {
  struct Case {
    const char* toml;
    const char* want;
  };
  const Case cases[] = {
      {"[politeness]\nper_host_concurrency = 0\n",
       "t.toml: politeness.per_host_concurrency: must be between 1 and 64"},
      {"[politeness]\nmin_delay = \"soon\"\n", "politeness.min_delay: not a duration"},
      {"[politeness]\nmin_delay = \"10s\"\nmax_delay = \"5s\"\n",
       "politeness.max_delay: must not be less than min_delay"},
      {"[politeness]\nglobal_concurrency = 100000\n", "politeness.global_concurrency: must be"},
      {"[politeness]\nadaptive = 1\n", "politeness.adaptive: must be true or false"},
      {"[politeness]\nper_host = 2\n", "politeness.per_host: unknown key"},
      {"[robots]\nrespect = \"no\"\n", "robots.respect: must be true or false"},
      {"[robots]\ncache_ttl = \"0s\"\n", "robots.cache_ttl: must be between"},
      {"[robots]\nuser_agent_token = \"strata/1.0\"\n",
       "robots.user_agent_token: must be letters, '-' and '_' only"},
      {"[robots]\nuser_agent_token = \"\"\n", "robots.user_agent_token: must be letters"},
      {"[retry]\nmax_retries = -1\n", "retry.max_retries: must be between 0 and 10"},
      {"[retry]\nbase_delay = \"2m\"\nmax_delay = \"1m\"\n",
       "retry.max_delay: must not be less than base_delay"},
      {"[retry]\nmax_retry_after = \"2d\"\n", "retry.max_retry_after: must be between"},
      {"[urls]\ndrop_params = \"utm_*\"\n", "urls.drop_params: must be an array of strings"},
      {"[urls]\ndrop_params = [\"*\"]\n", "urls.drop_params: entries must be"},
      {"[urls]\nsort = true\n", "urls.sort: unknown key"},
  };
  for (const Case& c : cases) {
    Result<Config> r = ParseConfig(c.toml, "t.toml");
    ASSERT_FALSE(r.ok()) << c.toml;
    EXPECT_TRUE(r.status().IsInvalidArgument());
    EXPECT_NE(r.status().message().find(c.want), std::string::npos)
        << c.toml << " got: " << r.status().message();
  }
}
// --- end of fetch policy sections ---

TEST(ConfigTest, MissingFile) {
  Result<Config> r = LoadConfig("/nonexistent/strata.toml");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("/nonexistent/strata.toml"), std::string::npos);
}

}  // namespace
}  // namespace strata::config
