#include "storage/blob.h"

#include "storage/coding.h"
#include "storage/compression.h"
#include "storage/keys.h"

namespace strata::storage {
namespace {

void PutHeaders(std::string* dst, const HttpHeaders& headers) {
  PutVarint64(dst, headers.size());
  for (const auto& [name, value] : headers) {
    PutLengthPrefixed(dst, name);
    PutLengthPrefixed(dst, value);
  }
}

void ReadHeaders(FieldReader& in, std::string_view field, HttpHeaders* out) {
  size_t count = 0;
  in.Count(field, /*min_item_bytes=*/2, &count);
  if (!in.ok()) return;
  out->resize(count);
  for (auto& [name, value] : *out) {
    in.String(field, &name);
    in.String(field, &value);
  }
}

// An upper bound of the bytes PutHeaders writes for headers of ordinary size.
size_t HeadersSize(const HttpHeaders& headers) {
  size_t size = 0;
  for (const auto& [name, value] : headers) size += name.size() + value.size() + 4;
  return size;
}

}  // namespace

std::string EncodeBlob(const RawResponseView& response, int zstd_level) {
  // Sized once: a body appended to a growing string is copied at every doubling.
  std::string payload;
  payload.reserve(response.url.size() + response.final_url.size() + response.body.size() +
                  HeadersSize(response.request_headers) + HeadersSize(response.response_headers) +
                  64);
  PutLengthPrefixed(&payload, response.url);
  PutLengthPrefixed(&payload, response.final_url);
  PutSignedVarint64(&payload, response.http_status);
  PutSignedVarint64(&payload, response.fetched_at);
  PutHeaders(&payload, response.request_headers);
  PutHeaders(&payload, response.response_headers);
  PutLengthPrefixed(&payload, response.body);

  const Compressed stored = CompressPayload(payload, zstd_level);
  std::string out;
  out.reserve(stored.bytes.size() + 12);
  out.push_back(static_cast<char>(kBlobFormat));
  out.push_back(static_cast<char>(stored.codec));
  PutVarint64(&out, stored.size);
  out += stored.bytes;
  return out;
}

std::string EncodeBlob(const RawResponse& response, int zstd_level) {
  return EncodeBlob(
      RawResponseView{response.url, response.final_url, response.http_status, response.fetched_at,
                      response.request_headers, response.response_headers, response.body},
      zstd_level);
}

Result<RawResponse> DecodeBlob(std::string_view bytes) {
  FieldReader header(bytes, "blob");
  uint8_t format = 0;
  uint8_t codec = 0;
  uint64_t payload_size = 0;
  header.Byte("format", &format);
  if (header.ok() && format != kBlobFormat) {
    header.Fail("format", "unknown format " + std::to_string(format));
  }
  header.Byte("codec", &codec);
  header.Uint("size", &payload_size);
  if (header.ok() && payload_size > kMaxPayloadBytes) header.Fail("size", "too large");
  if (!header.ok()) return header.status();
  const std::string_view stored = bytes.substr(bytes.size() - header.remaining());

  STRATA_ASSIGN_OR_RETURN(std::string payload,
                          DecompressPayload(codec, stored, payload_size, "blob"));

  FieldReader in(payload, "blob");
  RawResponse response;
  in.String("url", &response.url);
  in.String("final_url", &response.final_url);
  in.SmallInt("http_status", &response.http_status);
  in.Int("fetched_at", &response.fetched_at);
  ReadHeaders(in, "request_headers", &response.request_headers);
  ReadHeaders(in, "response_headers", &response.response_headers);
  in.String("body", &response.body);
  if (!in.ok()) return in.status();
  return response;
}

std::string EncodeBlobRef(const SegmentRef& ref) {
  std::string out;
  out.push_back(static_cast<char>(kBlobRefFormat));
  PutVarint64(&out, ref.segment);
  PutVarint64(&out, ref.offset);
  PutVarint64(&out, ref.length);
  return out;
}

Result<SegmentRef> DecodeBlobRef(std::string_view bytes) {
  FieldReader in(bytes, "blob");
  uint8_t format = 0;
  in.Byte("format", &format);
  if (in.ok() && format != kBlobRefFormat) in.Fail("format", "not a segment reference");
  SegmentRef ref;
  in.Uint("segment", &ref.segment);
  in.Uint("offset", &ref.offset);
  in.Uint("length", &ref.length);
  if (in.ok() && ref.segment == 0) in.Fail("segment", "zero");
  if (in.ok() && ref.length > kMaxPayloadBytes) in.Fail("length", "too large");
  if (!in.ok()) return in.status();
  return ref;
}

Result<RawResponse> ReadBlobValue(std::string_view value, const BlobSegments& segments) {
  if (value.empty() || static_cast<uint8_t>(value.front()) != kBlobRefFormat) {
    return DecodeBlob(value);
  }
  STRATA_ASSIGN_OR_RETURN(SegmentRef ref, DecodeBlobRef(value));
  STRATA_ASSIGN_OR_RETURN(std::string stored, segments.Read(ref));
  return DecodeBlob(stored);
}

}  // namespace strata::storage
