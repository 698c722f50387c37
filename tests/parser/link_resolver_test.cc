#include "parser/link_resolver.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/url.h"

namespace strata::parser {
namespace {

// What LinkResolver must always equal: resolve, then normalise, with nothing memoised.
std::optional<std::string> Reference(std::string_view base, std::string_view href) {
  std::optional<std::string> absolute = ResolveUrl(base, href);
  if (!absolute) return std::nullopt;
  return NormalizeUrl(*absolute);
}

TEST(LinkResolverTest, EqualsResolvingThenNormalisingAcrossBasesAndRepeats) {
  const std::vector<std::string> bases = {
      "https://a.com/x/y.html",     "https://a.com/other/dir/", "https://a.com",
      "http://a.com/x/y.html",      "https://A.com:443/x/",     "https://u:p@a.com:8080/z",
      "https://b.org/x/y.html?q=1", "https://a.com/x y/",       "ht tp://[bad/x",
      "https://a.com/p[bad",        "https://中文.com/x/",      "https://a.com:8443/x",
      "https://a.com./x",           "HTTPS://a.com/x",
  };
  const std::vector<std::string> hrefs = {
      "/root",
      "/root?utm_source=x&a=1",
      "//cdn.b.com/p",
      "https://c.net/Q#frag",
      "HTTP://C.NET/",
      "z.html",
      "../up",
      "?page=2",
      "",
      "/a/../b/./c",
      "/%7Euser/%2E%2E/x",
      "  /spaced  ",
      "/tab\there",
      "/中文",
      "mailto:x@y",
      "#top",
      "javascript:void(0)",
      "//",
      "/:colon",
      "https://[::1]:80/v6",
      // Plain paths and the base's own origin: answered without a parse when it is normal.
      "/",
      "/plain/path-1_x~y.html",
      "/a//b",
      "/a/./b",
      "/a/..",
      "/.",
      "/..",
      "/.hidden/a..b/c.",
      "/A/B.HTML",
      "/a/b?x=1",
      "/a/b#f",
      "/a%41",
      "https://a.com/plain/x.html",
      "https://a.com",
      "https://a.com/",
      "https://a.com/a/../b",
      "https://a.com:443/x",
      "https://a.comx/y",
      "https://a.com.evil/y",
      "http://a.com/plain",
      "https://b.org/x/z.html",
  };
  for (int round = 0; round < 2; ++round) {  // the second round answers from the memo
    for (const std::string& base : bases) {
      const LinkResolver resolver(base);
      for (const std::string& href : hrefs) {
        std::optional<std::string> want;
        const std::string_view trimmed = [&] {
          std::string_view h = href;
          while (!h.empty() && h.front() == ' ') h.remove_prefix(1);
          return h;
        }();
        const bool skipped = trimmed.empty() || trimmed.front() == '#' ||
                             trimmed.starts_with("mailto:") || trimmed.starts_with("javascript:");
        if (!skipped) want = Reference(base, href);
        EXPECT_EQ(resolver.Resolve(href), want) << "base " << base << " href " << href;
      }
    }
  }
}

TEST(LinkResolverTest, RelativeLinksFollowEachBasesPath) {
  // Same origin, different paths: a relative href must never be answered for another page.
  EXPECT_EQ(LinkResolver("https://a.com/x/1.html").Resolve("2.html").value_or(""),
            "https://a.com/x/2.html");
  EXPECT_EQ(LinkResolver("https://a.com/y/1.html").Resolve("2.html").value_or(""),
            "https://a.com/y/2.html");
  EXPECT_EQ(LinkResolver("https://a.com/y/1.html").Resolve("/2.html").value_or(""),
            "https://a.com/2.html");
  EXPECT_EQ(LinkResolver("http://a.com/y/1.html").Resolve("/2.html").value_or(""),
            "http://a.com/2.html");
}

}  // namespace
}  // namespace strata::parser
