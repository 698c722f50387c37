#include "crawler/retry_after.h"

#include <gtest/gtest.h>

namespace strata::crawler {
namespace {

// 1994-11-06T08:49:37Z, the RFC 9110 example date.
constexpr UnixMillis kExampleDate = 784111777000;

TEST(RetryAfterTest, DeltaSeconds) {
  EXPECT_EQ(ParseRetryAfterMs("120", 0), 120'000);
  EXPECT_EQ(ParseRetryAfterMs(" 0 ", 0), 0);
  EXPECT_EQ(ParseRetryAfterMs("99999999999999999999999", 0),
            int64_t{10} * 365 * 86'400'000);  // saturates instead of overflowing
}

TEST(RetryAfterTest, HttpDatesInAllThreeForms) {
  const UnixMillis now = kExampleDate - 30'000;
  EXPECT_EQ(ParseRetryAfterMs("Sun, 06 Nov 1994 08:49:37 GMT", now), 30'000);   // IMF-fixdate
  EXPECT_EQ(ParseRetryAfterMs("Sunday, 06-Nov-94 08:49:37 GMT", now), 30'000);  // RFC 850
  EXPECT_EQ(ParseRetryAfterMs("Sun Nov  6 08:49:37 1994", now), 30'000);        // asctime
}

TEST(RetryAfterTest, PastDateMeansNoWait) {
  EXPECT_EQ(ParseRetryAfterMs("Sun, 06 Nov 1994 08:49:37 GMT", kExampleDate + 5000), 0);
}

TEST(RetryAfterTest, MalformedIsIgnored) {
  for (const char* value : {"", "   ", "-5", "1.5", "soon", "12abc"}) {
    EXPECT_FALSE(ParseRetryAfterMs(value, kExampleDate)) << value;
  }
}

}  // namespace
}  // namespace strata::crawler
