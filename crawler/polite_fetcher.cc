#include "crawler/polite_fetcher.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>  // before Asio: Boost 1.74's awaitable.hpp uses std::exchange (g++ 12, C++20)

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "crawler/host_key.h"
#include "crawler/host_throttle.h"
#include "crawler/retry_policy.h"
#include "crawler/robots_cache.h"

namespace strata::crawler {

namespace asio = boost::asio;
using boost::system::error_code;
using SteadyClock = std::chrono::steady_clock;
using SteadyTime = SteadyClock::time_point;
using Millis = std::chrono::milliseconds;

namespace {

// Host state is dropped again once idle; sweeping starts at this many hosts.
constexpr size_t kHostSweepThreshold = 4096;

std::string SecondsText(int64_t ms) {
  if (ms % 1000 == 0) return fmt::format("{} s", ms / 1000);
  return fmt::format("{:.1f} s", static_cast<double>(ms) / 1000.0);
}

}  // namespace

// Locking: every handler runs on strand_ and takes mutex_, which is therefore uncontended except
// when Stop() or the destructor (any thread) tear down while a handler runs. User `done`s and
// the inner fetcher's completions are always posted, never called with mutex_ held, so a `done`
// may call Fetch() or Stop().
class PoliteFetcher::Impl : public std::enable_shared_from_this<PoliteFetcher::Impl> {
 public:
  Impl(asio::io_context& io, Fetcher& inner, PoliteFetcherOptions options, const Clock& clock)
      : io_(io),
        inner_(inner),
        politeness_(options.politeness),
        respect_robots_(options.robots.respect),
        clock_(clock),
        strand_(asio::make_strand(io)),
        robots_(options.robots, clock, options.robots_store),
        retry_(options.retry, std::move(options.random_unit)),
        detect_block_(std::move(options.detect_block)) {
    politeness_.per_host_concurrency = std::max(1, politeness_.per_host_concurrency);
    politeness_.global_concurrency = std::max(1, politeness_.global_concurrency);
  }

  // Any thread.
  void Fetch(FetchRequest request, DoneFn done) {
    if (stopped_.load()) {
      PostDone(std::move(done),
               NotFetched(std::move(request.url), FetchOutcome::kAborted, "fetcher stopped"));
      return;
    }
    asio::post(strand_, [self = shared_from_this(), request = std::move(request),
                         done = std::move(done)]() mutable {
      std::lock_guard lock(self->mutex_);
      self->EnqueueLocked(std::move(request), std::move(done));
    });
  }

  // Any thread.
  void Stop() {
    stopped_.store(true);
    {
      std::lock_guard lock(mutex_);
      if (shut_down_) return;
      AbortWaitingLocked("fetcher stopped");
    }
    inner_.Stop();  // in-flight attempts come back kAborted through OnAttemptDone
  }

  // Any thread, once (the destructor). After it, inner_ is never touched again and no timer
  // exists, so neither may outlive this call safely.
  void Shutdown() {
    stopped_.store(true);
    {
      std::lock_guard lock(mutex_);
      AbortWaitingLocked("fetcher destroyed");
    }
    inner_.Stop();
    std::lock_guard lock(mutex_);
    shut_down_ = true;
    for (auto& [key, host] : hosts_) host->timer.reset();
  }

  // Any thread.
  void ReportBlocked(const std::string& url) {
    std::optional<HostKeys> keys = HostKeysOf(url);
    if (!keys || stopped_.load()) return;
    asio::post(strand_, [self = shared_from_this(), host_key = std::move(keys->host)] {
      std::lock_guard lock(self->mutex_);
      if (self->shut_down_) return;
      ++self->stats_.blocked;
      Host& host = self->HostForLocked(host_key);
      self->BackOffLocked(host);
      self->TryStartLocked(host);
    });
  }

