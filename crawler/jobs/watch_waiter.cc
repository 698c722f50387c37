// AsioWaiter (watch.h): the real loop's sleep, on an Asio steady timer, and its ear for SIGINT
// and SIGTERM.
#include <signal.h>

#include <utility>  // before Asio (Boost 1.74 with C++20 needs std::exchange declared)

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>

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
  explicit Impl(const Clock& clock) : clock_(clock), signals_(io_, SIGINT, SIGTERM), timer_(io_) {
    ArmSignals();
  }

  bool WaitUntil(UnixMillis due) {
    for (;;) {
      Poll();
      if (signal_ != 0) return false;
      const UnixMillis now = clock_.Now();
      if (due != kNever && now >= due) return true;
      const int64_t left = due == kNever ? kMaxSleepMs : std::min(due - now, kMaxSleepMs);
      auto fired = std::make_shared<bool>(false);  // outlives this frame if it must
      timer_.expires_after(std::chrono::milliseconds(left));
      timer_.async_wait([fired](const boost::system::error_code&) { *fired = true; });
      // Either the timer fires or a signal arrives (its handler cancels the timer).
      while (!*fired) {
        if (io_.run_one() == 0) break;
      }
      io_.restart();
    }
  }

  int StopSignal() {
    Poll();
    return signal_;
  }

 private:
  void ArmSignals() {
    signals_.async_wait([this](const boost::system::error_code& ec, int signal_number) {
      if (ec) return;
      if (signal_ == 0) signal_ = signal_number;
      timer_.cancel();
    });
  }

  // Runs the handlers that are ready (a signal delivered while a run was in progress).
  void Poll() {
    io_.poll();
    io_.restart();
  }

  const Clock& clock_;
  asio::io_context io_;
  asio::signal_set signals_;
  asio::steady_timer timer_;
  int signal_ = 0;
};

AsioWaiter::AsioWaiter(const Clock& clock) : impl_(std::make_unique<Impl>(clock)) {}
AsioWaiter::~AsioWaiter() = default;
bool AsioWaiter::WaitUntil(UnixMillis due) { return impl_->WaitUntil(due); }
int AsioWaiter::StopSignal() { return impl_->StopSignal(); }

}  // namespace strata::jobs
