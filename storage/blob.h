// Raw response records ("blob/<sha256>"): a response's body and headers, compressed with zstd.
//
// Format 1: format byte, codec byte (0: stored as is, 1: zstd; frozen values), varint size of
// the uncompressed payload, then the payload, compressed or not. The payload is: url, final_url,
// http_status, fetched_at, request header count and name/value pairs, response header count and
// pairs, body (coded as in coding.h). A payload that compresses to no fewer bytes is stored as
// is, so incompressible bodies (images, already-compressed data) cost nothing extra.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"
#include "storage/archive.h"

namespace strata::storage {

std::string EncodeBlob(const RawResponse& response, int zstd_level = kDefaultZstdLevel);
Result<RawResponse> DecodeBlob(std::string_view bytes);

}  // namespace strata::storage
