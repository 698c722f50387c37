// AsioWaiter: the real watch loop's sleep and its ear for SIGINT/SIGTERM. The signals are
// raised in this process: the waiter's signal_set catches them (no test here raises one while
// no set holds it, which would kill the test binary).
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <future>
#include <thread>

#include "common/time.h"
#include "crawler/jobs/watch.h"

namespace strata::jobs {
namespace {

constexpr auto kPatience = std::chrono::seconds(60);

bool DefaultActionFor(int signal_number) {
  struct sigaction current {};
  sigaction(signal_number, nullptr, &current);
  return current.sa_handler == SIG_DFL;
}

TEST(AsioWaiterTest, ReturnsAtTheDueTime) {
  const Clock& clock = SystemClock::Instance();
  AsioWaiter waiter(clock);
  const UnixMillis due = clock.Now() + 30;
  EXPECT_TRUE(waiter.WaitUntil(due));
  EXPECT_GE(clock.Now(), due);
  EXPECT_EQ(waiter.StopSignal(), 0);
  EXPECT_FALSE(DefaultActionFor(SIGINT));  // held by the waiter
  EXPECT_FALSE(DefaultActionFor(SIGTERM));
}

TEST(AsioWaiterTest, ASignalEndsTheSleepAndGivesTheSignalsBack) {
  AsioWaiter waiter(SystemClock::Instance());
  auto sleeping = std::async(std::launch::async, [&waiter] { return waiter.WaitUntil(kNever); });
  ASSERT_EQ(kill(getpid(), SIGTERM), 0);
  ASSERT_EQ(sleeping.wait_for(kPatience), std::future_status::ready);
  EXPECT_FALSE(sleeping.get());
  EXPECT_EQ(waiter.StopSignal(), SIGTERM);
  // A second signal would now take the default action: `strata watch` dies at once.
  EXPECT_TRUE(DefaultActionFor(SIGINT));
  EXPECT_TRUE(DefaultActionFor(SIGTERM));
  EXPECT_FALSE(waiter.WaitUntil(kNever));  // stays stopped
}

TEST(AsioWaiterTest, ASignalIsHeardWhileTheCallerIsBusyElsewhere) {
  // No WaitUntil or StopSignal call drives anything: the waiter's own thread hears it (a run of
  // the watch loop holds the calling thread for minutes).
  AsioWaiter waiter(SystemClock::Instance());
  ASSERT_EQ(kill(getpid(), SIGINT), 0);
  const auto deadline = std::chrono::steady_clock::now() + kPatience;
  while (!DefaultActionFor(SIGINT) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  EXPECT_TRUE(DefaultActionFor(SIGINT));
  EXPECT_EQ(waiter.StopSignal(), SIGINT);
}

}  // namespace
}  // namespace strata::jobs
