#include "crawler/retry_policy.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace strata::crawler {
namespace {

using ::testing::HasSubstr;

FetchedPage Response(int status, HttpHeaders headers = {}) {
  FetchedPage page;
  page.url = "https://example.com/";
  page.http_status = status;
  page.response_headers = std::move(headers);
  return page;
}

FetchedPage Failure(FetchOutcome outcome, std::string error) {
  FetchedPage page;
  page.url = "https://example.com/";
  page.outcome = outcome;
  page.error = std::move(error);
  return page;
}

config::RetryOptions Options() {
  config::RetryOptions options;
  options.max_retries = 3;
  options.base_delay_ms = 1000;
  options.max_delay_ms = 5000;
  options.max_retry_after_ms = 60'000;
  return options;
}

TEST(RetryPolicyTest, WhatIsTransient) {
  for (int status : {408, 429, 500, 502, 503, 504, 599}) {
    EXPECT_TRUE(RetryPolicy::IsTransient(Response(status))) << status;
  }
  for (int status : {200, 204, 301, 304, 400, 401, 403, 404, 410, 451}) {
    EXPECT_FALSE(RetryPolicy::IsTransient(Response(status))) << status;
  }
  EXPECT_TRUE(RetryPolicy::IsTransient(Failure(FetchOutcome::kNetworkError, "reset")));
  EXPECT_TRUE(RetryPolicy::IsTransient(Failure(FetchOutcome::kTimeout, "timeout")));
  for (FetchOutcome outcome :
       {FetchOutcome::kTooLarge, FetchOutcome::kTooManyRedirects, FetchOutcome::kBadUrl,
        FetchOutcome::kDisallowedByRobots, FetchOutcome::kAborted, FetchOutcome::kBlocked}) {
    EXPECT_FALSE(RetryPolicy::IsTransient(Failure(outcome, "x"))) << OutcomeName(outcome);
  }
}

TEST(RetryPolicyTest, BackOffGrowsWithinFullJitterBounds) {
  RetryPolicy always_max(Options(), [] { return 1.0; });
  std::vector<int64_t> delays;
  for (int attempts = 1; attempts <= 3; ++attempts) {
    RetryDecision d = always_max.Decide(Response(503), attempts, 0);
    ASSERT_TRUE(d.retry) << attempts;
    delays.push_back(d.delay_ms);
  }
  EXPECT_EQ(delays, (std::vector<int64_t>{1000, 2000, 4000}));
  RetryPolicy always_min(Options(), [] { return 0.0; });
  EXPECT_EQ(always_min.Decide(Response(503), 3, 0).delay_ms, 0);

  RetryPolicy random(Options());
  for (int i = 0; i < 200; ++i) {
    const int attempts = 1 + i % 3;
    RetryDecision d = random.Decide(Failure(FetchOutcome::kTimeout, "t"), attempts, 0);
    ASSERT_TRUE(d.retry);
    EXPECT_GE(d.delay_ms, 0);
    EXPECT_LE(d.delay_ms, std::min<int64_t>(5000, 1000 << (attempts - 1)));
  }
}

TEST(RetryPolicyTest, StopsAfterMaxRetries) {
  RetryPolicy policy(Options());
  EXPECT_TRUE(policy.Decide(Response(500), 3, 0).retry);  // attempt 3 failed: retry 3 of 3
  EXPECT_FALSE(policy.Decide(Response(500), 4, 0).retry);
  config::RetryOptions none = Options();
  none.max_retries = 0;
  EXPECT_FALSE(RetryPolicy(none).Decide(Response(500), 1, 0).retry);
}

TEST(RetryPolicyTest, NeverRetriesFinalAnswers) {
  RetryPolicy policy(Options());
  for (int status : {200, 304, 404, 410}) {
    RetryDecision d = policy.Decide(Response(status), 1, 0);
    EXPECT_FALSE(d.retry) << status;
    EXPECT_EQ(d.pause_host_ms, 0);
    EXPECT_EQ(d.reason, "");
  }
}

TEST(RetryPolicyTest, RetryAfterPausesTheHost) {
  RetryPolicy policy(Options());
  RetryDecision d = policy.Decide(Response(429, {{"Retry-After", "7"}}), 1, 0);
  EXPECT_TRUE(d.retry);
  EXPECT_EQ(d.pause_host_ms, 7000);
  EXPECT_EQ(d.delay_ms, 0);  // the pause is the wait

  const UnixMillis now = 784111777000 - 20'000;
  d = policy.Decide(Response(503, {{"Retry-After", "Sun, 06 Nov 1994 08:49:37 GMT"}}), 1, now);
  EXPECT_TRUE(d.retry);
  EXPECT_EQ(d.pause_host_ms, 20'000);

  // Exhausted: no retry, but the host still asked everyone to wait.
  d = policy.Decide(Response(429, {{"Retry-After", "7"}}), 4, 0);
  EXPECT_FALSE(d.retry);
  EXPECT_EQ(d.pause_host_ms, 7000);
}

TEST(RetryPolicyTest, RetryAfterOnlyCountsOn429And503) {
  RetryPolicy policy(Options(), [] { return 1.0; });
  RetryDecision d = policy.Decide(Response(500, {{"Retry-After", "30"}}), 1, 0);
  EXPECT_TRUE(d.retry);
  EXPECT_EQ(d.pause_host_ms, 0);
  EXPECT_EQ(d.delay_ms, 1000);
  // Unparsable or zero Retry-After: ordinary back-off.
  d = policy.Decide(Response(503, {{"Retry-After", "later"}}), 1, 0);
  EXPECT_EQ(d.pause_host_ms, 0);
  EXPECT_EQ(d.delay_ms, 1000);
  d = policy.Decide(Response(503, {{"Retry-After", "0"}}), 1, 0);
  EXPECT_EQ(d.pause_host_ms, 0);
  EXPECT_EQ(d.delay_ms, 1000);
}

TEST(RetryPolicyTest, RetryAfterBeyondTheCapFailsWithAReason) {
  RetryPolicy policy(Options());
  RetryDecision d = policy.Decide(Response(429, {{"Retry-After", "7200"}}), 1, 0);
  EXPECT_FALSE(d.retry);
  EXPECT_EQ(d.refuse_host_ms, 7'200'000);
  EXPECT_EQ(d.reason,
            "Retry-After asks for 7200 s, more than retry.max_retry_after (60 s); not retried");
}

TEST(RetryPolicyTest, AnnotateFinalCountsAttemptsOfFailures) {
  FetchedPage status = Response(503);
  RetryPolicy::AnnotateFinal(status, 4, "");
  EXPECT_EQ(status.error, "gave up after 4 attempts");

  FetchedPage timeout = Failure(FetchOutcome::kTimeout, "timeout after 300 ms");
  RetryPolicy::AnnotateFinal(timeout, 4, "");
  EXPECT_EQ(timeout.error, "timeout after 300 ms (gave up after 4 attempts)");

  FetchedPage first_try = Failure(FetchOutcome::kTimeout, "timeout after 300 ms");
  RetryPolicy::AnnotateFinal(first_try, 1, "");
  EXPECT_EQ(first_try.error, "timeout after 300 ms");

  FetchedPage recovered = Response(200);
  RetryPolicy::AnnotateFinal(recovered, 3, "");
  EXPECT_EQ(recovered.error, "");

  FetchedPage refused = Response(429);
  RetryPolicy::AnnotateFinal(refused, 2, "Retry-After asks for 2 h");
  EXPECT_THAT(refused.error, HasSubstr("Retry-After asks for 2 h"));
  EXPECT_THAT(refused.error, HasSubstr("gave up after 2 attempts"));
}

}  // namespace
}  // namespace strata::crawler
