// PoliteFetcher over a real FetchLoop against LocalHttpServers on 127.0.0.1 (one server = one
// host, since the host key includes the port). Politeness is checked on the SERVER's own
// timestamps and request log. No test asserts how long anything took: timing checks are lower
// bounds, and waits are generous upper bounds on "eventually" only.
#include "crawler/polite_fetcher.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>  // before Asio: Boost 1.74's awaitable.hpp uses std::exchange (g++ 12, C++20)
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>

#include "common/memory_kv_store.h"
#include "crawler/fetch_loop.h"
#include "tools/devserver/local_http_server.h"

namespace strata::crawler {
namespace {

using devserver::HttpRequest;
using devserver::HttpResponse;
using devserver::LocalHttpServer;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using Millis = std::chrono::milliseconds;

constexpr auto kPatience = std::chrono::seconds(60);
constexpr UnixMillis kStart = 1'700'000'000'000;
// Server-side gaps between request starts are measured from when each request line ARRIVED, and
// one request may spend longer in transit than the next (a fresh connection, a busy machine):
// gaps are checked against the delay minus this much.
constexpr int64_t kTransitSlackMs = 50;

// A wall clock tests can move; safe to read from the io thread while the test thread moves it.
class TestClock final : public Clock {
 public:
  UnixMillis Now() const override { return now_.load(); }
  void Advance(int64_t ms) { now_.fetch_add(ms); }

 private:
  std::atomic<UnixMillis> now_{kStart};
};

HttpResponse Text(int status, std::string body = "ok") {
  HttpResponse response;
  response.status = status;
  response.headers = {{"Content-Type", "text/plain"}};
  response.body = std::move(body);
  return response;
}

// Serves `robots` (nullptr: 404) at /robots.txt and a 200 naming the path everywhere else.
devserver::Handler Site(const char* robots) {
  return [robots = std::string(robots == nullptr ? "" : robots),
          has_robots = robots != nullptr](const HttpRequest& request) {
    if (request.target == "/robots.txt") {
      return has_robots ? Text(200, robots) : Text(404, "no robots here");
    }
    return Text(200, "page " + request.target);
  };
}

std::vector<std::string> Targets(const LocalHttpServer& server) {
  std::vector<std::string> targets;
  for (const HttpRequest& request : server.requests()) targets.push_back(request.target);
  return targets;
}

std::vector<HttpRequest> RequestsFor(const LocalHttpServer& server, std::string_view target) {
  std::vector<HttpRequest> out;
  for (const HttpRequest& request : server.requests()) {
    if (request.target == target) out.push_back(request);
  }
  return out;
}

int64_t MsBetween(const HttpRequest& earlier, const HttpRequest& later) {
  return std::chrono::duration_cast<Millis>(later.received_at - earlier.received_at).count();
}

template <typename Predicate>
bool Eventually(Predicate predicate) {
  const auto deadline = std::chrono::steady_clock::now() + kPatience;
  while (!predicate()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(Millis(5));
  }
  return true;
}

// Counts requests being handled at once (the handler holds each for a while).
struct ConcurrencyProbe {
  std::mutex mutex;
  std::condition_variable changed;
  int current = 0;
  int max_seen = 0;

  // Holds the request until `wanted` are in (or a second: the last few of a run may never make
  // `wanted`), then a little longer so that one more, if the limit were broken, would be counted.
  void Hold(int wanted) {
    std::unique_lock lock(mutex);
    max_seen = std::max(max_seen, ++current);
    changed.notify_all();
    changed.wait_for(lock, std::chrono::seconds(1), [&] { return current >= wanted; });
    lock.unlock();
    std::this_thread::sleep_for(Millis(100));
    lock.lock();
    --current;
    changed.notify_all();
  }
};

class PoliteFetcherTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { curl_global_ = std::make_unique<CurlGlobal>(); }
  static void TearDownTestSuite() { curl_global_.reset(); }

  void TearDown() override {
    polite_.reset();  // from this thread while the io thread runs: must be safe
    loop_.reset();
    work_.reset();
    if (io_thread_.joinable()) io_thread_.join();
    servers_.clear();
  }

  LocalHttpServer& AddServer(devserver::Handler handler) {
    servers_.push_back(std::make_unique<LocalHttpServer>(std::move(handler)));
    EXPECT_NE(servers_.back()->port(), 0);
    return *servers_.back();
  }

  // Fast, deterministic defaults: no gap, no adaptation, short back-off.
  static PoliteFetcherOptions FastOptions() {
    PoliteFetcherOptions options;
    options.politeness.min_delay_ms = 0;
    options.politeness.adaptive = false;
    options.retry.max_retries = 2;
    options.retry.base_delay_ms = 10;
    options.retry.max_delay_ms = 50;
    return options;
  }

  void Start(PoliteFetcherOptions options, config::FetchOptions fetch = {}) {
    fetch.max_connections_per_host =
        std::max(fetch.max_connections_per_host, options.politeness.per_host_concurrency);
    loop_ = std::make_unique<FetchLoop>(io_, fetch);
    polite_ = std::make_unique<PoliteFetcher>(io_, *loop_, std::move(options), clock_);
    io_thread_ = std::thread([this] { io_.run(); });
  }

