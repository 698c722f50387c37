#include "common/time.h"

#include <gtest/gtest.h>

namespace strata {
namespace {

TEST(TimeTest, FormatIsoUtc) {
  EXPECT_EQ(FormatIsoUtc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatIsoUtc(1739527200000), "2025-02-14T10:00:00Z");
  EXPECT_EQ(FormatIsoUtc(1739527200123, true), "2025-02-14T10:00:00.123Z");
  EXPECT_EQ(FormatIsoUtc(-1000), "1969-12-31T23:59:59Z");
}

TEST(TimeTest, ParseIso8601Table) {
  struct Case {
    const char* text;
    int default_offset;
    std::optional<UnixMillis> want;
  };
  const Case cases[] = {
      {"2025-02-14", 0, 1739491200000},
      {"2025-02-14T10:00:00Z", 0, 1739527200000},
      {"2025-02-14T10:00Z", 0, 1739527200000},
      {"2025-02-14T18:00:00+08:00", 0, 1739527200000},
      {"2025-02-14T18:00:00+0800", 0, 1739527200000},
      {"2025-02-14 18:00:00", 480, 1739527200000},
      {"2025-02-14T10:00:00.5Z", 0, 1739527200500},
      {"2025-02-14T05:00:00-05:00", 0, 1739527200000},
      {"  2025-02-14  ", 0, 1739491200000},
      {"2025-02-30", 0, std::nullopt},
      {"2025-13-01", 0, std::nullopt},
      {"2025-2-14", 0, std::nullopt},
      {"14.02.2025", 0, std::nullopt},
      {"2025-02-14T25:00", 0, std::nullopt},
      {"2025-02-14T10:00:00Zjunk", 0, std::nullopt},
      {"", 0, std::nullopt},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ParseIso8601(c.text, c.default_offset), c.want) << c.text;
  }
}

TEST(TimeTest, RoundTrip) {
  for (UnixMillis ms : {0LL, 951782400000LL, 4102444799000LL, 1709251199000LL}) {
    EXPECT_EQ(ParseIso8601(FormatIsoUtc(ms)), ms) << ms;
  }
}

TEST(TimeTest, ManualClock) {
  ManualClock clock(1000);
  EXPECT_EQ(clock.Now(), 1000);
  clock.Advance(500);
  EXPECT_EQ(clock.Now(), 1500);
  EXPECT_GT(SystemClock::Instance().Now(), 1700000000000);
}

}  // namespace
}  // namespace strata
