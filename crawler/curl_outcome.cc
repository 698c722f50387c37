#include "crawler/curl_outcome.h"

#include <fmt/format.h>

#include <algorithm>

namespace strata::crawler {
namespace {

// libcurl's own words, or its generic text for the code when the error buffer is empty.
std::string CurlDetail(const TransferFacts& facts) {
  if (!facts.curl_error.empty()) return std::string(facts.curl_error);
  return curl_easy_strerror(facts.code);
}

// CURLE_OPERATION_TIMEDOUT covers three limits; libcurl's message tells which one fired
// (lib/progress.c "Operation too slow", lib/connect.c "Connection timed out" / "Failed to
// connect", lib/multi.c "Operation timed out" / "Resolving timed out").
ClassifiedOutcome ClassifyTimeout(const TransferFacts& facts, const config::FetchOptions& options) {
  const std::string_view text = facts.curl_error;
  if (text.starts_with("Operation too slow")) {
    return {FetchOutcome::kTimeout,
            fmt::format("too slow: under {} bytes/s for {} s", options.low_speed_bytes_per_s,
                        options.low_speed_time_s)};
  }
  if (text.starts_with("Connection timed out") || text.starts_with("Failed to connect") ||
      text.starts_with("Resolving timed out")) {
    // libcurl gives up connecting at whichever limit comes first.
    const int64_t limit = std::min(options.connect_timeout_ms, options.total_timeout_ms);
    return {FetchOutcome::kTimeout, fmt::format("connect timeout after {} ms ({})", limit, text)};
  }
  return {FetchOutcome::kTimeout, fmt::format("timeout after {} ms", options.total_timeout_ms)};
}

}  // namespace

ClassifiedOutcome ClassifyTransfer(const TransferFacts& facts,
                                   const config::FetchOptions& options) {
  switch (facts.code) {
    case CURLE_OK:
      return {FetchOutcome::kOk, ""};
    case CURLE_OPERATION_TIMEDOUT:
      return ClassifyTimeout(facts, options);
    case CURLE_TOO_MANY_REDIRECTS:
      return {FetchOutcome::kTooManyRedirects,
              fmt::format("more than {} redirects", options.max_redirects)};
    case CURLE_FILESIZE_EXCEEDED:
      return {FetchOutcome::kTooLarge,
              fmt::format("response larger than {} bytes (by its Content-Length)",
                          options.max_body_bytes)};
    case CURLE_WRITE_ERROR:
      // Our callbacks refuse data on purpose for these two; any other write error is libcurl's.
      if (facts.body_cap_hit) {
        return {FetchOutcome::kTooLarge,
                fmt::format("response larger than {} bytes", options.max_body_bytes)};
      }
      if (facts.header_cap_hit) {
        return {FetchOutcome::kTooLarge,
                fmt::format("response headers larger than {} bytes", kMaxHeaderBytes)};
      }
      if (!facts.loop_url.empty()) {
        return {FetchOutcome::kTooManyRedirects,
                fmt::format("redirect loop back to {}", facts.loop_url)};
      }
      return {FetchOutcome::kNetworkError, CurlDetail(facts)};
    case CURLE_UNSUPPORTED_PROTOCOL:
      // The request URL was checked before the transfer began, so this is either a redirect to
      // another scheme (refused by CURLOPT_REDIR_PROTOCOLS_STR) or a server that does not speak
      // HTTP/1.x or 2 (HTTP/0.9 is refused too).
      if (facts.http_status >= 300 && facts.http_status < 400) {
        return {FetchOutcome::kBadUrl,
                fmt::format("redirect to a URL that is not http(s): {}",
                            facts.redirect_url.empty() ? CurlDetail(facts)
                                                       : std::string(facts.redirect_url))};
      }
      return {FetchOutcome::kNetworkError, CurlDetail(facts)};
    case CURLE_URL_MALFORMAT:
      return {FetchOutcome::kBadUrl, fmt::format("malformed URL ({})", CurlDetail(facts))};
    default:
      return {FetchOutcome::kNetworkError, CurlDetail(facts)};
  }
}

}  // namespace strata::crawler
