#include "crawler/backoff.h"

#include <algorithm>
#include <cmath>

namespace strata::crawler {

int64_t BackoffCeilingMs(int retry, int64_t base_ms, int64_t max_ms) {
  if (base_ms <= 0 || max_ms <= 0) return 0;
  int64_t ceiling = std::min(base_ms, max_ms);
  for (int n = 1; n < retry && ceiling < max_ms; ++n) {
    ceiling = ceiling > max_ms / 2 ? max_ms : ceiling * 2;
  }
  return std::min(ceiling, max_ms);
}

int64_t FullJitterMs(int64_t ceiling_ms, double unit) {
  if (ceiling_ms <= 0 || !(unit > 0)) return 0;  // also catches NaN
  unit = std::min(unit, 1.0);
  return std::llround(unit * static_cast<double>(ceiling_ms));
}

}  // namespace strata::crawler
