#include "crawler/retry_policy.h"

#include <fmt/format.h>

#include "crawler/backoff.h"
#include "crawler/retry_after.h"

namespace strata::crawler {
namespace {

bool IsTransientStatus(int status) { return status == 408 || status == 429 || status >= 500; }

std::string Seconds(int64_t ms) {
  if (ms % 1000 == 0) return fmt::format("{} s", ms / 1000);
  return fmt::format("{:.1f} s", static_cast<double>(ms) / 1000.0);
}

}  // namespace

RetryPolicy::RetryPolicy(const config::RetryOptions& options, std::function<double()> random_unit)
    : options_(options), random_unit_(std::move(random_unit)), rng_(std::random_device{}()) {}

bool RetryPolicy::IsTransient(const FetchedPage& page) {
  switch (page.outcome) {
    case FetchOutcome::kNetworkError:
    case FetchOutcome::kTimeout:
      return true;
    case FetchOutcome::kOk:
      return IsTransientStatus(page.http_status);
    default:
      return false;
  }
}

RetryDecision RetryPolicy::Decide(const FetchedPage& page, int attempts, UnixMillis now) {
  RetryDecision decision;
  if (!IsTransient(page)) return decision;
  const bool exhausted = attempts > options_.max_retries;
  if (page.ok() && (page.http_status == 429 || page.http_status == 503)) {
    const std::string_view header = FindHeader(page.response_headers, "retry-after");
    std::optional<int64_t> wait = header.empty() ? std::nullopt : ParseRetryAfterMs(header, now);
    if (wait && *wait > options_.max_retry_after_ms) {
      decision.refuse_host_ms = *wait;
      decision.reason =
          fmt::format("Retry-After asks for {}, more than retry.max_retry_after ({}); not retried",
                      Seconds(*wait), Seconds(options_.max_retry_after_ms));
      return decision;
    }
    if (wait && *wait > 0) {
      // The host asked everyone to wait, whether or not this request gets another try.
      decision.pause_host_ms = *wait;
      decision.retry = !exhausted;
      return decision;
    }
  }
  if (exhausted) return decision;
  decision.retry = true;
  const int64_t ceiling = BackoffCeilingMs(attempts, options_.base_delay_ms, options_.max_delay_ms);
  double unit = 0;
  if (random_unit_) {
    unit = random_unit_();
  } else {
    unit = std::uniform_real_distribution<double>(0.0, 1.0)(rng_);
  }
  decision.delay_ms = FullJitterMs(ceiling, unit);
  return decision;
}

void RetryPolicy::AnnotateFinal(FetchedPage& page, int attempts, std::string_view reason) {
  std::string note(reason);
  // Only a page that still failed gets the count: a retry that succeeded is just a success.
  if (attempts > 1 && (IsTransient(page) || !reason.empty())) {
    if (!note.empty()) note += ", ";
    note += fmt::format("gave up after {} attempts", attempts);
  }
  if (note.empty()) return;
  if (page.error.empty()) {
    page.error = std::move(note);
  } else {
    page.error += " (" + note + ")";
  }
}

}  // namespace strata::crawler
