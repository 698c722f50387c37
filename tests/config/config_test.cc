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

TEST(ConfigTest, MissingFile) {
  Result<Config> r = LoadConfig("/nonexistent/strata.toml");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("/nonexistent/strata.toml"), std::string::npos);
}

}  // namespace
}  // namespace strata::config
