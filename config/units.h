// Human-friendly quantities in the config file: durations ("500ms", "10s", "6h", "1d", "1h30m")
// and byte sizes ("512", "16KiB", "16MiB", "1GB"). Strict: anything else is an error.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace strata::config {

// Milliseconds of a duration such as "250ms", "10s", "5m", "6h", "2d", "1w" or a sum of them
// ("1h30m"). A bare number is seconds. nullopt when malformed or negative.
std::optional<int64_t> ParseDurationMs(std::string_view text);

// Bytes of a size such as "1024", "64KiB", "16MiB", "1GiB", "10KB", "5MB" (KB/MB/GB are
// powers of ten, KiB/MiB/GiB powers of two). nullopt when malformed.
std::optional<int64_t> ParseByteSize(std::string_view text);

}  // namespace strata::config
