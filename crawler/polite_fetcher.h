// PoliteFetcher: the fetch policy layer. A Fetcher over another Fetcher (FetchLoop in
// production) that decides WHEN and WHETHER each request is sent:
//
//   Fetch(req) --post--> [strand] host queue (lower-case host[:port], FIFO)
//     |  refused host (Retry-After beyond the cap)?  -> done(kBlocked)
//     |  robots.txt of the origin unknown/expired?   -> fetch it first, through this same
//     |                                                 queue (it is a request to that host)
//     |  disallowed by robots.txt?                   -> done(kDisallowedByRobots)
//     |  host in flight < per_host_concurrency, gap since the last start to this host
//     |  elapsed, host not paused, global in flight < limit?
//     v  (otherwise wait: a host timer, a completion, or a global slot)
//   inner.Fetch(req) ... done(page) --post--> [strand]
//     |  adapt the host's gap (host_throttle.h)
//     |  transient failure? RetryPolicy: back-off timer, or pause the host (Retry-After),
//     |  then back to the FRONT of the host queue
//     v
//   done(final page): last outcome; error says how many attempts
//
// Requests wait here, never inside libcurl: a queued request has not started, so no timeout
// counts its waiting. One host that is slow, dripping or endless holds only its own slots (at
// most per_host_concurrency of the global ones); every other host keeps going.
//
// Conditional GET is the caller's business: If-None-Match / If-Modified-Since pass through as
// headers, and a 304 comes back untouched (it is not a failure, so it is never retried).
//
// Thread-safety: Fetch(), Stop(), stats() and the destructor may be called from any thread.
// All policy state lives on one strand of `io` (guarded by a mutex that only Stop() and the
// destructor ever contend for). `done` runs on that strand, never inside Fetch() and never
// concurrently with another `done` of this fetcher. The inner fetcher's completions are posted to
// the strand, so the inner may call `done` from anywhere.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/kv_store.h"
#include "common/time.h"
#include "config/config.h"
#include "crawler/fetcher.h"

namespace boost::asio {
class io_context;
}

namespace strata::crawler {

struct PoliteFetcherOptions {
  config::PolitenessOptions politeness;
  config::RobotsOptions robots;
  config::RetryOptions retry;
  // When set, robots.txt answers are also kept there under "robots/<origin>" (a later run skips
  // fetching what has not expired). Must outlive the fetcher.
  KvStore* robots_store = nullptr;
  // TEST hook: the jitter source for retries (uniform in [0, 1]); default a seeded PRNG.
  std::function<double()> random_unit;
  // Block-page recognition (shell, issue 6): called on the strand with each final response
  // (not robots.txt; not a response that is retried); a non-empty result is the reason the
  // response is a block page (parser::DetectBlockResponse). The page is then delivered as
  // kBlocked with that reason as its error, and the host backs off as after a transient
  // failure. Must be cheap: it runs on the fetcher's one thread. Empty: no recognition.
  std::function<std::string(const FetchedPage&)> detect_block;
};

// Counters since construction, and what is waiting now.
struct PoliteFetcherStats {
  int64_t requests = 0;        // Fetch() calls
  int64_t attempts = 0;        // requests handed to the inner fetcher (retries, robots.txt too)
  int64_t retries = 0;         // of them, retries
  int64_t robots_fetches = 0;  // robots.txt fetches begun
  int64_t disallowed = 0;      // requests answered kDisallowedByRobots
  int64_t refused = 0;         // requests answered kBlocked (host asked to wait past the cap)
  int64_t blocked = 0;         // responses that were block pages (detect_block, ReportBlocked)
  int64_t queued = 0;          // now: waiting in host queues or for a retry
  int64_t in_flight = 0;       // now: with the inner fetcher
  int64_t hosts = 0;           // now: hosts with state kept
};

class PoliteFetcher final : public Fetcher {
 public:
  // `io` and `inner` must outlive this object; `inner` is used by this fetcher alone (Stop() and
  // the destructor stop it too). `clock` (wall time: robots.txt expiry, Retry-After dates) must
  // outlive it as well; the pacing itself uses std::chrono::steady_clock and Asio timers.
  PoliteFetcher(boost::asio::io_context& io, Fetcher& inner, PoliteFetcherOptions options,
                const Clock& clock);
  // Stops (as Stop()). Completions still owed are posted: they run if the io_context runs again.
  ~PoliteFetcher() override;
  PoliteFetcher(const PoliteFetcher&) = delete;
  PoliteFetcher& operator=(const PoliteFetcher&) = delete;

  // Queues `request`. `done` is called exactly once (see the file comment for where), with the
  // final page: kBadUrl for a URL that is not absolute http(s), kDisallowedByRobots (error names
  // the rule, or the robots.txt failure), kBlocked for a host that asked to be left alone longer
  // than retry.max_retry_after, kAborted after Stop(); otherwise the inner fetcher's last page,
  // whose error counts the attempts when there was more than one and it still failed.
  void Fetch(FetchRequest request, DoneFn done) override;

  // Aborts everything queued or waiting for a retry (kAborted), stops the inner fetcher (so
  // what is in flight comes back kAborted too) and refuses new requests, for good.
  void Stop() override;

  // Backs the host of `url` off as after a transient failure (Fetcher::ReportBlocked).
  void ReportBlocked(const std::string& url) override;

  PoliteFetcherStats stats() const;

  // The Sitemap URLs of `origin`'s ("https://host[:port]") robots.txt as last fetched by this
  // fetcher; empty when it was not fetched (yet), or names none.
  std::vector<std::string> Sitemaps(std::string_view origin) const;

 private:
  class Impl;
  std::shared_ptr<Impl> impl_;
};

// The policy options of a loaded config (politeness, robots, retry sections).
PoliteFetcherOptions PolicyOptionsFrom(const config::Config& config,
                                       KvStore* robots_store = nullptr);

// The factory the jobs use: a PoliteFetcher over `inner` configured from `config`
// ([politeness], [robots], [retry]); `robots_store` as in PoliteFetcherOptions.
std::unique_ptr<PoliteFetcher> MakePoliteFetcher(boost::asio::io_context& io, Fetcher& inner,
                                                 const config::Config& config, const Clock& clock,
                                                 KvStore* robots_store = nullptr);

// config.fetch with libcurl's connection limits raised to at least the politeness limits, for
// the FetchLoop under a PoliteFetcher: the policy admits requests, and libcurl must not queue
// them again (its queue time would count against the transfer's timeout).
config::FetchOptions FetchLoopOptionsFor(const config::Config& config);

}  // namespace strata::crawler
