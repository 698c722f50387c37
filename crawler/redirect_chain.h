// RedirectChain: the URLs one transfer has been redirected through, so that a redirect loop is
// caught at the first revisit instead of after max_redirects requests to a misbehaving server
// (libcurl itself only counts hops).
//
// One revisit is tolerated: a response that sets a cookie may send the client back to the URL it
// came from once the cookie is set (a common "cookie check"). Such chains stay bounded by
// CURLOPT_MAXREDIRS.
//
// Thread-safety: none; one chain per transfer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "crawler/curl_handles.h"

namespace strata::crawler {

class RedirectChain {
 public:
  // Cheap: the URL is parsed only when the first redirect arrives (most fetches have none).
  explicit RedirectChain(std::string_view start_url);

  // Records a redirect to `location` (absolute, or relative to the current URL, as a Location
  // header gives it). Returns false when it leads back to a URL already in the chain and the
  // redirecting response did not set a cookie: a loop. A location that cannot be resolved is
  // not judged here (returns true; libcurl reports it).
  bool Follow(std::string_view location, bool response_set_cookie);

  // The URL the chain is at now: the start URL as given until the first Follow(), then as
  // libcurl's URL parser writes it ("" when the start URL did not parse).
  const std::string& current_url() const { return current_text_; }

 private:
  void Start();

  bool started_ = false;
  CurlUrlPtr current_;
  std::string current_text_;
  std::vector<std::string> visited_;  // short: bounded by max_redirects
};

}  // namespace strata::crawler
