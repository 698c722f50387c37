#include "crawler/host_key.h"

#include <gtest/gtest.h>

namespace strata::crawler {
namespace {

TEST(HostKeyTest, Table) {
  struct Case {
    const char* url;
    const char* host;  // nullptr: rejected
    const char* origin;
    const char* path;
  };
  const Case cases[] = {
      {"https://Example.COM/a/b?x=1#f", "example.com", "https://example.com", "/a/b?x=1"},
      {"http://example.com", "example.com", "http://example.com", "/"},
      {"http://example.com:80/", "example.com", "http://example.com", "/"},
      {"https://example.com:443/", "example.com", "https://example.com", "/"},
      {"http://example.com:443/", "example.com:443", "http://example.com:443", "/"},
      {"http://127.0.0.1:8080/p", "127.0.0.1:8080", "http://127.0.0.1:8080", "/p"},
      {"http://[::1]:8080/p", "[::1]:8080", "http://[::1]:8080", "/p"},
      {"http://[::1]/", "[::1]", "http://[::1]", "/"},
      {"ftp://example.com/file", nullptr, nullptr, nullptr},
      {"mailto:a@example.com", nullptr, nullptr, nullptr},
      {"/relative", nullptr, nullptr, nullptr},
      {"not a url", nullptr, nullptr, nullptr},
  };
  for (const Case& c : cases) {
    std::optional<HostKeys> keys = HostKeysOf(c.url);
    if (c.host == nullptr) {
      EXPECT_FALSE(keys) << c.url;
      continue;
    }
    ASSERT_TRUE(keys) << c.url;
    EXPECT_EQ(keys->host, c.host) << c.url;
    EXPECT_EQ(keys->origin, c.origin) << c.url;
    EXPECT_EQ(keys->path, c.path) << c.url;
  }
}

TEST(HostKeyTest, HttpAndHttpsOfOneSiteShareTheHostNotTheOrigin) {
  auto plain = HostKeysOf("http://example.com/a");
  auto secure = HostKeysOf("https://example.com/a");
  ASSERT_TRUE(plain && secure);
  EXPECT_EQ(plain->host, secure->host);
  EXPECT_NE(plain->origin, secure->origin);
}

}  // namespace
}  // namespace strata::crawler
