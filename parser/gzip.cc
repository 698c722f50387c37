#include "parser/gzip.h"

#include <zlib.h>

#include <algorithm>
#include <cstdint>

namespace strata::parser {
namespace {

// The owner of one inflate stream.
class Inflater {
 public:
  Inflater() { ok_ = inflateInit2(&stream_, 15 + 32) == Z_OK; }  // +32: gzip or zlib header
  ~Inflater() {
    if (ok_) inflateEnd(&stream_);
  }
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;
  bool ok() const { return ok_; }
  z_stream* get() { return &stream_; }

 private:
  z_stream stream_{};
  bool ok_ = false;
};

std::string Megabytes(size_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

}  // namespace

bool IsGzip(std::string_view data) {
  return data.size() >= 2 && static_cast<unsigned char>(data[0]) == 0x1f &&
         static_cast<unsigned char>(data[1]) == 0x8b;
}

Result<std::string> Gunzip(std::string_view data, size_t max_bytes) {
  Inflater inflater;
  if (!inflater.ok()) return Status::IOError("cannot initialise zlib");
  z_stream* zs = inflater.get();
  zs->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs->avail_in = static_cast<uInt>(std::min<size_t>(data.size(), UINT32_MAX));
  std::string out;
  char buffer[64 * 1024];
  while (true) {
    zs->next_out = reinterpret_cast<Bytef*>(buffer);
    zs->avail_out = sizeof buffer;
    const int rc = inflate(zs, Z_NO_FLUSH);
    out.append(buffer, sizeof buffer - zs->avail_out);
    if (out.size() > max_bytes) {
      return Status::InvalidArgument("larger than " + Megabytes(max_bytes) + " once decompressed");
    }
    if (rc == Z_STREAM_END) {
      // Concatenated gzip members (as `cat a.gz b.gz` makes) are one file; anything else after
      // the stream is ignored, as gzip does with trailing zeros.
      const std::string_view rest(reinterpret_cast<const char*>(zs->next_in), zs->avail_in);
      if (!IsGzip(rest)) break;
      if (inflateReset(zs) != Z_OK) return Status::Corruption("bad gzip data");
      continue;
    }
    if (rc != Z_OK && rc != Z_BUF_ERROR) {
      return Status::Corruption(std::string("bad gzip data: ") +
                                (zs->msg != nullptr ? zs->msg : "inflate failed"));
    }
    if (zs->avail_in == 0 && zs->avail_out != 0) {
      return Status::Corruption("truncated gzip data");
    }
  }
  return out;
}

}  // namespace strata::parser