  PoliteFetcherStats stats() const {
    std::lock_guard lock(mutex_);
    PoliteFetcherStats out = stats_;
    out.in_flight = static_cast<int64_t>(in_flight_.size());
    out.queued = static_cast<int64_t>(retry_waits_.size());
    for (const auto& [key, host] : hosts_) out.queued += static_cast<int64_t>(host->queue.size());
    out.hosts = static_cast<int64_t>(hosts_.size());
    return out;
  }

  std::vector<std::string> Sitemaps(std::string_view origin) const {
    std::lock_guard lock(mutex_);
    const RobotsEntry* entry = robots_.Peek(origin);
    return entry == nullptr ? std::vector<std::string>() : entry->sitemaps;
  }

 private:
  struct Pending {
    uint64_t id = 0;
    FetchRequest request;
    DoneFn done;  // empty for robots.txt fetches
    HostKeys keys;
    int attempts = 0;
    bool robots = false;  // fetching keys.origin's robots.txt
  };
  using PendingPtr = std::unique_ptr<Pending>;

  struct Host {
    Host(std::string host_key, const config::PolitenessOptions& options)
        : key(std::move(host_key)), throttle(options) {}

    const std::string key;
    std::deque<PendingPtr> queue;  // front is next; retries go back to the front
    int in_flight = 0;
    int waiting_retries = 0;
    bool started_any = false;
    SteadyTime last_start{};
    SteadyTime paused_until{};   // Retry-After within the cap
    SteadyTime refused_until{};  // Retry-After beyond the cap
    std::string refused_reason;
    HostThrottle throttle;
    std::unique_ptr<asio::steady_timer> timer;  // wakes the queue when the gap has passed
    bool timer_armed = false;
    SteadyTime timer_at{};
    uint64_t timer_generation = 0;
    bool starved = false;  // in starved_: ready but for a global slot
  };

  struct RetryWait {
    std::unique_ptr<asio::steady_timer> timer;
    PendingPtr pending;
  };

  FetchedPage NotFetched(std::string url, FetchOutcome outcome, std::string error) const {
    FetchedPage page;
    page.url = std::move(url);
    page.outcome = outcome;
    page.error = std::move(error);
    // Once shut down, the caller's clock may be gone: completions still owed use the system's.
    page.fetched_at_ms = shut_down_ ? SystemClock::Instance().Now() : clock_.Now();
    return page;
  }

  // Hands `page` to `done` from the strand, in a handler of its own (never under mutex_).
  void PostDone(DoneFn done, FetchedPage page) {
    asio::post(strand_, [done = std::move(done), page = std::move(page)]() mutable {
      if (done) done(std::move(page));
    });
  }

  // REQUIRES: mutex_ held (and so for every ...Locked function below).
  void EnqueueLocked(FetchRequest request, DoneFn done) {
    ++stats_.requests;
    if (stopped_.load() || shut_down_) {
      PostDone(std::move(done),
               NotFetched(std::move(request.url), FetchOutcome::kAborted, "fetcher stopped"));
      return;
    }
    std::optional<HostKeys> keys = HostKeysOf(request.url);
    if (!keys) {
      // No host to be polite to and no robots.txt to ask: never sent anywhere.
      std::string url = std::move(request.url);
      // Quoted, but not a megabyte of it: the URL itself is in page.url.
      const std::string_view shown = std::string_view(url).substr(0, 200);
      std::string error = fmt::format("not an absolute http(s) URL with a host: \"{}{}\"", shown,
                                      shown.size() < url.size() ? "..." : "");
      PostDone(std::move(done),
               NotFetched(std::move(url), FetchOutcome::kBadUrl, std::move(error)));
      return;
    }
    auto pending = std::make_unique<Pending>();
    pending->id = next_id_++;
    pending->request = std::move(request);
    pending->done = std::move(done);
    pending->keys = std::move(*keys);
    Host& host = HostForLocked(pending->keys.host);
    host.queue.push_back(std::move(pending));
    TryStartLocked(host);
  }

