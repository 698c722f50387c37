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
      {"2025-02-14 10:00", "2025-02-14T10:00:00"},
      {"2025/2/14", "2025-02-14"},
      {"Feb 14, 2025", "2025-02-14"},
      {"February 14, 2025", "2025-02-14"},
      {"14 February 2025", "2025-02-14"},
      {"14 Feb 2025 09:30", "2025-02-14T09:30:00"},
      {"14.02.2025", "2025-02-14"},
      {"02/14/2025", "2025-02-14"},  // month first: 14 cannot be a month
      {"14/02/2025", "2025-02-14"},  // day first: 14 cannot be a month
      {"02/14/2025 10:05", "2025-02-14T10:05:00"},
      {"02/02/2025", "2025-02-02"},  // both orders agree
      {"03/04/2025", ""},            // March 4 or 3 April: nothing says which
      {"13/13/2025", ""},
      {"2025年2月14日", "2025-02-14"},
      {"2025年02月14日 10:00", "2025-02-14T10:00:00"},
      {"1/2/3", ""},
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
  for (const char* text : {"3 天前", "刚刚", "昨天", "3 days ago", "2月14日", "Feb 14"}) {
    EXPECT_FALSE(FindDateInText(text)) << text;
  }
  DateContext ctx;
  ctx.now = kNow;
  const Case cases[] = {
      {"刚刚", "2025-02-20"},
      {"just now", "2025-02-20"},
      {"30秒前", "2025-02-20"},
      {"5分钟前", "2025-02-20"},
      {"5 分钟前", "2025-02-20"},
      {"3 小时前", "2025-02-20"},
      {"13小时前", "2025-02-19"},  // 23:00 the day before
      {"3天前", "2025-02-17"},
      {"发布于 3 天前", "2025-02-17"},
      {"昨天", "2025-02-19"},
      {"昨天 18:20", "2025-02-19T18:20:00"},
      {"前天", "2025-02-18"},
      {"前天 10:30", "2025-02-18T10:30:00"},
      {"3 days ago", "2025-02-17"},
      {"an hour ago", "2025-02-20"},
      {"5 minutes ago", "2025-02-20"},
      {"yesterday", "2025-02-19"},
      {"Yesterday at 3:00", "2025-02-19"},
      // Coarser than a day: the page says the same for weeks, a computed date would move.
      {"2 周前", ""},
      {"3个月前", ""},
      {"1 year ago", ""},
      {"2 weeks ago", ""},
      {"3 months ago", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(FindDateInText(c.text, ctx).value_or(""), c.iso) << c.text;
  // Days are counted in the site's zone when it is known: 23:30 UTC is the next day in +08.
  ctx.now = kNow + 11 * 3600 * 1000 + 30 * 60 * 1000;
  ctx.default_offset_minutes = 480;
  EXPECT_EQ(FindDateInText("刚刚", ctx).value_or(""), "2025-02-21");
}

TEST(DateParseTest, RelativeDatesAreStableWithinADay) {
  // Two fetches of a page an hour apart that says "3 小时前", then "4 小时前": the same date,
  // so the archive sees no edit.
  DateContext first;
  first.now = kNow;
  DateContext second;
  second.now = kNow + 3'600'000;
  EXPECT_EQ(FindDateInText("3 小时前", first), FindDateInText("4 小时前", second));
  EXPECT_EQ(FindDateInText("3天前", first), FindDateInText("3天前", second));
}

TEST(DateParseTest, DatesWithoutAYearTakeTheFetchYear) {
  DateContext ctx;
  ctx.now = kNow;  // 2025-02-20
  const Case cases[] = {
      {"2月14日", "2025-02-14"},
      {"2 月 14 日 10:30", "2025-02-14T10:30:00"},
      {"发布于 02月14日", "2025-02-14"},
      {"02-14 10:00", "2025-02-14T10:00:00"},
      {"Feb 14", "2025-02-14"},
      {"Posted on Feb 14", "2025-02-14"},
      {"February 14 at 3:05 pm", "2025-02-14T15:05:00"},
      {"14 Feb", "2025-02-14"},
      {"May 3", "2024-05-03"},               // later in the year than the fetch: last year
      {"12月30日", "2024-12-30"},            // the same
      {"2月21日", "2025-02-21"},             // tomorrow: zones differ by up to a day
      {"you may 3 times", ""},               // "may" in lower case is a verb
      {"3-4 10:00", "2024-03-04T10:00:00"},  // after the fetch date: last year
      {"3-4 people", ""},                    // a range without a time is no date
      {"v2-14", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(FindDateInText(c.text, ctx).value_or(""), c.iso) << c.text;
  // A year written in the text wins over the guessed one.
  EXPECT_EQ(FindDateInText("2023年2月14日", ctx).value_or(""), "2023-02-14");
  EXPECT_EQ(FindDateInText("Feb 14, 2023", ctx).value_or(""), "2023-02-14");
}

TEST(DateParseTest, DatesInScripts) {
  struct ScriptCase {
    const char* script;
    ScriptDateKind kind;
    const char* iso;
  };
  const ScriptCase cases[] = {
      {"var publishTime = \"2025-02-14 10:00\";", ScriptDateKind::kPublished,
       "2025-02-14T10:00:00"},
      {"window.data = {\"publish_time\":1739527200,\"title\":\"x\"}", ScriptDateKind::kPublished,
       "2025-02-14T10:00:00Z"},
      {"{\"ctime\":\"1739527200\",\"mtime\":\"1739613600\"}", ScriptDateKind::kPublished,
       "2025-02-14T10:00:00Z"},
      {"{\"ctime\":\"1739527200\",\"mtime\":\"1739613600\"}", ScriptDateKind::kModified,
       "2025-02-15T10:00:00Z"},
      {"pubDate: '2025-02-14T10:00:00+08:00',", ScriptDateKind::kPublished,
       "2025-02-14T10:00:00+08:00"},
      {"var createTime = \"1739527200000\";", ScriptDateKind::kPublished, "2025-02-14T10:00:00Z"},
      {"\"datePublished\": \"2025-02-14\"", ScriptDateKind::kPublished, "2025-02-14"},
      {"\"updated_at\":\"2025-02-16T08:00:00Z\"", ScriptDateKind::kModified,
       "2025-02-16T08:00:00Z"},
      {"var publishTime = \"\"; var post_date = \"2025-02-14\";", ScriptDateKind::kPublished,
       "2025-02-14"},
      {"var publishTime = \"soon\";", ScriptDateKind::kPublished, ""},
      {"var mytime = 1739527200;", ScriptDateKind::kPublished, ""},
      {"var d = \"2019-01-01\";", ScriptDateKind::kPublished, ""},  // an unnamed date
      {"", ScriptDateKind::kPublished, ""},
  };
  for (const ScriptCase& c : cases) {
    EXPECT_EQ(FindDateInScript(c.script, c.kind).value_or(""), c.iso) << c.script;
  }
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
