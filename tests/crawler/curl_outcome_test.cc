#include "crawler/curl_outcome.h"

#include <gtest/gtest.h>

namespace strata::crawler {
namespace {

config::FetchOptions Options() {
  config::FetchOptions options;
  options.total_timeout_ms = 2000;
  options.connect_timeout_ms = 500;
  options.max_body_bytes = 1048576;
  options.max_redirects = 5;
  options.low_speed_bytes_per_s = 100;
  options.low_speed_time_s = 7;
  return options;
}

ClassifiedOutcome Classify(TransferFacts facts) { return ClassifyTransfer(facts, Options()); }

TEST(ClassifyTransferTest, OkWhateverTheStatus) {
  EXPECT_EQ(Classify({.code = CURLE_OK, .http_status = 500}).outcome, FetchOutcome::kOk);
  EXPECT_EQ(Classify({.code = CURLE_OK, .http_status = 500}).error, "");
}

TEST(ClassifyTransferTest, TellsTheThreeTimeoutsApart) {
  auto total = Classify({.code = CURLE_OPERATION_TIMEDOUT,
                         .curl_error = "Operation timed out after 2001 milliseconds with 0 bytes "
                                       "received"});
  EXPECT_EQ(total.outcome, FetchOutcome::kTimeout);
  EXPECT_EQ(total.error, "timeout after 2000 ms");

  auto slow = Classify({.code = CURLE_OPERATION_TIMEDOUT,
                        .curl_error = "Operation too slow. Less than 100 bytes/sec transferred the "
                                      "last 7 seconds"});
  EXPECT_EQ(slow.outcome, FetchOutcome::kTimeout);
  EXPECT_EQ(slow.error, "too slow: under 100 bytes/s for 7 s");

  auto connect = Classify({.code = CURLE_OPERATION_TIMEDOUT,
                           .curl_error = "Connection timed out after 501 milliseconds"});
  EXPECT_EQ(connect.outcome, FetchOutcome::kTimeout);
  EXPECT_EQ(connect.error.rfind("connect timeout after 500 ms", 0), 0u) << connect.error;

  config::FetchOptions short_total = Options();
  short_total.total_timeout_ms = 300;  // shorter than the connect timeout: it is the limit
  auto cut_by_total = ClassifyTransfer({.code = CURLE_OPERATION_TIMEDOUT,
                                        .curl_error = "Failed to connect to x port 80 after 300 "
                                                      "ms: Timeout was reached"},
                                       short_total);
  EXPECT_EQ(cut_by_total.error.rfind("connect timeout after 300 ms", 0), 0u) << cut_by_total.error;
}

TEST(ClassifyTransferTest, SizeCap) {
  auto by_callback = Classify({.code = CURLE_WRITE_ERROR, .body_cap_hit = true});
  EXPECT_EQ(by_callback.outcome, FetchOutcome::kTooLarge);
  EXPECT_EQ(by_callback.error, "response larger than 1048576 bytes");
  auto headers = Classify({.code = CURLE_WRITE_ERROR, .header_cap_hit = true});
  EXPECT_EQ(headers.outcome, FetchOutcome::kTooLarge);
  EXPECT_EQ(headers.error, "response headers larger than 262144 bytes");
  auto by_length = Classify({.code = CURLE_FILESIZE_EXCEEDED});
  EXPECT_EQ(by_length.outcome, FetchOutcome::kTooLarge);
}

TEST(ClassifyTransferTest, Redirects) {
  auto too_many = Classify({.code = CURLE_TOO_MANY_REDIRECTS, .http_status = 302});
  EXPECT_EQ(too_many.outcome, FetchOutcome::kTooManyRedirects);
  EXPECT_EQ(too_many.error, "more than 5 redirects");
  auto loop = Classify({.code = CURLE_WRITE_ERROR, .http_status = 302, .loop_url = "/a"});
  EXPECT_EQ(loop.outcome, FetchOutcome::kTooManyRedirects);
  EXPECT_EQ(loop.error, "redirect loop back to /a");
}

TEST(ClassifyTransferTest, UnsupportedProtocolDependsOnWhetherItWasARedirect) {
  auto redirect = Classify(
      {.code = CURLE_UNSUPPORTED_PROTOCOL, .http_status = 302, .redirect_url = "ftp://x/"});
  EXPECT_EQ(redirect.outcome, FetchOutcome::kBadUrl);
  EXPECT_EQ(redirect.error, "redirect to a URL that is not http(s): ftp://x/");
  auto http09 = Classify(
      {.code = CURLE_UNSUPPORTED_PROTOCOL, .curl_error = "Received HTTP/0.9 when not allowed"});
  EXPECT_EQ(http09.outcome, FetchOutcome::kNetworkError);
  EXPECT_EQ(http09.error, "Received HTTP/0.9 when not allowed");
}

TEST(ClassifyTransferTest, MalformedUrl) {
  EXPECT_EQ(Classify({.code = CURLE_URL_MALFORMAT}).outcome, FetchOutcome::kBadUrl);
}

TEST(ClassifyTransferTest, EverythingElseIsANetworkErrorWithLibcurlsWords) {
  auto refused = Classify({.code = CURLE_COULDNT_CONNECT,
                           .curl_error = "Failed to connect to 127.0.0.1 port 9: Connection "
                                         "refused"});
  EXPECT_EQ(refused.outcome, FetchOutcome::kNetworkError);
  EXPECT_EQ(refused.error, "Failed to connect to 127.0.0.1 port 9: Connection refused");
  auto no_text = Classify({.code = CURLE_GOT_NOTHING});
  EXPECT_EQ(no_text.outcome, FetchOutcome::kNetworkError);
  EXPECT_EQ(no_text.error, curl_easy_strerror(CURLE_GOT_NOTHING));
  auto plain_write_error = Classify({.code = CURLE_WRITE_ERROR});
  EXPECT_EQ(plain_write_error.outcome, FetchOutcome::kNetworkError);
}

}  // namespace
}  // namespace strata::crawler
