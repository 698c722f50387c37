#include "storage/compression.h"

#include <zstd.h>

#include <memory>

namespace strata::storage {
namespace {

struct FreeCCtx {
  void operator()(ZSTD_CCtx* cctx) const { ZSTD_freeCCtx(cctx); }
};

// A context per thread: creating one per call costs more than compressing a small page.
ZSTD_CCtx* ThreadContext() {
  thread_local std::unique_ptr<ZSTD_CCtx, FreeCCtx> cctx(ZSTD_createCCtx());
  return cctx.get();
}

// Payloads up to about this size are compressed into a buffer kept per thread.
constexpr size_t kScratchBytes = 512 * 1024;

}  // namespace

Compressed CompressPayload(std::string_view payload, int level) {
  Compressed out;
  out.size = payload.size();
  // Compressed into scratch space and copied out at its size: a string sized to the bound
  // would be zeroed first, a memset of the whole page for output a fifth of it.
  const size_t bound = ZSTD_compressBound(payload.size());
  thread_local std::unique_ptr<char[]> scratch;
  std::unique_ptr<char[]> large;
  char* buffer = nullptr;
  if (bound <= kScratchBytes) {
    if (!scratch) scratch = std::make_unique_for_overwrite<char[]>(kScratchBytes);
    buffer = scratch.get();
  } else {
    large = std::make_unique_for_overwrite<char[]>(bound);
    buffer = large.get();
  }
  ZSTD_CCtx* cctx = ThreadContext();
  const size_t size =
      cctx == nullptr
          ? ZSTD_compress(buffer, bound, payload.data(), payload.size(), level)
          : ZSTD_compressCCtx(cctx, buffer, bound, payload.data(), payload.size(), level);
  if (!ZSTD_isError(size) && size < payload.size()) {
    out.codec = kCodecZstd;
    out.bytes.assign(buffer, size);
  } else {
    out.codec = kCodecNone;
    out.bytes.assign(payload);
  }
  return out;
}

Result<std::string> DecompressPayload(uint8_t codec, std::string_view stored, uint64_t size,
                                      std::string_view record) {
  const std::string where = std::string(record) + " record: field 'payload': ";
  if (size > kMaxPayloadBytes) return Status::Corruption(where + "size too large");
  if (codec == kCodecNone) {
    if (stored.size() != size)
      return Status::Corruption(where + "size differs from the stored one");
    return std::string(stored);
  }
  if (codec != kCodecZstd) {
    return Status::Corruption(std::string(record) + " record: field 'codec': unknown value " +
                              std::to_string(codec));
  }
  std::string payload(size, '\0');
  const size_t got = ZSTD_decompress(payload.data(), payload.size(), stored.data(), stored.size());
  if (ZSTD_isError(got)) return Status::Corruption(where + "zstd: " + ZSTD_getErrorName(got));
  if (got != size) return Status::Corruption(where + "decompressed size differs");
  return payload;
}

}  // namespace strata::storage
