#include "parser/date_parse.h"

#include <re2/re2.h>

#include <charconv>
#include <cstdio>
#include <memory>
#include <vector>

#include "parser/regex_prefilter.h"
#include "parser/text_util.h"

namespace strata::parser {
namespace {

constexpr UnixMillis kDayMs = 86'400'000;

struct PageDate {
  int year = 0, month = 0, day = 0;
  bool has_time = false;
  int hour = 0, minute = 0, second = 0;
  std::optional<int> offset_minutes;
};

int ToInt(re2::StringPiece s) {
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

// "2025-02-14T10:00:00+08:00"; validates the calendar through ParseIso8601.
std::optional<std::string> ToIso(const PageDate& d, const DateContext& context, int min_year,
                                 int max_year) {
  if (d.year < min_year || d.year > max_year) return std::nullopt;
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31) return std::nullopt;
  char buf[64];
  if (!d.has_time) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  } else {
    if (d.hour > 23 || d.minute > 59 || d.second > 60) return std::nullopt;
    const int n = std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", d.year, d.month,
                                d.day, d.hour, d.minute, d.second);
    const std::optional<int> offset =
        d.offset_minutes ? d.offset_minutes : context.default_offset_minutes;
    if (offset) {
      if (*offset == 0) {
        std::snprintf(buf + n, sizeof buf - n, "Z");
      } else {
        const int abs = *offset < 0 ? -*offset : *offset;
        std::snprintf(buf + n, sizeof buf - n, "%c%02d:%02d", *offset < 0 ? '-' : '+', abs / 60,
                      abs % 60);
      }
    }
  }
  std::string iso = buf;
  if (!ParseIso8601(iso)) return std::nullopt;  // 2025-02-30 and friends
  return iso;
}

// "Z", "UTC", "+08:00", "+0800", "+08", "EST"... in minutes east of UTC.
std::optional<int> ParseZone(std::string_view zone) {
  zone = TrimSpace(zone);
  if (zone.empty()) return std::nullopt;
  const std::string lower = AsciiLowercase(zone);
  if (lower == "z" || lower == "gmt" || lower == "utc" || lower == "ut") return 0;
  struct Named {
    std::string_view name;
    int offset;
  };
  static constexpr Named kNamed[] = {{"est", -300}, {"edt", -240}, {"cst", -360}, {"cdt", -300},
                                     {"mst", -420}, {"mdt", -360}, {"pst", -480}, {"pdt", -420}};
  for (const Named& n : kNamed) {
    if (lower == n.name) return n.offset;
  }
  if (zone[0] != '+' && zone[0] != '-') return std::nullopt;
  std::string digits;
  for (char c : zone.substr(1)) {
    if (IsAsciiDigit(c)) {
      digits.push_back(c);
    } else if (c != ':') {
      return std::nullopt;
    }
  }
  if (digits.size() != 2 && digits.size() != 4) return std::nullopt;
  const int hours = (digits[0] - '0') * 10 + (digits[1] - '0');
  const int minutes = digits.size() == 4 ? (digits[2] - '0') * 10 + (digits[3] - '0') : 0;
  if (hours > 14 || minutes > 59) return std::nullopt;
  const int total = hours * 60 + minutes;
  return zone[0] == '-' ? -total : total;
}

int MonthFromName(std::string_view name) {
  static constexpr std::string_view kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                 "jul", "aug", "sep", "oct", "nov", "dec"};
  const std::string lower = AsciiLowercase(name.substr(0, 3));
  for (int i = 0; i < 12; ++i) {
    if (lower == kMonths[i]) return i + 1;
  }
  return 0;
}

// Reads 1..max_digits digits.
bool ReadNumber(std::string_view s, size_t* pos, size_t min_digits, size_t max_digits, int* out) {
  size_t n = 0;
  int v = 0;
  while (*pos + n < s.size() && n < max_digits && IsAsciiDigit(s[*pos + n])) {
    v = v * 10 + (s[*pos + n] - '0');
    ++n;
  }
  if (n < min_digits) return false;
  *pos += n;
  *out = v;
  return true;
}

