// LocalHttpServer, spoken to with a plain blocking Beast client so that these tests do not
// depend on the crawler they serve.
#include "tools/devserver/local_http_server.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <zlib.h>

#include <atomic>
#include <future>
#include <thread>
#include <utility>  // before Asio: Boost 1.74's awaitable.hpp uses std::exchange (g++ 12, C++20)

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

namespace strata::devserver {
namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using asio::ip::tcp;
using ::testing::HasSubstr;
using ::testing::StartsWith;

class Client {
 public:
  explicit Client(uint16_t port) : socket_(io_) {
    socket_.connect(tcp::endpoint(asio::ip::address_v4::loopback(), port));
  }

  http::response<http::string_body> Send(
      http::verb method, std::string target, std::string body = "",
      std::vector<std::pair<std::string, std::string>> headers = {}) {
    http::request<http::string_body> request(method, target, 11);
    request.set(http::field::host, "127.0.0.1");
    for (const auto& [name, value] : headers) request.set(name, value);
    request.body() = std::move(body);
    request.prepare_payload();
    http::write(socket_, request);
    return Read(method == http::verb::head);
  }

  http::response<http::string_body> Read(bool head = false) {
    http::response_parser<http::string_body> parser;
    parser.skip(head);
    parser.body_limit(64 << 20);
    http::read(socket_, buffer_, parser);
    return parser.release();
  }

  void WriteRaw(std::string_view text) {
    asio::write(socket_, asio::buffer(text.data(), text.size()));
  }

  // Reads until the server closes; returns what arrived.
  std::string ReadToEnd() {
    std::string all(static_cast<const char*>(buffer_.data().data()), buffer_.size());
    buffer_.consume(buffer_.size());
    char chunk[4096];
    boost::system::error_code ec;
    while (true) {
      size_t n = socket_.read_some(asio::buffer(chunk), ec);
      if (ec) break;
      all.append(chunk, n);
    }
    return all;
  }

  tcp::socket& socket() { return socket_; }

 private:
  asio::io_context io_;
  tcp::socket socket_;
  boost::beast::flat_buffer buffer_;
};

HttpResponse Text(std::string body) {
  HttpResponse response;
  response.body = std::move(body);
  return response;
}

std::string Gunzip(std::string_view data) {
  z_stream stream{};
  EXPECT_EQ(inflateInit2(&stream, 15 + 16), Z_OK);
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buffer[16384];
  int rc = Z_OK;
  while (rc == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    rc = inflate(&stream, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - stream.avail_out);
  }
  EXPECT_EQ(rc, Z_STREAM_END);
  inflateEnd(&stream);
  return out;
}

TEST(LocalHttpServerTest, ServesHandlerResponseAndRecordsRequest) {
  LocalHttpServer server([](const HttpRequest& request) {
    HttpResponse response;
    response.status = 201;
    response.headers = {{"X-Echo-Method", request.method}, {"Content-Type", "text/plain"}};
    response.body = "got " + request.body;
    return response;
  });
  ASSERT_NE(server.port(), 0);
  EXPECT_EQ(server.base_url(), "http://127.0.0.1:" + std::to_string(server.port()));

  const auto before = std::chrono::steady_clock::now();
  Client client(server.port());
  auto response = client.Send(http::verb::post, "/echo?x=1", "payload", {{"X-Custom", "value 1"}});
  EXPECT_EQ(response.result_int(), 201);
  EXPECT_EQ(response.body(), "got payload");
  EXPECT_EQ(response[http::field::content_length], "11");
  EXPECT_EQ(response["X-Echo-Method"], "POST");

  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].target, "/echo?x=1");
  EXPECT_EQ(requests[0].body, "payload");
  EXPECT_EQ(FindHeader(requests[0].headers, "x-custom"), "value 1");
  EXPECT_GE(requests[0].received_at, before);
  EXPECT_GT(requests[0].connection_id, 0);
}

