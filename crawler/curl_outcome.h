// Maps how a libcurl transfer ended (its CURLcode plus what strata's own callbacks observed) to a
// FetchOutcome and a message for people. Kept apart from FetchLoop so the mapping can be tested
// without a network.
//
// Thread-safety: pure functions.
#pragma once

#include <curl/curl.h>

#include <cstddef>
#include <string>
#include <string_view>

#include "common/fetched_page.h"
#include "config/config.h"

namespace strata::crawler {

// What is known about a finished transfer.
struct TransferFacts {
  CURLcode code = CURLE_OK;
  std::string_view curl_error = {};  // CURLOPT_ERRORBUFFER text, "" when libcurl left none
  int http_status = 0;               // status of the last response; 0 when none arrived
  bool body_cap_hit = false;         // the write callback refused bytes past max_body_bytes
  bool header_cap_hit = false;       // the header callback refused headers past kMaxHeaderBytes
  std::string_view loop_url = {};    // non-empty: the header callback stopped a redirect loop here
  std::string_view redirect_url = {};  // CURLINFO_REDIRECT_URL: where the last 3xx pointed
};

// Header bytes accepted per transfer (all hops together). Real responses carry a few KB; the cap
// stops a server that sends headers forever, below libcurl's own limit so the outcome is ours.
inline constexpr size_t kMaxHeaderBytes = 256 * 1024;

struct ClassifiedOutcome {
  FetchOutcome outcome = FetchOutcome::kOk;
  std::string error;  // "" for kOk
};

// Returns kOk for CURLE_OK (whatever the HTTP status); otherwise the outcome and a message such
// as "timeout after 2000 ms" or "response larger than 1048576 bytes".
ClassifiedOutcome ClassifyTransfer(const TransferFacts& facts, const config::FetchOptions& options);

}  // namespace strata::crawler