  Host& HostForLocked(const std::string& key) {
    auto it = hosts_.find(key);
    if (it != hosts_.end()) return *it->second;
    if (hosts_.size() >= sweep_at_) SweepIdleHostsLocked();
    return *hosts_.emplace(key, std::make_unique<Host>(key, politeness_)).first->second;
  }

  Host* FindHostLocked(const std::string& key) {
    auto it = hosts_.find(key);
    return it == hosts_.end() ? nullptr : it->second.get();
  }

  // Forgets hosts with nothing queued, running or pending whose gap has passed: a long crawl
  // over many sites must not keep them all. A forgotten host starts again at the floor gap.
  void SweepIdleHostsLocked() {
    const SteadyTime now = SteadyClock::now();
    for (auto it = hosts_.begin(); it != hosts_.end();) {
      const Host& host = *it->second;
      const bool idle = host.queue.empty() && host.in_flight == 0 && host.waiting_retries == 0 &&
                        !host.timer_armed && !host.starved && now >= NextStartLocked(host) &&
                        now >= host.refused_until;
      it = idle ? hosts_.erase(it) : std::next(it);
    }
    sweep_at_ = std::max(kHostSweepThreshold, 2 * hosts_.size());
  }

  // When the host may start its next request: the gap after its last start, and any pause.
  SteadyTime NextStartLocked(const Host& host) const {
    SteadyTime at = host.paused_until;
    if (host.started_any) at = std::max(at, host.last_start + Millis(host.throttle.gap_ms()));
    return at;
  }

  // Starts what the host's queue may start now; for the rest, arranges to be called again (a
  // host timer, a global slot) or relies on a completion of this host calling it.
  void TryStartLocked(Host& host) {
    while (!host.queue.empty() && !stopped_.load() && !shut_down_) {
      const SteadyTime now = SteadyClock::now();
      Pending& front = *host.queue.front();
      if (now < host.refused_until) {
        ++stats_.refused;
        PendingPtr refused = PopFront(host);
        FetchedPage page =
            NotFetched(refused->request.url, FetchOutcome::kBlocked, host.refused_reason);
        FinishLocked(host, std::move(refused), std::move(page));
        continue;
      }
      if (respect_robots_ && !front.robots) {
        const std::string& origin = front.keys.origin;
        if (robots_fetching_.contains(origin)) return;  // its completion calls us again
        const RobotsEntry* entry = robots_.Find(origin);
        if (entry == nullptr) {
          robots_fetching_.insert(origin);
          host.queue.push_front(MakeRobotsPending(front.keys));
          ++stats_.robots_fetches;
          continue;
        }
        host.throttle.SetCrawlDelay(entry->rules.crawl_delay_ms());
        const RobotsVerdict verdict = entry->rules.Check(front.keys.path);
        if (!verdict.allowed) {
          ++stats_.disallowed;
          PendingPtr disallowed = PopFront(host);
          FetchedPage page = NotFetched(disallowed->request.url, FetchOutcome::kDisallowedByRobots,
                                        entry->DisallowReason(origin, verdict));
          FinishLocked(host, std::move(disallowed), std::move(page));
          continue;
        }
      }
      if (host.in_flight >= politeness_.per_host_concurrency) return;
      const SteadyTime ready_at = NextStartLocked(host);
      if (now < ready_at) {
        ArmHostTimerLocked(host, ready_at);
        return;
      }
      if (global_in_flight_ >= politeness_.global_concurrency) {
        if (!host.starved) {
          host.starved = true;
          starved_.push_back(&host);
        }
        return;
      }
      StartAttemptLocked(host, PopFront(host), now);
    }
  }

  static PendingPtr PopFront(Host& host) {
    PendingPtr front = std::move(host.queue.front());
    host.queue.pop_front();
    return front;
  }

