#include "tools/devserver/local_http_server.h"

#include <strings.h>
#include <sys/socket.h>
#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <list>
#include <mutex>
#include <thread>
#include <utility>  // before Asio: Boost 1.74's awaitable.hpp uses std::exchange (g++ 12, C++20)

#include <boost/asio/buffer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>

namespace strata::devserver {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using asio::ip::tcp;
using boost::system::error_code;

namespace {

// Generous, so tests can send long URLs and large POST bodies on purpose.
constexpr uint64_t kHeaderLimit = 64 * 1024;
constexpr uint64_t kBodyLimit = 64 * 1024 * 1024;
// What an endless response repeats when the handler gave no body (an empty chunk would end it).
constexpr size_t kEndlessFillerSize = 4096;

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

bool HasHeader(const HttpHeaders& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (EqualsIgnoringCase(key, name)) return true;
  }
  return false;
}

// 1xx, 204 and 304 responses never carry a body (RFC 9110 section 6.4.1).
bool StatusAllowsBody(int status) { return status >= 200 && status != 204 && status != 304; }

std::string StatusLine(int status) {
  const auto reason = http::obsolete_reason(static_cast<http::status>(status));
  return "HTTP/1.1 " + std::to_string(status) + " " + std::string(reason.data(), reason.size()) +
         "\r\n";
}

std::string ToHex(size_t value) {
  char text[32];
  std::snprintf(text, sizeof text, "%zx", value);
  return text;
}

}  // namespace

class LocalHttpServer::Impl {
 public:
  Impl(Handler handler, uint16_t port) : handler_(std::move(handler)), acceptor_(io_) {
    error_code ec;
    const tcp::endpoint endpoint(asio::ip::address_v4::loopback(), port);
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(tcp::acceptor::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      std::fprintf(stderr, "devserver: cannot listen on 127.0.0.1:%u: %s\n",
                   static_cast<unsigned>(port), ec.message().c_str());
      acceptor_.close(ec);
      return;
    }
    port_ = acceptor_.local_endpoint(ec).port();
    acceptor_thread_ = std::thread([this] { AcceptLoop(); });
  }

  ~Impl() { Stop(); }

  uint16_t port() const { return port_; }

