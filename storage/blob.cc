#include "storage/blob.h"

#include <zstd.h>

#include "storage/coding.h"
#include "storage/keys.h"

namespace strata::storage {
namespace {

// DO NOT CHANGE THESE VALUES: they are stored in blob records.
constexpr uint8_t kCodecNone = 0;
constexpr uint8_t kCodecZstd = 1;

// zstd level 3 (its default): ~4x on HTML at hundreds of MB/s; higher levels save a few percent
// more for several times the CPU, and the crawl writes blobs on its hot path.
constexpr int kZstdLevel = 3;

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

}  // namespace

std::string EncodeBlob(const RawResponse& response) {
  std::string payload;
  PutLengthPrefixed(&payload, response.url);
  PutLengthPrefixed(&payload, response.final_url);
  PutSignedVarint64(&payload, response.http_status);
  PutSignedVarint64(&payload, response.fetched_at);
  PutHeaders(&payload, response.request_headers);
  PutHeaders(&payload, response.response_headers);
  PutLengthPrefixed(&payload, response.body);

  std::string out;
  out.push_back(static_cast<char>(kBlobFormat));
  std::string compressed(ZSTD_compressBound(payload.size()), '\0');
  const size_t compressed_size = ZSTD_compress(compressed.data(), compressed.size(), payload.data(),
                                               payload.size(), kZstdLevel);
  const bool use_zstd = !ZSTD_isError(compressed_size) && compressed_size < payload.size();
  out.push_back(static_cast<char>(use_zstd ? kCodecZstd : kCodecNone));
  PutVarint64(&out, payload.size());
  if (use_zstd) {
    out.append(compressed.data(), compressed_size);
  } else {
    out += payload;
  }
  return out;
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
  if (header.ok() && payload_size > kMaxBlobPayloadBytes) header.Fail("size", "too large");
  if (!header.ok()) return header.status();
  const std::string_view stored = bytes.substr(bytes.size() - header.remaining());

  std::string payload;
  if (codec == kCodecNone) {
    if (stored.size() != payload_size) {
      return Status::Corruption("blob record: field 'payload': size differs from the stored one");
    }
    payload.assign(stored);
  } else if (codec == kCodecZstd) {
    payload.resize(payload_size);
    const size_t got =
        ZSTD_decompress(payload.data(), payload.size(), stored.data(), stored.size());
    if (ZSTD_isError(got)) {
      return Status::Corruption(std::string("blob record: field 'payload': zstd: ") +
                                ZSTD_getErrorName(got));
    }
    if (got != payload_size) {
      return Status::Corruption("blob record: field 'payload': decompressed size differs");
    }
  } else {
    return Status::Corruption("blob record: field 'codec': unknown value " + std::to_string(codec));
  }

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

}  // namespace strata::storage
