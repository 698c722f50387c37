#include "crawler/redirect_chain.h"

#include <gtest/gtest.h>

namespace strata::crawler {
namespace {

TEST(RedirectChainTest, ResolvesRelativeAndAbsoluteLocations) {
  RedirectChain chain("http://a.example/dir/page?x=1");
  EXPECT_EQ(chain.current_url(), "http://a.example/dir/page?x=1");
  EXPECT_TRUE(chain.Follow("other", false));
  EXPECT_EQ(chain.current_url(), "http://a.example/dir/other");
  EXPECT_TRUE(chain.Follow("/root#frag", false));
  EXPECT_EQ(chain.current_url(), "http://a.example/root");
  EXPECT_TRUE(chain.Follow("https://b.example/x", false));
  EXPECT_EQ(chain.current_url(), "https://b.example/x");
  EXPECT_TRUE(chain.Follow("//c.example/y", false));
  EXPECT_EQ(chain.current_url(), "https://c.example/y");
}

TEST(RedirectChainTest, DetectsLoopBackToStart) {
  RedirectChain chain("http://a.example/a");
  EXPECT_TRUE(chain.Follow("/b", false));
  EXPECT_FALSE(chain.Follow("/a", false));
}

TEST(RedirectChainTest, DetectsSelfRedirect) {
  RedirectChain chain("http://a.example/a");
  EXPECT_FALSE(chain.Follow("http://a.example/a", false));
}

TEST(RedirectChainTest, FragmentDoesNotHideLoop) {
  RedirectChain chain("http://a.example/a");
  EXPECT_FALSE(chain.Follow("/a#again", false));
}

TEST(RedirectChainTest, AllowsOneRevisitAfterSetCookie) {
  RedirectChain chain("http://a.example/check");
  EXPECT_TRUE(chain.Follow("/check", true));
  EXPECT_FALSE(chain.Follow("/check", true));  // a third visit is a loop, cookie or not
}

TEST(RedirectChainTest, DistinctUrlsAreNotALoop) {
  RedirectChain chain("http://a.example/0");
  for (int i = 1; i <= 20; ++i) EXPECT_TRUE(chain.Follow("/" + std::to_string(i), false));
}

TEST(RedirectChainTest, UnresolvableInputIsLeftToLibcurl) {
  RedirectChain broken("not a url");
  EXPECT_TRUE(broken.Follow("/a", false));
  EXPECT_EQ(broken.current_url(), "");
  RedirectChain chain("http://a.example/a");
  EXPECT_TRUE(chain.Follow("http://[broken", false));
  EXPECT_EQ(chain.current_url(), "http://a.example/a");
}

}  // namespace
}  // namespace strata::crawler
