// Fetcher: "one request in, one FetchedPage out, later". The seam between the fetch mechanism
// (FetchLoop: libcurl on Asio) and the policies layered over it (politeness per host, robots.txt,
// retries), and the place where tests put a fake. Jobs talk to a Fetcher, never to libcurl.
//
// Thread-safety: implementations document theirs; FetchLoop's may be called from any thread.
#pragma once

#include <functional>
#include <string>

#include "common/fetched_page.h"

namespace strata::crawler {

struct FetchRequest {
  std::string url = {};
  std::string method = "GET";  // GET, HEAD or POST
  std::string body = {};       // request body (POST)
  HttpHeaders headers = {};    // extra request headers (If-None-Match, Referer, Content-Type...)
};

class Fetcher {
 public:
  using DoneFn = std::function<void(FetchedPage)>;

  virtual ~Fetcher() = default;

  // Starts fetching `request`. `done` is called exactly once, never from inside this call's
  // own stack when it can be avoided (implementations say where it runs), with the page or the
  // reason it failed (FetchedPage::outcome/error); kAborted after Stop().
  virtual void Fetch(FetchRequest request, DoneFn done) = 0;

  // Aborts what is in flight or queued (their `done` gets kAborted) and refuses new requests.
  virtual void Stop() = 0;

  // Tells the policy layer that a response it delivered for `url` turned out to be a block page
  // (an interstitial, a login wall, a shell: found by parsing it, parser/block_page.h), so that
  // the host is asked less often, as after a transient failure. Policy layers back off; the
  // default (a mechanism such as FetchLoop, a fake) ignores it. Any thread.
  virtual void ReportBlocked(const std::string& url) { (void)url; }
};

}  // namespace strata::crawler
