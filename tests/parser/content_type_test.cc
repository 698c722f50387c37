#include "parser/content_type.h"

#include <gtest/gtest.h>

namespace strata::parser {
namespace {

TEST(ContentTypeTest, ParsesMimeAndCharset) {
  struct Case {
    const char* header;
    const char* mime;
    const char* charset;
  };
  const Case cases[] = {
      {"text/html; charset=GBK", "text/html", "GBK"},
      {"Text/HTML;Charset=\"utf-8\"", "text/html", "utf-8"},
      {"text/html; foo=bar; charset='gb2312' ", "text/html", "gb2312"},
      {"application/xhtml+xml", "application/xhtml+xml", ""},
      {"", "", ""},
  };
  for (const Case& c : cases) {
    const ContentType type = ParseContentType(c.header);
    EXPECT_EQ(type.mime, c.mime) << c.header;
    EXPECT_EQ(type.charset, c.charset) << c.header;
  }
}

TEST(ContentTypeTest, AcceptsHtmlAndText) {
  for (const char* header :
       {"text/html", "application/xhtml+xml", "text/plain", "", "application/octet-stream"}) {
    EXPECT_TRUE(CheckHtmlInput(ParseContentType(header), "<html></html>").ok()) << header;
  }
}

TEST(ContentTypeTest, RejectsBinaryTypesWithAClearMessage) {
  for (const char* header :
       {"image/png", "application/pdf", "video/mp4", "application/zip", "application/json"}) {
    const Status status = CheckHtmlInput(ParseContentType(header), "whatever");
    EXPECT_TRUE(status.IsInvalidArgument()) << header;
    EXPECT_NE(status.message().find(ParseContentType(header).mime), std::string::npos);
    EXPECT_NE(status.message().find("not HTML"), std::string::npos);
  }
}

TEST(ContentTypeTest, SniffsBinaryWhenTheTypeIsMissingOrGeneric) {
  EXPECT_TRUE(CheckHtmlInput(ParseContentType(""), "%PDF-1.7 ...").IsInvalidArgument());
  EXPECT_TRUE(CheckHtmlInput(ParseContentType("application/octet-stream"), "\x89PNG\r\n\x1a\n")
                  .IsInvalidArgument());
  // A declared text type is trusted: the bytes are parsed as (odd) HTML.
  EXPECT_TRUE(CheckHtmlInput(ParseContentType("text/html"), "%PDF-1.7").ok());
}

}  // namespace
}  // namespace strata::parser
