#include "crawler/fetch_loop.h"

#include <curl/curl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <utility>  // before Asio: Boost 1.74's awaitable.hpp uses std::exchange (g++ 12, C++20)
#include <vector>

#include <boost/asio/bind_executor.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "crawler/curl_handles.h"
#include "crawler/transfer.h"

namespace strata::crawler {

namespace asio = boost::asio;
using boost::system::error_code;

// How the pieces below fit (STYLE.md section 3):
//
//   Fetch() --post--> strand: StartLocked: Transfer::Create, curl_multi_add_handle
//   libcurl --OnSocket(fd, IN/OUT/REMOVE)--> Watch: stream_descriptor::async_wait, re-armed
//   libcurl --OnTimer(ms)--> timer_ (0 ms: posted, never a libcurl call from inside libcurl)
//   wait/timer completion --strand--> SocketAction: curl_multi_socket_action, CollectFinished
//   CollectFinished: info_read(DONE) -> remove_handle -> Transfer::Finish -> post(done)
//
// Locking: every handler runs on strand_, so mutex_ is uncontended in normal operation. It
// exists so that Stop() and the destructor can tear down synchronously from any thread while an
// io thread may be inside a handler. libcurl's callbacks (OnSocket, OnTimer and the Transfer
// callbacks) only ever run inside a libcurl call made with mutex_ held, so they never lock it.
class FetchLoop::Impl : public std::enable_shared_from_this<FetchLoop::Impl> {
 public:
  Impl(asio::io_context& io, const config::FetchOptions& options)
      : io_(io),
        options_(options),
        strand_(asio::make_strand(io)),
        in_flight_(std::make_shared<std::atomic<size_t>>(0)),
        timer_(std::in_place, io),
        multi_(curl_multi_init()) {
    if (!multi_) return;
    CURLM* multi = multi_.get();
    curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, &Impl::OnSocket);
    curl_multi_setopt(multi, CURLMOPT_SOCKETDATA, this);
    curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, &Impl::OnTimer);
    curl_multi_setopt(multi, CURLMOPT_TIMERDATA, this);
    if (options_.max_connections_total > 0) {
      const long total = options_.max_connections_total;
      curl_multi_setopt(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, total);
      // Idle connections kept for reuse: no more than may be open at once.
      curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, total);
    }
    if (options_.max_connections_per_host > 0) {
      curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS,
                        static_cast<long>(options_.max_connections_per_host));
    }
  }

  ~Impl() { Shutdown("fetch loop destroyed"); }

  // Any thread.
  void Fetch(FetchRequest request, DoneFn done) {
    in_flight_->fetch_add(1);
    if (stopped_.load()) {
      Complete(std::move(done),
               FailedPage(std::move(request.url), FetchOutcome::kAborted, "fetch loop stopped"));
      return;
    }
    // A strong reference: the request must reach StartLocked (or be refused there) even if the
    // FetchLoop is destroyed meanwhile, so that `done` runs exactly once.
    asio::post(strand_, [self = shared_from_this(), request = std::move(request),
                         done = std::move(done)]() mutable {
      std::lock_guard lock(self->mutex_);
      self->StartLocked(std::move(request), std::move(done));
    });
  }

  // Any thread.
  void Stop() {
    stopped_.store(true);
    std::lock_guard lock(mutex_);
    AbortAllLocked("fetch loop stopped");
  }

  // Any thread; idempotent. Aborts what is in flight, then takes libcurl and Asio apart in the
  // order libcurl needs (curl_multi_cleanup may still call OnSocket).
  void Shutdown(std::string_view why) {
    stopped_.store(true);
    std::lock_guard lock(mutex_);
    AbortAllLocked(why);
    spare_easies_.clear();  // curl_easy_cleanup while libcurl is surely still initialised
    multi_.reset();         // curl_multi_cleanup: watches_ and timer_ are still alive for it
    for (auto& [fd, watch] : watches_) watch->Release();
    watches_.clear();
    ++timer_generation_;
    armed_expiry_.reset();
    timer_.reset();  // cancels a pending wait; its handler holds only a weak_ptr
  }

  size_t in_flight() const { return in_flight_->load(); }

  size_t watched_sockets() {
    std::lock_guard lock(mutex_);
    return watches_.size();
  }

 private:
  // One socket libcurl asked us to watch. Handlers hold a shared_ptr to it and check `removed`,
  // because libcurl may drop the socket and the OS reuse its number while a wait is pending.
  struct Watch {
    Watch(asio::io_context& io, curl_socket_t socket) : descriptor(io), fd(socket) {}
    ~Watch() { Release(); }

    // Cancels pending waits and gives the fd back without closing it: libcurl owns it.
    void Release() {
      removed = true;
      wanted = 0;
      if (descriptor.is_open()) descriptor.release();
    }

    asio::posix::stream_descriptor descriptor;
    const curl_socket_t fd;
    int wanted = 0;  // CURL_POLL_IN / OUT / INOUT, as libcurl last asked
    bool reading = false;
    bool writing = false;
    bool removed = false;
  };

  struct Active {
    std::unique_ptr<Transfer> transfer;
    DoneFn done;
  };

  // REQUIRES: mutex_ held.
  void StartLocked(FetchRequest request, DoneFn done) {
    if (!multi_ || stopped_.load()) {
      Complete(std::move(done),
               FailedPage(std::move(request.url), FetchOutcome::kAborted, "fetch loop stopped"));
      return;
    }
    CurlUrlPtr parsed;
    if (std::string invalid = ValidateRequest(request, options_, &parsed); !invalid.empty()) {
      Complete(std::move(done),
               FailedPage(std::move(request.url), FetchOutcome::kBadUrl, std::move(invalid)));
      return;
    }
    std::string url = request.url;  // kept for error pages: the transfer owns the request
    CurlEasyPtr recycled;
    if (!spare_easies_.empty()) {
      recycled = std::move(spare_easies_.back());
      spare_easies_.pop_back();
    }
    auto created =
        Transfer::Create(std::move(request), options_, std::move(parsed), std::move(recycled));
    if (!created.ok()) {
      Complete(std::move(done),
               FailedPage(std::move(url), FetchOutcome::kNetworkError, created.status().message()));
      return;
    }
    std::unique_ptr<Transfer> transfer = std::move(created).value();
    CURL* easy = transfer->easy();
    // A connection keeps the callbacks of the transfer that opened it; they only need `this`.
    curl_easy_setopt(easy, CURLOPT_OPENSOCKETFUNCTION, &Impl::OnOpenSocket);
    curl_easy_setopt(easy, CURLOPT_OPENSOCKETDATA, static_cast<void*>(this));
    curl_easy_setopt(easy, CURLOPT_CLOSESOCKETFUNCTION, &Impl::OnCloseSocket);
    curl_easy_setopt(easy, CURLOPT_CLOSESOCKETDATA, static_cast<void*>(this));
    active_.emplace(easy, Active{std::move(transfer), std::move(done)});
    // Schedules OnTimer(0); the transfer starts from the loop, not from inside this call.
    if (CURLMcode rc = curl_multi_add_handle(multi_.get(), easy); rc != CURLM_OK) {
      auto node = active_.extract(easy);
      Complete(std::move(node.mapped().done),
               FailedPage(std::move(url), FetchOutcome::kNetworkError,
                          std::string("curl_multi_add_handle: ") + curl_multi_strerror(rc)));
    }
  }

  // REQUIRES: mutex_ held.
  void AbortAllLocked(std::string_view why) {
    for (auto& [easy, active] : active_) {
      if (multi_) curl_multi_remove_handle(multi_.get(), easy);
      Complete(std::move(active.done), active.transfer->Abort(why));
    }
    active_.clear();  // curl_easy_cleanup, now that no multi handle refers to them
  }

  // Hands a page to its `done` from the strand, never from inside a libcurl call.
  void Complete(DoneFn done, FetchedPage page) {
    asio::post(strand_,
               [done = std::move(done), page = std::move(page), in_flight = in_flight_]() mutable {
                 in_flight->fetch_sub(1);
                 if (done) done(std::move(page));
               });
  }

  // CURLMOPT_SOCKETFUNCTION: record what libcurl wants for `fd` and wait for it. Never calls
  // libcurl. Returning -1 would mark the whole multi handle dead, so failures return 0 and leave
  // that transfer to its timeouts.
  static int OnSocket(CURL*, curl_socket_t fd, int what, void* user, void*) {
    auto* self = static_cast<Impl*>(user);
    try {
      if (what == CURL_POLL_REMOVE) {
        if (auto it = self->watches_.find(fd); it != self->watches_.end()) {
          if (self->connection_sockets_.contains(fd)) {
            // The connection goes back to libcurl's pool, most likely for the next request:
            // its registration with the reactor stays until libcurl closes it (OnCloseSocket).
            // Registering and unregistering per request cost two epoll_ctl calls.
            it->second->wanted = 0;
          } else {
            it->second->Release();
            self->watches_.erase(it);
          }
        }
        return 0;
      }
      std::shared_ptr<Watch>& watch = self->watches_[fd];
      if (!watch) {
        auto fresh = std::make_shared<Watch>(self->io_, fd);
        error_code ec;
        fresh->descriptor.assign(fd, ec);
        if (ec) {
          self->watches_.erase(fd);
          return 0;
        }
        watch = std::move(fresh);
      }
      watch->wanted = what;
      self->Arm(watch);
    } catch (const std::exception&) {
      // Out of memory or an Asio registration failure: never unwind through libcurl.
    }
    return 0;
  }

  // CURLOPT_OPENSOCKETFUNCTION: libcurl's socket(), close-on-exec (hooks run commands), and
  // noted as a connection whose watch may outlive its transfers.
  static curl_socket_t OnOpenSocket(void* user, curlsocktype purpose, curl_sockaddr* address) {
    auto* self = static_cast<Impl*>(user);
    const curl_socket_t fd =
        ::socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
    if (fd != CURL_SOCKET_BAD && purpose == CURLSOCKTYPE_IPCXN) {
      try {
        self->connection_sockets_.insert(fd);
      } catch (const std::exception&) {
        // Not noted: its watch is released at every POLL_REMOVE, as for other sockets.
      }
    }
    return fd;
  }

  // CURLOPT_CLOSESOCKETFUNCTION: the watch goes first, while the fd is still this socket's (the
  // OS reuses the number at once).
  static int OnCloseSocket(void* user, curl_socket_t fd) {
    auto* self = static_cast<Impl*>(user);
    self->connection_sockets_.erase(fd);
    if (auto it = self->watches_.find(fd); it != self->watches_.end()) {
      it->second->Release();
      self->watches_.erase(it);
    }
    return ::close(fd);
  }

  // Starts the waits libcurl wants that are not already pending. Watching is persistent: each
  // completion re-arms while libcurl still wants that direction.
  void Arm(const std::shared_ptr<Watch>& watch) {
    if ((watch->wanted & CURL_POLL_IN) && !watch->reading) {
      watch->reading = true;
      watch->descriptor.async_wait(
          asio::posix::stream_descriptor::wait_read,
          asio::bind_executor(strand_, [weak = weak_from_this(), watch](error_code ec) {
            if (auto self = weak.lock()) self->OnReady(watch, CURL_CSELECT_IN, ec);
          }));
    }
    if ((watch->wanted & CURL_POLL_OUT) && !watch->writing) {
      watch->writing = true;
      watch->descriptor.async_wait(
          asio::posix::stream_descriptor::wait_write,
          asio::bind_executor(strand_, [weak = weak_from_this(), watch](error_code ec) {
            if (auto self = weak.lock()) self->OnReady(watch, CURL_CSELECT_OUT, ec);
          }));
    }
  }

  void OnReady(const std::shared_ptr<Watch>& watch, int direction, error_code ec) {
    std::lock_guard lock(mutex_);
    (direction == CURL_CSELECT_IN ? watch->reading : watch->writing) = false;
    // A released watch is stale: its fd may already belong to another socket.
    if (!multi_ || watch->removed || ec == asio::error::operation_aborted) return;
    SocketActionLocked(watch->fd, ec ? CURL_CSELECT_ERR : direction);
    if (!watch->removed) Arm(watch);
  }

  // CURLMOPT_TIMERFUNCTION: libcurl's one timer. Never calls libcurl: 0 ms is posted (once
  // until it runs) so the timeout action runs from the loop. An armed wait that expires no
  // later than asked is kept: it fires early, libcurl finds nothing due and asks again with
  // the time left. libcurl moves its timer at nearly every transfer start and end, and
  // re-arming each time cost a timerfd_settime and a cancelled handler (~0.9 a request).
  // `timer_generation_` tells a cancelled or replaced wait from the armed one.
  static int OnTimer(CURLM*, long timeout_ms, void* user) {
    auto* self = static_cast<Impl*>(user);
    if (!self->timer_) return 0;
    try {
      if (timeout_ms < 0) {  // -1: delete the timer
        self->DisarmTimer();
        return 0;
      }
      if (timeout_ms == 0) {
        if (!self->timeout_posted_) {
          self->timeout_posted_ = true;
          asio::post(self->strand_, [weak = self->weak_from_this()] {
            if (auto locked = weak.lock()) locked->OnTimeoutPosted();
          });
        }
        return 0;
      }
      const auto expiry = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
      if (self->armed_expiry_ && *self->armed_expiry_ <= expiry) return 0;
      self->DisarmTimer();
      const uint64_t generation = self->timer_generation_;
      self->armed_expiry_ = expiry;
      self->timer_->expires_at(expiry);
      self->timer_->async_wait(asio::bind_executor(
          self->strand_, [weak = self->weak_from_this(), generation](error_code ec) {
            if (ec == asio::error::operation_aborted) return;
            if (auto locked = weak.lock()) locked->OnTimerExpired(generation);
          }));
    } catch (const std::exception&) {
      return -1;
    }
    return 0;
  }

  // REQUIRES: mutex_ held (or inside a libcurl call made with it held).
  void DisarmTimer() {
    if (!armed_expiry_) return;
    ++timer_generation_;
    armed_expiry_.reset();
    timer_->cancel();
  }

  void OnTimerExpired(uint64_t generation) {
    std::lock_guard lock(mutex_);
    if (!multi_ || generation != timer_generation_) return;  // superseded or shut down
    armed_expiry_.reset();
    SocketActionLocked(CURL_SOCKET_TIMEOUT, 0);
  }

  void OnTimeoutPosted() {
    std::lock_guard lock(mutex_);
    timeout_posted_ = false;
    if (!multi_) return;  // shut down
    SocketActionLocked(CURL_SOCKET_TIMEOUT, 0);
  }

  // REQUIRES: mutex_ held.
  void SocketActionLocked(curl_socket_t fd, int events) {
    int running = 0;
    // CURLM_BAD_SOCKET (a socket libcurl already forgot) is harmless; nothing else is expected.
    curl_multi_socket_action(multi_.get(), fd, events, &running);
    CollectFinishedLocked();
  }

  // REQUIRES: mutex_ held.
  void CollectFinishedLocked() {
    int queued = 0;
    while (CURLMsg* message = curl_multi_info_read(multi_.get(), &queued)) {
      if (message->msg != CURLMSG_DONE) continue;
      // Copy before remove_handle: it invalidates `message` (curl multi-uv.c).
      CURL* easy = message->easy_handle;
      const CURLcode code = message->data.result;
      curl_multi_remove_handle(multi_.get(), easy);
      auto node = active_.extract(easy);
      if (node.empty()) continue;
      Active& active = node.mapped();
      Complete(std::move(active.done), active.transfer->Finish(code));
      // Out of the multi handle: its easy handle serves the next transfer.
      if (spare_easies_.size() < kMaxSpareEasies) {
        spare_easies_.push_back(active.transfer->ReleaseEasy());
      }
    }  // node's Transfer (and any easy handle not kept) is freed here, outside the multi handle
  }

  // Easy handles kept for reuse: as many as transfers usually run at once.
  static constexpr size_t kMaxSpareEasies = 64;

  asio::io_context& io_;
  const config::FetchOptions options_;
  const asio::strand<asio::io_context::executor_type> strand_;
  std::atomic<bool> stopped_{false};
  const std::shared_ptr<std::atomic<size_t>> in_flight_;  // shared with posted completions

  std::mutex mutex_;
  // Guarded by mutex_. Declaration order matters for destruction: transfers go first, then the
  // multi handle (its cleanup may call OnSocket/OnTimer), then the watches and the timer.
  uint64_t timer_generation_ = 0;
  std::optional<std::chrono::steady_clock::time_point> armed_expiry_;  // of timer_'s wait
  bool timeout_posted_ = false;  // a 0 ms timeout is queued on the strand
  std::optional<asio::steady_timer> timer_;
  std::unordered_map<curl_socket_t, std::shared_ptr<Watch>> watches_;
  std::unordered_set<curl_socket_t> connection_sockets_;  // opened by OnOpenSocket, open
  CurlMultiPtr multi_;  // null once shut down (or when curl_multi_init failed)
  std::unordered_map<CURL*, Active> active_;
  std::vector<CurlEasyPtr> spare_easies_;  // reset, in no multi handle
};

FetchLoop::FetchLoop(asio::io_context& io, const config::FetchOptions& options)
    : impl_(std::make_shared<Impl>(io, options)) {}

FetchLoop::~FetchLoop() {
  // Impl may outlive this object briefly (a handler on another thread holds it); tear libcurl
  // down now so nothing runs on its behalf afterwards.
  impl_->Shutdown("fetch loop destroyed");
}

void FetchLoop::Fetch(FetchRequest request, DoneFn done) {
  impl_->Fetch(std::move(request), std::move(done));
}

void FetchLoop::Stop() { impl_->Stop(); }

size_t FetchLoop::in_flight() const { return impl_->in_flight(); }

size_t FetchLoop::watched_sockets() const { return impl_->watched_sockets(); }

CurlGlobal::CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }

CurlGlobal::~CurlGlobal() { curl_global_cleanup(); }

}  // namespace strata::crawler