// The machine forms: ISO 8601 variants, compact "20250214", with optional time and zone.
std::optional<PageDate> ParseIsoLike(std::string_view s) {
  PageDate d;
  size_t pos = 0;
  if (!ReadNumber(s, &pos, 4, 4, &d.year)) return std::nullopt;
  if (pos < s.size() && (s[pos] == '-' || s[pos] == '/' || s[pos] == '.')) {
    const char sep = s[pos++];
    if (!ReadNumber(s, &pos, 1, 2, &d.month)) return std::nullopt;
    if (pos >= s.size() || s[pos++] != sep) return std::nullopt;
    if (!ReadNumber(s, &pos, 1, 2, &d.day)) return std::nullopt;
  } else {
    if (!ReadNumber(s, &pos, 2, 2, &d.month) || !ReadNumber(s, &pos, 2, 2, &d.day)) {
      return std::nullopt;
    }
  }
  if (pos == s.size()) return d;
  if (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ') return std::nullopt;
  while (pos < s.size() && (s[pos] == 'T' || s[pos] == 't' || s[pos] == ' ')) ++pos;
  d.has_time = true;
  if (!ReadNumber(s, &pos, 1, 2, &d.hour)) return std::nullopt;
  if (pos >= s.size() || s[pos++] != ':') return std::nullopt;
  if (!ReadNumber(s, &pos, 2, 2, &d.minute)) return std::nullopt;
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    if (!ReadNumber(s, &pos, 2, 2, &d.second)) return std::nullopt;
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
      ++pos;
      while (pos < s.size() && IsAsciiDigit(s[pos])) ++pos;  // fractions are dropped
    }
  }
  const std::string_view rest = TrimSpace(s.substr(pos));
  if (rest.empty()) return d;
  d.offset_minutes = ParseZone(rest);
  if (!d.offset_minutes) return std::nullopt;
  return d;
}

std::optional<std::string> FromEpoch(std::string_view digits) {
  if (digits.size() < 9 || digits.size() > 13 || digits.size() == 11) return std::nullopt;
  int64_t v = 0;
  auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (ec != std::errc() || p != digits.data() + digits.size()) return std::nullopt;
  const UnixMillis ms = digits.size() >= 12 ? v : v * 1000;
  std::string iso = FormatIsoUtc(ms);  // "2025-02-14T10:00:00Z"
  const int year = ToInt(re2::StringPiece(iso.data(), 4));
  if (year < 1990 || year > 2100) return std::nullopt;
  return iso;
}

