// FetchLoop against LocalHttpServer on 127.0.0.1. No test asserts how long anything took; the
// waits below are generous upper bounds so a loaded machine or a sanitizer build stays green.
#include "crawler/fetch_loop.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <atomic>
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

#include "common/time.h"
#include "tools/devserver/local_http_server.h"

namespace strata::crawler {
namespace {

using devserver::HttpRequest;
using devserver::HttpResponse;
using devserver::LocalHttpServer;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr auto kPatience = std::chrono::seconds(60);

HttpResponse Text(int status, std::string body) {
  HttpResponse response;
  response.status = status;
  response.headers = {{"Content-Type", "text/plain"}};
  response.body = std::move(body);
  return response;
}

HttpResponse Redirect(int status, std::string location) {
  HttpResponse response;
  response.status = status;
  response.headers = {{"Location", std::move(location)}};
  return response;
}

std::string_view RequestHeader(const HttpRequest& request, std::string_view name) {
  return FindHeader(request.headers, name);
}

// Waits (bounded) until `predicate` holds; returns whether it did.
template <typename Predicate>
bool Eventually(Predicate predicate) {
  const auto deadline = std::chrono::steady_clock::now() + kPatience;
  while (!predicate()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

class FetchLoopTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { curl_global_ = std::make_unique<CurlGlobal>(); }
  static void TearDownTestSuite() { curl_global_.reset(); }

  void TearDown() override {
    loop_.reset();  // from this thread while the io thread runs: must be safe
    work_.reset();
    for (auto& thread : io_threads_) thread.join();
    io_threads_.clear();
    server_.reset();
  }

  void StartServer(devserver::Handler handler) {
    server_ = std::make_unique<LocalHttpServer>(std::move(handler));
    ASSERT_NE(server_->port(), 0);
  }

  void StartLoop(const config::FetchOptions& options = {}, int io_threads = 1) {
    loop_ = std::make_unique<FetchLoop>(io_, options);
    for (int i = 0; i < io_threads; ++i) io_threads_.emplace_back([this] { io_.run(); });
  }

  std::string Url(std::string_view path) const { return server_->base_url() + std::string(path); }

  // Starts a fetch; the future becomes ready when `done` runs.
  std::future<FetchedPage> FetchAsync(FetchRequest request) {
    auto promise = std::make_shared<std::promise<FetchedPage>>();
    auto future = promise->get_future();
    loop_->Fetch(std::move(request),
                 [promise](FetchedPage page) { promise->set_value(std::move(page)); });
    return future;
  }

  FetchedPage Fetch(FetchRequest request) {
    auto future = FetchAsync(std::move(request));
    if (future.wait_for(kPatience) != std::future_status::ready) {
      ADD_FAILURE() << "fetch did not complete";
      return {};
    }
    return future.get();
  }

  FetchedPage Get(std::string url) { return Fetch(FetchRequest{.url = std::move(url)}); }

  static std::unique_ptr<CurlGlobal> curl_global_;
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_ =
      boost::asio::make_work_guard(io_);
  std::vector<std::thread> io_threads_;
  std::unique_ptr<LocalHttpServer> server_;
  std::unique_ptr<FetchLoop> loop_;
};

std::unique_ptr<CurlGlobal> FetchLoopTest::curl_global_;

TEST_F(FetchLoopTest, FetchesPageWithHeadersAndBody) {
  StartServer([](const HttpRequest&) {
    HttpResponse response = Text(200, "<html>hello</html>");
    response.headers = {{"Content-Type", "text/html; charset=utf-8"}, {"X-Test", "yes"}};
    return response;
  });
  StartLoop();
  const UnixMillis before = SystemClock::Instance().Now();
  FetchedPage page = Get(Url("/page"));

  EXPECT_EQ(page.outcome, FetchOutcome::kOk) << page.error;
  EXPECT_EQ(page.error, "");
  EXPECT_EQ(page.http_status, 200);
  EXPECT_EQ(page.body, "<html>hello</html>");
  EXPECT_EQ(page.url, Url("/page"));
  EXPECT_EQ(page.final_url, Url("/page"));
  EXPECT_EQ(page.redirect_count, 0);
  EXPECT_EQ(page.content_type(), "text/html; charset=utf-8");
  EXPECT_EQ(FindHeader(page.response_headers, "x-test"), "yes");
  EXPECT_EQ(FindHeader(page.response_headers, "content-length"), "18");
  EXPECT_GE(page.fetched_at_ms, before);
  EXPECT_GE(page.elapsed_ms, 0);
  EXPECT_EQ(FindHeader(page.request_headers, "host"),
            "127.0.0.1:" + std::to_string(server_->port()));
  EXPECT_EQ(FindHeader(page.request_headers, "user-agent"), config::FetchOptions().user_agent);
}

TEST_F(FetchLoopTest, SendsConfiguredUserAgent) {
  StartServer([](const HttpRequest&) { return Text(200, "ok"); });
  config::FetchOptions options;
  options.user_agent = "strata-test/1.0 (+https://example.invalid/bot)";
  StartLoop(options);
  FetchedPage page = Get(Url("/"));
  ASSERT_EQ(page.outcome, FetchOutcome::kOk) << page.error;
  const auto requests = server_->requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(RequestHeader(requests[0], "user-agent"), options.user_agent);
}

TEST_F(FetchLoopTest, FollowsRedirectChainAndKeepsFinalHeadersOnly) {
  std::string base;
  StartServer([&base](const HttpRequest& request) {
    if (request.target == "/r1") return Redirect(302, "/r2");         // relative to the root
    if (request.target == "/r2") return Redirect(301, base + "/r3");  // absolute
    if (request.target == "/r3") {
      HttpResponse response = Redirect(307, "final");  // relative to the path
      response.headers.emplace_back("X-Hop", "3");
      return response;
    }
    HttpResponse response = Text(200, "done");
    response.headers.emplace_back("X-Final", "1");
    return response;
  });
  base = server_->base_url();
  StartLoop();
  FetchedPage page = Get(Url("/r1"));

  ASSERT_EQ(page.outcome, FetchOutcome::kOk) << page.error;
  EXPECT_EQ(page.http_status, 200);
  EXPECT_EQ(page.body, "done");
  EXPECT_EQ(page.url, Url("/r1"));
  EXPECT_EQ(page.final_url, Url("/final"));
  EXPECT_EQ(page.redirect_count, 3);
  EXPECT_EQ(FindHeader(page.response_headers, "x-final"), "1");
  EXPECT_EQ(FindHeader(page.response_headers, "x-hop"), "");
  EXPECT_EQ(FindHeader(page.response_headers, "location"), "");
  std::vector<std::string> targets;
  for (const auto& request : server_->requests()) targets.push_back(request.target);
  EXPECT_THAT(targets, ::testing::ElementsAre("/r1", "/r2", "/r3", "/final"));
}

TEST_F(FetchLoopTest, GivesUpAfterMaxRedirects) {
  StartServer([](const HttpRequest& request) {
    const int hop = std::stoi(request.target.substr(5));  // "/hop/N"
    return Redirect(302, "/hop/" + std::to_string(hop + 1));
  });
  config::FetchOptions options;
  options.max_redirects = 3;
  StartLoop(options);
  FetchedPage page = Get(Url("/hop/0"));

  EXPECT_EQ(page.outcome, FetchOutcome::kTooManyRedirects);
  EXPECT_EQ(page.error, "more than 3 redirects");
  EXPECT_EQ(page.body, "");
  EXPECT_EQ(server_->requests().size(), 4u);  // the first request and three redirects
}

TEST_F(FetchLoopTest, StopsRedirectLoopAtFirstRevisit) {
  StartServer([](const HttpRequest& request) {
    return Redirect(302, request.target == "/a" ? "/b" : "/a");
  });
  StartLoop();  // max_redirects 10: the loop must be caught long before
  FetchedPage page = Get(Url("/a"));

  EXPECT_EQ(page.outcome, FetchOutcome::kTooManyRedirects);
  EXPECT_THAT(page.error, HasSubstr("redirect loop"));
  EXPECT_EQ(server_->requests().size(), 2u);
}

TEST_F(FetchLoopTest, AllowsSelfRedirectThatSetsCookie) {
  StartServer([](const HttpRequest& request) {
    if (RequestHeader(request, "cookie") == "seen=1") return Text(200, "welcome");
    HttpResponse response = Redirect(302, "/check");
    response.headers.emplace_back("Set-Cookie", "seen=1; Path=/");
    return response;
  });
  StartLoop();
  FetchedPage page = Get(Url("/check"));

  ASSERT_EQ(page.outcome, FetchOutcome::kOk) << page.error;
  EXPECT_EQ(page.body, "welcome");
  EXPECT_EQ(page.redirect_count, 1);
  EXPECT_EQ(FindHeader(page.request_headers, "cookie"), "seen=1");
}

// Transfers share the multi handle's connections: nothing of an earlier request (cookies,
// method, body, headers, the redirect it followed) reaches a later one.
TEST_F(FetchLoopTest, ATransferKeepsNothingOfTheOneBeforeOnTheSameHandle) {
  StartServer([](const HttpRequest& request) {
    if (request.target == "/set") {
      HttpResponse response = Redirect(302, "/landing");
      response.headers.emplace_back("Set-Cookie", "session=abc; Path=/");
      return response;
    }
    return Text(200, "cookie=" + std::string(RequestHeader(request, "cookie")) +
                         " method=" + request.method + " body=" + request.body +
                         " x=" + std::string(RequestHeader(request, "x-api-key")));
  });
  StartLoop();
  ASSERT_EQ(Get(Url("/set")).redirect_count, 1);
  FetchedPage post = Fetch(
      {.url = Url("/post"), .method = "POST", .body = "payload", .headers = {{"X-Api-Key", "k1"}}});
  ASSERT_EQ(post.outcome, FetchOutcome::kOk) << post.error;
  EXPECT_EQ(post.body, "cookie= method=POST body=payload x=k1");
  for (int i = 0; i < 3; ++i) {  // whichever handle comes back
    FetchedPage page = Get(Url("/plain"));
    ASSERT_EQ(page.outcome, FetchOutcome::kOk) << page.error;
    EXPECT_EQ(page.body, "cookie= method=GET body= x=");
    EXPECT_EQ(page.redirect_count, 0);
    EXPECT_EQ(page.final_url, Url("/plain"));
  }
  // A HEAD leaves no NOBODY behind, and a URL given as a string none for a parsed one.
  FetchedPage head = Fetch({.url = Url("/head"), .method = "HEAD"});
  ASSERT_EQ(head.outcome, FetchOutcome::kOk) << head.error;
  EXPECT_EQ(head.body, "");
  EXPECT_EQ(head.final_url, Url("/head"));
  for (int i = 0; i < 2; ++i) {
    FetchedPage page = Get(Url("/after-head"));
    ASSERT_EQ(page.outcome, FetchOutcome::kOk) << page.error;
    EXPECT_EQ(page.body, "cookie= method=GET body= x=");
    EXPECT_EQ(page.final_url, Url("/after-head"));
  }
}

TEST_F(FetchLoopTest, RedirectToOtherSchemeIsBadUrl) {
  uint16_t port = 0;
  StartServer([&port](const HttpRequest&) {
    return Redirect(302, "ftp://127.0.0.1:" + std::to_string(port) + "/file");
  });
  port = server_->port();
  StartLoop();
  FetchedPage page = Get(Url("/x"));

  EXPECT_EQ(page.outcome, FetchOutcome::kBadUrl);
  EXPECT_THAT(page.error, HasSubstr("not http(s)"));
  EXPECT_EQ(server_->requests().size(), 1u);
}

TEST_F(FetchLoopTest, NotFoundIsAnOkFetchWithStatus404) {
  StartServer([](const HttpRequest&) { return Text(404, "no such page"); });
  StartLoop();
  FetchedPage page = Get(Url("/missing"));

  EXPECT_EQ(page.outcome, FetchOutcome::kOk);
  EXPECT_EQ(page.http_status, 404);
  EXPECT_EQ(page.body, "no such page");
  EXPECT_EQ(page.error, "");
}

TEST_F(FetchLoopTest, DecodesGzipBody) {
  std::string text;
  for (int i = 0; i < 500; ++i) text += "line " + std::to_string(i) + " of a compressible page\n";
  StartServer([&text](const HttpRequest&) {
    HttpResponse response = Text(200, devserver::GzipCompress(text));
    response.headers.emplace_back("Content-Encoding", "gzip");
    return response;
  });
  StartLoop();
  FetchedPage page = Get(Url("/gz"));

  ASSERT_EQ(page.outcome, FetchOutcome::kOk) << page.error;
  EXPECT_EQ(page.body, text);
  EXPECT_EQ(FindHeader(page.response_headers, "content-encoding"), "gzip");
  const auto requests = server_->requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_THAT(std::string(RequestHeader(requests[0], "accept-encoding")), HasSubstr("gzip"));
}

TEST_F(FetchLoopTest, LargeBodyArrivesWholeInItsSizedBuffer) {
  // 300 KB: many of libcurl's pieces, into a buffer sized by Content-Length.
  std::string text;
  for (int i = 0; text.size() < 300'000; ++i) text += "row " + std::to_string(i) + "\n";
  StartServer([&text](const HttpRequest&) { return Text(200, text); });
  StartLoop();
  FetchedPage page = Get(Url("/large"));

  ASSERT_EQ(page.outcome, FetchOutcome::kOk) << page.error;
  EXPECT_EQ(page.body, text);
  EXPECT_EQ(FindHeader(page.response_headers, "content-length"), std::to_string(text.size()));
  EXPECT_EQ(page.body.capacity(), text.size());  // sized once, never doubled past it
}

TEST_F(FetchLoopTest, AsksForNoCompressionWhenDisabled) {
  StartServer([](const HttpRequest&) { return Text(200, "plain"); });
  config::FetchOptions options;
  options.accept_compressed = false;
  StartLoop(options);
  FetchedPage page = Get(Url("/"));

  ASSERT_EQ(page.outcome, FetchOutcome::kOk) << page.error;
  const auto requests = server_->requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(RequestHeader(requests[0], "accept-encoding"), "");
}

TEST_F(FetchLoopTest, TimesOutSlowServer) {
  StartServer([](const HttpRequest&) {
    HttpResponse response = Text(200, "late");
    response.delay_ms = 60'000;  // Stop() in TearDown wakes it
    return response;
  });
  config::FetchOptions options;
  options.total_timeout_ms = 300;
  StartLoop(options);
  FetchedPage page = Get(Url("/slow"));

  EXPECT_EQ(page.outcome, FetchOutcome::kTimeout);
  EXPECT_EQ(page.error, "timeout after 300 ms");
  EXPECT_EQ(page.http_status, 0);
  EXPECT_EQ(page.body, "");
}

TEST_F(FetchLoopTest, RefusesBodyOverCapByContentLength) {
  StartServer([](const HttpRequest&) { return Text(200, std::string(5000, 'x')); });
  config::FetchOptions options;
  options.max_body_bytes = 1000;
  StartLoop(options);
  FetchedPage page = Get(Url("/big"));

  EXPECT_EQ(page.outcome, FetchOutcome::kTooLarge);
  EXPECT_THAT(page.error, HasSubstr("larger than 1000 bytes"));
  EXPECT_EQ(page.body, "");
}

TEST_F(FetchLoopTest, CapCountsDecodedBytes) {
  // 200 KB of one letter compresses to a few hundred bytes: only the decoded size is over.
  const std::string bomb = devserver::GzipCompress(std::string(200'000, 'a'));
  ASSERT_LT(bomb.size(), 10'000u);
  StartServer([&bomb](const HttpRequest&) {
    HttpResponse response = Text(200, bomb);
    response.headers.emplace_back("Content-Encoding", "gzip");
    return response;
  });
  config::FetchOptions options;
  options.max_body_bytes = 10'000;
  StartLoop(options);
  FetchedPage page = Get(Url("/bomb"));

  EXPECT_EQ(page.outcome, FetchOutcome::kTooLarge);
  EXPECT_EQ(page.error, "response larger than 10000 bytes");
  EXPECT_EQ(page.body, "");
}

TEST_F(FetchLoopTest, CutsOffEndlessResponse) {
  StartServer([](const HttpRequest&) {
    HttpResponse response = Text(200, "0123456789abcdef");
    response.endless = true;
    return response;
  });
  config::FetchOptions options;
  options.max_body_bytes = 100'000;
  StartLoop(options);
  FetchedPage page = Get(Url("/endless"));

  EXPECT_EQ(page.outcome, FetchOutcome::kTooLarge);
  EXPECT_EQ(page.error, "response larger than 100000 bytes");
  EXPECT_EQ(page.http_status, 200);
  EXPECT_EQ(page.body, "");
}

TEST_F(FetchLoopTest, CutsOffEndlessHeaders) {
  StartServer([](const HttpRequest&) {
    HttpResponse response = Text(200, "unreachable");
    for (int i = 0; i < 1000; ++i) {
      response.headers.emplace_back("X-Filler-" + std::to_string(i), std::string(1000, 'h'));
    }
    return response;
  });
  StartLoop();
  FetchedPage page = Get(Url("/headers"));

  EXPECT_EQ(page.outcome, FetchOutcome::kTooLarge);
  EXPECT_EQ(page.error, "response headers larger than 262144 bytes");
  EXPECT_EQ(page.body, "");
}

TEST_F(FetchLoopTest, CutsOffDrippingServer) {
  StartServer([](const HttpRequest&) {
    HttpResponse response = Text(200, std::string(100'000, 'd'));
    response.drip_interval_ms = 100;  // 10 bytes/s
    response.drip_chunk = 1;
    return response;
  });
  config::FetchOptions options;
  options.low_speed_bytes_per_s = 1000;
  options.low_speed_time_s = 1;
  StartLoop(options);
  FetchedPage page = Get(Url("/drip"));

  EXPECT_EQ(page.outcome, FetchOutcome::kTimeout);
  EXPECT_EQ(page.error, "too slow: under 1000 bytes/s for 1 s");
  EXPECT_EQ(page.body, "");
}

TEST_F(FetchLoopTest, ConnectionRefusedIsNetworkError) {
  StartServer([](const HttpRequest&) { return Text(200, "never"); });
  const std::string url = Url("/");
  server_->Stop();  // the port is closed now
  StartLoop();
  FetchedPage page = Get(url);

  EXPECT_EQ(page.outcome, FetchOutcome::kNetworkError);
  EXPECT_NE(page.error, "");
  EXPECT_EQ(page.http_status, 0);
  EXPECT_EQ(page.final_url, "");
}

TEST_F(FetchLoopTest, ConnectionClosedWithoutResponseIsNetworkError) {
  StartServer([](const HttpRequest&) {
    HttpResponse response;
    response.close_without_response = true;
    return response;
  });
  StartLoop();
  FetchedPage page = Get(Url("/"));

  EXPECT_EQ(page.outcome, FetchOutcome::kNetworkError);
  EXPECT_NE(page.error, "");
  EXPECT_EQ(page.http_status, 0);
}

TEST_F(FetchLoopTest, RefusesNonHttpUrlsWithoutNetwork) {
  StartServer([](const HttpRequest&) { return Text(200, "never"); });
  StartLoop();
  const std::string port = std::to_string(server_->port());
  for (const std::string& url : std::vector<std::string>{
           "ftp://127.0.0.1:" + port + "/file", "file:///etc/passwd",
           "gopher://127.0.0.1:" + port + "/", "javascript:alert(1)",
           "127.0.0.1:" + port + "/no-scheme", "http://", "not a url", std::string()}) {
    FetchedPage page = Get(url);
    EXPECT_EQ(page.outcome, FetchOutcome::kBadUrl) << url;
    EXPECT_NE(page.error, "") << url;
    EXPECT_EQ(page.url, url);
  }
  EXPECT_TRUE(server_->requests().empty());
}

TEST_F(FetchLoopTest, RefusesOverLongUrl) {
  StartServer([](const HttpRequest&) { return Text(200, "ok"); });
  config::FetchOptions options;
  options.max_url_length = 200;
  StartLoop(options);
  const std::string base = Url("/");
  const std::string at_limit = base + std::string(200 - base.size(), 'a');
  ASSERT_EQ(at_limit.size(), 200u);

  FetchedPage too_long = Get(at_limit + "a");
  EXPECT_EQ(too_long.outcome, FetchOutcome::kBadUrl);
  EXPECT_THAT(too_long.error, HasSubstr("longer than 200"));
  EXPECT_TRUE(server_->requests().empty());

  FetchedPage fits = Get(at_limit);
  EXPECT_EQ(fits.outcome, FetchOutcome::kOk) << fits.error;
  EXPECT_EQ(server_->requests().size(), 1u);
}

TEST_F(FetchLoopTest, RefusesUnsupportedRequestsWithoutNetwork) {
  StartServer([](const HttpRequest&) { return Text(200, "never"); });
  StartLoop();
  FetchedPage put = Fetch({.url = Url("/"), .method = "PUT"});
  EXPECT_EQ(put.outcome, FetchOutcome::kBadUrl);
  EXPECT_THAT(put.error, HasSubstr("unsupported method"));
  FetchedPage get_with_body = Fetch({.url = Url("/"), .body = "x"});
  EXPECT_EQ(get_with_body.outcome, FetchOutcome::kBadUrl);
  FetchedPage injected = Fetch({.url = Url("/"), .headers = {{"X-A", "1\r\nX-Injected: 1"}}});
  EXPECT_EQ(injected.outcome, FetchOutcome::kBadUrl);
  EXPECT_THAT(injected.error, HasSubstr("invalid request header"));
  EXPECT_TRUE(server_->requests().empty());
}

TEST_F(FetchLoopTest, PostsBodyAndHeaders) {
  StartServer([](const HttpRequest& request) { return Text(201, "got " + request.body); });
  StartLoop();
  const std::string json = R"({"query":"author","page":2})";
  FetchedPage page = Fetch(
      {.url = Url("/api/posts"),
       .method = "POST",
       .body = json,
       .headers = {{"Content-Type", "application/json"}, {"X-Api-Key", "k123"}, {"X-Empty", ""}}});

  ASSERT_EQ(page.outcome, FetchOutcome::kOk) << page.error;
  EXPECT_EQ(page.http_status, 201);
  EXPECT_EQ(page.body, "got " + json);
  EXPECT_EQ(FindHeader(page.request_headers, "content-type"), "application/json");
  const auto requests = server_->requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].target, "/api/posts");
  EXPECT_EQ(requests[0].body, json);
  EXPECT_EQ(RequestHeader(requests[0], "content-type"), "application/json");
  EXPECT_EQ(RequestHeader(requests[0], "x-api-key"), "k123");
  EXPECT_EQ(RequestHeader(requests[0], "content-length"), std::to_string(json.size()));
  EXPECT_EQ(RequestHeader(requests[0], "expect"), "");
  bool has_empty = false;
  for (const auto& [name, value] : requests[0].headers) {
    has_empty = has_empty || (name == "X-Empty" && value.empty());
  }
  EXPECT_TRUE(has_empty);
}

TEST_F(FetchLoopTest, HeadFetchesHeadersOnly) {
  const std::string body(200'000, 'x');
  StartServer([&body](const HttpRequest&) { return Text(200, body); });
  StartLoop();
  FetchedPage page = Fetch({.url = Url("/doc"), .method = "HEAD"});

  ASSERT_EQ(page.outcome, FetchOutcome::kOk) << page.error;
  EXPECT_EQ(page.http_status, 200);
  EXPECT_EQ(page.body, "");
  EXPECT_EQ(FindHeader(page.response_headers, "content-length"), "200000");
  EXPECT_LT(page.body.capacity(), 1000u);  // no buffer sized for a body that never comes
  const auto requests = server_->requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "HEAD");
}

TEST_F(FetchLoopTest, CompletesManyParallelFetchesOverFewConnections) {
  StartServer([](const HttpRequest& request) { return Text(200, "body of " + request.target); });
  config::FetchOptions options;
  options.max_connections_per_host = 4;
  StartLoop(options);
  constexpr int kCount = 100;
  std::vector<std::future<FetchedPage>> futures;
  for (int i = 0; i < kCount; ++i) {
    futures.push_back(FetchAsync({.url = Url("/item/" + std::to_string(i))}));
  }
  for (int i = 0; i < kCount; ++i) {
    ASSERT_EQ(futures[i].wait_for(kPatience), std::future_status::ready) << i;
    FetchedPage page = futures[i].get();
    EXPECT_EQ(page.outcome, FetchOutcome::kOk) << page.error;
    EXPECT_EQ(page.body, "body of /item/" + std::to_string(i));
  }
  const auto requests = server_->requests();
  EXPECT_EQ(requests.size(), static_cast<size_t>(kCount));
  std::set<int> connections;
  for (const auto& request : requests) connections.insert(request.connection_id);
  EXPECT_LE(connections.size(), 4u);  // kept alive and reused, within the per-host limit
  EXPECT_EQ(loop_->in_flight(), 0u);
}

// A connection idle in libcurl's pool keeps its registration with the reactor; one libcurl
// closes gives it up before its fd number can come back as another socket's. Requests that
// close their connection ("Connection: close") alternate with ones that keep it: each new
// connection most likely reuses the closed one's fd, which a stale registration would leave
// unwatched (served only when libcurl's timer fires).
TEST_F(FetchLoopTest, ConnectionsClosedAndReopenedOnReusedDescriptorsStayWatched) {
  StartServer([](const HttpRequest& request) {
    HttpResponse response = Text(200, "body of " + request.target);
    if (request.target.starts_with("/close")) response.headers.emplace_back("Connection", "close");
    return response;
  });
  config::FetchOptions options;
  options.max_connections_per_host = 1;
  StartLoop(options);
  for (int i = 0; i < 6; ++i) {
    for (const std::string& path : {"/keep/" + std::to_string(i), "/close/" + std::to_string(i)}) {
      FetchedPage page = Get(Url(path));
      ASSERT_EQ(page.outcome, FetchOutcome::kOk) << path << ": " << page.error;
      EXPECT_EQ(page.body, "body of " + path);
      // Kept: its socket stays watched while it idles. Closed: nothing is watched.
      EXPECT_EQ(loop_->watched_sockets(), path.starts_with("/keep") ? 1u : 0u) << path;
    }
  }
  const auto requests = server_->requests();
  ASSERT_EQ(requests.size(), 12u);
  std::set<int> connections;
  for (const auto& request : requests) connections.insert(request.connection_id);
  EXPECT_EQ(connections.size(), 6u);  // a keep-alive request and a closing one on each
  EXPECT_EQ(loop_->in_flight(), 0u);
}

// The crawl runs hook commands: its connections are not inherited by them.
TEST_F(FetchLoopTest, ConnectionsAreCloseOnExec) {
  StartServer([](const HttpRequest&) { return Text(200, "ok"); });
  StartLoop();
  ASSERT_EQ(Get(Url("/")).outcome, FetchOutcome::kOk);  // its connection stays in the pool
  int checked = 0;
  for (int fd = 0; fd < 1024; ++fd) {
    sockaddr_in peer{};
    socklen_t length = sizeof peer;
    if (getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &length) != 0) continue;
    if (peer.sin_family != AF_INET || ntohs(peer.sin_port) != server_->port()) continue;
    EXPECT_NE(fcntl(fd, F_GETFD) & FD_CLOEXEC, 0) << "fd " << fd;
    ++checked;
  }
  EXPECT_EQ(checked, 1);
}

TEST_F(FetchLoopTest, WorksWithSeveralIoThreads) {
  StartServer([](const HttpRequest& request) { return Text(200, request.target); });
  config::FetchOptions options;
  options.max_connections_per_host = 8;
  StartLoop(options, /*io_threads=*/2);
  std::vector<std::future<FetchedPage>> futures;
  for (int i = 0; i < 60; ++i) futures.push_back(FetchAsync({.url = Url("/" + std::to_string(i))}));
  for (int i = 0; i < 60; ++i) {
    ASSERT_EQ(futures[i].wait_for(kPatience), std::future_status::ready) << i;
    FetchedPage page = futures[i].get();
    EXPECT_EQ(page.outcome, FetchOutcome::kOk) << page.error;
    EXPECT_EQ(page.body, "/" + std::to_string(i));
  }
}

// Starts `count` fetches that the server holds; returns per-fetch call counts and outcomes.
struct HeldFetches {
  std::mutex mutex;
  std::vector<int> calls;
  std::vector<FetchOutcome> outcomes;
  std::atomic<int> finished{0};
};

class FetchLoopStopTest : public FetchLoopTest {
 protected:
  void StartHeldFetches(int count) {
    StartServer([](const HttpRequest&) {
      HttpResponse response = Text(200, "late");
      response.delay_ms = 60'000;  // Stop() in TearDown wakes it
      return response;
    });
    config::FetchOptions options;
    options.max_connections_per_host = count;
    StartLoop(options);
    held_ = std::make_shared<HeldFetches>();
    held_->calls.assign(count, 0);
    held_->outcomes.assign(count, FetchOutcome::kOk);
    for (int i = 0; i < count; ++i) {
      loop_->Fetch({.url = Url("/held/" + std::to_string(i))}, [held = held_, i](FetchedPage page) {
        std::lock_guard lock(held->mutex);
        ++held->calls[i];
        held->outcomes[i] = page.outcome;
        held->finished.fetch_add(1);
      });
    }
    ASSERT_TRUE(Eventually([&] {
      return server_->requests().size() == static_cast<size_t>(count);
    })) << "the server saw "
        << server_->requests().size() << " requests";
  }

  void ExpectEachAbortedOnce() {
    ASSERT_TRUE(Eventually(
        [&] { return held_->finished.load() == static_cast<int>(held_->calls.size()); }));
    // Tear the loop and io threads down, so a late second call would have happened by now.
    TearDown();
    std::lock_guard lock(held_->mutex);
    for (size_t i = 0; i < held_->calls.size(); ++i) {
      EXPECT_EQ(held_->calls[i], 1) << i;
      EXPECT_EQ(held_->outcomes[i], FetchOutcome::kAborted) << i;
    }
  }

  std::shared_ptr<HeldFetches> held_;
};

TEST_F(FetchLoopStopTest, StopAbortsEveryTransferOnce) {
  StartHeldFetches(8);
  loop_->Stop();
  FetchedPage after_stop = Get(Url("/after-stop"));
  EXPECT_EQ(after_stop.outcome, FetchOutcome::kAborted);
  EXPECT_EQ(server_->requests().size(), 8u);
  ExpectEachAbortedOnce();
}

TEST_F(FetchLoopStopTest, DestructorAbortsEveryTransferOnce) {
  StartHeldFetches(8);
  loop_.reset();  // the io thread is still running: the aborted dones run there
  ExpectEachAbortedOnce();
}

TEST_F(FetchLoopTest, DoneMayStartAnotherFetch) {
  StartServer([](const HttpRequest& request) { return Text(200, request.target); });
  StartLoop();
  auto second = std::make_shared<std::promise<FetchedPage>>();
  auto second_future = second->get_future();
  FetchLoop* loop = loop_.get();
  const std::string next_url = Url("/second");
  size_t in_flight_inside_done = 99;
  loop_->Fetch({.url = Url("/first")}, [&, loop, second](FetchedPage first) {
    in_flight_inside_done = loop->in_flight();
    EXPECT_EQ(first.body, "/first");
    loop->Fetch({.url = next_url},
                [second](FetchedPage page) { second->set_value(std::move(page)); });
  });
  ASSERT_EQ(second_future.wait_for(kPatience), std::future_status::ready);
  EXPECT_EQ(second_future.get().body, "/second");
  EXPECT_EQ(in_flight_inside_done, 0u);
}

TEST_F(FetchLoopTest, DoneMayStopTheLoop) {
  StartServer([](const HttpRequest& request) {
    HttpResponse response = Text(200, request.target);
    if (request.target == "/held") response.delay_ms = 60'000;  // Stop() in TearDown wakes it
    return response;
  });
  config::FetchOptions options;
  options.max_connections_per_host = 4;
  StartLoop(options);
  auto held = FetchAsync({.url = Url("/held")});
  ASSERT_TRUE(Eventually([&] { return server_->requests().size() == 1; }));
  FetchLoop* loop = loop_.get();
  loop_->Fetch({.url = Url("/fast")}, [loop](FetchedPage page) {
    EXPECT_EQ(page.body, "/fast");
    loop->Stop();
  });
  ASSERT_EQ(held.wait_for(kPatience), std::future_status::ready);
  EXPECT_EQ(held.get().outcome, FetchOutcome::kAborted);
}

TEST_F(FetchLoopTest, CountsFetchesInFlight) {
  StartServer([](const HttpRequest&) { return Text(200, "ok"); });
  StartLoop();
  EXPECT_EQ(loop_->in_flight(), 0u);
  auto future = FetchAsync({.url = Url("/")});
  auto bad = FetchAsync({.url = "ftp://example.invalid/"});
  EXPECT_GE(loop_->in_flight(), 1u);
  ASSERT_EQ(future.wait_for(kPatience), std::future_status::ready);
  ASSERT_EQ(bad.wait_for(kPatience), std::future_status::ready);
  EXPECT_TRUE(Eventually([&] { return loop_->in_flight() == 0; }));
}

}  // namespace
}  // namespace strata::crawler