TEST(LocalHttpServerTest, KeepAliveConnectionsShareAnId) {
  LocalHttpServer server([](const HttpRequest& request) { return Text(request.target); });
  Client first(server.port());
  EXPECT_EQ(first.Send(http::verb::get, "/1").body(), "/1");
  EXPECT_EQ(first.Send(http::verb::get, "/2").body(), "/2");
  Client second(server.port());
  EXPECT_EQ(second.Send(http::verb::get, "/3").body(), "/3");

  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].connection_id, requests[1].connection_id);
  EXPECT_NE(requests[0].connection_id, requests[2].connection_id);
}

TEST(LocalHttpServerTest, HandlerCanCloseTheConnection) {
  LocalHttpServer server([](const HttpRequest& request) {
    HttpResponse response = Text(request.target);
    if (request.target == "/close") response.headers.emplace_back("Connection", "close");
    if (request.target == "/keep") response.headers.emplace_back("Connection", "keep-alive");
    return response;
  });
  Client client(server.port());
  EXPECT_EQ(client.Send(http::verb::get, "/keep").body(), "/keep");
  auto last = client.Send(http::verb::get, "/close");
  EXPECT_EQ(last.body(), "/close");
  EXPECT_EQ(client.ReadToEnd(), "");  // the server closed its end
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].connection_id, requests[1].connection_id);
}

TEST(LocalHttpServerTest, HeadGetsLengthButNoBody) {
  LocalHttpServer server([](const HttpRequest&) { return Text("12345"); });
  Client client(server.port());
  auto response = client.Send(http::verb::head, "/");
  EXPECT_EQ(response.result_int(), 200);
  EXPECT_EQ(response[http::field::content_length], "5");
  // The connection is still in step: a following GET gets its own answer.
  EXPECT_EQ(client.Send(http::verb::get, "/").body(), "12345");
}

TEST(LocalHttpServerTest, NotModifiedHasNoBody) {
  LocalHttpServer server([](const HttpRequest&) {
    HttpResponse response = Text("ignored");
    response.status = 304;
    return response;
  });
  Client client(server.port());
  auto response = client.Send(http::verb::get, "/");
  EXPECT_EQ(response.result_int(), 304);
  EXPECT_EQ(response.body(), "");
}

TEST(LocalHttpServerTest, ClosesWithoutResponse) {
  LocalHttpServer server([](const HttpRequest&) {
    HttpResponse response;
    response.close_without_response = true;
    return response;
  });
  Client client(server.port());
  client.WriteRaw("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(client.ReadToEnd(), "");
  EXPECT_EQ(server.requests().size(), 1u);
}

TEST(LocalHttpServerTest, DelaysResponse) {
  LocalHttpServer server([](const HttpRequest&) {
    HttpResponse response = Text("late");
    response.delay_ms = 200;
    return response;
  });
  Client client(server.port());
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(client.Send(http::verb::get, "/").body(), "late");
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(200));
}

TEST(LocalHttpServerTest, DripsWholeBody) {
  LocalHttpServer server([](const HttpRequest&) {
    HttpResponse response = Text("abcdefghij");
    response.drip_interval_ms = 5;
    response.drip_chunk = 3;
    return response;
  });
  Client client(server.port());
  auto response = client.Send(http::verb::get, "/");
  EXPECT_EQ(response.body(), "abcdefghij");
  EXPECT_EQ(response[http::field::content_length], "10");
}

