// FetchLoopPool against LocalHttpServer on 127.0.0.1: which loop a transfer goes to, that every
// `done` runs exactly once (also through Stop and destruction), and the connection limits each
// loop is given. No test asserts how long anything took; the waits are generous upper bounds.
#include "crawler/fetch_loop_pool.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <utility>  // before Asio: Boost 1.74's awaitable.hpp uses std::exchange (g++ 12, C++20)
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "crawler/fetch_loop.h"
#include "tools/devserver/local_http_server.h"

namespace strata::crawler {
namespace {

using devserver::HttpRequest;
using devserver::HttpResponse;
using devserver::LocalHttpServer;

constexpr auto kPatience = std::chrono::seconds(60);

HttpResponse Text(std::string body, int64_t delay_ms = 0) {
  HttpResponse response;
  response.headers = {{"Content-Type", "text/plain"}};
  response.body = std::move(body);
  response.delay_ms = delay_ms;
  return response;
}

class FetchLoopPoolTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { curl_global_ = std::make_unique<CurlGlobal>(); }
  static void TearDownTestSuite() { curl_global_.reset(); }

  void TearDown() override {
    pool_.reset();
    work_.reset();
    if (io_thread_.joinable()) io_thread_.join();
    server_.reset();
  }

  void StartServer(devserver::Handler handler) {
    server_ = std::make_unique<LocalHttpServer>(std::move(handler));
    ASSERT_NE(server_->port(), 0);
  }

  // The pool's first loop runs on io_, which one thread of the test runs. Unless told
  // otherwise, it spreads whatever the rate (a test cannot start thousands a second).
  void StartPool(size_t loops, config::FetchOptions options = {},
                 size_t spread_above_per_second = 0) {
    pool_ = std::make_unique<FetchLoopPool>(io_, options, loops, spread_above_per_second);
    io_thread_ = std::thread([this] { io_.run(); });
  }

  std::string Url(std::string_view path) const { return server_->base_url() + std::string(path); }

  std::future<FetchedPage> FetchAsync(std::string url) {
    auto promise = std::make_shared<std::promise<FetchedPage>>();
    auto future = promise->get_future();
    pool_->Fetch(FetchRequest{.url = std::move(url)},
                 [promise](FetchedPage page) { promise->set_value(std::move(page)); });
    return future;
  }

  // Connections the server saw requests on.
  size_t ConnectionsUsed() const {
    std::set<int> connections;
    for (const HttpRequest& request : server_->requests()) {
      connections.insert(request.connection_id);
    }
    return connections.size();
  }

