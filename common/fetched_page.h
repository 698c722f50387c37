// FetchedPage: what the crawler hands downstream for one URL, success or failure. Carries the
// raw response (headers and decoded body bytes) so the archive can keep it for re-extraction
// and WARC export.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace strata {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;  // in wire order

// Returns the value of the first header named `name` (case-insensitive), or "".
std::string_view FindHeader(const HttpHeaders& headers, std::string_view name);

// How a fetch ended. DO NOT CHANGE THESE VALUES: they are stored in the archive.
enum class FetchOutcome : unsigned char {
  kOk = 0,                  // an HTTP response arrived (any status: check http_status)
  kNetworkError = 1,        // DNS, connect, TLS, reset...
  kTimeout = 2,             // connect, total or low-speed timeout
  kTooLarge = 3,            // the body passed the size cap; the transfer was aborted
  kTooManyRedirects = 4,    // redirect limit or loop
  kBadUrl = 5,              // not http(s), too long, unparsable
  kDisallowedByRobots = 6,  // robots.txt said no; never fetched
  kAborted = 7,             // the crawl was stopped
  kBlocked = 8,             // the server answered with a block/interstitial page
};

std::string_view OutcomeName(FetchOutcome outcome);

struct FetchedPage {
  std::string url;        // as requested
  std::string final_url;  // after redirects ("" when no response)
  FetchOutcome outcome = FetchOutcome::kOk;
  // Why it failed, for people. With kOk usually "", but a note when the final HTTP status is
  // itself a failure after retries ("gave up after 4 attempts").
  std::string error;
  int http_status = 0;  // 0 when no HTTP response arrived
  HttpHeaders request_headers;
  HttpHeaders response_headers;  // of the final response
  std::string body;              // decoded (decompressed) body bytes, not yet charset-converted
  int64_t fetched_at_ms = 0;     // Unix time in ms when the response completed
  int64_t elapsed_ms = 0;
  int redirect_count = 0;

  bool ok() const { return outcome == FetchOutcome::kOk; }
  std::string_view content_type() const { return FindHeader(response_headers, "content-type"); }
};

}  // namespace strata
