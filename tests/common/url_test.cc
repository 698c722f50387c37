#include "common/url.h"

#include <gtest/gtest.h>

namespace strata {
namespace {

TEST(UrlTest, ParseUrl) {
  auto p = ParseUrl("HTTPS://Example.COM:8443/a/b?x=1#frag");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->scheme, "https");
  EXPECT_EQ(p->host, "example.com");
  EXPECT_EQ(p->port, 8443);
  EXPECT_EQ(p->path, "/a/b");
  EXPECT_EQ(p->query, "x=1");
  EXPECT_EQ(p->fragment, "frag");
  EXPECT_FALSE(ParseUrl("/relative/path"));
  EXPECT_FALSE(ParseUrl("http://x:99999/"));
}

TEST(UrlTest, ResolveTable) {
  struct Case {
    const char* base;
    const char* ref;
    const char* want;
  };
  const Case cases[] = {
      {"https://a.com/x/y.html", "z.html", "https://a.com/x/z.html"},
      {"https://a.com/x/y.html", "../z", "https://a.com/z"},
      {"https://a.com/x/y.html", "/root", "https://a.com/root"},
      {"https://a.com/x/y.html", "//cdn.b.com/p", "https://cdn.b.com/p"},
      {"https://a.com/x/y.html", "?page=2", "https://a.com/x/y.html?page=2"},
      {"https://a.com/x/y.html", "  /spaced \n", "https://a.com/spaced"},
      {"https://a.com/x/", "中文 页", "https://a.com/x/%E4%B8%AD%E6%96%87%20%E9%A1%B5"},
      {"https://a.com/x/", "http://other.org/", "http://other.org/"},
  };
  for (const Case& c : cases) {
    auto got = ResolveUrl(c.base, c.ref);
    ASSERT_TRUE(got) << c.ref;
    EXPECT_EQ(*got, c.want) << c.ref;
  }
}

TEST(UrlTest, NormalizeTable) {
  struct Case {
    const char* in;
    const char* want;  // nullptr: rejected
  };
  const Case cases[] = {
      {"HTTP://Example.COM:80/a/./b/../c#top", "http://example.com/a/c"},
      {"https://example.com:443", "https://example.com/"},
      {"https://example.com:8443/", "https://example.com:8443/"},
      {"https://example.com/%7euser/%2f", "https://example.com/~user/%2F"},
      {"https://example.com/p?utm_source=x&id=3&utm_medium=y", "https://example.com/p?id=3"},
      {"https://example.com/p?spm=1001.2014&fbclid=z", "https://example.com/p"},
      {"ftp://example.com/file", nullptr},
      {"mailto:someone@example.com", nullptr},
      {"javascript:alert(1)", nullptr},
      {"/relative", nullptr},
  };
  for (const Case& c : cases) {
    auto got = NormalizeUrl(c.in);
    if (c.want == nullptr) {
      EXPECT_FALSE(got) << c.in;
    } else {
      ASSERT_TRUE(got) << c.in;
      EXPECT_EQ(*got, c.want) << c.in;
    }
  }
}

TEST(UrlTest, NormalizeKeepsFragmentWhenAsked) {
  UrlNormalizeOptions options;
  options.drop_fragment = false;
  options.drop_params.clear();
  EXPECT_EQ(*NormalizeUrl("https://a.com/p?utm_x=1#f", options), "https://a.com/p?utm_x=1#f");
}

TEST(UrlTest, HostAndScheme) {
  EXPECT_EQ(UrlHost("https://WWW.cnblogs.com/u/p/1.html"), "www.cnblogs.com");
  EXPECT_EQ(UrlHost("not a url"), "");
  EXPECT_TRUE(IsHttpUrl("http://x.org/"));
  EXPECT_FALSE(IsHttpUrl("file:///etc/passwd"));
}

}  // namespace
}  // namespace strata
