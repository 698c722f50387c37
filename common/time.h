// Time in strata: Unix milliseconds (UTC) as int64, a Clock seam so that schedules and relative
// dates ("3 天前") can be tested with an injected clock, and ISO 8601 formatting/parsing.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace strata {

using UnixMillis = int64_t;

// Thread-safety: implementations must be safe to call from any thread.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual UnixMillis Now() const = 0;
};

// The real wall clock.
class SystemClock final : public Clock {
 public:
  UnixMillis Now() const override;
  static const SystemClock& Instance();
};

// A clock that only moves when told to: for tests and for the demo.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(UnixMillis now) : now_(now) {}
  // Atomic: a test moves time on its own thread while the code under test reads it on others
  // (a crawl's workers, a fetch loop).
  UnixMillis Now() const override { return now_.load(std::memory_order_relaxed); }
  void Set(UnixMillis now) { now_.store(now, std::memory_order_relaxed); }
  void Advance(int64_t ms) { now_.fetch_add(ms, std::memory_order_relaxed); }

 private:
  std::atomic<UnixMillis> now_;
};

// "2025-02-14T10:00:00Z" (UTC, second precision). With `with_millis`, "...T10:00:00.123Z".
std::string FormatIsoUtc(UnixMillis ms, bool with_millis = false);

// Parses an ISO 8601 / RFC 3339 timestamp: a date ("2025-02-14"), or date and time with
// optional seconds, fraction and zone ("Z", "+08:00", "+0800"). A time without a zone is taken
// in `default_offset_minutes` (e.g. +480 for a Chinese site). Returns nullopt when malformed.
std::optional<UnixMillis> ParseIso8601(std::string_view text, int default_offset_minutes = 0);

// A time as users type it on a command line: "2025-02-14", "2025-02-14T10:00", "...+08:00"
// (UTC unless a zone is given). A date alone is the start of that day, or its last millisecond
// when `end_of_day` ("what it said on the 14th" means by the day's end). nullopt unless the text
// starts with a YYYY-MM-DD date and parses as ISO 8601.
std::optional<UnixMillis> ParseTimeArg(std::string_view text, bool end_of_day);

// Days since 1970-01-01 of a proleptic Gregorian date (no validation beyond arithmetic).
int64_t DaysFromCivil(int64_t year, unsigned month, unsigned day);

}  // namespace strata
