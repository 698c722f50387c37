#include "crawler/host_throttle.h"

#include <algorithm>

namespace strata::crawler {
namespace {

// The least a transient failure backs off to, even with min_delay 0 (one's own sites).
constexpr int64_t kTroubleStepMs = 1000;
// Ceiling of any gap, whatever the options say (so doubling can never overflow).
constexpr int64_t kMaxGapMs = 7 * 86'400'000LL;

}  // namespace

HostThrottle::HostThrottle(const config::PolitenessOptions& options)
    : min_delay_ms_(std::clamp<int64_t>(options.min_delay_ms, 0, kMaxGapMs)),
      max_delay_ms_(std::clamp<int64_t>(options.max_delay_ms, 0, kMaxGapMs)),
      concurrency_(std::max(1, options.per_host_concurrency)),
      adaptive_(options.adaptive),
      floor_ms_(min_delay_ms_),
      gap_ms_(min_delay_ms_) {}

void HostThrottle::SetCrawlDelay(std::optional<int64_t> crawl_delay_ms) {
  const int64_t crawl_delay = std::clamp<int64_t>(crawl_delay_ms.value_or(0), 0, max_delay_ms_);
  floor_ms_ = std::max(min_delay_ms_, crawl_delay);
  Clamp();
}

void HostThrottle::OnHealthy(int64_t latency_ms) {
  if (adaptive_) {
    const int64_t target = std::max<int64_t>(0, latency_ms) / concurrency_;
    gap_ms_ = (gap_ms_ + target) / 2;
  }
  Clamp();
}

void HostThrottle::OnTrouble() {
  // No overflow: Clamp() keeps the gap at most kMaxGapMs.
  if (adaptive_) gap_ms_ = std::max({2 * gap_ms_, floor_ms_, kTroubleStepMs});
  Clamp();
}

void HostThrottle::Clamp() {
  if (!adaptive_) {
    gap_ms_ = floor_ms_;
    return;
  }
  gap_ms_ = std::clamp(gap_ms_, floor_ms_, std::max(floor_ms_, max_delay_ms_));
}

}  // namespace strata::crawler
