// gzip data in memory (RFC 1952), inflated with zlib: pages saved gzipped (`strata extract`)
// and compressed sitemaps (sitemap.xml.gz, which sitemap indexes commonly list).
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/result.h"

namespace strata::parser {

// Whether `data` starts with the gzip magic bytes.
bool IsGzip(std::string_view data);

// The inflated bytes of `data` (one or more concatenated gzip members, or a zlib stream).
// InvalidArgument past `max_bytes` of output (a small file may inflate a thousandfold),
// Corruption when damaged or cut short.
Result<std::string> Gunzip(std::string_view data, size_t max_bytes);

}  // namespace strata::parser
