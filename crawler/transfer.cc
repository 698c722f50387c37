#include "crawler/transfer.h"

#include <fmt/format.h>
#include <strings.h>

#include <algorithm>
#include <charconv>
#include <new>
#include <optional>
#include <utility>

#include "common/time.h"
#include "crawler/curl_outcome.h"

namespace strata::crawler {
namespace {

// Only these are fetched, also after a redirect: a crawler must never touch file://, ftp://,
// gopher:// ... however a page or a Location header points there.
constexpr const char* kAllowedProtocols = "http,https";

bool HasLineBreak(std::string_view text) {
  return text.find_first_of("\r\n") != std::string_view::npos;
}

// "GET / HTTP/1.1\r\nHost: a\r\nUser-Agent: b\r\n\r\n" -> {{"Host","a"},{"User-Agent","b"}}.
HttpHeaders ParseRequestHeaderBlock(std::string_view block) {
  HttpHeaders headers;
  bool request_line = true;
  while (!block.empty()) {
    size_t end = block.find('\n');
    std::string_view line = block.substr(0, end);
    block.remove_prefix(end == std::string_view::npos ? block.size() : end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (request_line) {
      request_line = false;
      continue;
    }
    const size_t colon = line.find(':');
    if (line.empty() || colon == std::string_view::npos || colon == 0) continue;
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
      value.remove_prefix(1);
    }
    headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
  }
  return headers;
}

// A body buffer sized by Content-Length up to this; longer bodies grow as they come.
constexpr uint64_t kMaxBodyReserveBytes = 4 * 1024 * 1024;

// The Content-Length of a response: digits only, else none (RFC 9110 8.6; a list of equal
// values is rare enough to grow the buffer as usual).
std::optional<uint64_t> ParseContentLength(const HttpHeaders& headers) {
  const std::string_view value = FindHeader(headers, "content-length");
  uint64_t length = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), length);
  if (value.empty() || error != std::errc() || end != value.data() + value.size()) {
    return std::nullopt;
  }
  return length;
}

// curl_slist_append returns the (unchanged) head, or null and leaves the list alone.
bool AppendHeader(CurlSlistPtr& list, const char* line) {
  curl_slist* head = curl_slist_append(list.get(), line);
  if (!head) return false;
  (void)list.release();
  list.reset(head);
  return true;
}

}  // namespace

std::string ValidateRequest(const FetchRequest& request, const config::FetchOptions& options) {
  return ValidateRequest(request, options, nullptr);
}

std::string ValidateRequest(const FetchRequest& request, const config::FetchOptions& options,
                            CurlUrlPtr* parsed_out) {
  if (request.method != "GET" && request.method != "HEAD" && request.method != "POST") {
    return fmt::format("unsupported method '{}' (GET, HEAD or POST)", request.method);
  }
  if (request.method != "POST" && !request.body.empty()) {
    return fmt::format("a {} request cannot carry a body", request.method);
  }
  for (const auto& [name, value] : request.headers) {
    if (name.empty() || name.find_first_of(": \t") != std::string::npos || HasLineBreak(name) ||
        HasLineBreak(value)) {
      return fmt::format("invalid request header '{}'", name);
    }
  }
  if (request.url.empty()) return "empty URL";
  if (options.max_url_length > 0 &&
      static_cast<int64_t>(request.url.size()) > options.max_url_length) {
    return fmt::format("URL longer than {} bytes ({} bytes)", options.max_url_length,
                       request.url.size());
  }
  // libcurl's own parser decides what it would fetch, so it is the one to ask.
  CurlUrlPtr parsed(curl_url());
  if (!parsed) return "out of memory";
  if (CURLUcode rc = curl_url_set(parsed.get(), CURLUPART_URL, request.url.c_str(), 0);
      rc != CURLUE_OK) {
    return fmt::format("malformed URL: {}", curl_url_strerror(rc));
  }
  char* scheme_text = nullptr;
  if (curl_url_get(parsed.get(), CURLUPART_SCHEME, &scheme_text, 0) != CURLUE_OK) {
    return "URL without a scheme";
  }
  CurlStringPtr scheme(scheme_text);
  const std::string_view scheme_view(scheme.get());
  if (scheme_view != "http" && scheme_view != "https") {
    return fmt::format("not an http(s) URL (scheme '{}')", scheme_view);
  }
  if (parsed_out != nullptr) *parsed_out = std::move(parsed);
  return "";
}

FetchedPage FailedPage(std::string url, FetchOutcome outcome, std::string error) {
  FetchedPage page;
  page.url = std::move(url);
  page.outcome = outcome;
  page.error = std::move(error);
  page.fetched_at_ms = SystemClock::Instance().Now();
  return page;
}

