#include "crawler/retry_after.h"

#include <curl/curl.h>

#include <algorithm>
#include <string>

namespace strata::crawler {
namespace {

constexpr int64_t kTenYearsMs = int64_t{10} * 365 * 86'400'000;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<int64_t> ParseRetryAfterMs(std::string_view value, UnixMillis now) {
  value = Trim(value);
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    int64_t seconds = 0;
    for (char c : value) {
      seconds = seconds * 10 + (c - '0');
      if (seconds * 1000 >= kTenYearsMs) return kTenYearsMs;  // saturate before overflow
    }
    return seconds * 1000;
  }
  // curl_getdate wants a NUL-terminated string; an HTTP-date always names a month, so a value
  // without a letter (e.g. "-5", "1.5") is rejected here rather than guessed at.
  if (std::none_of(value.begin(), value.end(),
                   [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); })) {
    return std::nullopt;
  }
  const std::string text(value);
  const time_t when = curl_getdate(text.c_str(), nullptr);
  if (when == -1) return std::nullopt;
  const int64_t wait = static_cast<int64_t>(when) * 1000 - now;
  return std::clamp<int64_t>(wait, 0, kTenYearsMs);
}

}  // namespace strata::crawler