  std::vector<HttpRequest> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }

  // Idempotent. Wakes every blocked thread (accept, read, write, delay), then joins them all.
  void Stop() {
    std::lock_guard stop_lock(stop_mutex_);
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    stop_cv_.notify_all();
    if (acceptor_thread_.joinable()) {
      // On Linux, shutdown() of a listening socket makes a blocked accept() return (EINVAL).
      ::shutdown(acceptor_.native_handle(), SHUT_RDWR);
      acceptor_thread_.join();
    }
    error_code ignored;
    acceptor_.close(ignored);
    // The acceptor thread is gone, so the list only shrinks from here.
    std::list<std::shared_ptr<Connection>> connections;
    {
      std::lock_guard lock(mutex_);
      for (auto& connection : connections_) {
        if (connection->open) ::shutdown(connection->socket.native_handle(), SHUT_RDWR);
      }
      connections.swap(connections_);
    }
    for (auto& connection : connections) {
      if (connection->thread.joinable()) connection->thread.join();
    }
  }

 private:
  struct Connection {
    explicit Connection(tcp::socket s) : socket(std::move(s)) {}
    tcp::socket socket;
    bool open = true;  // guarded by Impl::mutex_: Stop() may shut the fd down only while open
    std::atomic<bool> finished{false};
    std::thread thread;
  };

  void AcceptLoop() {
    int next_id = 1;
    while (true) {
      tcp::socket socket(io_);
      error_code ec;
      acceptor_.accept(socket, ec);
      if (Stopping()) return;
      if (ec) {
        // Out of file descriptors, or a connection reset before accept: pause, do not spin.
        WaitUnlessStopping(std::chrono::milliseconds(10));
        continue;
      }
      ReapFinished();
      auto connection = std::make_shared<Connection>(std::move(socket));
      {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
        connections_.push_back(connection);
      }
      // Only this thread adds connections and Stop() joins it first, so assigning the thread
      // here cannot race with Stop()'s join.
      connection->thread = std::thread([this, connection, id = next_id++] {
        Serve(*connection, id);
        CloseConnection(*connection);
        connection->finished = true;
      });
    }
  }

  // Joins threads of connections that ended, so a long demo does not pile them up.
  void ReapFinished() {
    std::list<std::shared_ptr<Connection>> done;
    {
      std::lock_guard lock(mutex_);
      for (auto it = connections_.begin(); it != connections_.end();) {
        auto next = std::next(it);
        if ((*it)->finished) done.splice(done.end(), connections_, it);
        it = next;
      }
    }
    for (auto& connection : done) connection->thread.join();
  }

  void CloseConnection(Connection& connection) {
    std::lock_guard lock(mutex_);
    error_code ignored;
    connection.socket.shutdown(tcp::socket::shutdown_both, ignored);
    connection.socket.close(ignored);
    connection.open = false;
  }

  bool Stopping() const {
    std::lock_guard lock(mutex_);
    return stopping_;
  }

  // Sleeps for `duration` unless Stop() comes first. Returns false when stopping.
  bool WaitUnlessStopping(std::chrono::milliseconds duration) {
    std::unique_lock lock(mutex_);
    stop_cv_.wait_for(lock, duration, [this] { return stopping_; });
    return !stopping_;
  }

  bool Write(Connection& connection, std::string_view data) {
    error_code ec;
    asio::write(connection.socket, asio::buffer(data.data(), data.size()), ec);
    return !ec;
  }

  // Serves requests on one connection until it closes, a response ends it, or Stop().
  void Serve(Connection& connection, int connection_id) {
    boost::beast::flat_buffer buffer;  // kept across requests: it may hold a pipelined one
    while (!Stopping()) {
      http::request_parser<http::string_body> parser;
      parser.header_limit(kHeaderLimit);
      parser.body_limit(kBodyLimit);
      error_code ec;
      http::read_header(connection.socket, buffer, parser, ec);
      if (ec) {
        // A request we cannot parse gets a 400; a client that went away gets nothing.
        if (ec.category() == http::make_error_code(http::error::bad_target).category() &&
            ec != http::error::end_of_stream && ec != http::error::partial_message) {
          Write(connection, StatusLine(400) + "Content-Length: 0\r\nConnection: close\r\n\r\n");
        }
        return;
      }
      HttpRequest request;
      request.received_at = std::chrono::steady_clock::now();
      request.connection_id = connection_id;
      const auto& header = parser.get();
      const auto expect = header[http::field::expect];
      if (EqualsIgnoringCase(std::string_view(expect.data(), expect.size()), "100-continue")) {
        if (!Write(connection, "HTTP/1.1 100 Continue\r\n\r\n")) return;
      }
      http::read(connection.socket, buffer, parser, ec);
      if (ec) return;
      const auto& message = parser.get();
      request.method = std::string(message.method_string());
      request.target = std::string(message.target());
      for (const auto& field : message) {
        request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
      }
      request.body = message.body();
      const bool client_keeps_alive = message.keep_alive();
      {
        std::lock_guard lock(mutex_);
        requests_.push_back(request);
      }
      HttpResponse response = CallHandler(request);
      if (!Respond(connection, request, response, client_keeps_alive)) return;
    }
  }

  HttpResponse CallHandler(const HttpRequest& request) {
    try {
      return handler_(request);
    } catch (const std::exception& e) {
      HttpResponse response;
      response.status = 500;
      response.body = std::string("handler failed: ") + e.what();
      return response;
    }
  }

  // Sends one response, misbehaving as asked. Returns whether the connection stays open.
  bool Respond(Connection& connection, const HttpRequest& request, HttpResponse& response,
               bool client_keeps_alive) {
    if (response.close_without_response) return false;
    if (response.delay_ms > 0 &&
        !WaitUnlessStopping(std::chrono::milliseconds(response.delay_ms))) {
      return false;
    }
    const bool has_body = StatusAllowsBody(response.status);
    // A handler may end the connection with "Connection: close".
    const bool keep_alive =
        client_keeps_alive && !response.endless &&
        !EqualsIgnoringCase(FindHeader(response.headers, "connection"), "close");
    std::string head = StatusLine(response.status);
    for (const auto& [name, value] : response.headers) head += name + ": " + value + "\r\n";
    if (response.endless) {
      if (!HasHeader(response.headers, "transfer-encoding")) {
        head += "Transfer-Encoding: chunked\r\n";
      }
    } else if (has_body && !HasHeader(response.headers, "content-length")) {
      head += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
    }
    if (!keep_alive && !HasHeader(response.headers, "connection")) head += "Connection: close\r\n";
    head += "\r\n";

    if (request.method == "HEAD" || !has_body) return Write(connection, head) && keep_alive;
    if (response.endless) {
      if (!Write(connection, head)) return false;
      SendEndless(connection, response);
      return false;
    }
    if (response.drip_interval_ms > 0) {
      if (!Write(connection, head)) return false;
      return Drip(connection, response.body, response) && keep_alive;
    }
    return Write(connection, head + response.body) && keep_alive;
  }

  // Sends `body` drip_chunk bytes at a time, drip_interval_ms apart.
  bool Drip(Connection& connection, std::string_view body, const HttpResponse& response) {
    const size_t step = response.drip_chunk > 0 ? response.drip_chunk : 1;
    for (size_t offset = 0; offset < body.size(); offset += step) {
      if (offset > 0 && !WaitUnlessStopping(std::chrono::milliseconds(response.drip_interval_ms))) {
        return false;
      }
      if (!Write(connection, body.substr(offset, step))) return false;
    }
    return true;
  }

  // Chunk after chunk until the client goes away or Stop().
  void SendEndless(Connection& connection, const HttpResponse& response) {
    const std::string piece =
        response.body.empty() ? std::string(kEndlessFillerSize, 'x') : response.body;
    const std::string chunk = ToHex(piece.size()) + "\r\n" + piece + "\r\n";
    while (!Stopping()) {
      if (response.drip_interval_ms > 0) {
        if (!Drip(connection, chunk, response)) return;
      } else if (!Write(connection, chunk)) {
        return;
      }
    }
  }

  const Handler handler_;
  asio::io_context io_;  // owns the sockets; all I/O here is synchronous
  tcp::acceptor acceptor_;
  uint16_t port_ = 0;
  std::mutex stop_mutex_;  // serializes Stop() (the destructor calls it too)
  std::thread acceptor_thread_;

  mutable std::mutex mutex_;
  std::condition_variable stop_cv_;                     // wakes delays and drips when stopping_
  bool stopping_ = false;                               // guarded by mutex_
  std::vector<HttpRequest> requests_;                   // guarded by mutex_
  std::list<std::shared_ptr<Connection>> connections_;  // guarded by mutex_
};

