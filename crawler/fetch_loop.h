// FetchLoop: HTTP(S) transfers on libcurl's multi interface, driven by one Boost.Asio
// io_context through CURLMOPT_SOCKETFUNCTION / CURLMOPT_TIMERFUNCTION and
// curl_multi_socket_action (no polling loop, no thread per request).
//
//   Fetch(req, done) --post--> [io strand] add easy handle --> libcurl asks for socket waits
//        ^                                                       |
//        |              asio waits on the fds and the one timer  v
//   done(FetchedPage) <--post-- info_read(DONE) <-- curl_multi_socket_action(fd | timeout)
//
// Thread-safety: Fetch(), Stop(), in_flight(), watched_sockets() and the destructor may be
// called from any thread;
// all libcurl work happens on the io_context's thread(s) through one strand. `done` runs on that
// strand (so completions never run concurrently with each other, even with several io threads),
// never inside a libcurl call.
//
// It is mechanism only (one request in, one FetchedPage out): politeness, retries, robots.txt and
// conditional GET are policies layered on top of it, not options of it.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "common/fetched_page.h"
#include "config/config.h"
#include "crawler/fetcher.h"

namespace boost::asio {
class io_context;
}

namespace strata::crawler {

class FetchLoop final : public Fetcher {
 public:
  // `io` must outlive this object. libcurl's global init must have happened (CurlGlobal).
  FetchLoop(boost::asio::io_context& io, const config::FetchOptions& options);
  // Stops (as Stop()) and releases libcurl. The aborted transfers' `done`s are posted: they run
  // only if the io_context runs again.
  ~FetchLoop();
  FetchLoop(const FetchLoop&) = delete;
  FetchLoop& operator=(const FetchLoop&) = delete;

  // Starts a transfer. `done` is called exactly once, posted to the loop's strand, with the page
  // or the reason it failed (FetchedPage::outcome/error): kBadUrl without any network for a
  // method other than GET/HEAD/POST, a header with CR/LF, a URL that is too long, unparsable or
  // not http(s); kAborted when the loop is or gets stopped. The body is kept only for kOk.
  void Fetch(FetchRequest request, DoneFn done) override;

  // Aborts every transfer in flight (their `done` gets kAborted) and refuses new ones, for good.
  // Synchronous: when it returns, no transfer is running (their `done`s are posted).
  void Stop() override;

  // Fetch() calls whose `done` has not been called yet.
  size_t in_flight() const;
  // Sockets registered with the io_context's reactor: those of transfers running, and the
  // connections idle in libcurl's pool (kept registered until libcurl closes them).
  size_t watched_sockets() const;

 private:
  class Impl;
  std::shared_ptr<Impl> impl_;
};

// Process-wide curl_global_init/cleanup, as RAII. Create one in main() (or a test fixture)
// before any other thread starts.
class CurlGlobal {
 public:
  CurlGlobal();
  ~CurlGlobal();
  CurlGlobal(const CurlGlobal&) = delete;
  CurlGlobal& operator=(const CurlGlobal&) = delete;
};

}  // namespace strata::crawler
