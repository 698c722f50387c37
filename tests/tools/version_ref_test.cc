#include "tools/cli/version_ref.h"

#include <gtest/gtest.h>

namespace strata::tools {
namespace {

TEST(VersionRefTest, NumberSuffix) {
  const VersionRef ref = ParseVersionRef("https://example.com/a@12");
  EXPECT_EQ(ref.url, "https://example.com/a");
  EXPECT_EQ(ref.number, 12);
  EXPECT_FALSE(ref.at.has_value());
  EXPECT_EQ(ref.suffix, "12");
}

TEST(VersionRefTest, DateSuffixIsTheEndOfThatDay) {
  const VersionRef ref = ParseVersionRef("https://example.com/a@2025-02-14");
  EXPECT_EQ(ref.url, "https://example.com/a");
  EXPECT_EQ(ref.number, 0);
  ASSERT_TRUE(ref.at.has_value());
  EXPECT_EQ(FormatIsoUtc(*ref.at, true), "2025-02-14T23:59:59.999Z");
}

TEST(VersionRefTest, DateTimeSuffixWithAndWithoutZone) {
  VersionRef ref = ParseVersionRef("https://example.com/a@2025-02-14T10:00:00Z");
  ASSERT_TRUE(ref.at.has_value());
  EXPECT_EQ(FormatIsoUtc(*ref.at), "2025-02-14T10:00:00Z");
  ref = ParseVersionRef("https://example.com/a@2025-02-14T18:00+08:00");
  ASSERT_TRUE(ref.at.has_value());
  EXPECT_EQ(FormatIsoUtc(*ref.at), "2025-02-14T10:00:00Z");
}

TEST(VersionRefTest, AnAtSignThatIsPartOfTheUrl) {
  for (const char* url :
       {"https://medium.com/@alice/post", "https://medium.com/@alice", "https://example.com/a@",
        "https://example.com/a@0", "https://example.com/a@2025-13", "https://example.com/a@v2"}) {
    const VersionRef ref = ParseVersionRef(url);
    EXPECT_EQ(ref.url, url);
    EXPECT_EQ(ref.number, 0) << url;
    EXPECT_FALSE(ref.at.has_value()) << url;
  }
  const VersionRef both = ParseVersionRef("https://medium.com/@alice/post@3");
  EXPECT_EQ(both.url, "https://medium.com/@alice/post");
  EXPECT_EQ(both.number, 3);
}

TEST(VersionRefTest, TimeArgs) {
  EXPECT_EQ(FormatIsoUtc(*ParseTimeArg("2025-02-14", false), true), "2025-02-14T00:00:00.000Z");
  EXPECT_EQ(FormatIsoUtc(*ParseTimeArg("2025-02-14", true), true), "2025-02-14T23:59:59.999Z");
  EXPECT_EQ(FormatIsoUtc(*ParseTimeArg("2025-02-14T10:30", true)), "2025-02-14T10:30:00Z");
  EXPECT_FALSE(ParseTimeArg("yesterday", false).has_value());
  EXPECT_FALSE(ParseTimeArg("14/02/2025", false).has_value());
  EXPECT_FALSE(ParseTimeArg("", false).has_value());
}

}  // namespace
}  // namespace strata::tools
