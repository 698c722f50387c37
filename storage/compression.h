// zstd compression of record payloads (raw blobs, version text), with a codec byte so that a
// payload that does not shrink is stored as is. Codec values are stored in records: frozen.
//
// Thread-safety: each thread uses a compression context of its own.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"

namespace strata::storage {

// DO NOT CHANGE THESE VALUES: they are stored in blob and version records.
inline constexpr uint8_t kCodecNone = 0;
inline constexpr uint8_t kCodecZstd = 1;

// Payloads above this size are refused on decode (a corrupt size must not drive a huge
// allocation). 1 GiB: far above the crawler's body cap.
inline constexpr uint64_t kMaxPayloadBytes = uint64_t{1} << 30;

struct Compressed {
  uint8_t codec = kCodecNone;
  uint64_t size = 0;  // of the payload before compression
  std::string bytes;  // as stored: compressed with `codec`
};

// The zstd level of raw responses and version text (ArchiveOptions::zstd_level). 1 rather
// than zstd's default 3: on the crawl benchmark's 5,437 pages level 3 cost 9% more CPU per page
// for a 6% smaller archive (bench/README.md, "Crawl"); compression runs on the crawl's hot path.
inline constexpr int kDefaultZstdLevel = 1;
inline constexpr int kMaxZstdLevel = 19;  // above, zstd's "ultra" levels want huge windows

// Compresses with zstd at `level`, unless that does not make `payload` smaller.
Compressed CompressPayload(std::string_view payload, int level);

// The payload back from its stored bytes. Corruption, naming `record` ("blob", "version"),
// when the codec is unknown or the bytes do not decompress to exactly `size` bytes.
Result<std::string> DecompressPayload(uint8_t codec, std::string_view stored, uint64_t size,
                                      std::string_view record);

}  // namespace strata::storage
