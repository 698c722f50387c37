#include "tools/cli/context.h"

#include <gtest/gtest.h>

namespace strata::tools {
namespace {

TEST(ContextTest, SplitVersionSuffix) {
  using P = std::pair<std::string, int64_t>;
  EXPECT_EQ(SplitVersionSuffix("https://a.com/p@3"), P("https://a.com/p", 3));
  EXPECT_EQ(SplitVersionSuffix("https://a.com/p"), P("https://a.com/p", 0));
  // Medium-style URLs carry '@' in the path: not a version.
  EXPECT_EQ(SplitVersionSuffix("https://medium.com/@jane/post-1"),
            P("https://medium.com/@jane/post-1", 0));
  EXPECT_EQ(SplitVersionSuffix("https://medium.com/@jane/post@2"),
            P("https://medium.com/@jane/post", 2));
  EXPECT_EQ(SplitVersionSuffix("https://a.com/p@"), P("https://a.com/p@", 0));
}

TEST(ContextTest, ArchiveKeyNormalises) {
  EXPECT_EQ(ArchiveKey("HTTPS://A.com:443/x/../p#frag"), "https://a.com/p");
  EXPECT_EQ(ArchiveKey("not a url"), "not a url");
}

}  // namespace
}  // namespace strata::tools
