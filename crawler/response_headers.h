// ResponseHeaderCollector: keeps the header fields of the FINAL response of a transfer, from the
// lines libcurl hands to CURLOPT_HEADERFUNCTION. libcurl reports every response of a transfer
// (1xx interim responses, each redirect hop, then the final response, and trailers after a
// chunked body), so each new status line starts a fresh set: what remains at the end belongs to
// the response whose body was delivered.
//
// Thread-safety: none; one collector per transfer, used on the thread that drives it.
#pragma once

#include <string_view>
#include <utility>

#include "common/fetched_page.h"

namespace strata::crawler {

class ResponseHeaderCollector {
 public:
  enum class LineKind {
    kStatus,    // "HTTP/1.1 301 Moved Permanently": a new response begins
    kField,     // "Name: value" (or an obsolete folded continuation of the previous field)
    kBlockEnd,  // the empty line that ends a header block
    kIgnored,   // anything else (no colon, or a field before any status line)
  };

  // Feeds one line as libcurl delivers it (the CRLF or LF may be present or not).
  LineKind AddLine(std::string_view line);

  // Status code of the latest status line; 0 before any (or when it was unparsable).
  int status() const { return status_; }
  // Fields seen since the latest status line, in wire order, values trimmed.
  const HttpHeaders& headers() const { return headers_; }
  HttpHeaders TakeHeaders() { return std::move(headers_); }

 private:
  int status_ = 0;
  bool in_response_ = false;
  HttpHeaders headers_;
};

}  // namespace strata::crawler