// The local calendar date `days_back` days before `now`.
std::string LocalDate(UnixMillis now, int64_t back_ms, const DateContext& context) {
  const int offset = context.default_offset_minutes.value_or(0);
  return FormatIsoUtc(now - back_ms + int64_t{offset} * 60'000).substr(0, 10);
}

enum class Kind {
  kIso,
  kCjk,
  kMonthFirst,
  kDayFirst,
  kDotted,
  kSlashed,
  // Without a year: the fetch's year (the previous one when that would be in the future).
  kCjkNoYear,
  kDashedNoYear,
  kMonthFirstNoYear,
  kDayFirstNoYear,
  kJustNow,
  kRelativeCjk,
  kRelativeEn,
  kYesterdayCjk,
  kYesterdayEn,
};

struct Pattern {
  Kind kind;
  std::unique_ptr<RE2> re;
};

#define STRATA_MONTHS                                                                       \
  "(january|february|march|april|may|june|july|august|september|october|november|december|" \
  "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)"
#define STRATA_TIME \
  "(?:,?\\s*(?:at\\s+|-\\s*)?(\\d{1,2}):(\\d{2})(?::(\\d{2}))?(?:\\s*([ap])\\.?m\\b\\.?)?)?"
#define STRATA_ZONE "(?:\\s*(z|gmt|utc|ut|[+-]\\d{2}:?\\d{2}|est|edt|cst|cdt|mst|mdt|pst|pdt)\\b)?"

const std::vector<Pattern>& Patterns() {
  static const std::vector<Pattern>* patterns = [] {
    RE2::Options options;
    options.set_case_sensitive(false);
    options.set_log_errors(false);
    auto make = [&options](Kind kind, const char* re) {
      return Pattern{kind, std::make_unique<RE2>(re, options)};
    };
    auto* list = new std::vector<Pattern>();
    list->push_back(make(Kind::kIso,
                         "(?:^|[^\\d])(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})"
                         "(?:(?:\\s+|T)(\\d{1,2}):(\\d{2})(?::(\\d{2}))?(?:\\.\\d+)?"
                         "(?:\\s*(Z|[+-]\\d{2}:?\\d{2}))?)?(?:[^\\d]|$)"));
    list->push_back(make(Kind::kCjk,
                         "(?:^|[^\\d])(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*[日号]?"
                         "(?:\\s*(\\d{1,2})[:：](\\d{2})(?:[:：](\\d{2}))?)?"));
    list->push_back(make(Kind::kMonthFirst, "(?:^|[^a-z])" STRATA_MONTHS
                                            "\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})"
                                            "(?:[^\\d]|$)" STRATA_TIME STRATA_ZONE));
    list->push_back(make(Kind::kDayFirst,
                         "(?:^|[^\\d])(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?" STRATA_MONTHS
                         "\\.?,?\\s+(\\d{4})(?:[^\\d]|$)" STRATA_TIME STRATA_ZONE));
    list->push_back(make(Kind::kDotted,
                         "(?:^|[^\\d.])(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})"
                         "(?:\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?(?:[^\\d]|$)"));
    // "02/14/2025" (US) or "14/02/2025": kept only when the order is unambiguous.
    list->push_back(make(Kind::kSlashed,
                         "(?:^|[^\\d/])(\\d{1,2})/(\\d{1,2})/(\\d{4})"
                         "(?:,?\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?(?:[^\\d/]|$)"));
    list->push_back(make(Kind::kCjkNoYear,
                         "(?:^|[^\\d年])(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*[日号]"
                         "(?:\\s*(\\d{1,2})[:：](\\d{2})(?:[:：](\\d{2}))?)?"));
    // "02-14 10:00": only with a time, as a bare "3-4" is a range far more often than a date.
    list->push_back(make(Kind::kDashedNoYear,
                         "(?:^|[^\\d\\-/.:])(\\d{1,2})-(\\d{1,2})\\s+(\\d{1,2}):(\\d{2})"
                         "(?::(\\d{2}))?(?:[^\\d:]|$)"));
    list->push_back(make(Kind::kMonthFirstNoYear,
                         "(?:^|[^a-z])" STRATA_MONTHS
                         "\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:[^\\d]|$)" STRATA_TIME));
    list->push_back(make(Kind::kDayFirstNoYear,
                         "(?:^|[^\\d])(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?" STRATA_MONTHS
                         "\\b"));
    list->push_back(make(Kind::kJustNow, "(刚刚|just now)"));
    list->push_back(
        make(Kind::kRelativeCjk,
             "(\\d+)\\s*(秒钟|秒|分钟|分|个小时|小时|天|日|个星期|星期|周|个月|月|年)\\s*前"));
    list->push_back(make(Kind::kRelativeEn,
                         "(?:^|[^a-z0-9])(\\d+|an?|one)\\s+(second|sec|minute|min|hour|hr|day|week|"
                         "month|year)s?\\s+ago\\b"));
    list->push_back(make(Kind::kYesterdayCjk, "(昨天|前天)(?:\\s*(\\d{1,2})[:：](\\d{2}))?"));
    list->push_back(make(Kind::kYesterdayEn, "\\b(yesterday)\\b"));
    return list;
  }();
  return *patterns;
}

#undef STRATA_MONTHS
#undef STRATA_TIME
#undef STRATA_ZONE

// Which of Patterns() can match a text, in one scan.
const RegexPrefilter& PatternFilter() {
  // Never destroyed, as the patterns are not: threads may still match at exit.
  static const RegexPrefilter* filter = RegexPrefilter::For(Patterns()).release();
  return *filter;
}

void ApplyTime(const re2::StringPiece* g, int first, PageDate* d) {
  if (g[first].data() == nullptr) return;
  d->has_time = true;
  d->hour = ToInt(g[first]);
  d->minute = ToInt(g[first + 1]);
  d->second = g[first + 2].data() != nullptr ? ToInt(g[first + 2]) : 0;
}

void ApplyMeridiem(re2::StringPiece meridiem, PageDate* d) {
  if (meridiem.data() == nullptr || !d->has_time) return;
  const bool pm = AsciiLower(meridiem[0]) == 'p';
  if (d->hour == 12) d->hour = 0;
  if (pm) d->hour += 12;
}

// The local calendar date of `now` as {year, month, day}.
void LocalToday(const DateContext& context, int* year, int* month, int* day) {
  const std::string today = LocalDate(context.now, 0, context);
  *year = ToInt(re2::StringPiece(today.data(), 4));
  *month = ToInt(re2::StringPiece(today.data() + 5, 2));
  *day = ToInt(re2::StringPiece(today.data() + 8, 2));
}

// A date the page wrote without a year is in the fetch's year, unless that puts it more than
// a day in the future (zones differ by up to a day): then it is last year's. False without a
// fetch time.
bool ResolveYear(const DateContext& context, PageDate* d) {
  if (context.now <= 0) return false;
  int year = 0, month = 0, day = 0;
  LocalToday(context, &year, &month, &day);
  d->year = year;
  if (d->month < 1 || d->month > 12 || d->day < 1 || d->day > 31) return false;
  const int64_t candidate =
      DaysFromCivil(year, static_cast<unsigned>(d->month), static_cast<unsigned>(d->day));
  const int64_t today =
      DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  if (candidate > today + 1) d->year = year - 1;
  return true;
}

// Converts one match into the ISO form; nullopt when the match is not a real date.
std::optional<std::string> Convert(Kind kind, const re2::StringPiece* g,
                                   const DateContext& context) {
  PageDate d;
  switch (kind) {
    case Kind::kIso:
      d.year = ToInt(g[1]);
      d.month = ToInt(g[2]);
      d.day = ToInt(g[3]);
      ApplyTime(g, 4, &d);
      if (g[7].data() != nullptr)
        d.offset_minutes = ParseZone(std::string_view(g[7].data(), g[7].size()));
      return ToIso(d, context, 1990, 2100);
    case Kind::kCjk:
      d.year = ToInt(g[1]);
      d.month = ToInt(g[2]);
      d.day = ToInt(g[3]);
      ApplyTime(g, 4, &d);
      return ToIso(d, context, 1990, 2100);
    case Kind::kMonthFirst:
    case Kind::kDayFirst: {
      const bool month_first = kind == Kind::kMonthFirst;
      const re2::StringPiece month = month_first ? g[1] : g[2];
      d.month = MonthFromName(std::string_view(month.data(), month.size()));
      d.day = ToInt(month_first ? g[2] : g[1]);
      d.year = ToInt(g[3]);
      ApplyTime(g, 4, &d);
      ApplyMeridiem(g[7], &d);
      if (g[8].data() != nullptr)
        d.offset_minutes = ParseZone(std::string_view(g[8].data(), g[8].size()));
      return ToIso(d, context, 1990, 2100);
    }
    case Kind::kDotted:
      d.day = ToInt(g[1]);
      d.month = ToInt(g[2]);
      d.year = ToInt(g[3]);
      ApplyTime(g, 4, &d);
      return ToIso(d, context, 1990, 2100);
    case Kind::kSlashed: {
      const int first = ToInt(g[1]), second = ToInt(g[2]);
      if (first > 12 && second <= 12) {  // 14/02/2025
        d.day = first;
        d.month = second;
      } else if (second > 12 && first <= 12) {  // 02/14/2025
        d.month = first;
        d.day = second;
      } else if (first == second) {
        d.month = d.day = first;
      } else {
        return std::nullopt;  // 03/04/2025: March 4 or 3 April, nothing says which
      }
      d.year = ToInt(g[3]);
      ApplyTime(g, 4, &d);
      return ToIso(d, context, 1990, 2100);
    }
    case Kind::kCjkNoYear:
    case Kind::kDashedNoYear:
      d.month = ToInt(g[1]);
      d.day = ToInt(g[2]);
      ApplyTime(g, 3, &d);
      if (!ResolveYear(context, &d)) return std::nullopt;
      return ToIso(d, context, 1990, 2100);
    case Kind::kMonthFirstNoYear:
    case Kind::kDayFirstNoYear: {
      const bool month_first = kind == Kind::kMonthFirstNoYear;
      const re2::StringPiece month = month_first ? g[1] : g[2];
      // "you may 5..." is not May 5: a lower-case "may" is a verb.
      if (std::string_view(month.data(), month.size()) == "may") return std::nullopt;
      d.month = MonthFromName(std::string_view(month.data(), month.size()));
      d.day = ToInt(month_first ? g[2] : g[1]);
      if (month_first) {
        ApplyTime(g, 3, &d);
        ApplyMeridiem(g[6], &d);
      }
      if (!ResolveYear(context, &d)) return std::nullopt;
      return ToIso(d, context, 1990, 2100);
    }
    default:
      break;
  }
  // Relative dates: only with a fetch time, and only to the day (a "3 hours ago" that moved
  // by a minute between two fetches must not look like an edit). Weeks, months and years are
  // not resolved: "2 weeks ago" keeps saying so for a week, and a date computed from it would
  // move with every fetch.
  if (context.now <= 0) return std::nullopt;
  switch (kind) {
    case Kind::kJustNow:
      return LocalDate(context.now, 0, context);
    case Kind::kRelativeCjk:
    case Kind::kRelativeEn: {
      int64_t n = 1;
      const std::string_view count(g[1].data(), g[1].size());
      if (!count.empty() && IsAsciiDigit(count[0])) n = ToInt(g[1]);
      if (n < 0 || n > 100'000) return std::nullopt;
      const std::string unit = AsciiLowercase(std::string_view(g[2].data(), g[2].size()));
      int64_t unit_ms = 0;
      if (unit == "second" || unit == "sec" || unit == "秒" || unit == "秒钟")
        unit_ms = 1000;
      else if (unit == "minute" || unit == "min" || unit == "分钟" || unit == "分")
        unit_ms = 60'000;
      else if (unit == "hour" || unit == "hr" || unit == "小时" || unit == "个小时")
        unit_ms = 3'600'000;
      else if (unit == "day" || unit == "天" || unit == "日")
        unit_ms = kDayMs;
      else
        return std::nullopt;  // weeks, months, years: too coarse to give a stable date
      return LocalDate(context.now, n * unit_ms, context);
    }
    case Kind::kYesterdayCjk:
    case Kind::kYesterdayEn: {
      const bool two_days = std::string_view(g[1].data(), g[1].size()) == "前天";
      const std::string date = LocalDate(context.now, (two_days ? 2 : 1) * kDayMs, context);
      if (kind == Kind::kYesterdayEn || g[2].data() == nullptr) return date;
      d.year = ToInt(re2::StringPiece(date.data(), 4));
      d.month = ToInt(re2::StringPiece(date.data() + 5, 2));
      d.day = ToInt(re2::StringPiece(date.data() + 8, 2));
      d.has_time = true;
      d.hour = ToInt(g[2]);
      d.minute = ToInt(g[3]);
      return ToIso(d, context, 1990, 2100);
    }
    default:
      return std::nullopt;
  }
}

}  // namespace

std::optional<std::string> NormalizeDate(std::string_view text, const DateContext& context) {
  const std::string_view s = TrimSpace(text);
  if (s.empty() || s.size() > 200) return std::nullopt;
  if (std::optional<PageDate> d = ParseIsoLike(s)) {
    if (std::optional<std::string> iso = ToIso(*d, context, 1900, 2200)) return iso;
  }
  if (s.find_first_not_of("0123456789") == std::string_view::npos) return FromEpoch(s);
  return FindDateInText(s, context);
}

std::optional<std::string> FindDateInText(std::string_view text, const DateContext& context) {
  std::optional<DateMatch> match = FindDateMatch(text, context);
  if (!match) return std::nullopt;
  return std::move(match->iso);
}

std::optional<DateMatch> FindDateMatch(std::string_view text, const DateContext& context) {
  if (text.empty()) return std::nullopt;
  const re2::StringPiece input(text.data(), text.size());
  size_t best_pos = text.size() + 1;
  std::optional<DateMatch> best;
  re2::StringPiece groups[12];
  const uint64_t candidates = PatternFilter().Candidates(text);
  if (candidates == 0) return std::nullopt;
  size_t index = 0;
  for (const Pattern& pattern : Patterns()) {
    if (((candidates >> index++) & 1) == 0) continue;  // it matches nowhere in the text
    const int n = std::min(pattern.re->NumberOfCapturingGroups() + 1, 12);
    size_t start = 0;
    // A match may be a non-date ("2025-13-45"): look further along the text for a real one.
    while (start < text.size() &&
           pattern.re->Match(input, start, text.size(), RE2::UNANCHORED, groups, n)) {
      const size_t pos = static_cast<size_t>(groups[1].data() - text.data());
      if (pos >= best_pos) break;
      if (std::optional<std::string> iso = Convert(pattern.kind, groups, context)) {
        best_pos = pos;
        const size_t end = static_cast<size_t>(groups[0].data() - text.data()) + groups[0].size();
        best = DateMatch{std::move(*iso), pos, end};
        break;
      }
      start = pos + 1;
    }
  }
  return best;
}

std::optional<std::string> FindDateInScript(std::string_view script, ScriptDateKind kind,
                                            const DateContext& context) {
  // A key (quoted or not) that names the date, ':' or '=', then a quoted value or a number.
  // The keys are those of common blog engines and front-end state objects (Nuxt, Next, Vue).
  static const RE2* const kPublished = new RE2(
      "(?i)[\"']?\\b(publish_?time|publish_?date|published_?at|published_?time|publishedAt|"
      "pub_?date|pub_?time|date_?published|post_?date|post_?time|create_?time|created_?at|"
      "creation_?time|ctime|first_?publish_?time|release_?time|article_?time)[\"']?"
      "\\s*[:=]\\s*(?:new Date\\()?\\s*[\"']?([0-9][0-9 :TtZz+./-]{7,34})[\"']?");
  static const RE2* const kModified = new RE2(
      "(?i)[\"']?\\b(modify_?time|modified_?time|modified_?at|update_?time|updated_?at|"
      "date_?modified|last_?modified|mtime|edit_?time)[\"']?"
      "\\s*[:=]\\s*(?:new Date\\()?\\s*[\"']?([0-9][0-9 :TtZz+./-]{7,34})[\"']?");
  const RE2& re = kind == ScriptDateKind::kPublished ? *kPublished : *kModified;
  re2::StringPiece input(script.data(), script.size());
  re2::StringPiece key, value;
  // Bounded: a page's state object can hold thousands of dated items (other posts, comments);
  // the page's own date comes first in practice.
  for (int tries = 0; tries < 16 && RE2::FindAndConsume(&input, re, &key, &value); ++tries) {
    std::string_view v = TrimSpace(std::string_view(value.data(), value.size()));
    if (std::optional<std::string> iso = NormalizeDate(v, context)) return iso;
  }
  return std::nullopt;
}

std::optional<std::string> DateFromUrl(std::string_view url) {
  static const RE2* const kSlashed =
      new RE2("/((?:19|20)\\d{2})[/-](\\d{1,2})[/-](\\d{1,2})(?:[/_.-]|$)");
  static const RE2* const kCompact = new RE2("/((?:19|20)\\d{2})(\\d{2})(\\d{2})(?:[/_.-]|$)");
  // Only the path: query strings carry ids that look like dates.
  const size_t scheme = url.find("://");
  size_t path_start = scheme == std::string_view::npos ? 0 : url.find('/', scheme + 3);
  if (path_start == std::string_view::npos) return std::nullopt;
  std::string_view path = url.substr(path_start);
  path = path.substr(0, path.find_first_of("?#"));
  re2::StringPiece y, m, d;
  for (const RE2* re : {kSlashed, kCompact}) {
    if (RE2::PartialMatch(re2::StringPiece(path.data(), path.size()), *re, &y, &m, &d)) {
      PageDate date;
      date.year = ToInt(y);
      date.month = ToInt(m);
      date.day = ToInt(d);
      if (std::optional<std::string> iso = ToIso(date, {}, 1990, 2100)) return iso;
    }
  }
  return std::nullopt;
}

}  // namespace strata::parser