  PendingPtr MakeRobotsPending(const HostKeys& keys) {
    auto pending = std::make_unique<Pending>();
    pending->id = next_id_++;
    pending->request.url = RobotsCache::RobotsUrl(keys.origin);
    pending->keys = HostKeys{keys.host, keys.origin, "/robots.txt"};
    pending->robots = true;
    return pending;
  }

  // Gives freed global slots to the hosts that waited for one, in the order they began waiting.
  void ServeStarvedLocked() {
    while (global_in_flight_ < politeness_.global_concurrency && !starved_.empty()) {
      Host* host = starved_.front();
      starved_.pop_front();
      host->starved = false;
      TryStartLocked(*host);
    }
  }

  void ArmHostTimerLocked(Host& host, SteadyTime at) {
    if (host.timer_armed && host.timer_at <= at) return;  // an earlier wake-up re-checks
    if (!host.timer) host.timer = std::make_unique<asio::steady_timer>(io_);
    host.timer_armed = true;
    host.timer_at = at;
    // Generations are unique across hosts, so a stale wake-up of a swept host that came back
    // under the same key cannot pass for the new one's.
    host.timer_generation = ++timer_generation_;
    host.timer->expires_at(at);  // cancels the previous wait, if any
    host.timer->async_wait(
        asio::bind_executor(strand_, [weak = weak_from_this(), key = host.key,
                                      generation = host.timer_generation](error_code ec) {
          if (ec == asio::error::operation_aborted) return;
          if (auto self = weak.lock()) self->OnHostTimer(key, generation);
        }));
  }

  void OnHostTimer(const std::string& key, uint64_t generation) {
    std::lock_guard lock(mutex_);
    Host* host = FindHostLocked(key);
    if (host == nullptr || host->timer_generation != generation || !host->timer_armed) return;
    host->timer_armed = false;
    TryStartLocked(*host);
  }

  void StartAttemptLocked(Host& host, PendingPtr pending, SteadyTime now) {
    ++pending->attempts;
    ++stats_.attempts;
    ++host.in_flight;
    ++global_in_flight_;
    host.started_any = true;
    host.last_start = now;
    const uint64_t id = pending->id;
    FetchRequest request = pending->request;  // kept for a retry
    in_flight_.emplace(id, std::move(pending));
    // A strong reference: the completion must reach OnAttemptDone (and the caller's `done`) even
    // if the PoliteFetcher is destroyed meanwhile.
    inner_.Fetch(std::move(request), [self = shared_from_this(), id](FetchedPage page) {
      asio::post(self->strand_, [self, id, page = std::move(page)]() mutable {
        self->OnAttemptDone(id, std::move(page));
      });
    });
  }

  void OnAttemptDone(uint64_t id, FetchedPage page) {
    std::lock_guard lock(mutex_);
    auto node = in_flight_.extract(id);
    if (node.empty()) return;
    PendingPtr pending = std::move(node.mapped());
    Host* host = FindHostLocked(pending->keys.host);  // never swept while in flight
    --host->in_flight;
    --global_in_flight_;
    if (shut_down_) {
      // The robots store and the clock may be gone: deliver as is, record nothing.
      if (!pending->robots) PostDone(std::move(pending->done), std::move(page));
      return;
    }
    if (stopped_.load()) {
      FinishLocked(*host, std::move(pending), std::move(page));
      return;
    }
    if (RetryPolicy::IsTransient(page)) {
      host->throttle.OnTrouble();
    } else if (page.ok()) {
      host->throttle.OnHealthy(page.elapsed_ms);
    }
    RetryDecision decision = retry_.Decide(page, pending->attempts, clock_.Now());
    const SteadyTime now = SteadyClock::now();
    if (decision.pause_host_ms > 0) {
      host->paused_until = std::max(host->paused_until, now + Millis(decision.pause_host_ms));
    }
    if (decision.refuse_host_ms > 0) {
      host->refused_until = std::max(host->refused_until, now + Millis(decision.refuse_host_ms));
      host->refused_reason = fmt::format(
          "not fetched: {} asked to be left alone for {} (Retry-After on HTTP {}), more than "
          "retry.max_retry_after",
          host->key, SecondsText(decision.refuse_host_ms), page.http_status);
    }
    if (decision.retry) {
      ++stats_.retries;
      if (decision.delay_ms > 0) {
        ScheduleRetryLocked(*host, std::move(pending), decision.delay_ms);
      } else {
        host->queue.push_front(std::move(pending));  // a pause, if any, holds it
      }
    } else {
      RetryPolicy::AnnotateFinal(page, pending->attempts, decision.reason);
      if (!pending->robots) DetectBlockLocked(*host, page);
      FinishLocked(*host, std::move(pending), std::move(page));
    }
    ServeStarvedLocked();
    TryStartLocked(*host);
  }

