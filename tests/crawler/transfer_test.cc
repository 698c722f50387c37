// Transfer's checks that need no network. Transfers that talk to a server are exercised through
// FetchLoop in fetch_loop_test.cc.
#include "crawler/transfer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace strata::crawler {
namespace {

using ::testing::HasSubstr;

std::string Validate(FetchRequest request, int64_t max_url_length = 8192) {
  config::FetchOptions options;
  options.max_url_length = max_url_length;
  return ValidateRequest(request, options);
}

TEST(ValidateRequestTest, AcceptsHttpAndHttps) {
  EXPECT_EQ(Validate({.url = "http://example.com/"}), "");
  EXPECT_EQ(Validate({.url = "https://example.com/a?b=c#d"}), "");
  EXPECT_EQ(Validate({.url = "HTTP://EXAMPLE.COM/"}), "");
  EXPECT_EQ(Validate({.url = "http://[::1]:8080/"}), "");
  EXPECT_EQ(Validate({.url = "http://example.com/", .method = "HEAD"}), "");
  EXPECT_EQ(Validate({.url = "http://example.com/", .method = "POST", .body = "{}"}), "");
}

TEST(ValidateRequestTest, RefusesOtherSchemesAndJunk) {
  EXPECT_THAT(Validate({.url = "ftp://example.com/"}), HasSubstr("not an http(s) URL"));
  EXPECT_THAT(Validate({.url = "file:///etc/passwd"}), HasSubstr("not an http(s) URL"));
  EXPECT_THAT(Validate({.url = "mailto:someone@example.com"}), ::testing::Not(""));
  EXPECT_THAT(Validate({.url = "example.com/no-scheme"}), ::testing::Not(""));
  EXPECT_THAT(Validate({.url = "http://"}), ::testing::Not(""));
  EXPECT_THAT(Validate({.url = "http://exa mple.com/"}), ::testing::Not(""));
  EXPECT_EQ(Validate({.url = ""}), "empty URL");
}

TEST(ValidateRequestTest, RefusesUrlsOverTheLimit) {
  const std::string url = "http://example.com/" + std::string(81, 'a');  // 100 bytes
  EXPECT_EQ(Validate({.url = url}, 100), "");
  EXPECT_EQ(Validate({.url = url + "a"}, 100), "URL longer than 100 bytes (101 bytes)");
}

TEST(ValidateRequestTest, RefusesOtherMethodsAndBodiesWithoutPost) {
  EXPECT_THAT(Validate({.url = "http://example.com/", .method = "DELETE"}),
              HasSubstr("unsupported method 'DELETE'"));
  EXPECT_THAT(Validate({.url = "http://example.com/", .method = "get"}),
              HasSubstr("unsupported method"));
  EXPECT_THAT(Validate({.url = "http://example.com/", .body = "x"}), HasSubstr("cannot carry"));
}

TEST(ValidateRequestTest, RefusesHeaderInjection) {
  EXPECT_THAT(Validate({.url = "http://example.com/", .headers = {{"X-A", "1\r\nX-B: 2"}}}),
              HasSubstr("invalid request header"));
  EXPECT_THAT(Validate({.url = "http://example.com/", .headers = {{"X-A\n", "1"}}}),
              HasSubstr("invalid request header"));
  EXPECT_THAT(Validate({.url = "http://example.com/", .headers = {{"X:A", "1"}}}),
              HasSubstr("invalid request header"));
  EXPECT_THAT(Validate({.url = "http://example.com/", .headers = {{"", "1"}}}),
              HasSubstr("invalid request header"));
  EXPECT_EQ(Validate({.url = "http://example.com/", .headers = {{"X-Empty", ""}}}), "");
}

TEST(FailedPageTest, CarriesUrlOutcomeAndReason) {
  FetchedPage page = FailedPage("ftp://x/", FetchOutcome::kBadUrl, "not an http(s) URL");
  EXPECT_EQ(page.url, "ftp://x/");
  EXPECT_EQ(page.outcome, FetchOutcome::kBadUrl);
  EXPECT_EQ(page.error, "not an http(s) URL");
  EXPECT_EQ(page.http_status, 0);
  EXPECT_EQ(page.final_url, "");
  EXPECT_GT(page.fetched_at_ms, 0);
}

}  // namespace
}  // namespace strata::crawler
