#include "crawler/backoff.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

namespace strata::crawler {
namespace {

TEST(BackoffTest, CeilingDoublesUpToTheMaximum) {
  EXPECT_EQ(BackoffCeilingMs(1, 1000, 60'000), 1000);
  EXPECT_EQ(BackoffCeilingMs(2, 1000, 60'000), 2000);
  EXPECT_EQ(BackoffCeilingMs(3, 1000, 60'000), 4000);
  EXPECT_EQ(BackoffCeilingMs(6, 1000, 60'000), 32'000);
  EXPECT_EQ(BackoffCeilingMs(7, 1000, 60'000), 60'000);
  EXPECT_EQ(BackoffCeilingMs(1000, 1000, 60'000), 60'000);  // no overflow
  EXPECT_EQ(BackoffCeilingMs(70, std::numeric_limits<int64_t>::max() / 3,
                             std::numeric_limits<int64_t>::max()),
            std::numeric_limits<int64_t>::max());
  EXPECT_EQ(BackoffCeilingMs(1, 5000, 1000), 1000);  // base above max
  EXPECT_EQ(BackoffCeilingMs(3, 0, 1000), 0);
}

TEST(BackoffTest, FullJitterSpansZeroToCeiling) {
  EXPECT_EQ(FullJitterMs(4000, 0.0), 0);
  EXPECT_EQ(FullJitterMs(4000, 0.5), 2000);
  EXPECT_EQ(FullJitterMs(4000, 1.0), 4000);
  EXPECT_EQ(FullJitterMs(4000, 7.0), 4000);  // clamped
  EXPECT_EQ(FullJitterMs(4000, -1.0), 0);
  EXPECT_EQ(FullJitterMs(4000, std::numeric_limits<double>::quiet_NaN()), 0);
  EXPECT_EQ(FullJitterMs(0, 0.7), 0);
}

}  // namespace
}  // namespace strata::crawler