Result<std::unique_ptr<Transfer>> Transfer::Create(FetchRequest request,
                                                   const config::FetchOptions& options,
                                                   CurlUrlPtr parsed, CurlEasyPtr recycled) {
  std::unique_ptr<Transfer> transfer(new Transfer(std::move(request), options));
  transfer->url_ = std::move(parsed);
  if (recycled) {
    transfer->easy_ = std::move(recycled);
  } else {
    transfer->easy_ = CurlEasyPtr(curl_easy_init());
    if (!transfer->easy_) return Status::Unavailable("curl_easy_init failed");
    STRATA_RETURN_IF_ERROR(ConfigureHandle(transfer->easy_.get(), options));
  }
  STRATA_RETURN_IF_ERROR(transfer->Configure());
  return transfer;
}

Transfer::Transfer(FetchRequest request, const config::FetchOptions& options)
    : options_(options),
      request_(std::move(request)),
      started_(std::chrono::steady_clock::now()),
      redirects_(request_.url) {
  page_.url = request_.url;
}

Transfer::~Transfer() = default;

CurlEasyPtr Transfer::ReleaseEasy() {
  if (easy_) {
    // Nothing of this transfer stays in the handle: what points into it is cleared, and the
    // next transfer sets every option of its own (Configure). A null CURLOPT_COOKIEFILE
    // frees the cookies and turns the engine off. (curl_easy_reset and setting every option
    // again cost a re-crawl answered by 304s 3.7% of its instructions.)
    CURL* easy = easy_.get();
    curl_easy_setopt(easy, CURLOPT_COOKIEFILE, static_cast<const char*>(nullptr));
    curl_easy_setopt(easy, CURLOPT_CURLU, static_cast<CURLU*>(nullptr));
    // Also the URL string: libcurl 7.88 takes the one left from the last transfer over a new
    // CURLOPT_CURLU (Curl_pretransfer), and would report it as the effective URL.
    curl_easy_setopt(easy, CURLOPT_URL, static_cast<const char*>(nullptr));
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, static_cast<curl_slist*>(nullptr));
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, static_cast<const char*>(nullptr));
    curl_easy_setopt(easy, CURLOPT_PRIVATE, static_cast<void*>(nullptr));
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, static_cast<char*>(nullptr));
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, static_cast<void*>(nullptr));
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, static_cast<void*>(nullptr));
    curl_easy_setopt(easy, CURLOPT_DEBUGDATA, static_cast<void*>(nullptr));
  }
  return std::move(easy_);
}

namespace {

// Sets options with curl_easy_setopt, remembering the first refusal and naming the option, so
// that a missing libcurl feature is obvious.
class OptionSetter {
 public:
  explicit OptionSetter(CURL* easy) : easy_(easy) {}
  template <typename Value>
  void operator()(CURLoption option, Value value, const char* name) {
    if (rc_ != CURLE_OK) return;
    rc_ = curl_easy_setopt(easy_, option, value);
    if (rc_ != CURLE_OK) failed_option_ = name;
  }
  Status status() const {
    if (rc_ == CURLE_OK) return Status::Ok();
    return Status::InvalidArgument(
        fmt::format("libcurl refused CURLOPT_{}: {}", failed_option_, curl_easy_strerror(rc_)));
  }

 private:
  CURL* easy_;
  CURLcode rc_ = CURLE_OK;
  const char* failed_option_ = nullptr;
};

}  // namespace

Status Transfer::ConfigureHandle(CURL* easy, const config::FetchOptions& options) {
  OptionSetter set(easy);
  set(CURLOPT_NOSIGNAL, 1L, "NOSIGNAL");
  set(CURLOPT_PROTOCOLS_STR, kAllowedProtocols, "PROTOCOLS_STR");
  set(CURLOPT_REDIR_PROTOCOLS_STR, kAllowedProtocols, "REDIR_PROTOCOLS_STR");
  set(CURLOPT_FOLLOWLOCATION, 1L, "FOLLOWLOCATION");
  set(CURLOPT_MAXREDIRS, static_cast<long>(options.max_redirects), "MAXREDIRS");
  set(CURLOPT_USERAGENT, options.user_agent.c_str(), "USERAGENT");
  if (options.accept_compressed) {
    // "" = every encoding this libcurl can decode; the write callback then sees decoded bytes.
    set(CURLOPT_ACCEPT_ENCODING, "", "ACCEPT_ENCODING");
  }
  set(CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout_ms),
      "CONNECTTIMEOUT_MS");
  set(CURLOPT_TIMEOUT_MS, static_cast<long>(options.total_timeout_ms), "TIMEOUT_MS");
  if (options.low_speed_bytes_per_s > 0 && options.low_speed_time_s > 0) {
    set(CURLOPT_LOW_SPEED_LIMIT, static_cast<long>(options.low_speed_bytes_per_s),
        "LOW_SPEED_LIMIT");
    set(CURLOPT_LOW_SPEED_TIME, static_cast<long>(options.low_speed_time_s), "LOW_SPEED_TIME");
  }
  set(CURLOPT_WRITEFUNCTION, &Transfer::OnBody, "WRITEFUNCTION");
  set(CURLOPT_HEADERFUNCTION, &Transfer::OnHeaderLine, "HEADERFUNCTION");
  // The debug callback is the only way libcurl reports the request headers it really sent
  // (Host, Accept-Encoding, Cookie...); the archive keeps them for WARC request records.
  set(CURLOPT_DEBUGFUNCTION, &Transfer::OnDebug, "DEBUGFUNCTION");
  set(CURLOPT_VERBOSE, 1L, "VERBOSE");
  return set.status();
}

