#include "config/watch_cron.h"

#include <time.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <vector>

namespace strata::config {
namespace {

constexpr int64_t kMinuteMs = 60'000;

struct FieldSpec {
  const char* name;
  int min;
  int max;
  const char* const* names;  // value names (index + min), or null
  int name_count;
};

constexpr const char* kMonthNames[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                       "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr const char* kDayNames[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

constexpr FieldSpec kFields[5] = {
    {"minute", 0, 59, nullptr, 0},       {"hour", 0, 23, nullptr, 0},
    {"day of month", 1, 31, nullptr, 0}, {"month", 1, 12, kMonthNames, 12},
    {"day of week", 0, 7, kDayNames, 7},  // 7 is Sunday too
};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// A number or (for months and weekdays) a three-letter name.
std::optional<int> ParseValue(std::string_view text, const FieldSpec& spec) {
  if (text.empty()) return std::nullopt;
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc() && end == text.data() + text.size()) return value;
  if (spec.names != nullptr) {
    const std::string lower = Lower(text);
    for (int i = 0; i < spec.name_count; ++i) {
      if (lower == spec.names[i]) return spec.min + i;
    }
  }
  return std::nullopt;
}

std::vector<std::string_view> Split(std::string_view text, char sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (;;) {
    const size_t at = text.find(sep, start);
    parts.push_back(text.substr(start, at == std::string_view::npos ? text.npos : at - start));
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  return parts;
}

// Sets the bits of one field ("*/15", "1-5", "mon-fri", "0,30", "5/10"); `bits` is indexed by
// value. Returns an error message, or "" when the field is valid.
template <size_t N>
std::string ParseField(std::string_view text, const FieldSpec& spec, std::bitset<N>* bits) {
  auto fail = [&](const std::string& what) {
    return std::string(spec.name) + ": " + what + " in \"" + std::string(text) + "\"";
  };
  for (std::string_view item : Split(text, ',')) {
    if (item.empty()) return fail("empty list item");
    int step = 1;
    bool has_step = false;
    if (const size_t slash = item.find('/'); slash != std::string_view::npos) {
      std::string_view step_text = item.substr(slash + 1);
      auto [end, ec] = std::from_chars(step_text.data(), step_text.data() + step_text.size(), step);
      if (ec != std::errc() || end != step_text.data() + step_text.size() || step <= 0) {
        return fail("bad step \"" + std::string(step_text) + "\"");
      }
      if (step > spec.max - spec.min + 1) {
        return fail("step " + std::to_string(step) + " is larger than the field's range");
      }
      has_step = true;
      item = item.substr(0, slash);
    }
    int low = spec.min;
    int high = spec.max == 7 ? 6 : spec.max;  // '*' in day of week is 0-6
    if (item != "*") {
      const size_t dash = item.find('-');
      std::optional<int> a = ParseValue(item.substr(0, dash), spec);
      if (!a) return fail("\"" + std::string(item.substr(0, dash)) + "\" is not a value");
      low = *a;
      if (dash != std::string_view::npos) {
        std::optional<int> b = ParseValue(item.substr(dash + 1), spec);
        if (!b) return fail("\"" + std::string(item.substr(dash + 1)) + "\" is not a value");
        high = *b;
      } else {
        high = has_step ? spec.max : low;  // "5/10" is "5-max/10"
      }
      for (int v : {low, high}) {
        if (v < spec.min || v > spec.max) {
          return fail(std::to_string(v) + " is out of range " + std::to_string(spec.min) + "-" +
                      std::to_string(spec.max));
        }
      }
      if (low > high) return fail("range " + std::string(item) + " runs backwards");
    }
    for (int v = low; v <= high; v += step) {
      const int index = (spec.max == 7 && v == 7) ? 0 : v;  // Sunday is 0 and 7
      bits->set(static_cast<size_t>(index));
    }
  }
  return {};
}

std::string_view ExpandMacro(std::string_view text) {
  const std::string lower = Lower(text);
  if (lower == "@yearly" || lower == "@annually") return "0 0 1 1 *";
  if (lower == "@monthly") return "0 0 1 * *";
  if (lower == "@weekly") return "0 0 * * 0";
  if (lower == "@daily" || lower == "@midnight") return "0 0 * * *";
  if (lower == "@hourly") return "0 * * * *";
  return {};
}

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// The civil date of a day number (days since 1970-01-01), proleptic Gregorian: the inverse of
// DaysFromCivil, by the era arithmetic that makes both exact over the whole int64 range we use.
void CivilFromDays(int64_t days, int64_t* year, int* month, int* day) {
  days += 719468;  // shift the epoch to 0000-03-01
  const int64_t era = FloorDiv(days, 146097);
  const int64_t doe = days - era * 146097;                                    // [0, 146096]
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
  const int64_t mp = (5 * doy + 2) / 153;                                     // March = 0
  *day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *year = yoe + era * 400 + (*month <= 2 ? 1 : 0);
}

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int64_t year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
}

// A wall-clock minute.
struct Civil {
  int64_t year = 1970;
  int month = 1, day = 1, hour = 0, minute = 0;
};

Civil ToCivil(UnixMillis t, const CronZone& zone) {
  Civil c;
  if (zone.kind == CronZone::Kind::kLocal) {
    const time_t seconds = static_cast<time_t>(FloorDiv(t, 1000));
    struct tm tm {};
    localtime_r(&seconds, &tm);
    c.year = tm.tm_year + 1900;
    c.month = tm.tm_mon + 1;
    c.day = tm.tm_mday;
    c.hour = tm.tm_hour;
    c.minute = tm.tm_min;
    return c;
  }
  const int64_t offset_ms =
      zone.kind == CronZone::Kind::kFixedOffset ? int64_t{zone.offset_minutes} * kMinuteMs : 0;
  const int64_t minutes = FloorDiv(t + offset_ms, kMinuteMs);
  const int64_t days = FloorDiv(minutes, 1440);
  const int64_t in_day = minutes - days * 1440;
  CivilFromDays(days, &c.year, &c.month, &c.day);
  c.hour = static_cast<int>(in_day / 60);
  c.minute = static_cast<int>(in_day % 60);
  return c;
}

UnixMillis FromCivil(const Civil& c, const CronZone& zone) {
  if (zone.kind == CronZone::Kind::kLocal) {
    struct tm tm {};
    tm.tm_year = static_cast<int>(c.year - 1900);
    tm.tm_mon = c.month - 1;
    tm.tm_mday = c.day;
    tm.tm_hour = c.hour;
    tm.tm_min = c.minute;
    tm.tm_isdst = -1;  // let the zone's rules decide
    return static_cast<UnixMillis>(mktime(&tm)) * 1000;
  }
  const int64_t offset_ms =
      zone.kind == CronZone::Kind::kFixedOffset ? int64_t{zone.offset_minutes} * kMinuteMs : 0;
  const int64_t days =
      DaysFromCivil(c.year, static_cast<unsigned>(c.month), static_cast<unsigned>(c.day));
  return (days * 1440 + c.hour * 60 + c.minute) * kMinuteMs - offset_ms;
}

int Weekday(int64_t year, int month, int day) {
  const int64_t days =
      DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  return static_cast<int>(((days % 7) + 11) % 7);  // 1970-01-01 was a Thursday (4)
}

void NextMonth(Civil* c) {
  c->day = 1;
  c->hour = 0;
  c->minute = 0;
  if (++c->month > 12) {
    c->month = 1;
    ++c->year;
  }
}

void NextDay(Civil* c) {
  c->hour = 0;
  c->minute = 0;
  if (++c->day > DaysInMonth(c->year, c->month)) NextMonth(c);
}

void NextHour(Civil* c) {
  c->minute = 0;
  if (++c->hour > 23) NextDay(c);
}

void NextMinute(Civil* c) {
  if (++c->minute > 59) NextHour(c);
}

// 2001-01-01T00:00Z, a Monday at the start of a year: where ShortestGapMs() starts sampling.
constexpr UnixMillis kSampleStart = 978'307'200'000;
constexpr int kSampleFirings = 64;

}  // namespace

std::optional<CronZone> CronZone::Parse(std::string_view text) {
  CronZone zone;
  const std::string lower = Lower(text);
  if (lower == "utc" || lower == "z") return zone;
  if (lower == "local") {
    zone.kind = Kind::kLocal;
    return zone;
  }
  if (text.size() < 2 || (text[0] != '+' && text[0] != '-')) return std::nullopt;
  const int sign = text[0] == '-' ? -1 : 1;
  std::string_view rest = text.substr(1);
  std::string_view hours_text = rest;
  std::string_view minutes_text;
  if (const size_t colon = rest.find(':'); colon != std::string_view::npos) {
    hours_text = rest.substr(0, colon);
    minutes_text = rest.substr(colon + 1);
    if (minutes_text.size() != 2) return std::nullopt;
  } else if (rest.size() == 4) {
    hours_text = rest.substr(0, 2);
    minutes_text = rest.substr(2);
  }
  auto number = [](std::string_view s) -> std::optional<int> {
    int v = 0;
    if (s.empty() || s.size() > 2) return std::nullopt;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
    return v;
  };
  std::optional<int> hours = number(hours_text);
  std::optional<int> minutes = minutes_text.empty() ? std::optional<int>(0) : number(minutes_text);
  if (!hours || !minutes || *hours > 14 || *minutes > 59) return std::nullopt;
  zone.kind = Kind::kFixedOffset;
  zone.offset_minutes = sign * (*hours * 60 + *minutes);
  return zone;
}

std::string CronZone::ToString() const {
  if (kind == Kind::kUtc) return "UTC";
  if (kind == Kind::kLocal) return "local";
  const int total = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", offset_minutes < 0 ? '-' : '+', total / 60,
                total % 60);
  return buf;
}

