#include "config/units.h"

#include <charconv>
#include <limits>
#include <string>

namespace strata::config {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Reads a non-negative decimal (with optional fraction) at the start of `s`.
bool ReadNumber(std::string_view& s, double& out) {
  size_t i = 0;
  while (i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.')) ++i;
  if (i == 0) return false;
  const std::string digits(s.substr(0, i));
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
  if (ec != std::errc() || ptr != digits.data() + digits.size()) return false;
  s.remove_prefix(i);
  return true;
}

}  // namespace

std::optional<int64_t> ParseDurationMs(std::string_view text) {
  std::string_view s = Trim(text);
  if (s.empty()) return std::nullopt;
  double total = 0;
  bool any = false;
  while (!s.empty()) {
    double n = 0;
    if (!ReadNumber(s, n)) return std::nullopt;
    size_t unit_len = 0;
    while (unit_len < s.size() && s[unit_len] >= 'a' && s[unit_len] <= 'z') ++unit_len;
    const std::string_view unit = s.substr(0, unit_len);
    s.remove_prefix(unit_len);
    double scale = 0;
    if (unit.empty()) {
      if (any || !s.empty()) return std::nullopt;  // a bare number only stands alone
      scale = 1000;
    } else if (unit == "ms") {
      scale = 1;
    } else if (unit == "s") {
      scale = 1000;
    } else if (unit == "m" || unit == "min") {
      scale = 60'000;
    } else if (unit == "h") {
      scale = 3'600'000;
    } else if (unit == "d") {
      scale = 86'400'000;
    } else if (unit == "w") {
      scale = 7 * 86'400'000.0;
    } else {
      return std::nullopt;
    }
    total += n * scale;
    any = true;
    if (total > static_cast<double>(std::numeric_limits<int64_t>::max() / 2)) return std::nullopt;
  }
  return static_cast<int64_t>(total);
}

std::optional<int64_t> ParseByteSize(std::string_view text) {
  std::string_view s = Trim(text);
  double n = 0;
  if (!ReadNumber(s, n)) return std::nullopt;
  s = Trim(s);
  double scale = 0;
  if (s.empty() || s == "B") {
    scale = 1;
  } else if (s == "KiB") {
    scale = 1024.0;
  } else if (s == "MiB") {
    scale = 1024.0 * 1024;
  } else if (s == "GiB") {
    scale = 1024.0 * 1024 * 1024;
  } else if (s == "KB" || s == "kB") {
    scale = 1e3;
  } else if (s == "MB") {
    scale = 1e6;
  } else if (s == "GB") {
    scale = 1e9;
  } else {
    return std::nullopt;
  }
  const double bytes = n * scale;
  if (bytes > 1e15) return std::nullopt;
  return static_cast<int64_t>(bytes);
}

}  // namespace strata::config
