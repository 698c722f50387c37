// Retry-After (RFC 9110 10.2.3): either delta-seconds ("120") or an HTTP-date (IMF-fixdate
// "Sun, 06 Nov 1994 08:49:37 GMT", and the obsolete RFC 850 and asctime forms that recipients
// must accept). Dates are parsed by libcurl's curl_getdate, which handles all three.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "common/time.h"

namespace strata::crawler {

// The wait the value asks for, in ms from `now`: 0 for a date in the past, capped at ten years
// for absurd numbers. nullopt when the value is neither form (the caller then ignores it, as
// RFC 9110 allows).
std::optional<int64_t> ParseRetryAfterMs(std::string_view value, UnixMillis now);

}  // namespace strata::crawler
