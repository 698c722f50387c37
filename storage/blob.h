// Raw response records ("blob/<sha256>"): a response's body and headers, compressed with zstd.
//
// Format 1: format byte, codec byte (0: stored as is, 1: zstd; frozen values), varint size of
// the uncompressed payload, then the payload, compressed or not. The payload is: url, final_url,
// http_status, fetched_at, request header count and name/value pairs, response header count and
// pairs, body (coded as in coding.h). A payload that compresses to no fewer bytes is stored as
// is, so incompressible bodies (images, already-compressed data) cost nothing extra.
//
// Format 2 (schema 3), what the archive writes now: a reference to a format-1 record kept in a
// segment file (blob_segments.h): format byte, then varints segment, offset, length. Archives
// written before keep their format-1 records in LevelDB, and both are read.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"
#include "storage/archive.h"
#include "storage/blob_segments.h"

namespace strata::storage {

// A raw response's fields by reference: what EncodeBlob reads, so a fetched page is encoded
// without first being copied into a RawResponse.
struct RawResponseView {
  std::string_view url;
  std::string_view final_url;
  int http_status = 0;
  UnixMillis fetched_at = 0;
  const HttpHeaders& request_headers;
  const HttpHeaders& response_headers;
  std::string_view body;
};

std::string EncodeBlob(const RawResponseView& response, int zstd_level = kDefaultZstdLevel);
std::string EncodeBlob(const RawResponse& response, int zstd_level = kDefaultZstdLevel);
Result<RawResponse> DecodeBlob(std::string_view bytes);

std::string EncodeBlobRef(const SegmentRef& ref);
Result<SegmentRef> DecodeBlobRef(std::string_view bytes);
// The raw response a "blob/<sha256>" value holds (format 1) or names (format 2, read from
// `segments`).
Result<RawResponse> ReadBlobValue(std::string_view value, const BlobSegments& segments);

}  // namespace strata::storage