  // Block-page recognition of a final response (PoliteFetcherOptions::detect_block).
  void DetectBlockLocked(Host& host, FetchedPage& page) {
    if (!detect_block_ || !page.ok()) return;
    std::string reason = detect_block_(page);
    if (reason.empty()) return;
    ++stats_.blocked;
    // A 429 backed off already, as a transient failure.
    if (!RetryPolicy::IsTransient(page)) BackOffLocked(host);
    if (!page.error.empty()) reason += " (" + page.error + ")";
    page.outcome = FetchOutcome::kBlocked;
    page.error = std::move(reason);
  }

  // A block page: the host's gap grows as after a transient failure; a host with no request
  // started yet (a fresh or swept state) waits that gap from now.
  void BackOffLocked(Host& host) {
    host.throttle.OnTrouble();
    if (!host.started_any) {
      host.paused_until =
          std::max(host.paused_until, SteadyClock::now() + Millis(host.throttle.gap_ms()));
    }
  }

  void ScheduleRetryLocked(Host& host, PendingPtr pending, int64_t delay_ms) {
    ++host.waiting_retries;
    const uint64_t id = pending->id;
    auto timer = std::make_unique<asio::steady_timer>(io_, Millis(delay_ms));
    timer->async_wait(asio::bind_executor(strand_, [weak = weak_from_this(), id](error_code ec) {
      if (ec == asio::error::operation_aborted) return;
      if (auto self = weak.lock()) self->OnRetryTimer(id);
    }));
    retry_waits_.emplace(id, RetryWait{std::move(timer), std::move(pending)});
  }

  void OnRetryTimer(uint64_t id) {
    std::lock_guard lock(mutex_);
    auto node = retry_waits_.extract(id);
    if (node.empty()) return;  // aborted meanwhile
    PendingPtr pending = std::move(node.mapped().pending);
    Host* host = FindHostLocked(pending->keys.host);  // never swept while a retry waits
    --host->waiting_retries;
    host->queue.push_front(std::move(pending));
    TryStartLocked(*host);
  }

  // The request is over: to its `done`, or, for robots.txt, into the cache.
  void FinishLocked(Host& host, PendingPtr pending, FetchedPage page) {
    if (!pending->robots) {
      PostDone(std::move(pending->done), std::move(page));
      return;
    }
    const std::string& origin = pending->keys.origin;
    robots_fetching_.erase(origin);
    if (page.outcome == FetchOutcome::kAborted) {
      // Says nothing about the site, and asking again would be aborted again: fail what waited.
      for (auto it = host.queue.begin(); it != host.queue.end();) {
        if ((*it)->keys.origin != origin || (*it)->robots) {
          ++it;
          continue;
        }
        PostDone(std::move((*it)->done),
                 NotFetched((*it)->request.url, FetchOutcome::kAborted,
                            "aborted while fetching " + RobotsCache::RobotsUrl(origin)));
        it = host.queue.erase(it);
      }
      return;
    }
    const RobotsEntry& entry = robots_.Record(origin, page);
    host.throttle.SetCrawlDelay(entry.rules.crawl_delay_ms());
  }

