// Byte coding for archive keys and records. Writers append to a std::string; a FieldReader
// reads a record's fields in order and remembers the first failure, so decoders read straight
// through and check once at the end (bytes from disk are untrusted: a short or malformed field
// becomes Status::Corruption naming the field, never a crash or an over-read).
//
// Formats:
//   varint        LEB128, 7 bits per byte, low group first (at most 10 bytes for 64 bits)
//   signed varint zigzag-mapped (0, -1, 1, -2 ... -> 0, 1, 2, 3 ...) then varint
//   string        varint length, then the bytes
//   big-endian 64 8 bytes, most significant first: used in keys, so that LevelDB's bytewise
//                 order is numeric order
//
// Thread-safety: free functions without state; a FieldReader belongs to one thread.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace strata::storage {

void PutVarint64(std::string* dst, uint64_t value);
void PutSignedVarint64(std::string* dst, int64_t value);
void PutLengthPrefixed(std::string* dst, std::string_view bytes);
void PutBigEndian64(std::string* dst, uint64_t value);

// REQUIRES: `bytes` holds at least 8 bytes.
uint64_t DecodeBigEndian64(std::string_view bytes);

// Reads the fields of one record in order. After the first failure every read is a no-op that
// leaves its output untouched, and status() names the first field that failed.
class FieldReader {
 public:
  // `record` names what is read ("head", "version") for error messages; `input` must outlive
  // the reader.
  FieldReader(std::string_view input, std::string_view record) : in_(input), record_(record) {}

  void Byte(std::string_view field, uint8_t* out);
  void Bool(std::string_view field, bool* out);
  void Uint(std::string_view field, uint64_t* out);
  void Int(std::string_view field, int64_t* out);
  // An int that must fit in `int` (HTTP status and the like).
  void SmallInt(std::string_view field, int* out);
  void String(std::string_view field, std::string* out);
  // Reads past a string without copying it (for partial decoding of large records).
  void SkipString(std::string_view field);
  // True when no bytes are left: a field an older writer did not append (it then keeps its
  // default). Decoders check it before each appended field.
  bool at_end() const { return ok() && in_.empty(); }
  // A count of items that follow, each at least `min_item_bytes` long: a count larger than the
  // rest of the input could hold is corruption (and must not drive a huge allocation).
  void Count(std::string_view field, size_t min_item_bytes, size_t* out);

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  // Bytes not read yet. Trailing bytes are allowed: they are fields a newer strata appended.
  size_t remaining() const { return in_.size(); }
  // Marks the record bad with a reason of the caller's ("unknown format 7").
  void Fail(std::string_view field, std::string_view why);

 private:
  bool ReadVarint(uint64_t* out);

  std::string_view in_;
  std::string_view record_;
  Status status_;
};

}  // namespace strata::storage
