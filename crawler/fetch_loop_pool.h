// FetchLoopPool: several FetchLoops behind one Fetcher, so that libcurl's work (sending
// requests, reading responses, its per-request bookkeeping) is spread over more than one thread.
// One loop runs on the caller's io_context; each other loop has an io_context and a thread of
// its own.
//
//   Fetch(req) --pick a loop--> FetchLoop 0 (caller's io)    --done-->
//                          \--> FetchLoop 1 (own io, thread) --done-->  (on that loop's thread)
//
// Why: a re-crawl of an unchanged site is a stream of small 304s, and one thread running libcurl
// for all of them is the crawl's limit long before the cores are. A first crawl is bound by
// parsing, and the extra loop idles.
//
// When: only while requests start faster than `spread_above_per_second` (default 3,000 a
// second, measured over 100 ms; spreading stops below half that). Below it every request goes
// to the first loop unless that loop's share of the host's connections is taken: a loop on
// another thread costs a wake-up and a context switch a transfer, which a crawl bound by
// parsing (~800 pages a second on two cores) or by politeness pays for nothing (~5% more CPU
// in a first crawl of the benchmark site).
//
// Which loop, when spreading: the one with the fewest of this host's transfers in flight; among
// equals the host's home loop (a hash of host[:port]), then the least busy. A host asked one
// request at a time therefore always goes to the same loop and reuses its connection; a host
// asked many at once has them spread evenly. libcurl's connection limits are divided between the
// loops so that the configured totals still hold; a loop where the host's share is taken comes
// last in either mode.
//
// Thread-safety: Fetch(), Stop(), in_flight() and the destructor may be called from any thread.
// `done` runs on the thread of the loop that made the transfer: with more than one loop,
// completions may run concurrently (PoliteFetcher, the one user, posts them to its strand).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "config/config.h"
#include "crawler/fetcher.h"

namespace boost::asio {
class io_context;
}

namespace strata::crawler {

class FetchLoopPool final : public Fetcher {
 public:
  static constexpr size_t kSpreadAbovePerSecond = 3000;

  // `loops` >= 1 (0 counts as 1); the first runs on `io`, which must outlive this object.
  // `spread_above_per_second` 0: always spread.
  FetchLoopPool(boost::asio::io_context& io, const config::FetchOptions& options, size_t loops,
                size_t spread_above_per_second = kSpreadAbovePerSecond);
  // Stops every loop (the aborted transfers' `done`s run on their loops' threads before this
  // returns, except those of the loop on `io`, which run when `io` runs again) and joins the
  // threads.
  ~FetchLoopPool();
  FetchLoopPool(const FetchLoopPool&) = delete;
  FetchLoopPool& operator=(const FetchLoopPool&) = delete;

  void Fetch(FetchRequest request, DoneFn done) override;
  void Stop() override;

  size_t loops() const;
  // Fetch() calls whose `done` has not run yet, over all loops.
  size_t in_flight() const;
  // Transfers started on each loop since construction (for tests and diagnostics).
  size_t started_on(size_t loop) const;

 private:
  class Impl;
  std::shared_ptr<Impl> impl_;
};

// The host[:port] of an absolute URL as written (no normalisation): what FetchLoopPool keys its
// choice on. Empty when the URL has no "scheme://".
std::string_view UrlAuthority(std::string_view url);

}  // namespace strata::crawler