Result<CronExpr> CronExpr::Parse(std::string_view text) {
  CronExpr expr;
  expr.text_ = std::string(text);
  std::string_view fields_text = text;
  if (!text.empty() && text[0] == '@') {
    fields_text = ExpandMacro(text);
    if (fields_text.empty()) {
      return Status::InvalidArgument("unknown macro \"" + std::string(text) +
                                     "\" (use @hourly, @daily, @weekly, @monthly or @yearly)");
    }
  }
  std::vector<std::string_view> fields;
  size_t i = 0;
  while (i < fields_text.size()) {
    while (i < fields_text.size() && (fields_text[i] == ' ' || fields_text[i] == '\t')) ++i;
    const size_t start = i;
    while (i < fields_text.size() && fields_text[i] != ' ' && fields_text[i] != '\t') ++i;
    if (i > start) fields.push_back(fields_text.substr(start, i - start));
  }
  if (fields.size() != 5) {
    return Status::InvalidArgument(
        "need 5 fields (minute hour day-of-month month day-of-week), got " +
        std::to_string(fields.size()));
  }
  std::string error = ParseField(fields[0], kFields[0], &expr.minutes_);
  if (error.empty()) error = ParseField(fields[1], kFields[1], &expr.hours_);
  if (error.empty()) error = ParseField(fields[2], kFields[2], &expr.days_);
  if (error.empty()) error = ParseField(fields[3], kFields[3], &expr.months_);
  if (error.empty()) {
    std::bitset<8> weekdays;
    error = ParseField(fields[4], kFields[4], &weekdays);
    for (size_t d = 0; d < 7; ++d) expr.weekdays_[d] = weekdays[d];
  }
  if (!error.empty()) return Status::InvalidArgument(error);
  expr.day_star_ = fields[2][0] == '*';
  expr.weekday_star_ = fields[4][0] == '*';

  // Sample its first firings: an expression that never fires is an error, and the shortest gap
  // is "its period".
  const CronZone utc;
  std::optional<UnixMillis> previous = expr.Next(kSampleStart, utc);
  if (!previous) {
    return Status::InvalidArgument("\"" + std::string(text) + "\" never fires (no such date)");
  }
  int64_t shortest = INT64_MAX;
  for (int n = 1; n < kSampleFirings; ++n) {
    std::optional<UnixMillis> next = expr.Next(*previous, utc);
    if (!next) break;
    shortest = std::min(shortest, *next - *previous);
    previous = next;
  }
  // Fires once in eight years (Feb 29 on a Monday...): treat the period as a year.
  expr.shortest_gap_ms_ = shortest == INT64_MAX ? int64_t{365} * 86'400'000 : shortest;
  return expr;
}

