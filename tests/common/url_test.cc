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

TEST(UrlTest, ResolveAgainstChangingBases) {
  // ResolveUrl keeps the last parsed base per thread: switching bases, and a base that does not
  // parse, must never leak one base into another's results.
  for (int round = 0; round < 2; ++round) {
    EXPECT_EQ(ResolveUrl("https://a.com/x/", "p").value_or(""), "https://a.com/x/p");
    EXPECT_EQ(ResolveUrl("https://b.org/y/z", "p").value_or(""), "https://b.org/y/p");
    EXPECT_FALSE(ResolveUrl("ht tp://[bad", "p").has_value());
    EXPECT_EQ(ResolveUrl("https://a.com/x/", "q").value_or(""), "https://a.com/x/q");
    EXPECT_EQ(ResolveUrl("https://a.com/x", "q").value_or(""), "https://a.com/q");
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

TEST(UrlTest, NormalizeEdgeCasesTable) {
  struct Case {
    const char* in;
    const char* want;  // nullptr: rejected
  };
  const Case cases[] = {
      // Empty query and empty fragment are dropped; so are empty parameters.
      {"https://a.com/p?", "https://a.com/p"},
      {"https://a.com/p#", "https://a.com/p"},
      {"https://a.com/p?#", "https://a.com/p"},
      {"https://a.com/p?a=1&&b=2&", "https://a.com/p?a=1&b=2"},
      {"https://a.com?x=1", "https://a.com/?x=1"},
      // Repeated slashes are kept (servers may route on them); dot segments go.
      {"https://a.com//a//b/", "https://a.com//a//b/"},
      {"https://a.com/a//b/../c", "https://a.com/a//c"},
      {"https://a.com/a/%2E%2E/b", "https://a.com/b"},
      {"https://a.com/a/%2e/b", "https://a.com/a/b"},
      {"https://a.com/../../x", "https://a.com/x"},
      // Percent-encoding: unreserved decoded everywhere, hex upper case, the rest kept.
      {"https://a.com/%41%62c?q=%7e%2f%3d", "https://a.com/Abc?q=~%2F%3D"},
      {"https://a.com/a%20b", "https://a.com/a%20b"},
      {"https://a.com/a b", "https://a.com/a%20b"},
      {"https://a.com/中文?q=é", "https://a.com/%E4%B8%AD%E6%96%87?q=%C3%A9"},
      // Hosts: ASCII lower case only; punycode stays punycode, UTF-8 stays UTF-8.
      {"https://XN--FSQ.XN--0ZWM56D/", "https://xn--fsq.xn--0zwm56d/"},
      {"https://例子.测试/路径", "https://例子.测试/%E8%B7%AF%E5%BE%84"},
      {"https://%E4%BE%8B%E5%AD%90.COM/", "https://例子.com/"},
      {"https://BÜCHER.Example/", "https://bÜcher.example/"},
      {"https://Example.COM./", "https://example.com./"},
      {"https://%41.com/", "https://a.com/"},
      // Ports.
      {"http://a.com:/", "http://a.com/"},
      {"https://a.com:80/", "https://a.com:80/"},
      {"http://a.com:443/", "http://a.com:443/"},
      {"http://a.com:99999/", nullptr},
      {"http://[2001:DB8::1]:8080/x", "http://[2001:db8::1]:8080/x"},
      {"http://[::1]/", "http://[::1]/"},
      // Scheme case, credentials kept, surrounding whitespace ignored.
      {"HtTpS://a.com/", "https://a.com/"},
      {"https://user:pw@a.com/", "https://user:pw@a.com/"},
      {"  https://a.com/p\n", "https://a.com/p"},
      // Tracking parameters, also when their names were percent-encoded.
      {"https://a.com/?utm%5Fsource=x&id=1&gclid=2", "https://a.com/?id=1"},
      {"https://a.com/?utmost=1", "https://a.com/?utmost=1"},  // not utm_*
      // Not http(s) with a host.
      {"http:///path", nullptr},
      {"https:", nullptr},
      {"", nullptr},
  };
  for (const Case& c : cases) {
    auto got = NormalizeUrl(c.in);
    if (c.want == nullptr) {
      EXPECT_FALSE(got) << c.in << " gave " << got.value_or("");
    } else {
      ASSERT_TRUE(got) << c.in;
      EXPECT_EQ(*got, c.want) << c.in;
    }
  }
}

TEST(UrlTest, NormalizeIsIdempotent) {
  for (const char* url :
       {"HTTP://Example.COM:80/a/./b/../c?utm_x=1&b=2&a=1#f", "https://例子.测试/路径 x?q=é",
        "https://a.com//x/%2e%2E/y?", "http://[2001:DB8::1]:8080/%7e"}) {
    auto once = NormalizeUrl(url);
    ASSERT_TRUE(once) << url;
    EXPECT_EQ(NormalizeUrl(*once), once) << url;
  }
}

TEST(UrlTest, NormalizeWithConfiguredParams) {
  UrlNormalizeOptions options;
  options.drop_params = {"session*", "ref"};
  options.sort_params = true;
  EXPECT_EQ(*NormalizeUrl("https://a.com/p?z=1&ref=x&sessionid=9&a=2&utm_source=k", options),
            "https://a.com/p?a=2&utm_source=k&z=1");
  options.sort_params = false;
  EXPECT_EQ(*NormalizeUrl("https://a.com/p?z=1&a=2&a=1", options), "https://a.com/p?z=1&a=2&a=1");
  options.sort_params = true;  // by name, stable: a repeated name keeps its values' order
  EXPECT_EQ(*NormalizeUrl("https://a.com/p?b=2&a=2&a=1&a", options),
            "https://a.com/p?a=2&a=1&a&b=2");
}

TEST(UrlTest, ParseAcceptsWhatBrowsersAccept) {
  auto p = ParseUrl("https://例子.COM/a b?q=é");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->host, "例子.com");
  EXPECT_EQ(p->path, "/a%20b");
  EXPECT_EQ(p->query, "q=%C3%A9");
  EXPECT_EQ(UrlHost("https://%E4%BE%8B.com/"), "例.com");  // the same host either way
  EXPECT_EQ(UrlHost("https://例.com/"), "例.com");
  EXPECT_EQ(UrlHost("http://[::1]:80/"), "::1");
}

TEST(UrlTest, NormalizeKeepsFragmentWhenAsked) {
  UrlNormalizeOptions options;
  options.drop_fragment = false;
  options.drop_params.clear();
  EXPECT_EQ(*NormalizeUrl("https://a.com/p?utm_x=1#f", options), "https://a.com/p?utm_x=1#f");
  EXPECT_EQ(*NormalizeUrl("https://a.com/p#%7eFrag", options), "https://a.com/p#~Frag");
  EXPECT_EQ(*NormalizeUrl("https://a.com/p#", options), "https://a.com/p");
}

TEST(UrlTest, HostAndScheme) {
  EXPECT_EQ(UrlHost("https://WWW.cnblogs.com/u/p/1.html"), "www.cnblogs.com");
  EXPECT_EQ(UrlHost("not a url"), "");
  EXPECT_TRUE(IsHttpUrl("http://x.org/"));
  EXPECT_FALSE(IsHttpUrl("file:///etc/passwd"));
}

}  // namespace
}  // namespace strata
