// Raw responses outside LevelDB: append-only segment files under <archive>/segments/.
//
// Raw responses are nine tenths of an archive's bytes and are written once, never changed.
// Kept inside LevelDB they were rewritten by every compaction that passed them down a level
// (a 5,000-page crawl left ~175 MB of compaction for the next run to pay), and they made every
// key lookup wade through a tree ten times the size of the small records. Here each is written
// once, appended to a segment; LevelDB keeps a small reference ("blob/<sha256>" in format 2,
// blob.h) to where its bytes are.
//
// A segment is named by its number, "segments/000001.seg", and is a run of entries:
//   magic "SBg1" (4 bytes), payload length (fixed32, little-endian), then the payload
// (the blob record of format 1, blob.h). A reference gives segment, offset of the entry and
// payload length; a read checks the magic and the length, and the reader of the payload checks
// the body against its SHA-256 (the key). Entries are only found through references, so bytes
// no reference names (a write cut short by kill -9, a batch whose LevelDB write then failed)
// are harmless garbage: a later run appends after them.
//
// Crash safety: Flush() hands every appended byte to the operating system; the archive calls it
// before the LevelDB write that stores the references, so a reference never names bytes a
// killed process had not written. Like the archive's LevelDB writes, segments are synced only
// when closed.
//
// Thread-safety: Append and Flush from one thread at a time (the archive's record lock);
// Read from any thread, concurrently with them.
#pragma once

#include <leveldb/env.h>

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "common/result.h"

namespace strata::storage {

// Where a blob's bytes are.
struct SegmentRef {
  uint64_t segment = 0;  // file number, 1 and up
  uint64_t offset = 0;   // of the entry (its magic)
  uint64_t length = 0;   // of the payload
};

class BlobSegments {
 public:
  // `dir` is the segments directory (created at the first Append); a new segment is started
  // once the current one holds `max_segment_bytes`. `env` is not owned.
  BlobSegments(leveldb::Env* env, std::string dir, uint64_t max_segment_bytes);
  ~BlobSegments();  // syncs and closes the segment being written
  BlobSegments(const BlobSegments&) = delete;
  BlobSegments& operator=(const BlobSegments&) = delete;

  // Appends `payload` to the current segment (buffered until Flush). IOError when the file
  // cannot be created or written.
  Result<SegmentRef> Append(std::string_view payload);
  // Writes what was appended through to the operating system.
  Status Flush();
  // The payload `ref` names: Corruption when the segment is too short or the entry's header
  // does not match, NotFound when the segment file is missing.
  Result<std::string> Read(const SegmentRef& ref) const;

  const std::string& dir() const { return dir_; }

 private:
  struct Reader {
    std::shared_ptr<leveldb::RandomAccessFile> file;
    uint64_t size = 0;  // when opened: a memory-mapped file reads no further
  };
  Status OpenForAppend();
  Status CloseWriter();
  std::string SegmentPath(uint64_t number) const;
  Result<std::shared_ptr<leveldb::RandomAccessFile>> ReaderFor(uint64_t segment,
                                                               uint64_t end) const;

  leveldb::Env* const env_;
  const std::string dir_;
  const uint64_t max_segment_bytes_;

  // The writer (record lock).
  std::unique_ptr<leveldb::WritableFile> writer_;
  uint64_t writer_segment_ = 0;
  uint64_t writer_size_ = 0;

  mutable std::mutex readers_mutex_;
  mutable std::map<uint64_t, Reader> readers_;
};

}  // namespace strata::storage
