// AsioWaiter (watch.h): the real loop's sleep, and its ear for SIGINT and SIGTERM.
//
// The signals are heard on a thread of the waiter's own, at once, even while a run holds the
// calling thread: its handler notes the signal, wakes a sleep, and gives the signals back
// (signal_set::clear). Asio restores the default action when no signal_set holds a signal any
// more, and a run's own set (RunOptions::stop_on_signals) is cleared by its first signal too,
// so a second Ctrl-C kills `strata watch` at once, as a user expects of a stop that is taking
// long (a hook still running, say); the archive survives that.
#include <signal.h>

#include <utility>  // before Asio (Boost 1.74 with C++20 needs std::exchange declared)

#include <algorithm>
#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "crawler/jobs/watch.h"

namespace strata::jobs {
namespace asio = boost::asio;

namespace {
// The longest single sleep: the wall clock is read again at least this often, so that a
// suspended laptop or a clock set forward is noticed within a minute.
constexpr int64_t kMaxSleepMs = 60'000;
}  // namespace

class AsioWaiter::Impl {
 public:
  explicit Impl(const Clock& clock) : clock_(clock), signals_(io_, SIGINT, SIGTERM) {
    signals_.async_wait([this](const boost::system::error_code& ec, int signal_number) {
      if (ec) return;  // cancelled: the waiter is going away
      {
        std::lock_guard lock(mutex_);
        if (signal_.load() == 0) signal_.store(signal_number);
      }
      woken_.notify_all();
      boost::system::error_code ignored;
      signals_.clear(ignored);  // back to the default action once no other set holds them
    });
    // The pending wait keeps io_ running until the signal comes or the destructor cancels it.
    thread_ = std::thread([this] { io_.run(); });
  }

  ~Impl() {
    asio::post(io_, [this] {
      boost::system::error_code ignored;
      signals_.cancel(ignored);
      signals_.clear(ignored);
    });
    thread_.join();
  }

  bool WaitUntil(UnixMillis due) {
    std::unique_lock lock(mutex_);
    for (;;) {
      if (signal_.load() != 0) return false;
      const UnixMillis now = clock_.Now();
      if (due != kNever && now >= due) return true;
      const int64_t left = due == kNever ? kMaxSleepMs : std::min(due - now, kMaxSleepMs);
      woken_.wait_for(lock, std::chrono::milliseconds(left),
                      [this] { return signal_.load() != 0; });
    }
  }

  int StopSignal() const { return signal_.load(); }

 private:
  const Clock& clock_;
  asio::io_context io_;
  asio::signal_set signals_;  // used on thread_ only, once it runs
  std::mutex mutex_;
  std::condition_variable woken_;
  std::atomic<int> signal_{0};
  std::thread thread_;
};

AsioWaiter::AsioWaiter(const Clock& clock) : impl_(std::make_unique<Impl>(clock)) {}
AsioWaiter::~AsioWaiter() = default;
bool AsioWaiter::WaitUntil(UnixMillis due) { return impl_->WaitUntil(due); }
int AsioWaiter::StopSignal() { return impl_->StopSignal(); }

}  // namespace strata::jobs