bool CronExpr::DayMatches(int64_t year, int month, int day) const {
  const bool dom = days_[static_cast<size_t>(day)];
  const bool dow = weekdays_[static_cast<size_t>(Weekday(year, month, day))];
  if (day_star_ || weekday_star_) return dom && dow;
  return dom || dow;
}

std::optional<UnixMillis> CronExpr::Next(UnixMillis after, const CronZone& zone) const {
  // The first whole minute strictly after `after`.
  const UnixMillis start = (FloorDiv(after, kMinuteMs) + 1) * kMinuteMs;
  Civil c = ToCivil(start, zone);
  const int64_t last_year = c.year + 8;
  // Each step either fires or moves to the next candidate month, day, hour or minute: bounded by
  // about 12 * 8 months + 366 * 8 days + 24 + 60 steps, plus repeated-hour retries.
  for (int steps = 0; steps < 100'000; ++steps) {
    if (c.year > last_year) return std::nullopt;
    if (!months_[static_cast<size_t>(c.month)]) {
      NextMonth(&c);
      continue;
    }
    if (!DayMatches(c.year, c.month, c.day)) {
      NextDay(&c);
      continue;
    }
    if (!hours_[static_cast<size_t>(c.hour)]) {
      NextHour(&c);
      continue;
    }
    if (!minutes_[static_cast<size_t>(c.minute)]) {
      NextMinute(&c);
      continue;
    }
    const UnixMillis t = FromCivil(c, zone);
    if (t > after) return t;
    NextMinute(&c);  // local time repeated by a daylight-saving change: fire once
  }
  return std::nullopt;
}

}  // namespace strata::config
