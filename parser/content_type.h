// The Content-Type header, and the gate that keeps non-HTML bodies (images, PDFs, archives)
// away from the HTML parser with a clear error instead of a page of garbage.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace strata::parser {

struct ContentType {
  std::string mime;     // lower case essence, "text/html"; "" when the header was empty
  std::string charset;  // the charset parameter as written (unquoted, trimmed); "" if none
};

// Parses "text/html; charset=GBK" (RFC 9110 media type; quoted values allowed).
ContentType ParseContentType(std::string_view header);

// OK when the body may be treated as HTML: the type is text/*, (X)HTML, XML, or absent /
// application/octet-stream and the bytes do not start with the signature of a known binary
// format. Otherwise InvalidArgument naming the type ("content type image/png is not HTML").
Status CheckHtmlInput(const ContentType& type, std::string_view body);

}  // namespace strata::parser
