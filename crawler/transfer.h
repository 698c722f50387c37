// Transfer: one request's libcurl easy handle and the state its callbacks fill in (body, final
// response headers, request headers as sent, redirect chain), turned into a FetchedPage when the
// transfer ends. It is mechanism only: FetchLoop decides when it runs; policy (politeness,
// retries, robots.txt) lives above FetchLoop.
//
// Thread-safety: none. A Transfer is used by one thread at a time (FetchLoop holds its lock
// around every libcurl call, and libcurl runs the callbacks inside those calls).
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "common/fetched_page.h"
#include "common/result.h"
#include "config/config.h"
#include "crawler/curl_handles.h"
#include "crawler/fetch_loop.h"
#include "crawler/redirect_chain.h"
#include "crawler/response_headers.h"

namespace strata::crawler {

// Checks what can be checked without a network: the method (GET, HEAD, POST), header syntax (no
// CR/LF), and the URL's length, syntax and scheme (http or https only). Returns "" when the
// request may be sent, else the reason (reported as FetchOutcome::kBadUrl).
std::string ValidateRequest(const FetchRequest& request, const config::FetchOptions& options);
// The same, handing libcurl's parse of the URL to `parsed` when the request may be sent, so
// that the transfer need not parse it again (Transfer::Create).
std::string ValidateRequest(const FetchRequest& request, const config::FetchOptions& options,
                            CurlUrlPtr* parsed);

// A page for a request that never reached the network (or never finished).
FetchedPage FailedPage(std::string url, FetchOutcome outcome, std::string error);

class Transfer {
 public:
  // Builds the easy handle for `request`. REQUIRES: ValidateRequest(request, options) == "".
  // `options` must outlive the transfer. Fails (kInvalidArgument) when libcurl refuses a
  // setting, e.g. a feature missing from its build.
  // `parsed` is libcurl's parse of request.url (ValidateRequest), or null to parse it here.
  // `recycled` is the easy handle of a finished transfer (ReleaseEasy) made with the same
  // `options`, or null for a new one: creating and destroying a handle per request cost the
  // fetch thread ~10% of its work in a re-crawl answered by 304s.
  static Result<std::unique_ptr<Transfer>> Create(FetchRequest request,
                                                  const config::FetchOptions& options,
                                                  CurlUrlPtr parsed = nullptr,
                                                  CurlEasyPtr recycled = nullptr);
  ~Transfer();
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;

  CURL* easy() const { return easy_.get(); }

  // The page of a transfer libcurl reported done with `code`. Call once, after the handle left
  // its multi handle.
  FetchedPage Finish(CURLcode code);
  // The page of a transfer cut short by its owner (outcome kAborted, `why` as the error).
  FetchedPage Abort(std::string_view why);
  // After Finish or Abort, with the handle out of its multi handle: the easy handle for
  // another transfer with the same options. No option refers to this transfer any more, and
  // its cookies are gone; the options all transfers share (ConfigureHandle) stay set.
  CurlEasyPtr ReleaseEasy();

 private:
  Transfer(FetchRequest request, const config::FetchOptions& options);
  // The options of every transfer with `options`, set once per easy handle.
  static Status ConfigureHandle(CURL* easy, const config::FetchOptions& options);
  // The options of this transfer: every one that differs between transfers.
  Status Configure();
  void StampTimes();

  static size_t OnBody(char* data, size_t size, size_t count, void* self);
  static size_t OnHeaderLine(char* data, size_t size, size_t count, void* self);
  static int OnDebug(CURL* easy, curl_infotype type, char* data, size_t size, void* self);
  size_t AppendBody(std::string_view data);
  bool AcceptHeaderLine(std::string_view line);
  void ReserveBody();  // at the end of the final response's headers
  void RecordRequestHeaders(std::string_view block);

  const config::FetchOptions& options_;
  const FetchRequest request_;
  const std::chrono::steady_clock::time_point started_;
  CurlEasyPtr easy_;
  CurlUrlPtr url_;  // CURLOPT_CURLU: read by libcurl when the transfer starts
  CurlSlistPtr header_list_;
  char curl_error_[CURL_ERROR_SIZE] = {};

  FetchedPage page_;  // url, body and request_headers fill in as the transfer runs
  ResponseHeaderCollector response_;
  RedirectChain redirects_;
  bool body_cap_hit_ = false;
  bool header_cap_hit_ = false;
  size_t header_bytes_ = 0;  // all header lines of all hops, against kMaxHeaderBytes
  std::string loop_url_;     // set when the header callback stopped a redirect loop
};

}  // namespace strata::crawler
