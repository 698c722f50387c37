// PostHook (hooks.h): the JSON payload POSTed through the crawler's own libcurl loop, on an
// io_context of its own, so that a webhook gets the same TLS, proxy and timeout handling as
// every fetch, and no second way of using libcurl exists in the program.
#include <utility>  // before Asio (Boost 1.74 with C++20 needs std::exchange declared)

#include <boost/asio/io_context.hpp>
#include <optional>

#include "crawler/fetch_loop.h"
#include "crawler/jobs/hooks.h"

namespace strata::jobs {

Status PostHook(const std::string& url, const std::vector<std::string>& headers,
                std::string_view payload, int64_t timeout_ms, const config::FetchOptions& fetch) {
  config::FetchOptions options = fetch;
  options.total_timeout_ms = timeout_ms;
  options.connect_timeout_ms = std::min(fetch.connect_timeout_ms, timeout_ms);
  options.max_redirects = 0;
  options.accept_compressed = false;

  crawler::FetchRequest request;
  request.url = url;
  request.method = "POST";
  request.body = std::string(payload);
  request.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
  for (const std::string& header : headers) {
    const size_t colon = header.find(':');
    if (colon == std::string::npos) continue;  // the config loader rejects these
    std::string value = header.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.erase(0, 1);
    request.headers.emplace_back(header.substr(0, colon), std::move(value));
  }

  boost::asio::io_context io;
  std::optional<FetchedPage> answer;
  {
    crawler::FetchLoop loop(io, options);
    loop.Fetch(std::move(request), [&](FetchedPage page) { answer = std::move(page); });
    // Until the answer (the loop's own timers may keep the context busy after it); the
    // transfer's timeout bounds this.
    while (!answer && io.run_one() > 0) {
    }
  }
  if (!answer) return Status::Unavailable("POST " + url + ": no answer");
  if (!answer->ok()) {
    return Status::Unavailable("POST " + url + ": " + std::string(OutcomeName(answer->outcome)) +
                               (answer->error.empty() ? "" : " (" + answer->error + ")"));
  }
  if (answer->http_status < 200 || answer->http_status > 299) {
    return Status::Unavailable("POST " + url + ": HTTP " + std::to_string(answer->http_status));
  }
  return Status::Ok();
}

}  // namespace strata::jobs