  std::future<FetchedPage> FetchAsync(FetchRequest request) {
    auto promise = std::make_shared<std::promise<FetchedPage>>();
    auto future = promise->get_future();
    polite_->Fetch(std::move(request),
                   [promise](FetchedPage page) { promise->set_value(std::move(page)); });
    return future;
  }

  static FetchedPage Wait(std::future<FetchedPage>& future) {
    if (future.wait_for(kPatience) != std::future_status::ready) {
      ADD_FAILURE() << "fetch did not complete";
      return {};
    }
    return future.get();
  }

  FetchedPage Get(std::string url) {
    auto future = FetchAsync({.url = std::move(url)});
    return Wait(future);
  }

  static std::unique_ptr<CurlGlobal> curl_global_;
  TestClock clock_;
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_ =
      boost::asio::make_work_guard(io_);
  std::thread io_thread_;
  std::vector<std::unique_ptr<LocalHttpServer>> servers_;
  std::unique_ptr<FetchLoop> loop_;
  std::unique_ptr<PoliteFetcher> polite_;
};

std::unique_ptr<CurlGlobal> PoliteFetcherTest::curl_global_;

// --- robots.txt -------------------------------------------------------------------------------

TEST_F(PoliteFetcherTest, FetchesRobotsTxtOnceBeforeTheFirstRequest) {
  LocalHttpServer& site = AddServer(
      Site("User-agent: *\nDisallow: /private\nSitemap: https://example.com/sitemap.xml\n"));
  Start(FastOptions());
  FetchedPage first = Get(site.base_url() + "/a");
  EXPECT_EQ(first.outcome, FetchOutcome::kOk) << first.error;
  EXPECT_EQ(first.body, "page /a");
  FetchedPage second = Get(site.base_url() + "/b");
  EXPECT_EQ(second.body, "page /b");
  EXPECT_THAT(Targets(site), ::testing::ElementsAre("/robots.txt", "/a", "/b"));
  EXPECT_EQ(polite_->Sitemaps(site.base_url()),
            std::vector<std::string>{"https://example.com/sitemap.xml"});
  EXPECT_TRUE(polite_->Sitemaps("http://elsewhere.example").empty());
  const PoliteFetcherStats stats = polite_->stats();
  EXPECT_EQ(stats.requests, 2);
  EXPECT_EQ(stats.robots_fetches, 1);
  EXPECT_EQ(stats.attempts, 3);
}

TEST_F(PoliteFetcherTest, DisallowedUrlNeverReachesTheServer) {
  LocalHttpServer& site =
      AddServer(Site("User-agent: *\nDisallow: /private\nAllow: /private/ok\n"));
  Start(FastOptions());
  std::vector<std::future<FetchedPage>> futures;
  for (const char* path :
       {"/private/1", "/public", "/private/2?x=1", "/private/ok/3", "/PRIVATE"}) {
    futures.push_back(FetchAsync({.url = site.base_url() + path}));
  }
  std::vector<FetchedPage> pages;
  for (auto& future : futures) pages.push_back(Wait(future));

  EXPECT_EQ(pages[0].outcome, FetchOutcome::kDisallowedByRobots);
  EXPECT_EQ(pages[0].error, "disallowed by " + site.base_url() + "/robots.txt: Disallow: /private");
  EXPECT_EQ(pages[0].http_status, 0);
  EXPECT_EQ(pages[0].url, site.base_url() + "/private/1");
  EXPECT_EQ(pages[1].outcome, FetchOutcome::kOk);
  EXPECT_EQ(pages[2].outcome, FetchOutcome::kDisallowedByRobots);
  EXPECT_EQ(pages[3].outcome, FetchOutcome::kOk);
  EXPECT_EQ(pages[4].outcome, FetchOutcome::kOk);  // paths are case-sensitive
  EXPECT_THAT(Targets(site), ::testing::UnorderedElementsAre("/robots.txt", "/public",
                                                             "/private/ok/3", "/PRIVATE"));
  EXPECT_EQ(polite_->stats().disallowed, 2);
}

TEST_F(PoliteFetcherTest, RobotsUsesOurProductToken) {
  LocalHttpServer& site =
      AddServer(Site("User-agent: *\nDisallow: /\n\nUser-agent: strata-test\nDisallow: /x\n"));
  PoliteFetcherOptions options = FastOptions();
  options.robots.user_agent_token = "strata-test";
  Start(options);
  EXPECT_EQ(Get(site.base_url() + "/a").outcome, FetchOutcome::kOk);
  EXPECT_EQ(Get(site.base_url() + "/x").outcome, FetchOutcome::kDisallowedByRobots);
}

TEST_F(PoliteFetcherTest, MissingRobotsTxtAllowsAll) {
  LocalHttpServer& site = AddServer(Site(nullptr));  // 404
  Start(FastOptions());
  EXPECT_EQ(Get(site.base_url() + "/private").outcome, FetchOutcome::kOk);
  EXPECT_THAT(Targets(site), ::testing::ElementsAre("/robots.txt", "/private"));
}

TEST_F(PoliteFetcherTest, RobotsRedirectIsFollowed) {
  LocalHttpServer& site = AddServer([](const HttpRequest& request) {
    if (request.target == "/robots.txt") {
      HttpResponse moved = Text(301, "");
      moved.headers.emplace_back("Location", "/real-robots.txt");
      return moved;
    }
    if (request.target == "/real-robots.txt") return Text(200, "User-agent: *\nDisallow: /x\n");
    return Text(200, "page");
  });
  Start(FastOptions());
  EXPECT_EQ(Get(site.base_url() + "/x").outcome, FetchOutcome::kDisallowedByRobots);
  EXPECT_THAT(Targets(site), ::testing::ElementsAre("/robots.txt", "/real-robots.txt"));
}

TEST_F(PoliteFetcherTest, ServerErrorOnRobotsDisallowsAllUntilALaterRetry) {
  std::atomic<bool> robots_broken{true};
  LocalHttpServer& site = AddServer([&robots_broken](const HttpRequest& request) {
    if (request.target == "/robots.txt") {
      return robots_broken ? Text(503, "down") : Text(200, "User-agent: *\nDisallow: /x\n");
    }
    return Text(200, "page");
  });
  PoliteFetcherOptions options = FastOptions();
  options.retry.max_retries = 1;
  options.robots.error_ttl_ms = 600'000;
  Start(options);

  FetchedPage page = Get(site.base_url() + "/page");
  EXPECT_EQ(page.outcome, FetchOutcome::kDisallowedByRobots);
  EXPECT_THAT(page.error, StartsWith(site.base_url() + "/robots.txt is unreachable (HTTP 503"));
  EXPECT_THAT(page.error, HasSubstr("gave up after 2 attempts"));
  EXPECT_THAT(page.error, HasSubstr("the whole site counts as disallowed until"));
  // The robots.txt fetch itself was retried; the page was never asked for.
  EXPECT_THAT(Targets(site), ::testing::ElementsAre("/robots.txt", "/robots.txt"));

  // Within error_ttl, nothing is asked again.
  EXPECT_EQ(Get(site.base_url() + "/page").outcome, FetchOutcome::kDisallowedByRobots);
  EXPECT_EQ(site.requests().size(), 2u);

  robots_broken = false;
  clock_.Advance(600'000);
  EXPECT_EQ(Get(site.base_url() + "/page").outcome, FetchOutcome::kOk);
  EXPECT_EQ(Get(site.base_url() + "/x").outcome, FetchOutcome::kDisallowedByRobots);
  EXPECT_THAT(Targets(site),
              ::testing::ElementsAre("/robots.txt", "/robots.txt", "/robots.txt", "/page"));
}

TEST_F(PoliteFetcherTest, UnreachableRobotsDisallowsAll) {
  LocalHttpServer& site = AddServer(Site(nullptr));
  const std::string base = site.base_url();
  site.Stop();  // connection refused from now on
  PoliteFetcherOptions options = FastOptions();
  options.retry.max_retries = 0;
  Start(options);
  FetchedPage page = Get(base + "/page");
  EXPECT_EQ(page.outcome, FetchOutcome::kDisallowedByRobots);
  EXPECT_THAT(page.error, StartsWith(base + "/robots.txt is unreachable (network error"));
}

TEST_F(PoliteFetcherTest, IgnoreRobotsFetchesWithoutAsking) {
  LocalHttpServer& site = AddServer(Site("User-agent: *\nDisallow: /\n"));
  PoliteFetcherOptions options = FastOptions();
  options.robots.respect = false;
  Start(options);
  EXPECT_EQ(Get(site.base_url() + "/a").outcome, FetchOutcome::kOk);
  EXPECT_THAT(Targets(site), ::testing::ElementsAre("/a"));
}

TEST_F(PoliteFetcherTest, RobotsCacheIsPersistedInTheStore) {
  LocalHttpServer& site = AddServer(Site("User-agent: *\nDisallow: /x\n"));
  MemoryKvStore store;
  PoliteFetcherOptions options = FastOptions();
  options.robots_store = &store;
  Start(options);
  EXPECT_EQ(Get(site.base_url() + "/a").outcome, FetchOutcome::kOk);
  ASSERT_TRUE(store.Get("robots/" + site.base_url()).ok());
  EXPECT_TRUE(store.Get("robots/" + site.base_url())->has_value());

  // A second fetcher (another run) over the same store asks the site nothing about robots.
  PoliteFetcher again(io_, *loop_, options, clock_);
  auto promise = std::make_shared<std::promise<FetchedPage>>();
  auto future = promise->get_future();
  again.Fetch({.url = site.base_url() + "/x"}, [promise](FetchedPage p) { promise->set_value(p); });
  EXPECT_EQ(Wait(future).outcome, FetchOutcome::kDisallowedByRobots);
  EXPECT_THAT(Targets(site), ::testing::ElementsAre("/robots.txt", "/a"));
}

// --- politeness -------------------------------------------------------------------------------

TEST_F(PoliteFetcherTest, GapBetweenStartsToOneHostIsAtLeastTheMinimumDelay) {
  LocalHttpServer& site = AddServer(Site(nullptr));
  PoliteFetcherOptions options = FastOptions();
  options.politeness.min_delay_ms = 250;
  options.politeness.per_host_concurrency = 2;
  Start(options);
  std::vector<std::future<FetchedPage>> futures;
  for (int i = 0; i < 4; ++i) {
    futures.push_back(FetchAsync({.url = site.base_url() + "/p" + std::to_string(i)}));
  }
  for (auto& future : futures) EXPECT_EQ(Wait(future).outcome, FetchOutcome::kOk);
  const auto requests = site.requests();  // robots.txt and 4 pages
  ASSERT_EQ(requests.size(), 5u);
  for (size_t i = 1; i < requests.size(); ++i) {
    EXPECT_GE(MsBetween(requests[i - 1], requests[i]), 250 - kTransitSlackMs) << i;
  }
}

TEST_F(PoliteFetcherTest, LargerCrawlDelayWins) {
  LocalHttpServer& site = AddServer(Site("User-agent: *\nCrawl-delay: 0.4\n"));
  PoliteFetcherOptions options = FastOptions();
  options.politeness.min_delay_ms = 100;
  Start(options);
  std::vector<std::future<FetchedPage>> futures;
  for (int i = 0; i < 3; ++i) {
    futures.push_back(FetchAsync({.url = site.base_url() + "/p" + std::to_string(i)}));
  }
  for (auto& future : futures) EXPECT_EQ(Wait(future).outcome, FetchOutcome::kOk);
  const auto requests = site.requests();
  ASSERT_EQ(requests.size(), 4u);
  // robots.txt -> first page: the minimum delay (Crawl-delay is not known before the file is).
  EXPECT_GE(MsBetween(requests[0], requests[1]), 100 - kTransitSlackMs);
  for (size_t i = 2; i < requests.size(); ++i) {
    EXPECT_GE(MsBetween(requests[i - 1], requests[i]), 400 - kTransitSlackMs) << i;
  }
}

TEST_F(PoliteFetcherTest, AtMostNInFlightPerHost) {
  ConcurrencyProbe probe;
  LocalHttpServer& site = AddServer([&probe](const HttpRequest& request) {
    if (request.target == "/robots.txt") return Text(404);
    probe.Hold(2);
    return Text(200);
  });
  PoliteFetcherOptions options = FastOptions();
  options.politeness.per_host_concurrency = 2;
  config::FetchOptions fetch;
  fetch.max_connections_per_host = 8;  // libcurl would allow more: the policy must not
  Start(options, fetch);
  std::vector<std::future<FetchedPage>> futures;
  for (int i = 0; i < 8; ++i) {
    futures.push_back(FetchAsync({.url = site.base_url() + "/p" + std::to_string(i)}));
  }
  for (auto& future : futures) EXPECT_EQ(Wait(future).outcome, FetchOutcome::kOk);
  EXPECT_EQ(probe.max_seen, 2);
}

TEST_F(PoliteFetcherTest, GlobalLimitHoldsAcrossHosts) {
  ConcurrencyProbe probe;  // shared by the three hosts
  auto handler = [&probe](const HttpRequest& request) {
    if (request.target == "/robots.txt") return Text(404);
    probe.Hold(3);
    return Text(200);
  };
  std::vector<LocalHttpServer*> sites = {&AddServer(handler), &AddServer(handler),
                                         &AddServer(handler)};
  PoliteFetcherOptions options = FastOptions();
  options.politeness.per_host_concurrency = 2;
  options.politeness.global_concurrency = 3;
  Start(options);
  std::vector<std::future<FetchedPage>> futures;
  for (int i = 0; i < 4; ++i) {
    for (LocalHttpServer* site : sites) {
      futures.push_back(FetchAsync({.url = site->base_url() + "/p" + std::to_string(i)}));
    }
  }
  for (auto& future : futures) EXPECT_EQ(Wait(future).outcome, FetchOutcome::kOk);
  EXPECT_EQ(probe.max_seen, 3);
}

TEST_F(PoliteFetcherTest, AdaptiveThrottlingSlowsAFailingHost) {
  LocalHttpServer& site = AddServer([](const HttpRequest& request) {
    if (request.target == "/robots.txt") return Text(404);
    return Text(500, "broken");
  });
  PoliteFetcherOptions options = FastOptions();
  options.politeness.adaptive = true;
  options.politeness.per_host_concurrency = 1;
  options.retry.max_retries = 0;
  Start(options);
  auto first = FetchAsync({.url = site.base_url() + "/a"});
  auto second = FetchAsync({.url = site.base_url() + "/b"});
  EXPECT_EQ(Wait(first).http_status, 500);
  EXPECT_EQ(Wait(second).http_status, 500);
  const auto requests = site.requests();
  ASSERT_EQ(requests.size(), 3u);
  // A 5xx backs the host off to at least 1 s between starts, min_delay 0 notwithstanding.
  EXPECT_GE(MsBetween(requests[1], requests[2]), 1000 - kTransitSlackMs);
}

// --- retries ----------------------------------------------------------------------------------

TEST_F(PoliteFetcherTest, ServerErrorsAreRetriedABoundedNumberOfTimes) {
  LocalHttpServer& site = AddServer([](const HttpRequest& request) {
    if (request.target == "/robots.txt") return Text(404);
    return Text(503, "try later");
  });
  PoliteFetcherOptions options = FastOptions();
  options.retry.max_retries = 3;
  Start(options);
  FetchedPage page = Get(site.base_url() + "/p");
  EXPECT_EQ(page.outcome, FetchOutcome::kOk);
  EXPECT_EQ(page.http_status, 503);
  EXPECT_EQ(page.error, "gave up after 4 attempts");
  EXPECT_EQ(RequestsFor(site, "/p").size(), 4u);
  EXPECT_EQ(polite_->stats().retries, 3);
}

TEST_F(PoliteFetcherTest, RetryThatSucceedsLooksLikeASuccess) {
  std::atomic<int> calls{0};
  LocalHttpServer& site = AddServer([&calls](const HttpRequest& request) {
    if (request.target == "/robots.txt") return Text(404);
    return ++calls <= 2 ? Text(calls == 1 ? 500 : 429, "busy") : Text(200, "finally");
  });
  Start(FastOptions());
  FetchedPage page = Get(site.base_url() + "/p");
  EXPECT_EQ(page.http_status, 200);
  EXPECT_EQ(page.body, "finally");
  EXPECT_EQ(page.error, "");
  EXPECT_EQ(RequestsFor(site, "/p").size(), 3u);
}

TEST_F(PoliteFetcherTest, BackOffGrowsBetweenRetries) {
  LocalHttpServer& site = AddServer([](const HttpRequest& request) {
    if (request.target == "/robots.txt") return Text(404);
    return Text(502);
  });
  PoliteFetcherOptions options = FastOptions();
  options.retry.max_retries = 3;
  options.retry.base_delay_ms = 100;
  options.retry.max_delay_ms = 10'000;
  options.random_unit = [] { return 1.0; };  // the full ceiling every time
  Start(options);
  EXPECT_EQ(Get(site.base_url() + "/p").http_status, 502);
  const auto attempts = RequestsFor(site, "/p");
  ASSERT_EQ(attempts.size(), 4u);
  // Each retry starts after the failure came back plus the back-off: a strict lower bound.
  EXPECT_GE(MsBetween(attempts[0], attempts[1]), 100);
  EXPECT_GE(MsBetween(attempts[1], attempts[2]), 200);
  EXPECT_GE(MsBetween(attempts[2], attempts[3]), 400);
}

TEST_F(PoliteFetcherTest, NoRetryOn404) {
  LocalHttpServer& site = AddServer([](const HttpRequest& request) {
    if (request.target == "/robots.txt") return Text(404);
    return Text(404, "gone");
  });
  Start(FastOptions());
  FetchedPage page = Get(site.base_url() + "/missing");
  EXPECT_EQ(page.http_status, 404);
  EXPECT_EQ(page.error, "");
  EXPECT_EQ(RequestsFor(site, "/missing").size(), 1u);
  EXPECT_EQ(polite_->stats().retries, 0);
}

TEST_F(PoliteFetcherTest, NotModifiedPassesThroughUntouched) {
  LocalHttpServer& site = AddServer([](const HttpRequest& request) {
    if (request.target == "/robots.txt") return Text(404);
    if (FindHeader(request.headers, "if-none-match") == "\"v1\"") {
      HttpResponse not_modified = Text(304, "");
      not_modified.headers.emplace_back("ETag", "\"v1\"");
      return not_modified;
    }
    return Text(200, "changed");
  });
  Start(FastOptions());
  FetchedPage page = Get(site.base_url() + "/a");
  ASSERT_EQ(page.http_status, 200);
  auto future = FetchAsync({.url = site.base_url() + "/a",
                            .headers = {{"If-None-Match", "\"v1\""},
                                        {"If-Modified-Since", "Sun, 06 Nov 1994 08:49:37 GMT"}}});
  page = Wait(future);
  EXPECT_EQ(page.outcome, FetchOutcome::kOk);
  EXPECT_EQ(page.http_status, 304);
  EXPECT_EQ(page.error, "");
  EXPECT_EQ(page.body, "");
  EXPECT_EQ(FindHeader(page.response_headers, "etag"), "\"v1\"");
  const auto requests = RequestsFor(site, "/a");
  ASSERT_EQ(requests.size(), 2u);  // the 304 was not retried
  EXPECT_EQ(FindHeader(requests[1].headers, "if-modified-since"), "Sun, 06 Nov 1994 08:49:37 GMT");
}

TEST_F(PoliteFetcherTest, TimeoutsAreRetried) {
  LocalHttpServer& site = AddServer([](const HttpRequest& request) {
    if (request.target == "/robots.txt") return Text(404);
    HttpResponse slow = Text(200, "late");
    slow.delay_ms = 60'000;  // Stop() in TearDown wakes it
    return slow;
  });
  PoliteFetcherOptions options = FastOptions();
  options.retry.max_retries = 1;
  options.politeness.per_host_concurrency = 2;
  config::FetchOptions fetch;
  fetch.total_timeout_ms = 200;
  Start(options, fetch);
  FetchedPage page = Get(site.base_url() + "/slow");
  EXPECT_EQ(page.outcome, FetchOutcome::kTimeout);
  EXPECT_EQ(page.error, "timeout after 200 ms (gave up after 2 attempts)");
  EXPECT_EQ(RequestsFor(site, "/slow").size(), 2u);
}

TEST_F(PoliteFetcherTest, ConnectionErrorsAreRetried) {
  LocalHttpServer& site = AddServer([](const HttpRequest& request) {
    if (request.target == "/robots.txt") return Text(404);
    HttpResponse hang_up;
    hang_up.close_without_response = true;
    return hang_up;
  });
  PoliteFetcherOptions options = FastOptions();  // max_retries 2
  // No robots.txt request: libcurl itself retries once when a REUSED connection closes without
  // an answer, which would blur the count; every attempt here opens a fresh connection.
  options.robots.respect = false;
  Start(options);
  FetchedPage page = Get(site.base_url() + "/p");
  EXPECT_EQ(page.outcome, FetchOutcome::kNetworkError);
  EXPECT_THAT(page.error, HasSubstr("(gave up after 3 attempts)"));
  EXPECT_EQ(RequestsFor(site, "/p").size(), 3u);
}

TEST_F(PoliteFetcherTest, RetryAfterPausesTheWholeHost) {
  std::atomic<bool> limited{true};
  LocalHttpServer& site = AddServer([&limited](const HttpRequest& request) {
    if (request.target == "/robots.txt") return Text(404);
    if (request.target == "/a" && limited.exchange(false)) {
      HttpResponse too_many = Text(429, "slow down");
      too_many.headers.emplace_back("Retry-After", "1");
      return too_many;
    }
    return Text(200, "page " + request.target);
  });
  PoliteFetcherOptions options = FastOptions();
  options.politeness.per_host_concurrency = 1;
  Start(options);
  auto a = FetchAsync({.url = site.base_url() + "/a"});
  auto b = FetchAsync({.url = site.base_url() + "/b"});
  auto c = FetchAsync({.url = site.base_url() + "/c"});
  EXPECT_EQ(Wait(a).body, "page /a");
  EXPECT_EQ(Wait(b).body, "page /b");
  EXPECT_EQ(Wait(c).body, "page /c");
  const auto requests = site.requests();
  ASSERT_EQ(requests.size(), 5u);  // robots.txt, /a (429), then /a, /b, /c
  ASSERT_EQ(requests[1].target, "/a");
  for (size_t i = 2; i < requests.size(); ++i) {
    EXPECT_GE(MsBetween(requests[1], requests[i]), 1000) << requests[i].target;
  }
  EXPECT_EQ(requests[2].target, "/a");  // the retry goes first
}

TEST_F(PoliteFetcherTest, RetryAfterBeyondTheCapFailsTheHostsRequests) {
  LocalHttpServer& site = AddServer([](const HttpRequest& request) {
    if (request.target == "/robots.txt") return Text(404);
    HttpResponse unavailable = Text(503, "maintenance");
    unavailable.headers.emplace_back("Retry-After", "7200");
    return unavailable;
  });
  PoliteFetcherOptions options = FastOptions();
  options.politeness.per_host_concurrency = 1;
  options.retry.max_retry_after_ms = 3'600'000;
  Start(options);
  auto a = FetchAsync({.url = site.base_url() + "/a"});
  auto b = FetchAsync({.url = site.base_url() + "/b"});
  FetchedPage first = Wait(a);
  EXPECT_EQ(first.http_status, 503);
  EXPECT_EQ(first.error,
            "Retry-After asks for 7200 s, more than retry.max_retry_after (3600 s); not retried");
  FetchedPage second = Wait(b);
  EXPECT_EQ(second.outcome, FetchOutcome::kBlocked);
  EXPECT_THAT(second.error, HasSubstr("asked to be left alone for 7200 s"));
  EXPECT_THAT(Targets(site), ::testing::ElementsAre("/robots.txt", "/a"));
  EXPECT_EQ(polite_->stats().refused, 1);
}

// --- hostile servers --------------------------------------------------------------------------

TEST_F(PoliteFetcherTest, HostileHostsNeverStallTheOthers) {
  // Dripping host: a byte every 200 ms, far below the low-speed limit.
  LocalHttpServer& drip = AddServer([](const HttpRequest& request) {
    if (request.target == "/robots.txt") return Text(404);
    HttpResponse dripping = Text(200, std::string(100'000, 'd'));
    dripping.drip_interval_ms = 200;
    return dripping;
  });
  // Endless host: a body that never ends.
  LocalHttpServer& endless = AddServer([](const HttpRequest& request) {
    if (request.target == "/robots.txt") return Text(404);
    HttpResponse forever = Text(200, "0123456789abcdef");
    forever.endless = true;
    return forever;
  });
  // Silent host: reads the request and never answers.
  LocalHttpServer& silent = AddServer([](const HttpRequest& request) {
    if (request.target == "/robots.txt") return Text(404);
    HttpResponse never = Text(200, "late");
    never.delay_ms = 60'000;  // Stop() in TearDown wakes it
    return never;
  });
  LocalHttpServer& normal = AddServer(Site(nullptr));

  PoliteFetcherOptions options = FastOptions();
  options.retry.max_retries = 0;
  options.politeness.per_host_concurrency = 2;
  options.politeness.global_concurrency = 8;  // the hostile hosts can hold 6 of them at most
  config::FetchOptions fetch;
  fetch.max_body_bytes = 100'000;
  fetch.low_speed_bytes_per_s = 1000;
  fetch.low_speed_time_s = 2;  // the silent and dripping hosts hold their slots this long
  Start(options, fetch);

  // Completion order, across all hosts.
  struct Finished {
    std::mutex mutex;
    std::vector<std::pair<std::string, FetchedPage>> pages;
  };
  auto finished = std::make_shared<Finished>();
  auto fetch_tagged = [&](const std::string& tag, const std::string& url) {
    polite_->Fetch({.url = url}, [finished, tag](FetchedPage page) {
      std::lock_guard lock(finished->mutex);
      finished->pages.emplace_back(tag, std::move(page));
    });
  };
  for (int i = 0; i < 2; ++i) {
    const std::string path = "/h" + std::to_string(i);
    fetch_tagged("drip", drip.base_url() + path);
    fetch_tagged("endless", endless.base_url() + path);
    fetch_tagged("silent", silent.base_url() + path);
  }
  constexpr int kNormalPages = 30;
  for (int i = 0; i < kNormalPages; ++i) {
    fetch_tagged("normal", normal.base_url() + "/n" + std::to_string(i));
  }
  ASSERT_TRUE(Eventually([&] {
    std::lock_guard lock(finished->mutex);
    return finished->pages.size() == 6 + kNormalPages;
  }));

  std::lock_guard lock(finished->mutex);
  std::map<std::string, int> outcomes;  // "tag outcome" -> count
  size_t last_normal = 0, first_held = finished->pages.size();
  for (size_t i = 0; i < finished->pages.size(); ++i) {
    const auto& [tag, page] = finished->pages[i];
    ++outcomes[tag + " " + std::string(OutcomeName(page.outcome))];
    if (tag == "normal") last_normal = i;
    if (tag == "drip" || tag == "silent") {
      first_held = std::min(first_held, i);
      EXPECT_EQ(page.error, "too slow: under 1000 bytes/s for 2 s") << tag;
    }
    if (tag == "endless") {
      EXPECT_EQ(page.error, "response larger than 100000 bytes");
    }
  }
  EXPECT_EQ(outcomes, (std::map<std::string, int>{{"drip timeout", 2},
                                                  {"endless too large", 2},
                                                  {"silent timeout", 2},
                                                  {"normal ok", kNormalPages}}));
  // Every page of the normal host completed while the dripping and silent hosts still held
  // their requests.
  EXPECT_LT(last_normal, first_held);
  EXPECT_EQ(RequestsFor(endless, "/h0").size(), 1u);  // too large is final: never retried
  EXPECT_EQ(normal.requests().size(), kNormalPages + 1u);
}

TEST_F(PoliteFetcherTest, RedirectLimitsAreFinalNotRetried) {
  uint16_t port = 0;
  LocalHttpServer& site = AddServer([&port](const HttpRequest& request) {
    if (request.target == "/robots.txt") return Text(404);
    HttpResponse redirect = Text(302, "");
    if (request.target == "/loop-a" || request.target == "/loop-b") {
      redirect.headers.emplace_back("Location",
                                    request.target == "/loop-a" ? "/loop-b" : "/loop-a");
    } else if (request.target.starts_with("/hop/")) {
      const int hop = std::stoi(request.target.substr(5));
      redirect.headers.emplace_back("Location", "/hop/" + std::to_string(hop + 1));
    } else {
      redirect.headers.emplace_back("Location", "ftp://127.0.0.1:" + std::to_string(port) + "/f");
    }
    return redirect;
  });
  port = site.port();
  config::FetchOptions fetch;
  fetch.max_redirects = 3;
  Start(FastOptions(), fetch);

  FetchedPage loop = Get(site.base_url() + "/loop-a");
  EXPECT_EQ(loop.outcome, FetchOutcome::kTooManyRedirects);
  EXPECT_THAT(loop.error, HasSubstr("redirect loop"));
  FetchedPage chain = Get(site.base_url() + "/hop/0");
  EXPECT_EQ(chain.outcome, FetchOutcome::kTooManyRedirects);
  EXPECT_EQ(chain.error, "more than 3 redirects");
  FetchedPage scheme = Get(site.base_url() + "/to-ftp");
  EXPECT_EQ(scheme.outcome, FetchOutcome::kBadUrl);
  EXPECT_THAT(scheme.error, HasSubstr("not http(s)"));
  // Each was asked once: none of these is worth a retry.
  EXPECT_EQ(RequestsFor(site, "/loop-a").size(), 1u);
  EXPECT_EQ(RequestsFor(site, "/hop/0").size(), 1u);
  EXPECT_EQ(RequestsFor(site, "/to-ftp").size(), 1u);
  EXPECT_EQ(polite_->stats().retries, 0);
}

TEST_F(PoliteFetcherTest, BadUrlsAreNeverFetched) {
  LocalHttpServer& site = AddServer(Site(nullptr));
  Start(FastOptions());
  const std::string port = std::to_string(site.port());
  for (const std::string& url :
       {"ftp://127.0.0.1:" + port + "/f", std::string("file:///etc/passwd"),
        std::string("javascript:alert(1)"), std::string("not a url"), std::string()}) {
    FetchedPage page = Get(url);
    EXPECT_EQ(page.outcome, FetchOutcome::kBadUrl) << url;
    EXPECT_EQ(page.url, url);
  }
  EXPECT_TRUE(site.requests().empty());
}

TEST_F(PoliteFetcherTest, LongUrlIsRefusedByTheLoopAfterRobots) {
  LocalHttpServer& site = AddServer(Site(nullptr));
  config::FetchOptions fetch;
  fetch.max_url_length = 300;
  Start(FastOptions(), fetch);
  FetchedPage page = Get(site.base_url() + "/" + std::string(400, 'a'));
  EXPECT_EQ(page.outcome, FetchOutcome::kBadUrl);
  EXPECT_THAT(page.error, HasSubstr("longer than 300"));
  EXPECT_THAT(Targets(site), ::testing::ElementsAre("/robots.txt"));
}

// --- stopping ---------------------------------------------------------------------------------

TEST_F(PoliteFetcherTest, StopAbortsQueuedWaitingAndInFlightOnce) {
  LocalHttpServer& site = AddServer([](const HttpRequest& request) {
    if (request.target == "/robots.txt") return Text(404);
    if (request.target == "/retry") return Text(503);
    HttpResponse held = Text(200, "late");
    held.delay_ms = 60'000;  // Stop() in TearDown wakes it
    return held;
  });
  PoliteFetcherOptions options = FastOptions();
  options.politeness.per_host_concurrency = 1;
  options.politeness.min_delay_ms = 0;
  options.retry.base_delay_ms = 60'000;  // a retry that waits "forever"
  options.retry.max_delay_ms = 60'000;
  options.random_unit = [] { return 1.0; };
  Start(options);

  auto retrying = FetchAsync({.url = site.base_url() + "/retry"});
  ASSERT_TRUE(Eventually([&] { return polite_->stats().retries == 1; }));
  auto held = FetchAsync({.url = site.base_url() + "/held"});
  auto queued = FetchAsync({.url = site.base_url() + "/queued"});
  ASSERT_TRUE(Eventually([&] { return RequestsFor(site, "/held").size() == 1; }));
  polite_->Stop();
  for (auto* future : {&retrying, &held, &queued}) {
    FetchedPage page = Wait(*future);
    EXPECT_EQ(page.outcome, FetchOutcome::kAborted) << page.url;
  }
  EXPECT_EQ(Get(site.base_url() + "/after").outcome, FetchOutcome::kAborted);
  EXPECT_TRUE(RequestsFor(site, "/queued").empty());
  EXPECT_EQ(RequestsFor(site, "/retry").size(), 1u);
}

TEST_F(PoliteFetcherTest, DestructionAbortsEverythingOnce) {
  LocalHttpServer& site = AddServer([](const HttpRequest& request) {
    if (request.target == "/robots.txt") return Text(404);
    HttpResponse held = Text(200, "late");
    held.delay_ms = 60'000;
    return held;
  });
  PoliteFetcherOptions options = FastOptions();
  options.politeness.per_host_concurrency = 1;
  Start(options);
  auto calls = std::make_shared<std::atomic<int>>(0);
  auto aborted = std::make_shared<std::atomic<int>>(0);
  for (int i = 0; i < 5; ++i) {
    polite_->Fetch({.url = site.base_url() + "/p" + std::to_string(i)},
                   [calls, aborted](FetchedPage page) {
                     ++*calls;
                     if (page.outcome == FetchOutcome::kAborted) ++*aborted;
                   });
  }
  ASSERT_TRUE(Eventually([&] { return RequestsFor(site, "/p0").size() == 1; }));
  polite_.reset();  // the io thread still runs: the aborted dones run there
  ASSERT_TRUE(Eventually([&] { return calls->load() == 5; }));
  TearDown();  // everything torn down: a late second call would have happened by now
  EXPECT_EQ(calls->load(), 5);
  EXPECT_EQ(aborted->load(), 5);
}

TEST_F(PoliteFetcherTest, DoneMayFetchAgain) {
  LocalHttpServer& site = AddServer(Site(nullptr));
  Start(FastOptions());
  auto promise = std::make_shared<std::promise<FetchedPage>>();
  auto future = promise->get_future();
  PoliteFetcher* polite = polite_.get();
  const std::string next = site.base_url() + "/second";
  polite_->Fetch({.url = site.base_url() + "/first"}, [polite, next, promise](FetchedPage page) {
    EXPECT_EQ(page.body, "page /first");
    polite->Fetch({.url = next}, [promise](FetchedPage second) { promise->set_value(second); });
  });
  EXPECT_EQ(Wait(future).body, "page /second");
}

TEST(PoliteFetcherFactoryTest, BuildsFromConfigAndRaisesLoopLimits) {
  config::Config config;
  config.politeness.per_host_concurrency = 8;
  config.politeness.global_concurrency = 100;
  config.fetch.max_connections_per_host = 2;
  config.fetch.max_connections_total = 64;
  const config::FetchOptions loop = FetchLoopOptionsFor(config);
  EXPECT_EQ(loop.max_connections_per_host, 8);
  EXPECT_EQ(loop.max_connections_total, 100);
  config.robots.respect = false;
  const PoliteFetcherOptions options = PolicyOptionsFrom(config);
  EXPECT_FALSE(options.robots.respect);
  EXPECT_EQ(options.politeness.per_host_concurrency, 8);
  EXPECT_EQ(options.robots_store, nullptr);
}

}  // namespace
}  // namespace strata::crawler
