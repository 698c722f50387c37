#include "config/watch_cron.h"

#include <gtest/gtest.h>

#include <stdlib.h>
#include <time.h>

#include <string>

namespace strata::config {
namespace {

UnixMillis At(const char* iso) {
  std::optional<UnixMillis> t = ParseIso8601(iso);
  EXPECT_TRUE(t.has_value()) << iso;
  return t.value_or(0);
}

std::string NextIso(const std::string& expr, const char* after, const CronZone& zone = {}) {
  Result<CronExpr> cron = CronExpr::Parse(expr);
  if (!cron.ok()) return "parse error: " + cron.status().message();
  std::optional<UnixMillis> next = cron->Next(At(after), zone);
  return next ? FormatIsoUtc(*next) : "none";
}

struct NextCase {
  const char* expr;
  const char* after;
  const char* next;
};

// One row per rule: the expression, an instant, the first firing strictly after it (UTC).
TEST(CronExprTest, NextFiringTable) {
  const NextCase cases[] = {
      // Every field a star: the next whole minute, never the same minute again.
      {"* * * * *", "2025-03-10T10:00:00Z", "2025-03-10T10:01:00Z"},
      {"* * * * *", "2025-03-10T10:00:30Z", "2025-03-10T10:01:00Z"},
      // Steps, ranges, lists.
      {"0 */6 * * *", "2025-03-10T10:00:00Z", "2025-03-10T12:00:00Z"},
      {"0 */6 * * *", "2025-03-10T18:00:00Z", "2025-03-11T00:00:00Z"},
      {"*/15 * * * *", "2025-03-10T10:14:59Z", "2025-03-10T10:15:00Z"},
      {"5,35 9-17/4 * * *", "2025-03-10T10:00:00Z", "2025-03-10T13:05:00Z"},
      {"5/20 * * * *", "2025-03-10T10:26:00Z", "2025-03-10T10:45:00Z"},
      {"30 8 * * *", "2025-03-10T08:30:00Z", "2025-03-11T08:30:00Z"},
      // Names, case-insensitive; day of week 7 is Sunday. 2025-03-10 is a Monday.
      {"0 9 * * mon-fri", "2025-03-14T09:00:00Z", "2025-03-17T09:00:00Z"},
      {"0 9 * * SAT", "2025-03-10T00:00:00Z", "2025-03-15T09:00:00Z"},
      {"0 0 * * 7", "2025-03-10T00:00:00Z", "2025-03-16T00:00:00Z"},
      {"0 0 1 jan,jul *", "2025-03-10T00:00:00Z", "2025-07-01T00:00:00Z"},
      // Month ends and leap years.
      {"0 0 31 * *", "2025-04-01T00:00:00Z", "2025-05-31T00:00:00Z"},
      {"0 12 29 2 *", "2025-01-01T00:00:00Z", "2028-02-29T12:00:00Z"},
      {"59 23 31 12 *", "2025-12-31T23:59:00Z", "2026-12-31T23:59:00Z"},
      // Vixie's rule: both day fields restricted -> either; one a star -> both.
      {"0 0 13 * 5", "2025-03-10T00:00:00Z", "2025-03-13T00:00:00Z"},   // the 13th comes first
      {"0 0 20 * 5", "2025-03-10T00:00:00Z", "2025-03-14T00:00:00Z"},   // Friday the 14th
      {"0 0 */2 * 5", "2025-03-10T00:00:00Z", "2025-03-21T00:00:00Z"},  // odd day AND Friday
      // Macros.
      {"@hourly", "2025-03-10T10:59:59Z", "2025-03-10T11:00:00Z"},
      {"@daily", "2025-03-10T10:00:00Z", "2025-03-11T00:00:00Z"},
      {"@midnight", "2025-03-10T10:00:00Z", "2025-03-11T00:00:00Z"},
      {"@weekly", "2025-03-10T10:00:00Z", "2025-03-16T00:00:00Z"},
      {"@monthly", "2025-03-10T10:00:00Z", "2025-04-01T00:00:00Z"},
      {"@yearly", "2025-03-10T10:00:00Z", "2026-01-01T00:00:00Z"},
      {"@annually", "2025-03-10T10:00:00Z", "2026-01-01T00:00:00Z"},
      // Extra white space between fields.
      {"  0\t12  * *   *", "2025-03-10T10:00:00Z", "2025-03-10T12:00:00Z"},
  };
  for (const NextCase& c : cases) {
    EXPECT_EQ(NextIso(c.expr, c.after), c.next) << c.expr << " after " << c.after;
  }
}

TEST(CronExprTest, BadExpressionsNameTheField) {
  const std::pair<const char*, const char*> cases[] = {
      {"", "need 5 fields"},
      {"* * * *", "need 5 fields"},
      {"* * * * * *", "need 5 fields"},
      {"60 * * * *", "minute: 60 is out of range 0-59"},
      {"* 24 * * *", "hour: 24 is out of range 0-23"},
      {"* * 0 * *", "day of month: 0 is out of range 1-31"},
      {"* * * 13 *", "month: 13 is out of range 1-12"},
      {"* * * * 8", "day of week: 8 is out of range 0-7"},
      {"* * * * mon-xyz", "day of week: \"xyz\" is not a value"},
      {"*/0 * * * *", "minute: bad step"},
      {"*/x * * * *", "minute: bad step"},
      {"*/61 * * * *", "larger than the field's range"},
      {"5-1 * * * *", "runs backwards"},
      {"1,,2 * * * *", "empty list item"},
      {"-5 * * * *", "is not a value"},
      {"@reboot", "unknown macro"},
      {"0 0 30 2 *", "never fires"},
      {"0 0 31 4,6,9,11 *", "never fires"},
  };
  for (const auto& [expr, message] : cases) {
    Result<CronExpr> cron = CronExpr::Parse(expr);
    ASSERT_FALSE(cron.ok()) << expr;
    EXPECT_NE(cron.status().message().find(message), std::string::npos)
        << expr << ": " << cron.status().message();
  }
}

TEST(CronExprTest, ShortestGapIsThePeriod) {
  auto gap = [](const char* expr) {
    Result<CronExpr> cron = CronExpr::Parse(expr);
    EXPECT_TRUE(cron.ok()) << expr;
    return cron.ok() ? cron->ShortestGapMs() : -1;
  };
  EXPECT_EQ(gap("0 */6 * * *"), 6 * 3'600'000);
  EXPECT_EQ(gap("*/15 * * * *"), 15 * 60'000);
  EXPECT_EQ(gap("0 9 * * 1-5"), 24 * 3'600'000);
  EXPECT_EQ(gap("0 0,1 * * *"), 3'600'000);
  EXPECT_EQ(gap("@weekly"), 7 * 24 * 3'600'000);
}

TEST(CronExprTest, FixedOffsetZone) {
  std::optional<CronZone> shanghai = CronZone::Parse("+08:00");
  ASSERT_TRUE(shanghai);
  // 09:00 in UTC+8 is 01:00Z.
  EXPECT_EQ(NextIso("0 9 * * *", "2025-03-10T00:00:00Z", *shanghai), "2025-03-10T01:00:00Z");
  EXPECT_EQ(NextIso("0 9 * * *", "2025-03-10T01:00:00Z", *shanghai), "2025-03-11T01:00:00Z");
  // The day of week is the zone's: Monday 00:30 in UTC+8 is still Sunday in UTC.
  EXPECT_EQ(NextIso("30 0 * * mon", "2025-03-09T00:00:00Z", *shanghai), "2025-03-09T16:30:00Z");
  std::optional<CronZone> west = CronZone::Parse("-0530");
  ASSERT_TRUE(west);
  EXPECT_EQ(west->offset_minutes, -330);
  EXPECT_EQ(NextIso("0 0 * * *", "2025-03-10T00:00:00Z", *west), "2025-03-10T05:30:00Z");
}

TEST(CronZoneTest, ParseAndPrint) {
  EXPECT_EQ(CronZone::Parse("UTC")->kind, CronZone::Kind::kUtc);
  EXPECT_EQ(CronZone::Parse("z")->kind, CronZone::Kind::kUtc);
  EXPECT_EQ(CronZone::Parse("local")->kind, CronZone::Kind::kLocal);
  EXPECT_EQ(CronZone::Parse("+8")->offset_minutes, 480);
  EXPECT_EQ(CronZone::Parse("+08:00")->ToString(), "+08:00");
  EXPECT_EQ(CronZone::Parse("-03:30")->ToString(), "-03:30");
  EXPECT_EQ(CronZone::Parse("local")->ToString(), "local");
  for (const char* bad : {"", "Asia/Shanghai", "+", "+25:00", "+08:60", "08:00", "+8:0"}) {
    EXPECT_FALSE(CronZone::Parse(bad).has_value()) << bad;
  }
}

// The machine's zone, with a daylight-saving change: POSIX TZ rules need no tz database. Central
// European rules: the clocks go from 02:00 to 03:00 on the last Sunday of March (2025-03-30) and
// from 03:00 back to 02:00 on the last Sunday of October (2025-10-26).
class LocalZoneTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* old = getenv("TZ");
    had_tz_ = old != nullptr;
    if (had_tz_) old_tz_ = old;
    setenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3", 1);
    tzset();
  }
  void TearDown() override {
    if (had_tz_) {
      setenv("TZ", old_tz_.c_str(), 1);
    } else {
      unsetenv("TZ");
    }
    tzset();
  }
  bool had_tz_ = false;
  std::string old_tz_;
};

TEST_F(LocalZoneTest, FollowsTheMachinesZoneAcrossDaylightSaving) {
  const CronZone local = *CronZone::Parse("local");
  // Winter: 09:00 CET is 08:00Z; summer: 09:00 CEST is 07:00Z.
  EXPECT_EQ(NextIso("0 9 * * *", "2025-03-29T00:00:00Z", local), "2025-03-29T08:00:00Z");
  EXPECT_EQ(NextIso("0 9 * * *", "2025-03-30T00:00:00Z", local), "2025-03-30T07:00:00Z");
  // 02:30 does not exist on 2025-03-30: it fires at the shifted time, once.
  const std::string skipped = NextIso("30 2 * * *", "2025-03-29T12:00:00Z", local);
  EXPECT_EQ(skipped.substr(0, 10), "2025-03-30") << skipped;
  // 02:30 happens twice on 2025-10-26: it fires once that day, then the next day.
  Result<CronExpr> cron = CronExpr::Parse("30 2 * * *");
  ASSERT_TRUE(cron.ok());
  std::optional<UnixMillis> first = cron->Next(At("2025-10-25T12:00:00Z"), local);
  ASSERT_TRUE(first);
  std::optional<UnixMillis> second = cron->Next(*first, local);
  ASSERT_TRUE(second);
  EXPECT_EQ(FormatIsoUtc(*second).substr(0, 10), "2025-10-27") << FormatIsoUtc(*second);
}

}  // namespace
}  // namespace strata::config
