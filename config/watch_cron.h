// Cron expressions for `[[watch]]` entries (`cron = "0 */6 * * *"`): the five fields of
// crontab(5) (minute, hour, day of month, month, day of week) with lists, ranges, steps and
// names, the @-macros (@hourly, @daily, @weekly, @monthly, @yearly), and the next time an
// expression fires after a given instant, in UTC, a fixed UTC offset or the machine's local time.
//
// Lives in config/ (not crawler/jobs/) because it is part of the config file's format, like the
// durations of units.h: the config loader rejects a bad expression naming its key, and the
// scheduler gets an expression that is known to fire.
//
// Semantics follow Vixie cron (the cron of Debian): a day matches when the day of month AND the
// day of week match, unless neither field starts with '*', in which case either may match
// ("0 0 1,15 * 1" is the 1st, the 15th and every Monday). Day of week 0 and 7 are Sunday.
// "a/n" (a single value with a step) means "a-max/n".
//
// Thread-safety: immutable values; Next() is const and reentrant (local time uses localtime_r and
// mktime, which read the TZ environment).
#pragma once

#include <bitset>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "common/time.h"

namespace strata::config {

// Where cron's wall clock is: UTC (default), a fixed offset from UTC, or the machine's local time
// (its TZ, with daylight saving time).
struct CronZone {
  enum class Kind { kUtc, kFixedOffset, kLocal };
  Kind kind = Kind::kUtc;
  int offset_minutes = 0;  // kFixedOffset: east of UTC (+480 for UTC+8)

  // "UTC" (or "Z"), "local", or an offset "+08:00", "-05:30", "+0800", "+8". nullopt otherwise.
  static std::optional<CronZone> Parse(std::string_view text);
  std::string ToString() const;  // "UTC", "local", "+08:00"
  friend bool operator==(const CronZone&, const CronZone&) = default;
};

class CronExpr {
 public:
  // Parses five space-separated fields or an @-macro. InvalidArgument names the field and what
  // is wrong ("hour: 24 is out of range 0-23"); an expression that can never fire ("0 0 30 2 *")
  // is an error too.
  static Result<CronExpr> Parse(std::string_view text);

  // The first instant strictly after `after` (to the minute: seconds are always 0) at which the
  // expression fires in `zone`; nullopt when there is none in the next eight years (which
  // Parse() rules out, but local time may still skip a date). With local time, a minute skipped
  // by a daylight-saving jump fires at the shifted time mktime() gives, and a repeated hour fires
  // once.
  std::optional<UnixMillis> Next(UnixMillis after, const CronZone& zone) const;

  // The shortest gap between two firings over a sample of its first firings from a fixed date
  // (UTC): what "the period" means for a cron schedule (default jitter, validation).
  int64_t ShortestGapMs() const { return shortest_gap_ms_; }

  // The expression as written (macros kept), for messages and for noticing a changed schedule.
  const std::string& text() const { return text_; }

 private:
  CronExpr() = default;
  bool DayMatches(int64_t year, int month, int day) const;

  std::string text_;
  std::bitset<60> minutes_;
  std::bitset<24> hours_;
  std::bitset<32> days_;       // 1..31
  std::bitset<13> months_;     // 1..12
  std::bitset<7> weekdays_;    // 0 = Sunday
  bool day_star_ = false;      // the day-of-month field starts with '*'
  bool weekday_star_ = false;  // the day-of-week field starts with '*'
  int64_t shortest_gap_ms_ = 0;
};

}  // namespace strata::config
