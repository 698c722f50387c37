// Scope rules as a table: domain (host / site / any), allow and deny patterns, binary
// extensions, depth; and the registrable-domain heuristic behind "same site".
#include "crawler/scope.h"

#include <gtest/gtest.h>

namespace strata::crawler {
namespace {

using Domain = config::ScopeOptions::Domain;

TEST(RegistrableDomainTest, Table) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"www.cnblogs.com", "cnblogs.com"},
      {"cnblogs.com", "cnblogs.com"},
      {"a.b.c.example.org", "example.org"},
      {"news.bbc.co.uk", "bbc.co.uk"},
      {"bbc.co.uk", "bbc.co.uk"},
      {"blog.example.com.cn", "example.com.cn"},
      {"www.example.de", "example.de"},        // ccTLD without a generic second level
      {"www.example.ai", "example.ai"},        //
      {"alice.github.io", "alice.github.io"},  // shared hosting: each subdomain its own site
      {"bob.blogspot.com", "bob.blogspot.com"},
      {"x.alice.github.io", "alice.github.io"},
      {"localhost", "localhost"},
      {"127.0.0.1", "127.0.0.1"},
      {"::1", "::1"},
      {"example.com.", "example.com"},
  };
  for (const auto& [host, site] : cases) EXPECT_EQ(RegistrableDomain(host), site) << host;
}

TEST(HostOfNormalizedUrlTest, Table) {
  EXPECT_EQ(HostOfNormalizedUrl("https://example.com/a"), "example.com");
  EXPECT_EQ(HostOfNormalizedUrl("http://example.com:8080/a?b#c"), "example.com");
  EXPECT_EQ(HostOfNormalizedUrl("http://example.com"), "example.com");
  EXPECT_EQ(HostOfNormalizedUrl("http://example.com?q=1"), "example.com");
  EXPECT_EQ(HostOfNormalizedUrl("http://user@example.com/"), "example.com");
  EXPECT_EQ(HostOfNormalizedUrl("http://[::1]:80/x"), "::1");
  EXPECT_EQ(HostOfNormalizedUrl("not a url"), "");
}

struct Case {
  std::string name;
  config::ScopeOptions options;
  std::string url;
  int depth;
  ScopeVerdict want;
};

config::ScopeOptions With(Domain domain, std::vector<std::string> allow = {},
                          std::vector<std::string> deny = {}, int max_depth = -1) {
  config::ScopeOptions o;
  o.domain = domain;
  o.allow = std::move(allow);
  o.deny = std::move(deny);
  o.max_depth = max_depth;
  return o;
}

TEST(ScopeTest, Table) {
  const std::vector<std::string> seeds = {"https://www.example.com/blog/",
                                          "http://127.0.0.1:8080/"};
  const std::vector<Case> cases = {
      {"same host", With(Domain::kHost), "https://www.example.com/a", 1, ScopeVerdict::kIn},
      {"same host other scheme", With(Domain::kHost), "http://www.example.com/a", 1,
       ScopeVerdict::kIn},
      {"same host other port", With(Domain::kHost), "http://127.0.0.1:9999/a", 1,
       ScopeVerdict::kIn},
      {"sibling host", With(Domain::kHost), "https://cdn.example.com/a", 1,
       ScopeVerdict::kOtherHost},
      {"sibling host, site rule", With(Domain::kSite), "https://cdn.example.com/a", 1,
       ScopeVerdict::kIn},
      {"bare domain, site rule", With(Domain::kSite), "https://example.com/a", 1,
       ScopeVerdict::kIn},
      {"other site", With(Domain::kSite), "https://example.org/a", 1, ScopeVerdict::kOtherSite},
      {"look-alike suffix", With(Domain::kSite), "https://notexample.com/a", 1,
       ScopeVerdict::kOtherSite},
      {"any host", With(Domain::kAny), "https://elsewhere.net/a", 1, ScopeVerdict::kIn},
      {"deny wins over allow", With(Domain::kHost, {"/blog/"}, {"/blog/private"}),
       "https://www.example.com/blog/private/1", 1, ScopeVerdict::kDenied},
      {"allow matches", With(Domain::kHost, {"/blog/\\d+$"}), "https://www.example.com/blog/12", 1,
       ScopeVerdict::kIn},
      {"allow does not match", With(Domain::kHost, {"/blog/\\d+$"}),
       "https://www.example.com/tags/x", 1, ScopeVerdict::kNotAllowed},
      {"deny alone", With(Domain::kHost, {}, {"\\?replytocom="}),
       "https://www.example.com/a?replytocom=5", 1, ScopeVerdict::kDenied},
      {"binary extension", With(Domain::kHost), "https://www.example.com/img/a.JPG", 1,
       ScopeVerdict::kBinary},
      {"binary with query", With(Domain::kHost), "https://www.example.com/f.pdf?dl=1", 1,
       ScopeVerdict::kBinary},
      {"html extension", With(Domain::kHost), "https://www.example.com/a.html", 1,
       ScopeVerdict::kIn},
      {"dot in a directory", With(Domain::kHost), "https://www.example.com/v1.2/post", 1,
       ScopeVerdict::kIn},
      {"within depth", With(Domain::kHost, {}, {}, 2), "https://www.example.com/a", 2,
       ScopeVerdict::kIn},
      {"too deep", With(Domain::kHost, {}, {}, 2), "https://www.example.com/a", 3,
       ScopeVerdict::kTooDeep},
      {"no host", With(Domain::kAny), "mailto:x@example.com", 1, ScopeVerdict::kBadUrl},
  };
  for (const Case& c : cases) {
    auto scope = Scope::Create(c.options, seeds);
    ASSERT_TRUE(scope.ok()) << c.name;
    EXPECT_EQ(scope->Check(c.url, c.depth), c.want)
        << c.name << ": got " << ScopeVerdictName(scope->Check(c.url, c.depth));
  }
}

TEST(ScopeTest, BinaryFilesAreFollowedWhenAskedTo) {
  config::ScopeOptions options;
  options.skip_binary = false;
  auto scope = Scope::Create(options, {"https://example.com/"});
  ASSERT_TRUE(scope.ok());
  EXPECT_EQ(scope->Check("https://example.com/a.pdf", 1), ScopeVerdict::kIn);
}

TEST(ScopeTest, BadPatternNamesTheKey) {
  config::ScopeOptions options;
  options.deny = {"ok", "(unclosed"};
  auto scope = Scope::Create(options, {});
  ASSERT_FALSE(scope.ok());
  EXPECT_NE(scope.status().message().find("scope.deny"), std::string::npos)
      << scope.status().message();
  EXPECT_NE(scope.status().message().find("(unclosed"), std::string::npos);
  options.deny.clear();
  options.allow = {"[z-a]"};
  scope = Scope::Create(options, {});
  ASSERT_FALSE(scope.ok());
  EXPECT_NE(scope.status().message().find("scope.allow"), std::string::npos);
}

TEST(ScopeTest, CopiesShareCompiledPatterns) {
  config::ScopeOptions options;
  options.deny = {"/x"};
  auto scope = Scope::Create(options, {"https://example.com/"});
  ASSERT_TRUE(scope.ok());
  Scope copy = *scope;
  EXPECT_EQ(copy.Check("https://example.com/x", 1), ScopeVerdict::kDenied);
}

}  // namespace
}  // namespace strata::crawler