  // A server whose responses would take far longer than the test (only Stop or destruction
  // ends them), and a pool of two loops with room for eight connections to it.
  void StartHeldServerAndTwoLoops() {
    StartServer([](const HttpRequest&) { return Text("late", 30'000); });
    config::FetchOptions options;
    options.max_connections_per_host = 8;
    StartPool(2, options);
  }

  // Waits (bounded) until the server has received `count` requests; returns whether it did.
  bool ServerReceived(size_t count) const {
    const auto deadline = std::chrono::steady_clock::now() + kPatience;
    while (server_->requests().size() < count) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
  }

  // Waits for every fetch (bounded) and expects each to have succeeded.
  static void ExpectAllOk(std::vector<std::future<FetchedPage>>& futures) {
    for (auto& future : futures) {
      ASSERT_EQ(future.wait_for(kPatience), std::future_status::ready);
      const FetchedPage page = future.get();
      EXPECT_EQ(page.outcome, FetchOutcome::kOk) << page.url << ": " << page.error;
    }
  }

  FetchedPage Get(std::string url) {
    auto future = FetchAsync(std::move(url));
    if (future.wait_for(kPatience) != std::future_status::ready) {
      ADD_FAILURE() << "fetch did not complete";
      return {};
    }
    return future.get();
  }

  static std::unique_ptr<CurlGlobal> curl_global_;
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_ =
      boost::asio::make_work_guard(io_);
  std::thread io_thread_;
  std::unique_ptr<LocalHttpServer> server_;
  std::unique_ptr<FetchLoopPool> pool_;
};

std::unique_ptr<CurlGlobal> FetchLoopPoolTest::curl_global_;

TEST(UrlAuthorityTest, IsHostAndPortAsWritten) {
  EXPECT_EQ(UrlAuthority("http://Example.com:8080/a?b#c"), "Example.com:8080");
  EXPECT_EQ(UrlAuthority("https://example.com"), "example.com");
  EXPECT_EQ(UrlAuthority("https://example.com?q=1"), "example.com");
  EXPECT_EQ(UrlAuthority("https://example.com#top"), "example.com");
  EXPECT_EQ(UrlAuthority("https://user@[::1]:443/x"), "user@[::1]:443");
  EXPECT_EQ(UrlAuthority("example.com/path"), "");
  EXPECT_EQ(UrlAuthority(""), "");
}

TEST_F(FetchLoopPoolTest, ManyRequestsToOneHostAreSpreadOverTheLoops) {
  // Each response waits a little, so the requests overlap and the host's count on each loop
  // decides where the next goes.
  StartServer([](const HttpRequest& request) { return Text("page " + request.target, 50); });
  config::FetchOptions options;
  options.max_connections_per_host = 8;
  StartPool(2, options);
  ASSERT_EQ(pool_->loops(), 2u);

  constexpr int kPages = 16;
  std::vector<std::future<FetchedPage>> futures;
  for (int i = 0; i < kPages; ++i) futures.push_back(FetchAsync(Url("/p/" + std::to_string(i))));
  for (int i = 0; i < kPages; ++i) {
    ASSERT_EQ(futures[i].wait_for(kPatience), std::future_status::ready);
    const FetchedPage page = futures[i].get();
    EXPECT_EQ(page.outcome, FetchOutcome::kOk) << page.error;
    EXPECT_EQ(page.body, "page /p/" + std::to_string(i));
  }
  // Sixteen requests issued at once alternate between the loops (the host's count decides).
  EXPECT_EQ(pool_->started_on(0) + pool_->started_on(1), static_cast<size_t>(kPages));
  EXPECT_GE(pool_->started_on(0), 4u);
  EXPECT_GE(pool_->started_on(1), 4u);
  EXPECT_EQ(pool_->in_flight(), 0u);
}

TEST_F(FetchLoopPoolTest, OneRequestAtATimeStaysOnOneLoopAndReusesItsConnection) {
  StartServer([](const HttpRequest&) { return Text("ok"); });
  StartPool(2);
  ASSERT_EQ(pool_->loops(), 2u);
  for (int i = 0; i < 6; ++i) {
    const FetchedPage page = Get(Url("/seq/" + std::to_string(i)));
    ASSERT_EQ(page.outcome, FetchOutcome::kOk) << page.error;
  }
  // All on the host's home loop, so all on one keep-alive connection.
  EXPECT_TRUE((pool_->started_on(0) == 6 && pool_->started_on(1) == 0) ||
              (pool_->started_on(0) == 0 && pool_->started_on(1) == 6))
      << pool_->started_on(0) << " / " << pool_->started_on(1);
  EXPECT_EQ(ConnectionsUsed(), 1u);
}

TEST_F(FetchLoopPoolTest, HostConnectionLimitHoldsOverTheLoops) {
  // Per host at most 2 connections in all: one loop each. Eight overlapping requests must not
  // open more than two connections between them.
  StartServer([](const HttpRequest&) { return Text("ok", 30); });
  config::FetchOptions options;
  options.max_connections_per_host = 2;
  StartPool(4, options);
  EXPECT_EQ(pool_->loops(), 2u);  // a loop needs a share of at least one connection
  std::vector<std::future<FetchedPage>> futures;
  for (int i = 0; i < 8; ++i) futures.push_back(FetchAsync(Url("/c/" + std::to_string(i))));
  ExpectAllOk(futures);
  EXPECT_LE(ConnectionsUsed(), 2u);
}

TEST_F(FetchLoopPoolTest, BelowTheRateTheFirstLoopTakesAllItsShareAllows) {
  StartServer([](const HttpRequest&) { return Text("ok", 50); });
  config::FetchOptions options;
  options.max_connections_per_host = 8;  // four connections a loop
  StartPool(2, options, FetchLoopPool::kSpreadAbovePerSecond);
  std::vector<std::future<FetchedPage>> futures;
  for (int i = 0; i < 3; ++i) futures.push_back(FetchAsync(Url("/a/" + std::to_string(i))));
  ExpectAllOk(futures);
  EXPECT_EQ(pool_->started_on(0), 3u);
  EXPECT_EQ(pool_->started_on(1), 0u);
  // Six at once: the first loop's four connections, then the other loop.
  futures.clear();
  for (int i = 0; i < 6; ++i) futures.push_back(FetchAsync(Url("/b/" + std::to_string(i))));
  ExpectAllOk(futures);
  EXPECT_EQ(pool_->started_on(0), 7u);
  EXPECT_EQ(pool_->started_on(1), 2u);
}

TEST_F(FetchLoopPoolTest, SpreadsOnceRequestsComeFasterThanTheThreshold) {
  // The burst's responses wait, so that all four are in flight when the last is placed.
  StartServer([](const HttpRequest& request) {
    return Text("ok", request.target.starts_with("/burst/") ? 100 : 0);
  });
  config::FetchOptions options;
  options.max_connections_per_host = 8;
  // Low, so that a slow (sanitizer) build still starts requests faster than this.
  StartPool(2, options, /*spread_above_per_second=*/5);
  // One at a time for a little over two of the pool's 100 ms windows: hundreds a second.
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(250);
  int sequential = 0;
  while (std::chrono::steady_clock::now() < until) {
    ASSERT_EQ(Get(Url("/s/" + std::to_string(sequential++))).outcome, FetchOutcome::kOk);
  }
  const size_t second_before = pool_->started_on(1);
  std::vector<std::future<FetchedPage>> futures;
  for (int i = 0; i < 4; ++i) futures.push_back(FetchAsync(Url("/burst/" + std::to_string(i))));
  ExpectAllOk(futures);
  // Four at once, spread by the host's count: two on each loop.
  EXPECT_EQ(pool_->started_on(1) - second_before, 2u) << sequential << " sequential first";
}

TEST_F(FetchLoopPoolTest, SingleLoopIsAPlainFetchLoop) {
  StartServer([](const HttpRequest&) { return Text("one"); });
  StartPool(0);  // 0 counts as 1
  ASSERT_EQ(pool_->loops(), 1u);
  const FetchedPage page = Get(Url("/"));
  EXPECT_EQ(page.outcome, FetchOutcome::kOk) << page.error;
  EXPECT_EQ(page.body, "one");
  EXPECT_EQ(pool_->started_on(0), 1u);
  EXPECT_EQ(pool_->started_on(1), 0u);  // no such loop
}

TEST_F(FetchLoopPoolTest, StopAbortsEveryLoopsTransfersOnceAndRefusesNewOnes) {
  StartHeldServerAndTwoLoops();
  std::atomic<int> calls{0};
  std::mutex mutex;
  std::vector<FetchedPage> pages;
  std::promise<void> all_done;
  constexpr int kPages = 6;
  for (int i = 0; i < kPages; ++i) {
    pool_->Fetch(FetchRequest{.url = Url("/slow/" + std::to_string(i))}, [&](FetchedPage page) {
      std::lock_guard lock(mutex);
      pages.push_back(std::move(page));
      if (++calls == kPages) all_done.set_value();
    });
  }
  // Every request at the server, so both loops have transfers in flight.
  ASSERT_TRUE(ServerReceived(kPages));
  EXPECT_GT(pool_->started_on(0), 0u);
  EXPECT_GT(pool_->started_on(1), 0u);

  pool_->Stop();
  ASSERT_EQ(all_done.get_future().wait_for(kPatience), std::future_status::ready);
  for (const FetchedPage& page : pages) EXPECT_EQ(page.outcome, FetchOutcome::kAborted);

  const FetchedPage refused = Get(Url("/after-stop"));
  EXPECT_EQ(refused.outcome, FetchOutcome::kAborted);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(calls.load(), kPages);  // nothing called twice
}

TEST_F(FetchLoopPoolTest, DestroyingThePoolAnswersTheOwnLoopsTransfers) {
  StartHeldServerAndTwoLoops();
  std::atomic<int> aborted{0};
  std::atomic<int> calls{0};
  constexpr int kPages = 4;
  for (int i = 0; i < kPages; ++i) {
    pool_->Fetch(FetchRequest{.url = Url("/slow/" + std::to_string(i))}, [&](FetchedPage page) {
      if (page.outcome == FetchOutcome::kAborted) ++aborted;
      ++calls;
    });
  }
  ASSERT_TRUE(ServerReceived(kPages));
  const size_t on_own_thread = pool_->started_on(1);
  ASSERT_GT(on_own_thread, 0u);
  pool_.reset();
  // The second loop's `done`s ran on its thread before the destructor returned; the first
  // loop's are posted to io_, which the test's thread still runs.
  EXPECT_GE(static_cast<size_t>(calls.load()), on_own_thread);
  const auto until = std::chrono::steady_clock::now() + kPatience;
  while (calls.load() < kPages && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_EQ(calls.load(), kPages);
  EXPECT_EQ(aborted.load(), kPages);
}

}  // namespace
}  // namespace strata::crawler
