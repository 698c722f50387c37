// Exponential back-off with "full jitter": the wait before retry n is uniform in
// [0, min(max, base * 2^(n-1))]. Spreading retries over the whole interval (rather than
// waiting the ceiling plus a little noise) keeps many clients that failed together from
// retrying together, and still grows the expected wait exponentially.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>

namespace strata::crawler {

// min(max_ms, base_ms * 2^(retry-1)) for retry >= 1, without overflow; 0 when base_ms is 0.
int64_t BackoffCeilingMs(int retry, int64_t base_ms, int64_t max_ms);

// The jittered wait: `unit` (uniform in [0, 1]) scaled to [0, ceiling_ms]. `unit` outside [0, 1]
// is clamped.
int64_t FullJitterMs(int64_t ceiling_ms, double unit);

}  // namespace strata::crawler
