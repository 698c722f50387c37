#include "parser/date_parse.h"

#include <gtest/gtest.h>

namespace strata::parser {
namespace {

// 2025-02-20T12:00:00Z
constexpr UnixMillis kNow = 1740052800000;

struct Case {
  const char* text;
  const char* iso;  // "" when no date must be found
};

TEST(DateParseTest, NormalizeMachineDates) {
  const Case cases[] = {
      {"2025-02-14", "2025-02-14"},
      {"2025-02-14T10:00:00+08:00", "2025-02-14T10:00:00+08:00"},
      {"2025-02-14T02:00:00.000Z", "2025-02-14T02:00:00Z"},
      {"2025-02-14T10:00:00+0800", "2025-02-14T10:00:00+08:00"},
      {"2025-02-14T10:00+08", "2025-02-14T10:00:00+08:00"},
      {"2025-02-14 10:00", "2025-02-14T10:00:00"},
      {"2025/2/4 9:05:07", "2025-02-04T09:05:07"},
      {"20250214", "2025-02-14"},
      {"2025-02-14T10:00:00-05:00", "2025-02-14T10:00:00-05:00"},
      {" 2025-02-14T10:00:00 UTC ", "2025-02-14T10:00:00Z"},
      {"Fri, 14 Feb 2025 10:00:00 GMT", "2025-02-14T10:00:00Z"},
      {"Fri, 14 Feb 2025 10:00:00 +0800", "2025-02-14T10:00:00+08:00"},
      {"1739527200", "2025-02-14T10:00:00Z"},
      {"1739527200000", "2025-02-14T10:00:00Z"},
      {"2025-02-30", ""},
      {"2025-13-01", ""},
      {"2025-02-14T25:00", ""},
      {"not a date", ""},
      {"", ""},
      {"12345", ""},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(NormalizeDate(c.text).value_or(""), c.iso) << c.text;
  }
}

TEST(DateParseTest, DefaultOffsetAppliesToZonelessTimes) {
  DateContext ctx;
  ctx.default_offset_minutes = 480;
  EXPECT_EQ(NormalizeDate("2025-02-14 10:00", ctx).value_or(""), "2025-02-14T10:00:00+08:00");
  EXPECT_EQ(NormalizeDate("2025-02-14T10:00:00Z", ctx).value_or(""), "2025-02-14T10:00:00Z");
  EXPECT_EQ(NormalizeDate("2025-02-14", ctx).value_or(""), "2025-02-14");
}

TEST(DateParseTest, FindsVisibleDates) {
  const Case cases[] = {
      {"posted @ 2025-02-14 10:00 张三 阅读(123)", "2025-02-14T10:00:00"},
      {"发布于 2025年2月14日 10:30", "2025-02-14T10:30:00"},
      {"2025 年 02 月 14 日", "2025-02-14"},
      {"Published Feb 14, 2025", "2025-02-14"},
      {"February 14th, 2025 at 3:05 pm", "2025-02-14T15:05:00"},
      {"Updated: Sept. 3, 2024 12:00 am EST", "2024-09-03T00:00:00-05:00"},
      {"14 February 2025", "2025-02-14"},
      {"on the 1st of March 2024", "2024-03-01"},
      {"Stand: 14.02.2025 09:15", "2025-02-14T09:15:00"},
      {"2025.02.14", "2025-02-14"},
      {"v1.2.3 released", ""},
      {"call 2025-123-456", ""},
      {"the year 1850-01-01", ""},
      {"room 12345-02-14", ""},
      {"May I help you 5 2025", ""},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(FindDateInText(c.text).value_or(""), c.iso) << c.text;
  }
}

TEST(DateParseTest, EarliestDateInTheLineWins) {
  EXPECT_EQ(FindDateInText("Feb 1, 2025 (updated 2025-02-10)").value_or(""), "2025-02-01");
  EXPECT_EQ(FindDateInText("bad 2025-02-30 then good 2025-02-28").value_or(""), "2025-02-28");
  const std::optional<DateMatch> m = FindDateMatch("By Ann November 15, 2019 Print");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->iso, "2019-11-15");
  EXPECT_EQ(m->begin, 7u);
}

TEST(DateParseTest, RelativeDatesNeedAFetchTime) {
  EXPECT_FALSE(FindDateInText("3 天前"));
  DateContext ctx;
  ctx.now = kNow;
  const Case cases[] = {
      {"刚刚", "2025-02-20"},
      {"5分钟前", "2025-02-20"},
      {"3 小时前", "2025-02-20"},
      {"3天前", "2025-02-17"},
      {"2 周前", "2025-02-06"},
      {"昨天", "2025-02-19"},
      {"前天 10:30", "2025-02-18T10:30:00"},
      {"3 days ago", "2025-02-17"},
      {"an hour ago", "2025-02-20"},
      {"yesterday", "2025-02-19"},
      {"1 year ago", "2024-02-21"},
  };
  for (const Case& c : cases) EXPECT_EQ(FindDateInText(c.text, ctx).value_or(""), c.iso) << c.text;
  // Days are counted in the site's zone when it is known: 23:30 UTC is the next day in +08.
  ctx.now = kNow + 11 * 3600 * 1000 + 30 * 60 * 1000;
  ctx.default_offset_minutes = 480;
  EXPECT_EQ(FindDateInText("刚刚", ctx).value_or(""), "2025-02-21");
}

TEST(DateParseTest, DatesInUrls) {
  const Case cases[] = {
      {"https://blog.example.com/2025/02/14/slug/", "2025-02-14"},
      {"https://x.test/2025/2/4/slug", "2025-02-04"},
      {"https://x.test/news/2025-02-14-slug", "2025-02-14"},
      {"https://x.test/a/20250214/123.html", "2025-02-14"},
      {"https://x.test/2025/02/", ""},
      {"https://x.test/p?d=2025/02/14/", ""},
      {"https://x.test/id/20251399/", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(DateFromUrl(c.text).value_or(""), c.iso) << c.text;
}

}  // namespace
}  // namespace strata::parser
