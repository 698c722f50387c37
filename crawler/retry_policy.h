// RetryPolicy: which failed fetches are tried again, after how long, and what the final page
// says when they are not.
//
// Retried (transient): connection errors and resets (kNetworkError), timeouts (kTimeout), and
// responses 408, 429 and 5xx. Everything else is final at once: 304 and every other 1xx-4xx
// response, a too-large body, too many redirects, a bad URL, robots.txt, abort. POST is retried
// like GET: strata's POSTs are read-only API queries.
//
// How long: retry n waits a "full jitter" back-off (backoff.h), uniform in
// [0, min(max_delay, base_delay * 2^(n-1))], at most max_retries times. A 429 or 503 carrying
// Retry-After instead pauses the whole host until then (the caller holds every queued request of
// that host); a Retry-After beyond max_retry_after is not waited for: the request fails saying
// so, and the caller refuses the host's requests until that time rather than asking again.
//
// Thread-safety: Decide() draws from a random generator: one thread at a time (PoliteFetcher
// calls it on its strand). The static functions are pure.
#pragma once

#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <string_view>

#include "common/fetched_page.h"
#include "common/time.h"
#include "config/config.h"

namespace strata::crawler {

struct RetryDecision {
  bool retry = false;
  int64_t delay_ms = 0;        // back-off before the retry (0 when a host pause covers it)
  int64_t pause_host_ms = 0;   // Retry-After: hold every request of this host this long
  int64_t refuse_host_ms = 0;  // Retry-After beyond the cap: fail the host's requests this long
  std::string reason;          // for a final failure that the page alone does not explain
};

class RetryPolicy {
 public:
  // `random_unit` returns uniform numbers in [0, 1] for the jitter; by default a PRNG seeded
  // from std::random_device. Tests pass a constant.
  explicit RetryPolicy(const config::RetryOptions& options,
                       std::function<double()> random_unit = nullptr);

  // Whether `page` failed in a way worth retrying.
  static bool IsTransient(const FetchedPage& page);

  // What to do after attempt number `attempts` (1 for the first request) ended with `page`.
  // `now` is the wall clock, for Retry-After dates.
  RetryDecision Decide(const FetchedPage& page, int attempts, UnixMillis now);

  // Writes into the final page how many attempts were made (when more than one) and `reason`
  // (when not empty), so that the recorded failure explains itself: a 503 page gets
  // error "gave up after 4 attempts", a timeout "timeout after 300 ms (gave up after 4
  // attempts)". A page that succeeded on a retry keeps error "".
  static void AnnotateFinal(FetchedPage& page, int attempts, std::string_view reason);

  const config::RetryOptions& options() const { return options_; }

 private:
  const config::RetryOptions options_;
  std::function<double()> random_unit_;
  std::mt19937_64 rng_;
};

}  // namespace strata::crawler
