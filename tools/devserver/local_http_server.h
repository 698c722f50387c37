// LocalHttpServer: a small HTTP/1.1 server on 127.0.0.1 (Boost.Beast) for tests, benchmarks and
// `strata demo`. Routes are a handler function; responses can misbehave on purpose (delay,
// drip, endless body, dropped connection) so the crawler's defences can be tested. It never
// binds anything but a loopback address.
//
// Thread-safety: the handler is called from the server's connection threads, possibly
// concurrently: it must be thread-safe. requests() may be called from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/fetched_page.h"

namespace strata::devserver {

struct HttpRequest {
  std::string method;
  std::string target;  // path and query, as sent ("/a/b?x=1")
  HttpHeaders headers;
  std::string body;
  std::chrono::steady_clock::time_point received_at;  // when the request line was read
  int connection_id = 0;  // requests on one keep-alive connection share it
};

struct HttpResponse {
  int status = 200;
  HttpHeaders headers;  // Content-Length is added unless the body is streamed
  std::string body;
  // Misbehaviour, for tests of the crawler's defences.
  int64_t delay_ms = 0;          // wait this long before sending anything
  int64_t drip_interval_ms = 0;  // > 0: send the body drip_chunk bytes at a time, this far apart
  size_t drip_chunk = 1;
  bool endless = false;  // repeat `body` forever (chunked) until the client goes away
  bool close_without_response = false;  // read the request, then close the connection
};

using Handler = std::function<HttpResponse(const HttpRequest&)>;

class LocalHttpServer {
 public:
  // Binds 127.0.0.1 on an ephemeral port (or `port` when non-zero) and starts serving at once.
  explicit LocalHttpServer(Handler handler, uint16_t port = 0);
  ~LocalHttpServer();  // stops and joins every thread
  LocalHttpServer(const LocalHttpServer&) = delete;
  LocalHttpServer& operator=(const LocalHttpServer&) = delete;

  uint16_t port() const;
  std::string base_url() const;  // "http://127.0.0.1:<port>"

  // Every request received so far, in arrival order.
  std::vector<HttpRequest> requests() const;

  void Stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// gzip-compresses `data` (for tests and the demo's compressed responses).
std::string GzipCompress(std::string_view data);

}  // namespace strata::devserver
