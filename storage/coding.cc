#include "storage/coding.h"

#include <limits>

namespace strata::storage {

void PutVarint64(std::string* dst, uint64_t value) {
  while (value >= 0x80) {
    dst->push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  dst->push_back(static_cast<char>(value));
}

void PutSignedVarint64(std::string* dst, int64_t value) {
  // Zigzag keeps small negative numbers short; the shift is done on unsigned to avoid UB.
  const uint64_t u = static_cast<uint64_t>(value);
  PutVarint64(dst, (u << 1) ^ (value < 0 ? ~uint64_t{0} : 0));
}

void PutLengthPrefixed(std::string* dst, std::string_view bytes) {
  PutVarint64(dst, bytes.size());
  dst->append(bytes);
}

void PutBigEndian64(std::string* dst, uint64_t value) {
  for (int shift = 56; shift >= 0; shift -= 8) {
    dst->push_back(static_cast<char>((value >> shift) & 0xff));
  }
}

uint64_t DecodeBigEndian64(std::string_view bytes) {
  uint64_t value = 0;
  for (size_t i = 0; i < 8; ++i) value = (value << 8) | static_cast<unsigned char>(bytes[i]);
  return value;
}

void FieldReader::Fail(std::string_view field, std::string_view why) {
  if (!status_.ok()) return;
  std::string msg(record_);
  msg += " record: field '";
  msg += field;
  msg += "': ";
  msg += why;
  status_ = Status::Corruption(msg);
}

bool FieldReader::ReadVarint(uint64_t* out) {
  uint64_t value = 0;
  for (int shift = 0; shift <= 63 && !in_.empty(); shift += 7) {
    const auto byte = static_cast<unsigned char>(in_.front());
    in_.remove_prefix(1);
    // The tenth byte may only carry the top bit of a 64-bit value.
    if (shift == 63 && byte > 1) return false;
    value |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      *out = value;
      return true;
    }
  }
  return false;
}

void FieldReader::Byte(std::string_view field, uint8_t* out) {
  if (!ok()) return;
  if (in_.empty()) return Fail(field, "truncated");
  *out = static_cast<uint8_t>(in_.front());
  in_.remove_prefix(1);
}

void FieldReader::Bool(std::string_view field, bool* out) {
  uint8_t byte = 0;
  Byte(field, &byte);
  if (!ok()) return;
  if (byte > 1) return Fail(field, "not a boolean");
  *out = byte == 1;
}

void FieldReader::Uint(std::string_view field, uint64_t* out) {
  if (!ok()) return;
  if (!ReadVarint(out)) Fail(field, "truncated or malformed varint");
}

void FieldReader::Int(std::string_view field, int64_t* out) {
  uint64_t zigzag = 0;
  Uint(field, &zigzag);
  if (!ok()) return;
  *out = static_cast<int64_t>((zigzag >> 1) ^ (~(zigzag & 1) + 1));
}

void FieldReader::SmallInt(std::string_view field, int* out) {
  int64_t value = 0;
  Int(field, &value);
  if (!ok()) return;
  if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max()) {
    return Fail(field, "out of range");
  }
  *out = static_cast<int>(value);
}

void FieldReader::String(std::string_view field, std::string* out) {
  uint64_t size = 0;
  Uint(field, &size);
  if (!ok()) return;
  if (size > in_.size()) return Fail(field, "length runs past the end of the record");
  out->assign(in_.substr(0, size));
  in_.remove_prefix(size);
}

void FieldReader::SkipString(std::string_view field) {
  uint64_t size = 0;
  Uint(field, &size);
  if (!ok()) return;
  if (size > in_.size()) return Fail(field, "length runs past the end of the record");
  in_.remove_prefix(size);
}

void FieldReader::Count(std::string_view field, size_t min_item_bytes, size_t* out) {
  uint64_t count = 0;
  Uint(field, &count);
  if (!ok()) return;
  if (min_item_bytes > 0 && count > in_.size() / min_item_bytes) {
    return Fail(field, "count larger than the record can hold");
  }
  *out = static_cast<size_t>(count);
}

}  // namespace strata::storage
