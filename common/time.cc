#include "common/time.h"

#include <chrono>
#include <cstdio>

namespace strata {

UnixMillis SystemClock::Now() const {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

const SystemClock& SystemClock::Instance() {
  static const SystemClock clock;
  return clock;
}

// Howard Hinnant's civil-calendar arithmetic (public domain algorithm, written out here).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

namespace {

struct Civil {
  int64_t year;
  unsigned month, day;
};

Civil CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Reads exactly `n` digits at `pos`.
bool Digits(std::string_view s, size_t& pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    const char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  pos += n;
  out = v;
  return true;
}

}  // namespace

std::string FormatIsoUtc(UnixMillis ms, bool with_millis) {
  const int64_t days = FloorDiv(ms, 86400000);
  const int64_t rem = ms - days * 86400000;
  const Civil c = CivilFromDays(days);
  const int hh = static_cast<int>(rem / 3600000);
  const int mm = static_cast<int>(rem / 60000 % 60);
  const int ss = static_cast<int>(rem / 1000 % 60);
  char buf[48];
  if (with_millis) {
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02d.%03dZ",
                  static_cast<long long>(c.year), c.month, c.day, hh, mm, ss,
                  static_cast<int>(rem % 1000));
  } else {
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02dZ",
                  static_cast<long long>(c.year), c.month, c.day, hh, mm, ss);
  }
  return buf;
}

namespace {

bool IsDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// "YYYY-MM-DD" and nothing else.
bool IsDateOnly(std::string_view text) {
  return text.size() == 10 && IsDigits(text.substr(0, 4)) && text[4] == '-' &&
         IsDigits(text.substr(5, 2)) && text[7] == '-' && IsDigits(text.substr(8, 2));
}

}  // namespace

std::optional<UnixMillis> ParseTimeArg(std::string_view text, bool end_of_day) {
  // Only things that look like dates: ParseIso8601 is lenient about what follows a date.
  if (text.size() < 10 || !IsDateOnly(text.substr(0, 10))) return std::nullopt;
  std::optional<UnixMillis> at = ParseIso8601(text);
  if (!at) return std::nullopt;
  constexpr int64_t kDayMs = 24 * 3600 * 1000;
  if (IsDateOnly(text) && end_of_day) *at += kDayMs - 1;
  return at;
}

std::optional<UnixMillis> ParseIso8601(std::string_view s, int default_offset_minutes) {
  size_t pos = 0;
  while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t')) ++pos;
  int year = 0, month = 0, day = 0;
  if (!Digits(s, pos, 4, year) || pos >= s.size() || s[pos++] != '-') return std::nullopt;
  if (!Digits(s, pos, 2, month) || pos >= s.size() || s[pos++] != '-') return std::nullopt;
  if (!Digits(s, pos, 2, day)) return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  int hour = 0, minute = 0, second = 0, millis = 0;
  int offset = default_offset_minutes;
  const bool space_then_digit =
      pos + 1 < s.size() && s[pos] == ' ' && s[pos + 1] >= '0' && s[pos + 1] <= '9';
  if (pos < s.size() && (s[pos] == 'T' || s[pos] == 't' || space_then_digit)) {
    ++pos;
    if (!Digits(s, pos, 2, hour) || pos >= s.size() || s[pos++] != ':') return std::nullopt;
    if (!Digits(s, pos, 2, minute)) return std::nullopt;
    if (pos < s.size() && s[pos] == ':') {
      ++pos;
      if (!Digits(s, pos, 2, second)) return std::nullopt;
      if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
        ++pos;
        int scale = 100;
        bool any = false;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
          millis += (s[pos] - '0') * scale;
          scale /= 10;
          ++pos;
          any = true;
        }
        if (!any) return std::nullopt;
      }
    }
    if (hour > 24 || minute > 59 || second > 60) return std::nullopt;
    if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
      offset = 0;
      ++pos;
    } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
      const int sign = s[pos++] == '-' ? -1 : 1;
      int oh = 0, om = 0;
      if (!Digits(s, pos, 2, oh)) return std::nullopt;
      if (pos < s.size() && s[pos] == ':') ++pos;
      if (pos < s.size() && !Digits(s, pos, 2, om)) return std::nullopt;
      if (oh > 14 || om > 59) return std::nullopt;
      offset = sign * (oh * 60 + om);
    }
  }
  while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t')) ++pos;
  if (pos != s.size()) return std::nullopt;
  const int64_t days =
      DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  // Reject impossible dates such as 2025-02-30, which the arithmetic would roll over.
  if (CivilFromDays(days).month != static_cast<unsigned>(month)) return std::nullopt;
  const int64_t secs =
      days * 86400 + hour * 3600 + minute * 60 + second - static_cast<int64_t>(offset) * 60;
  return secs * 1000 + millis;
}

}  // namespace strata