Status Transfer::Configure() {
  CURL* easy = easy_.get();
  OptionSetter set(easy);
  // Every option one transfer may set differently from another is set here, each time.
  if (url_) {
    set(CURLOPT_CURLU, url_.get(), "CURLU");  // parsed once, by ValidateRequest
  } else {
    set(CURLOPT_CURLU, static_cast<CURLU*>(nullptr), "CURLU");
    set(CURLOPT_URL, request_.url.c_str(), "URL");
  }
  set(CURLOPT_PRIVATE, static_cast<void*>(this), "PRIVATE");
  set(CURLOPT_ERRORBUFFER, curl_error_, "ERRORBUFFER");
  set(CURLOPT_WRITEDATA, static_cast<void*>(this), "WRITEDATA");
  set(CURLOPT_HEADERDATA, static_cast<void*>(this), "HEADERDATA");
  set(CURLOPT_DEBUGDATA, static_cast<void*>(this), "DEBUGDATA");
  // An early refusal by Content-Length. It counts encoded bytes, so for a compressed response
  // it can only err on the side of letting it start; the write callback counts decoded bytes.
  const bool capped = options_.max_body_bytes > 0 && request_.method != "HEAD";
  set(CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(capped ? options_.max_body_bytes : 0),
      "MAXFILESIZE_LARGE");
  // A cookie engine for this transfer only (nothing is shared or kept): some sites redirect to
  // themselves after setting a cookie and would otherwise loop.
  set(CURLOPT_COOKIEFILE, "", "COOKIEFILE");

  if (request_.method == "HEAD") {
    set(CURLOPT_NOBODY, 1L, "NOBODY");
  } else if (request_.method == "POST") {
    set(CURLOPT_POST, 1L, "POST");
    set(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request_.body.size()),
        "POSTFIELDSIZE_LARGE");
    set(CURLOPT_POSTFIELDS, request_.body.data(), "POSTFIELDS");  // request_ outlives the easy
  } else {
    set(CURLOPT_HTTPGET, 1L, "HTTPGET");  // also undoes a HEAD's NOBODY and a POST
  }

  bool has_expect = false;
  for (const auto& [name, value] : request_.headers) {
    has_expect = has_expect || strncasecmp(name.c_str(), "expect", 7) == 0;
    // "Name;" is libcurl's way to send a header with an empty value ("Name:" would delete it).
    const std::string line = value.empty() ? name + ";" : name + ": " + value;
    if (!AppendHeader(header_list_, line.c_str())) {
      return Status::Unavailable("out of memory building request headers");
    }
  }
  // libcurl would send "Expect: 100-continue" for large bodies and wait up to a second for
  // servers that never answer it; JSON APIs do not need the round trip.
  if (request_.method == "POST" && !has_expect && !AppendHeader(header_list_, "Expect:")) {
    return Status::Unavailable("out of memory building request headers");
  }
  set(CURLOPT_HTTPHEADER, header_list_.get(), "HTTPHEADER");  // null: none
  return set.status();
}

size_t Transfer::OnBody(char* data, size_t size, size_t count, void* self) {
  return static_cast<Transfer*>(self)->AppendBody(std::string_view(data, size * count));
}

size_t Transfer::AppendBody(std::string_view data) {
  const auto cap = options_.max_body_bytes;
  if (cap > 0 && page_.body.size() + data.size() > static_cast<uint64_t>(cap)) {
    body_cap_hit_ = true;
    return 0;  // anything but data.size() makes libcurl abort with CURLE_WRITE_ERROR
  }
  try {
    page_.body.append(data);
  } catch (const std::bad_alloc&) {
    return 0;  // never let an exception unwind through libcurl's C frames
  }
  return data.size();
}

size_t Transfer::OnHeaderLine(char* data, size_t size, size_t count, void* self) {
  const size_t bytes = size * count;
  try {
    return static_cast<Transfer*>(self)->AcceptHeaderLine(std::string_view(data, bytes)) ? bytes
                                                                                         : 0;
  } catch (const std::bad_alloc&) {
    return 0;
  }
}

