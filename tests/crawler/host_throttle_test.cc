#include "crawler/host_throttle.h"

#include <gtest/gtest.h>

namespace strata::crawler {
namespace {

config::PolitenessOptions Options(int64_t min_delay_ms, bool adaptive = true) {
  config::PolitenessOptions options;
  options.per_host_concurrency = 2;
  options.min_delay_ms = min_delay_ms;
  options.max_delay_ms = 30'000;
  options.adaptive = adaptive;
  return options;
}

TEST(HostThrottleTest, StartsAtTheMinimumDelay) {
  HostThrottle throttle(Options(1000));
  EXPECT_EQ(throttle.gap_ms(), 1000);
  EXPECT_EQ(throttle.floor_ms(), 1000);
}

TEST(HostThrottleTest, LargerCrawlDelayRaisesTheFloorUpToTheCeiling) {
  HostThrottle throttle(Options(1000));
  throttle.SetCrawlDelay(5000);
  EXPECT_EQ(throttle.gap_ms(), 5000);
  throttle.SetCrawlDelay(200);  // smaller than min_delay: min_delay wins
  EXPECT_EQ(throttle.floor_ms(), 1000);
  throttle.SetCrawlDelay(3'600'000);  // an hour: capped at max_delay
  EXPECT_EQ(throttle.floor_ms(), 30'000);
  throttle.SetCrawlDelay(std::nullopt);
  EXPECT_EQ(throttle.floor_ms(), 1000);
}

TEST(HostThrottleTest, TroubleDoublesTheGapUpToTheCeiling) {
  HostThrottle throttle(Options(1000));
  throttle.OnTrouble();
  EXPECT_EQ(throttle.gap_ms(), 2000);
  throttle.OnTrouble();
  EXPECT_EQ(throttle.gap_ms(), 4000);
  for (int i = 0; i < 10; ++i) throttle.OnTrouble();
  EXPECT_EQ(throttle.gap_ms(), 30'000);
}

TEST(HostThrottleTest, TroubleBacksOffEvenWithoutAMinimum) {
  HostThrottle throttle(Options(0));
  EXPECT_EQ(throttle.gap_ms(), 0);
  throttle.OnTrouble();
  EXPECT_EQ(throttle.gap_ms(), 1000);
}

TEST(HostThrottleTest, HealthyFastHostShrinksBackToTheFloor) {
  HostThrottle throttle(Options(1000));
  for (int i = 0; i < 4; ++i) throttle.OnTrouble();
  ASSERT_EQ(throttle.gap_ms(), 16'000);
  int64_t previous = throttle.gap_ms();
  for (int i = 0; i < 20; ++i) {
    throttle.OnHealthy(50);
    EXPECT_LE(throttle.gap_ms(), previous);
    previous = throttle.gap_ms();
  }
  EXPECT_EQ(throttle.gap_ms(), 1000);
}

TEST(HostThrottleTest, SlowHostGrowsTheGapTowardLatencyOverConcurrency) {
  HostThrottle throttle(Options(1000));
  for (int i = 0; i < 30; ++i) throttle.OnHealthy(10'000);  // 10 s per response, 2 in flight
  EXPECT_GE(throttle.gap_ms(), 4900);
  EXPECT_LE(throttle.gap_ms(), 5000);
}

TEST(HostThrottleTest, NotAdaptiveKeepsTheFloor) {
  HostThrottle throttle(Options(1000, /*adaptive=*/false));
  throttle.OnTrouble();
  throttle.OnHealthy(60'000);
  EXPECT_EQ(throttle.gap_ms(), 1000);
  throttle.SetCrawlDelay(3000);
  EXPECT_EQ(throttle.gap_ms(), 3000);
}

}  // namespace
}  // namespace strata::crawler
