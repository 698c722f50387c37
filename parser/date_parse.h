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
  // When the page was fetched; resolves relative dates ("3 天前", "yesterday"). 0 = unknown,
  // and relative dates are then ignored.
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
// "14.02.2025", and, when context.now is known, relative dates ("刚刚", "3 天前", "昨天",
// "5 hours ago", "yesterday"). Years outside 1990-2100 are not taken for dates.
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

}  // namespace strata::parser
