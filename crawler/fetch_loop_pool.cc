#include "crawler/fetch_loop_pool.h"

#include <pthread.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <utility>  // before Asio: Boost 1.74's awaitable.hpp uses std::exchange (g++ 12, C++20)
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "crawler/fetch_loop.h"

namespace strata::crawler {

namespace asio = boost::asio;

std::string_view UrlAuthority(std::string_view url) {
  const size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return {};
  const size_t start = scheme_end + 3;
  const size_t end = url.find_first_of("/?#", start);
  return url.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
}

namespace {

// `total` split into `parts` shares that differ by at most one and add up to it.
int ShareOf(int total, size_t parts, size_t index) {
  const auto n = static_cast<int>(parts);
  return total / n + (static_cast<int>(index) < total % n ? 1 : 0);
}

}  // namespace

// Locking: mutex_ guards the per-host and per-loop counts only; it is never held while calling
// into a FetchLoop or a caller's `done`, so completions on the loops' threads cannot deadlock
// with Fetch() or the teardown.
class FetchLoopPool::Impl : public std::enable_shared_from_this<FetchLoopPool::Impl> {
 public:
  Impl(asio::io_context& io, const config::FetchOptions& options, size_t loops,
       size_t spread_above_per_second)
      : spread_above_per_second_(spread_above_per_second),
        spreading_(spread_above_per_second == 0),
        window_start_(std::chrono::steady_clock::now()) {
    // Each loop needs a share of at least one connection of each limit, so that together they
    // stay within the configured ones.
    const size_t limit = static_cast<size_t>(
        std::max(1, std::min(options.max_connections_total, options.max_connections_per_host)));
    const size_t count = std::clamp<size_t>(loops, 1, limit);
    loops_.reserve(count);
    for (size_t i = 0; i < count; ++i) {
      auto loop = std::make_unique<Loop>();
      config::FetchOptions share = options;
      share.max_connections_total = ShareOf(options.max_connections_total, count, i);
      share.max_connections_per_host = ShareOf(options.max_connections_per_host, count, i);
      loop->host_share = static_cast<size_t>(share.max_connections_per_host);
      asio::io_context* loop_io = &io;
      if (i > 0) {
        loop->own_io = std::make_unique<asio::io_context>(1);
        loop->work.emplace(loop->own_io->get_executor());
        loop_io = loop->own_io.get();
      }
      loop->fetch_loop = std::make_unique<FetchLoop>(*loop_io, share);
      if (i > 0) {
        loop->thread = std::thread([loop_io, i] {
          const std::string name = "strata-fetch" + std::to_string(i);
          pthread_setname_np(pthread_self(), name.c_str());
          loop_io->run();
        });
      }
      loops_.push_back(std::move(loop));
    }
  }

  ~Impl() { Shutdown(); }

  // Any thread.
  void Fetch(FetchRequest request, DoneFn done) {
    std::string host(UrlAuthority(request.url));
    size_t chosen = 0;
    FetchLoop* loop = nullptr;
    {
      std::lock_guard lock(mutex_);
      if (!shut_down_) {
        CountStartLocked();
        chosen = PickLocked(host);
        std::vector<size_t>& counts = host_in_flight_[host];
        if (counts.empty()) counts.assign(loops_.size(), 0);
        ++counts[chosen];
        ++loops_[chosen]->in_flight;
        loop = loops_[chosen]->fetch_loop.get();
      }
    }
    if (loop == nullptr) {  // only through a misuse (Fetch during destruction); still answered
      FetchedPage page;
      page.url = std::move(request.url);
      page.outcome = FetchOutcome::kAborted;
      page.error = "fetch loop pool destroyed";
      if (done) done(std::move(page));
      return;
    }
    loops_[chosen]->started.fetch_add(1, std::memory_order_relaxed);
    // A strong reference: the counts must be taken back even if the pool is being destroyed.
    auto release_then_done = [self = shared_from_this(), chosen, host = std::move(host),
                              done = std::move(done)](FetchedPage page) mutable {
      self->Release(host, chosen);
      if (done) done(std::move(page));
    };
    loop->Fetch(std::move(request), std::move(release_then_done));
  }

  // Any thread.
  void Stop() {
    for (auto& loop : loops_) {
      if (loop->fetch_loop) loop->fetch_loop->Stop();
    }
  }

  // Any thread; idempotent. The loops are destroyed first: each aborts its transfers (posting
  // their `done`s to its io_context) and gives up its socket waits and timer. Then each own
  // io_context runs out of work, so its thread runs those `done`s and returns.
  void Shutdown() {
    std::call_once(shutdown_once_, [this] {
      {
        std::lock_guard lock(mutex_);
        shut_down_ = true;
      }
      for (auto& loop : loops_) loop->fetch_loop.reset();
      for (auto& loop : loops_) {
        loop->work.reset();
        if (loop->thread.joinable()) loop->thread.join();
      }
    });
  }

