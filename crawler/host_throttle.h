// HostThrottle: the gap one host gets between the starts of two requests, adapted to how the
// host is doing.
//
// The rule (with adaptive on; off, the gap is always the floor):
//   floor   = max(politeness.min_delay, the host's robots.txt Crawl-delay capped at max_delay)
//   healthy response (anything but a transient failure) with latency L:
//             target = L / per_host_concurrency      -- keeps about N requests' worth of the
//             gap    = max(floor, (gap + target) / 2)   server's time busy with us; halves the
//                                                        excess over the floor on each success
//   transient failure (connection error, timeout, 408, 429, 5xx):
//             gap    = max(2 * gap, floor, 1 s)      -- back off hard, whatever the floor
//   always:   gap    = min(gap, max(floor, max_delay))
// This is the shape of Scrapy's AutoThrottle (latency / target concurrency, averaged), plus
// multiplicative back-off on errors: a slow or failing host is asked less often, and a host
// that recovers returns to the floor geometrically.
//
// Thread-safety: none; PoliteFetcher uses each one on its strand.
#pragma once

#include <cstdint>
#include <optional>

#include "config/config.h"

namespace strata::crawler {

class HostThrottle {
 public:
  explicit HostThrottle(const config::PolitenessOptions& options);

  // Sets the host's robots.txt Crawl-delay (nullopt: none), which raises the floor.
  void SetCrawlDelay(std::optional<int64_t> crawl_delay_ms);

  void OnHealthy(int64_t latency_ms);
  void OnTrouble();

  int64_t gap_ms() const { return gap_ms_; }
  int64_t floor_ms() const { return floor_ms_; }

 private:
  void Clamp();

  // Copied, not referenced: a throttle may outlive the options it was made from.
  int64_t min_delay_ms_;
  int64_t max_delay_ms_;
  int concurrency_;
  bool adaptive_;
  int64_t floor_ms_;
  int64_t gap_ms_;
};

}  // namespace strata::crawler