TEST(LocalHttpServerTest, EndlessBodyKeepsComingUntilClientLeaves) {
  LocalHttpServer server([](const HttpRequest&) {
    HttpResponse response = Text("0123456789");
    response.endless = true;
    return response;
  });
  {
    Client client(server.port());
    client.WriteRaw("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    std::string received;
    char chunk[8192];
    while (received.size() < 200'000) {
      received.append(chunk, client.socket().read_some(asio::buffer(chunk)));
    }
    EXPECT_THAT(received, StartsWith("HTTP/1.1 200 OK\r\n"));
    EXPECT_THAT(received, HasSubstr("Transfer-Encoding: chunked\r\n"));
    EXPECT_THAT(received, HasSubstr("\r\na\r\n0123456789\r\na\r\n0123456789\r\n"));
  }  // the client goes away; the server's writer must notice and end
  server.Stop();
}

TEST(LocalHttpServerTest, StopWakesBlockedConnections) {
  auto server = std::make_unique<LocalHttpServer>([](const HttpRequest&) {
    HttpResponse response = Text("never");
    response.delay_ms = 600'000;
    return response;
  });
  Client idle(server->port());  // an open keep-alive connection with nothing to say
  Client waiting(server->port());
  waiting.WriteRaw("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  for (int i = 0; i < 6000 && server->requests().empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_EQ(server->requests().size(), 1u);
  server->Stop();  // would hang here if a thread were stuck in a read or a delay
  EXPECT_EQ(waiting.ReadToEnd(), "");
  EXPECT_EQ(idle.ReadToEnd(), "");
  server.reset();
}

TEST(LocalHttpServerTest, HandlerExceptionBecomes500) {
  LocalHttpServer server(
      [](const HttpRequest&) -> HttpResponse { throw std::runtime_error("boom"); });
  Client client(server.port());
  auto response = client.Send(http::verb::get, "/");
  EXPECT_EQ(response.result_int(), 500);
  EXPECT_THAT(response.body(), HasSubstr("boom"));
}

TEST(LocalHttpServerTest, MalformedRequestGets400) {
  LocalHttpServer server([](const HttpRequest&) { return Text("x"); });
  Client client(server.port());
  client.WriteRaw("this is not http\r\n\r\n");
  EXPECT_THAT(client.ReadToEnd(), StartsWith("HTTP/1.1 400 "));
  EXPECT_TRUE(server.requests().empty());
}

TEST(LocalHttpServerTest, AnswersExpectContinue) {
  LocalHttpServer server([](const HttpRequest& request) { return Text(request.body); });
  Client client(server.port());
  client.WriteRaw(
      "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
  std::string interim(25, '\0');
  asio::read(client.socket(), asio::buffer(interim.data(), interim.size()));
  EXPECT_EQ(interim, "HTTP/1.1 100 Continue\r\n\r\n");
  client.WriteRaw("data");
  EXPECT_EQ(client.Read().body(), "data");
}

TEST(LocalHttpServerTest, BusyPortLeavesServerWithoutPort) {
  LocalHttpServer first([](const HttpRequest&) { return Text("x"); });
  LocalHttpServer second([](const HttpRequest&) { return Text("x"); }, first.port());
  EXPECT_EQ(second.port(), 0);
}

TEST(LocalHttpServerTest, ServesConcurrentClients) {
  LocalHttpServer server([](const HttpRequest& request) { return Text(request.target); });
  std::vector<std::future<std::string>> bodies;
  for (int i = 0; i < 16; ++i) {
    bodies.push_back(std::async(std::launch::async, [&server, i] {
      Client client(server.port());
      return client.Send(http::verb::get, "/" + std::to_string(i)).body();
    }));
  }
  for (int i = 0; i < 16; ++i) EXPECT_EQ(bodies[i].get(), "/" + std::to_string(i));
  EXPECT_EQ(server.requests().size(), 16u);
}

TEST(GzipCompressTest, RoundTrips) {
  std::string text;
  for (int i = 0; i < 10000; ++i) text += "row " + std::to_string(i) + "\n";
  const std::string compressed = GzipCompress(text);
  ASSERT_GE(compressed.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(compressed[0]), 0x1f);  // gzip magic
  EXPECT_EQ(static_cast<unsigned char>(compressed[1]), 0x8b);
  EXPECT_LT(compressed.size(), text.size());
  EXPECT_EQ(Gunzip(compressed), text);
  EXPECT_EQ(Gunzip(GzipCompress("")), "");
}

}  // namespace
}  // namespace strata::devserver