  size_t loops() const { return loops_.size(); }

  size_t in_flight() const {
    std::lock_guard lock(mutex_);
    size_t total = 0;
    for (const auto& loop : loops_) total += loop->in_flight;
    return total;
  }

  size_t started_on(size_t index) const {
    return index < loops_.size() ? loops_[index]->started.load(std::memory_order_relaxed) : 0;
  }

 private:
  struct Loop {
    std::unique_ptr<asio::io_context> own_io;  // null for the loop on the caller's io_context
    std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
    std::unique_ptr<FetchLoop> fetch_loop;
    std::thread thread;
    size_t host_share = 1;  // its part of max_connections_per_host
    size_t in_flight = 0;   // guarded by mutex_
    std::atomic<size_t> started{0};
  };

  // REQUIRES: mutex_ held. Counts a start and, at the end of each window, decides whether
  // requests come fast enough to spread (with hysteresis: on at the threshold, off below half).
  void CountStartLocked() {
    ++window_starts_;
    if (spread_above_per_second_ == 0) return;
    const auto now = std::chrono::steady_clock::now();
    const auto elapsed = now - window_start_;
    if (elapsed < kWindow) return;
    const double per_second =
        static_cast<double>(window_starts_) / std::chrono::duration<double>(elapsed).count();
    const auto threshold = static_cast<double>(spread_above_per_second_);
    spreading_ = per_second >= (spreading_ ? threshold / 2 : threshold);
    window_start_ = now;
    window_starts_ = 0;
  }

  // REQUIRES: mutex_ held. Loops where this host is below its share come first. Spreading: then
  // the fewest of the host's transfers, the host's home loop, the fewest transfers in all. Not
  // spreading: the first loop, then as when spreading.
  size_t PickLocked(const std::string& host) const {
    if (loops_.size() == 1) return 0;
    const size_t home = spreading_ ? std::hash<std::string>{}(host) % loops_.size() : 0;
    const auto it = host_in_flight_.find(host);
    size_t best = 0;
    std::tuple<bool, bool, size_t, bool, size_t> best_key{true, true, SIZE_MAX, true, SIZE_MAX};
    for (size_t i = 0; i < loops_.size(); ++i) {
      const size_t mine = it == host_in_flight_.end() ? 0 : it->second[i];
      const bool full = mine >= loops_[i]->host_share;
      // Not spreading, the first loop wins unless full; spreading, the host's count decides.
      const bool not_first = !spreading_ && i != 0;
      const std::tuple<bool, bool, size_t, bool, size_t> key{full, not_first, mine, i != home,
                                                             loops_[i]->in_flight};
      if (key < best_key) {
        best_key = key;
        best = i;
      }
    }
    return best;
  }

  void Release(const std::string& host, size_t index) {
    std::lock_guard lock(mutex_);
    --loops_[index]->in_flight;
    auto it = host_in_flight_.find(host);
    if (it == host_in_flight_.end()) return;
    --it->second[index];
    if (std::all_of(it->second.begin(), it->second.end(), [](size_t n) { return n == 0; })) {
      host_in_flight_.erase(it);  // only hosts with transfers in flight are kept
    }
  }

  std::vector<std::unique_ptr<Loop>> loops_;  // fixed after construction
  mutable std::mutex mutex_;
  static constexpr auto kWindow = std::chrono::milliseconds(100);
  const size_t spread_above_per_second_;
  // Guarded by mutex_.
  bool spreading_;
  std::chrono::steady_clock::time_point window_start_;
  size_t window_starts_ = 0;
  std::unordered_map<std::string, std::vector<size_t>> host_in_flight_;
  bool shut_down_ = false;  // guarded by mutex_
  std::once_flag shutdown_once_;
};

FetchLoopPool::FetchLoopPool(asio::io_context& io, const config::FetchOptions& options,
                             size_t loops, size_t spread_above_per_second)
    : impl_(std::make_shared<Impl>(io, options, loops, spread_above_per_second)) {}

FetchLoopPool::~FetchLoopPool() { impl_->Shutdown(); }

void FetchLoopPool::Fetch(FetchRequest request, DoneFn done) {
  impl_->Fetch(std::move(request), std::move(done));
}

void FetchLoopPool::Stop() { impl_->Stop(); }

size_t FetchLoopPool::loops() const { return impl_->loops(); }

size_t FetchLoopPool::in_flight() const { return impl_->in_flight(); }

size_t FetchLoopPool::started_on(size_t loop) const { return impl_->started_on(loop); }

}  // namespace strata::crawler