  // Aborts everything that is not with the inner fetcher: host queues and retry waits.
  void AbortWaitingLocked(std::string_view why) {
    for (auto& [key, host] : hosts_) {
      for (PendingPtr& pending : host->queue) {
        if (!pending->robots) {
          PostDone(std::move(pending->done),
                   NotFetched(pending->request.url, FetchOutcome::kAborted, std::string(why)));
        }
      }
      host->queue.clear();
      host->waiting_retries = 0;
      host->starved = false;
      host->timer_armed = false;
      if (host->timer) host->timer->cancel();
    }
    starved_.clear();
    for (auto& [id, wait] : retry_waits_) {
      wait.timer->cancel();
      if (!wait.pending->robots) {
        PostDone(std::move(wait.pending->done),
                 NotFetched(wait.pending->request.url, FetchOutcome::kAborted, std::string(why)));
      }
    }
    retry_waits_.clear();
    robots_fetching_.clear();
  }

  asio::io_context& io_;
  Fetcher& inner_;  // never used once shut_down_
  config::PolitenessOptions politeness_;
  const bool respect_robots_;
  const Clock& clock_;
  const asio::strand<asio::io_context::executor_type> strand_;
  std::atomic<bool> stopped_{false};

  mutable std::mutex mutex_;
  // Guarded by mutex_.
  bool shut_down_ = false;
  RobotsCache robots_;
  RetryPolicy retry_;
  std::unordered_map<std::string, std::unique_ptr<Host>> hosts_;
  size_t sweep_at_ = kHostSweepThreshold;
  std::deque<Host*> starved_;  // hosts ready but for a global slot, first come first served
  std::unordered_map<uint64_t, PendingPtr> in_flight_;
  std::unordered_map<uint64_t, RetryWait> retry_waits_;
  std::unordered_set<std::string> robots_fetching_;  // origins whose robots.txt is on its way
  int global_in_flight_ = 0;
  uint64_t next_id_ = 1;
  uint64_t timer_generation_ = 0;
  PoliteFetcherStats stats_;
  const std::function<std::string(const FetchedPage&)> detect_block_;  // may be empty
};

PoliteFetcher::PoliteFetcher(asio::io_context& io, Fetcher& inner, PoliteFetcherOptions options,
                             const Clock& clock)
    : impl_(std::make_shared<Impl>(io, inner, std::move(options), clock)) {}

PoliteFetcher::~PoliteFetcher() { impl_->Shutdown(); }

void PoliteFetcher::Fetch(FetchRequest request, DoneFn done) {
  impl_->Fetch(std::move(request), std::move(done));
}

void PoliteFetcher::Stop() { impl_->Stop(); }

void PoliteFetcher::ReportBlocked(const std::string& url) { impl_->ReportBlocked(url); }

PoliteFetcherStats PoliteFetcher::stats() const { return impl_->stats(); }

std::vector<std::string> PoliteFetcher::Sitemaps(std::string_view origin) const {
  return impl_->Sitemaps(origin);
}

PoliteFetcherOptions PolicyOptionsFrom(const config::Config& config, KvStore* robots_store) {
  PoliteFetcherOptions options;
  options.politeness = config.politeness;
  options.robots = config.robots;
  options.retry = config.retry;
  options.robots_store = robots_store;
  return options;
}

std::unique_ptr<PoliteFetcher> MakePoliteFetcher(asio::io_context& io, Fetcher& inner,
                                                 const config::Config& config, const Clock& clock,
                                                 KvStore* robots_store) {
  return std::make_unique<PoliteFetcher>(io, inner, PolicyOptionsFrom(config, robots_store), clock);
}

config::FetchOptions FetchLoopOptionsFor(const config::Config& config) {
  config::FetchOptions options = config.fetch;
  options.max_connections_per_host =
      std::max(options.max_connections_per_host, config.politeness.per_host_concurrency);
  options.max_connections_total =
      std::max(options.max_connections_total, config.politeness.global_concurrency);
  return options;
}

}  // namespace strata::crawler
