#include "crawler/response_headers.h"

#include <gtest/gtest.h>

namespace strata::crawler {
namespace {

using Kind = ResponseHeaderCollector::LineKind;

TEST(ResponseHeaderCollectorTest, CollectsFieldsOfOneResponse) {
  ResponseHeaderCollector collector;
  EXPECT_EQ(collector.AddLine("HTTP/1.1 200 OK\r\n"), Kind::kStatus);
  EXPECT_EQ(collector.AddLine("Content-Type: text/html\r\n"), Kind::kField);
  EXPECT_EQ(collector.AddLine("X-Spaces:   padded value  \r\n"), Kind::kField);
  EXPECT_EQ(collector.AddLine("\r\n"), Kind::kBlockEnd);
  EXPECT_EQ(collector.status(), 200);
  EXPECT_EQ(collector.headers(),
            (HttpHeaders{{"Content-Type", "text/html"}, {"X-Spaces", "padded value"}}));
}

TEST(ResponseHeaderCollectorTest, NewStatusLineStartsOver) {
  ResponseHeaderCollector collector;
  collector.AddLine("HTTP/1.1 100 Continue\r\n");
  collector.AddLine("\r\n");
  collector.AddLine("HTTP/1.1 301 Moved Permanently\r\n");
  collector.AddLine("Location: /next\r\n");
  collector.AddLine("\r\n");
  EXPECT_EQ(collector.status(), 301);
  collector.AddLine("HTTP/2 404\r\n");
  collector.AddLine("content-type: text/plain\r\n");
  collector.AddLine("\r\n");
  EXPECT_EQ(collector.status(), 404);
  EXPECT_EQ(collector.headers(), (HttpHeaders{{"content-type", "text/plain"}}));
}

TEST(ResponseHeaderCollectorTest, TrailersJoinTheFinalResponse) {
  ResponseHeaderCollector collector;
  collector.AddLine("HTTP/1.1 200 OK\r\n");
  collector.AddLine("Transfer-Encoding: chunked\r\n");
  collector.AddLine("\r\n");
  collector.AddLine("X-Checksum: abc\r\n");
  collector.AddLine("\r\n");
  EXPECT_EQ(FindHeader(collector.headers(), "x-checksum"), "abc");
  EXPECT_EQ(FindHeader(collector.headers(), "transfer-encoding"), "chunked");
}

TEST(ResponseHeaderCollectorTest, UnfoldsObsoleteLineFolding) {
  ResponseHeaderCollector collector;
  collector.AddLine("HTTP/1.1 200 OK\r\n");
  collector.AddLine("X-Long: first\r\n");
  EXPECT_EQ(collector.AddLine("   second\r\n"), Kind::kField);
  EXPECT_EQ(FindHeader(collector.headers(), "x-long"), "first second");
}

TEST(ResponseHeaderCollectorTest, IgnoresJunk) {
  ResponseHeaderCollector collector;
  EXPECT_EQ(collector.AddLine("Stray: before any status\r\n"), Kind::kIgnored);
  EXPECT_EQ(collector.status(), 0);
  collector.AddLine("HTTP/1.1 200 OK\n");  // bare LF
  EXPECT_EQ(collector.AddLine("no colon here\r\n"), Kind::kIgnored);
  EXPECT_EQ(collector.AddLine(": empty name\r\n"), Kind::kIgnored);
  EXPECT_EQ(collector.AddLine("Empty-Value:\r\n"), Kind::kField);
  EXPECT_EQ(collector.headers(), (HttpHeaders{{"Empty-Value", ""}}));
}

TEST(ResponseHeaderCollectorTest, UnparsableStatusIsZero) {
  ResponseHeaderCollector collector;
  EXPECT_EQ(collector.AddLine("HTTP/1.1 2x0 Weird\r\n"), Kind::kStatus);
  EXPECT_EQ(collector.status(), 0);
  collector.AddLine("HTTP/1.1\r\n");
  EXPECT_EQ(collector.status(), 0);
  collector.AddLine("HTTP/1.1 2000 Too long\r\n");
  EXPECT_EQ(collector.status(), 0);
}

TEST(ResponseHeaderCollectorTest, TakeHeadersMovesThemOut) {
  ResponseHeaderCollector collector;
  collector.AddLine("HTTP/1.1 200 OK\r\n");
  collector.AddLine("A: 1\r\n");
  HttpHeaders taken = collector.TakeHeaders();
  EXPECT_EQ(taken, (HttpHeaders{{"A", "1"}}));
}

}  // namespace
}  // namespace strata::crawler