LocalHttpServer::LocalHttpServer(Handler handler, uint16_t port)
    : impl_(std::make_unique<Impl>(std::move(handler), port)) {}

LocalHttpServer::~LocalHttpServer() = default;

uint16_t LocalHttpServer::port() const { return impl_->port(); }

std::string LocalHttpServer::base_url() const {
  return "http://127.0.0.1:" + std::to_string(impl_->port());
}

std::vector<HttpRequest> LocalHttpServer::requests() const { return impl_->requests(); }

void LocalHttpServer::Stop() { impl_->Stop(); }

std::string GzipCompress(std::string_view data) {
  z_stream stream{};
  // windowBits 15 + 16: a gzip wrapper rather than zlib's own.
  if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    return {};
  }
  std::string out;
  char buffer[16384];
  const auto* next = reinterpret_cast<const Bytef*>(data.data());
  size_t left = data.size();
  int rc = Z_OK;
  do {
    // avail_in is 32-bit: feed huge inputs in slices.
    if (stream.avail_in == 0 && left > 0) {
      const uInt slice = static_cast<uInt>(std::min<size_t>(left, 1u << 30));
      stream.next_in = const_cast<Bytef*>(next);
      stream.avail_in = slice;
      next += slice;
      left -= slice;
    }
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    rc = deflate(&stream, left == 0 ? Z_FINISH : Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - stream.avail_out);
  } while (rc == Z_OK || rc == Z_BUF_ERROR);
  deflateEnd(&stream);
  return rc == Z_STREAM_END ? out : std::string();
}

}  // namespace strata::devserver
