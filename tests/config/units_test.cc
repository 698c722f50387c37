#include "config/units.h"

#include <gtest/gtest.h>

namespace strata::config {
namespace {

TEST(UnitsTest, Durations) {
  EXPECT_EQ(ParseDurationMs("500ms"), 500);
  EXPECT_EQ(ParseDurationMs("10s"), 10'000);
  EXPECT_EQ(ParseDurationMs("10"), 10'000);
  EXPECT_EQ(ParseDurationMs("1.5s"), 1'500);
  EXPECT_EQ(ParseDurationMs("6h"), 6 * 3'600'000);
  EXPECT_EQ(ParseDurationMs("1h30m"), 5'400'000);
  EXPECT_EQ(ParseDurationMs("2d"), 2 * 86'400'000);
  EXPECT_EQ(ParseDurationMs("1w"), 7 * 86'400'000LL);
  EXPECT_FALSE(ParseDurationMs(""));
  EXPECT_FALSE(ParseDurationMs("ten seconds"));
  EXPECT_FALSE(ParseDurationMs("-5s"));
  EXPECT_FALSE(ParseDurationMs("5 parsecs"));
  EXPECT_FALSE(ParseDurationMs("5s10"));
}

TEST(UnitsTest, Sizes) {
  EXPECT_EQ(ParseByteSize("1024"), 1024);
  EXPECT_EQ(ParseByteSize("64KiB"), 65536);
  EXPECT_EQ(ParseByteSize("16MiB"), 16 << 20);
  EXPECT_EQ(ParseByteSize("10KB"), 10'000);
  EXPECT_EQ(ParseByteSize("1 GiB"), int64_t{1} << 30);
  EXPECT_FALSE(ParseByteSize("big"));
  EXPECT_FALSE(ParseByteSize("12 parsecs"));
  EXPECT_FALSE(ParseByteSize(""));
}

}  // namespace
}  // namespace strata::config
