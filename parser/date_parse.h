// Dates as pages write them, normalised to ISO 8601.
//
// Output forms: "2025-02-14" (a date), "2025-02-14T10:00:00" (a time the page gives without a
// zone, kept as the site's local wall time unless a default offset is known),
// "2025-02-14T10:00:00+08:00" or "...Z" (a time with a zone, the zone kept as written).
// Fractions of a second are dropped: they are noise in a diff.
//
// Thread-safety: pure functions (the regular expressions are compiled once, thread-safely).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/time.h"

namespace strata::parser {

struct DateContext {
  // When the page was fetched; resolves relative dates ("3 天前", "yesterday") and dates
  // without a year ("2月14日"). 0 = unknown, and such dates are then ignored.
  UnixMillis now = 0;
  // The zone of times written without one (e.g. +480 for a Chinese site). Unset: such times
  // stay zone-less, and relative days are counted in UTC.
  std::optional<int> default_offset_minutes;
};

// Parses a machine-readable date, as found in JSON-LD, meta tags and <time datetime>:
// ISO 8601 / RFC 3339 in its common variants ("2025-02-14T10:00:00.000+0800", "2025-02-14
// 10:00", "+08" zones), RFC 2822 ("Fri, 14 Feb 2025 10:00:00 GMT"), Unix seconds or
// milliseconds; failing those, the human forms FindDateInText knows, when they are the whole
// text. Returns nullopt for anything else or an impossible date (2025-02-30).
std::optional<std::string> NormalizeDate(std::string_view text, const DateContext& context = {});

// Finds the first date written for people inside `text` (a line of a page): "2025-02-14
// 10:00", "2025/2/14", "2025年2月14日 10:00", "Feb 14, 2025", "14 February 2025 at 3:05 pm",
// "14.02.2025", "02/14/2025" and "14/02/2025" (only when the order is unambiguous: "03/04/2025"
// is no date), and, when context.now is known, dates without a year ("2月14日", "02-14 10:00",
// "Feb 14", "14 Feb": the fetch's year, or the year before when that would be in the future)
// and relative dates ("刚刚", "5分钟前", "3 小时前", "3天前", "昨天", "前天 10:30",
// "3 days ago", "yesterday"). Years outside 1990-2100 are not taken for dates.
//
// Precision of relative dates: the calendar day (in the site's zone when default_offset_minutes
// is set, else UTC), never the time, except where the page writes one ("昨天 10:30"). A page
// that says "3 小时前" on two fetches an hour apart gives the same date both times, so the
// archive does not see an edit that did not happen. Units coarser than a day ("2 周前",
// "3 months ago", "1 year ago") are not resolved at all: the page keeps saying the same thing
// for weeks while the date computed from it would move with every fetch. Near midnight a
// relative date can still move by one day between two fetches.
std::optional<std::string> FindDateInText(std::string_view text, const DateContext& context = {});

// Like FindDateInText, with where the date was written: text[begin, end) (the end may include
// one character of context after the date).
struct DateMatch {
  std::string iso;
  size_t begin = 0;
  size_t end = 0;
};
std::optional<DateMatch> FindDateMatch(std::string_view text, const DateContext& context = {});

// A date in a URL path ("/2025/02/14/slug", "/2025-02-14-slug", "/20250214/"): "2025-02-14".
std::optional<std::string> DateFromUrl(std::string_view url);

// Which date a script variable holds.
enum class ScriptDateKind { kPublished, kModified };

// Finds a date assigned to a well-known variable or JSON key in the text of an inline script:
// `var publishTime = "2025-02-14 10:00"`, `"publish_time":1739527200`, `pubDate: '...'`,
// `"ctime":"1739527200"`, `"dateModified": "..."`. Pages that render their dates with
// JavaScript have them nowhere else. The first such assignment with a valid date wins; nullopt
// when there is none.
std::optional<std::string> FindDateInScript(std::string_view script, ScriptDateKind kind,
                                            const DateContext& context = {});

}  // namespace strata::parser
