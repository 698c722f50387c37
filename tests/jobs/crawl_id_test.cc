// What makes two runs "the same crawl".
#include "crawler/jobs/crawl_id.h"

#include <gtest/gtest.h>

namespace strata::jobs {
namespace {

const std::vector<std::string> kSeeds = {"https://a.example/", "https://b.example/x"};

TEST(CrawlIdTest, SixteenHexDigitsStableForTheSameCrawl) {
  config::ScopeOptions scope;
  const std::string id = DeriveCrawlId(kSeeds, true, scope);
  EXPECT_EQ(id.size(), 16u);
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos) << id;
  EXPECT_EQ(DeriveCrawlId(kSeeds, true, scope), id);
  // Seed order and duplicates do not matter.
  EXPECT_EQ(DeriveCrawlId({kSeeds[1], kSeeds[0], kSeeds[1]}, true, scope), id);
}

TEST(CrawlIdTest, SeedsFollowingAndScopeMakeADifferentCrawl) {
  config::ScopeOptions scope;
  const std::string id = DeriveCrawlId(kSeeds, true, scope);
  EXPECT_NE(DeriveCrawlId({kSeeds[0]}, true, scope), id);
  EXPECT_NE(DeriveCrawlId(kSeeds, false, scope), id);
  std::vector<config::ScopeOptions> variants(6, scope);
  variants[0].domain = config::ScopeOptions::Domain::kSite;
  variants[1].allow = {"/blog/"};
  variants[2].deny = {"/blog/"};
  variants[3].max_depth = 3;
  variants[4].max_pages = 100;
  variants[5].skip_binary = false;
  for (const auto& v : variants) EXPECT_NE(DeriveCrawlId(kSeeds, true, v), id);
  // Patterns are length-prefixed: ["ab"] and ["a", "b"] differ.
  config::ScopeOptions one = scope, two = scope;
  one.allow = {"ab"};
  two.allow = {"a", "b"};
  EXPECT_NE(DeriveCrawlId(kSeeds, true, one), DeriveCrawlId(kSeeds, true, two));
}

TEST(CrawlIdTest, WithoutFollowingTheScopeRulesDoNotSplitACrawl) {
  config::ScopeOptions scope, other;
  other.deny = {"/x"};
  other.max_depth = 2;
  EXPECT_EQ(DeriveCrawlId(kSeeds, false, scope), DeriveCrawlId(kSeeds, false, other));
  other.max_pages = 10;  // but a page limit does
  EXPECT_NE(DeriveCrawlId(kSeeds, false, scope), DeriveCrawlId(kSeeds, false, other));
}

TEST(CrawlIdTest, DescriptionNamesSeedsAndOptions) {
  config::ScopeOptions scope;
  scope.max_depth = 3;
  const std::string d = DescribeCrawl(kSeeds, true, scope);
  EXPECT_NE(d.find("2 seeds"), std::string::npos) << d;
  EXPECT_NE(d.find("https://a.example/"), std::string::npos) << d;
  EXPECT_NE(d.find("depth 3"), std::string::npos) << d;
}

}  // namespace
}  // namespace strata::jobs