bool Transfer::AcceptHeaderLine(std::string_view line) {
  header_bytes_ += line.size();
  if (header_bytes_ > kMaxHeaderBytes) {
    header_cap_hit_ = true;
    return false;
  }
  switch (response_.AddLine(line)) {
    case ResponseHeaderCollector::LineKind::kStatus:
      // A new response: whatever body came before belonged to an interim or redirect response.
      page_.body.clear();
      return true;
    case ResponseHeaderCollector::LineKind::kBlockEnd: {
      const int status = response_.status();
      const std::string_view location = FindHeader(response_.headers(), "location");
      // libcurl follows any 3xx carrying a Location (lib/http.c), so the chain does the same.
      if (status < 300 || status >= 400 || location.empty()) {
        ReserveBody();
        return true;
      }
      const bool set_cookie = !FindHeader(response_.headers(), "set-cookie").empty();
      if (!redirects_.Follow(location, set_cookie)) {
        loop_url_ = std::string(location);
        return false;
      }
      return true;
    }
    case ResponseHeaderCollector::LineKind::kField:
    case ResponseHeaderCollector::LineKind::kIgnored:
      return true;
  }
  return true;
}

void Transfer::ReserveBody() {
  // Sized once by Content-Length (the decoded body is at least as long), instead of copied at
  // every doubling from libcurl's 16 KiB pieces. Bounded: the header may lie, and a
  // transfer's memory should not follow it. Answers without a body may still state the
  // length of the one they stand for (a 304, a HEAD): nothing is reserved for them.
  const int status = response_.status();
  if (request_.method == "HEAD" || status < 200 || status == 204 || status == 304) return;
  const std::optional<uint64_t> length = ParseContentLength(response_.headers());
  if (!length) return;
  uint64_t bytes = std::min<uint64_t>(*length, kMaxBodyReserveBytes);
  if (options_.max_body_bytes > 0) {
    bytes = std::min<uint64_t>(bytes, static_cast<uint64_t>(options_.max_body_bytes));
  }
  try {
    page_.body.reserve(static_cast<size_t>(bytes));
  } catch (const std::bad_alloc&) {
    // Growing as the bytes come is fine too.
  }
}

int Transfer::OnDebug(CURL*, curl_infotype type, char* data, size_t size, void* self) {
  if (type != CURLINFO_HEADER_OUT) return 0;
  try {
    static_cast<Transfer*>(self)->RecordRequestHeaders(std::string_view(data, size));
  } catch (const std::bad_alloc&) {
    // Losing the record of request headers is better than aborting the transfer.
  }
  return 0;
}

void Transfer::RecordRequestHeaders(std::string_view block) {
  // One block per request sent; after redirects the last one is the request that got the page.
  page_.request_headers = ParseRequestHeaderBlock(block);
}

void Transfer::StampTimes() {
  page_.fetched_at_ms = SystemClock::Instance().Now();
  page_.elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::steady_clock::now() - started_)
                         .count();
}

FetchedPage Transfer::Finish(CURLcode code) {
  CURL* easy = easy_.get();
  long status = 0;
  long redirects = 0;
  char* effective_url = nullptr;
  char* redirect_url = nullptr;
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_getinfo(easy, CURLINFO_REDIRECT_COUNT, &redirects);
  curl_easy_getinfo(easy, CURLINFO_EFFECTIVE_URL, &effective_url);
  curl_easy_getinfo(easy, CURLINFO_REDIRECT_URL, &redirect_url);

  page_.http_status = static_cast<int>(status);
  page_.redirect_count = static_cast<int>(redirects);
  if (status > 0) {
    page_.final_url = effective_url ? effective_url : "";
    page_.response_headers = response_.TakeHeaders();
  }

  TransferFacts facts;
  facts.code = code;
  facts.curl_error = curl_error_;
  facts.http_status = page_.http_status;
  facts.body_cap_hit = body_cap_hit_;
  facts.header_cap_hit = header_cap_hit_;
  facts.loop_url = loop_url_;
  facts.redirect_url = redirect_url ? redirect_url : "";
  ClassifiedOutcome classified = ClassifyTransfer(facts, options_);
  page_.outcome = classified.outcome;
  page_.error = std::move(classified.error);
  // A partial body (cut off by the cap, a timeout or a reset) must not pass for the page.
  if (page_.outcome != FetchOutcome::kOk) std::string().swap(page_.body);
  StampTimes();
  return std::move(page_);
}

FetchedPage Transfer::Abort(std::string_view why) {
  page_.outcome = FetchOutcome::kAborted;
  page_.error = std::string(why);
  std::string().swap(page_.body);
  StampTimes();
  return std::move(page_);
}

}  // namespace strata::crawler
