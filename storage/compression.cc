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

}  // namespace

Compressed CompressPayload(std::string_view payload, int level) {
  Compressed out;
  out.size = payload.size();
  out.bytes.resize(ZSTD_compressBound(payload.size()));
  ZSTD_CCtx* cctx = ThreadContext();
  const size_t size = cctx == nullptr ? ZSTD_compress(out.bytes.data(), out.bytes.size(),
                                                      payload.data(), payload.size(), level)
                                      : ZSTD_compressCCtx(cctx, out.bytes.data(), out.bytes.size(),
                                                          payload.data(), payload.size(), level);
  if (!ZSTD_isError(size) && size < payload.size()) {
    out.codec = kCodecZstd;
    out.bytes.resize(size);
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
