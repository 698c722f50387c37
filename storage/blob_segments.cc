#include "storage/blob_segments.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <vector>

namespace strata::storage {
namespace {

constexpr std::string_view kMagic = "SBg1";
constexpr size_t kHeaderBytes = 8;  // magic, fixed32 payload length
constexpr std::string_view kSuffix = ".seg";

void PutFixed32(std::string* dst, uint32_t value) {
  for (int i = 0; i < 4; ++i) dst->push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

uint32_t GetFixed32(const char* p) {
  uint32_t value = 0;
  for (int i = 0; i < 4; ++i) value |= uint32_t{static_cast<unsigned char>(p[i])} << (8 * i);
  return value;
}

Status FromEnv(const leveldb::Status& s, const std::string& what) {
  if (s.ok()) return Status::Ok();
  if (s.IsNotFound()) return Status::NotFound(what + ": " + s.ToString());
  return Status::IOError(what + ": " + s.ToString());
}

// The number of a segment file name ("000012.seg" -> 12), 0 when it is not one.
uint64_t SegmentNumber(std::string_view name) {
  if (!name.ends_with(kSuffix)) return 0;
  name.remove_suffix(kSuffix.size());
  uint64_t number = 0;
  const auto [end, error] = std::from_chars(name.data(), name.data() + name.size(), number);
  if (error != std::errc() || end != name.data() + name.size()) return 0;
  return number;
}

}  // namespace

BlobSegments::BlobSegments(leveldb::Env* env, std::string dir, uint64_t max_segment_bytes)
    : env_(env),
      dir_(std::move(dir)),
      max_segment_bytes_(std::max<uint64_t>(max_segment_bytes, 1)) {}

BlobSegments::~BlobSegments() { CloseWriter(); }

std::string BlobSegments::SegmentPath(uint64_t number) const {
  char name[32];
  std::snprintf(name, sizeof(name), "/%06llu", static_cast<unsigned long long>(number));
  return dir_ + name + std::string(kSuffix);
}

Status BlobSegments::CloseWriter() {
  if (!writer_) return Status::Ok();
  const std::string path = SegmentPath(writer_segment_);
  leveldb::Status s = writer_->Sync();
  const leveldb::Status closed = writer_->Close();
  if (s.ok()) s = closed;
  writer_.reset();
  return FromEnv(s, "close " + path);
}

// Appends go to the last segment while it has room (after any torn tail a killed run left:
// references never name those bytes), else to a new one.
Status BlobSegments::OpenForAppend() {
  env_->CreateDir(dir_);  // fails when it exists: the listing below tells
  std::vector<std::string> names;
  STRATA_RETURN_IF_ERROR(FromEnv(env_->GetChildren(dir_, &names), "list " + dir_));
  uint64_t last = 0;
  for (const std::string& name : names) last = std::max(last, SegmentNumber(name));
  uint64_t size = 0;
  if (last > 0) {
    STRATA_RETURN_IF_ERROR(
        FromEnv(env_->GetFileSize(SegmentPath(last), &size), "size of " + SegmentPath(last)));
  }
  const bool reuse = last > 0 && size < max_segment_bytes_;
  const uint64_t number = reuse ? last : last + 1;
  const std::string path = SegmentPath(number);
  leveldb::WritableFile* file = nullptr;
  const leveldb::Status s =
      reuse ? env_->NewAppendableFile(path, &file) : env_->NewWritableFile(path, &file);
  STRATA_RETURN_IF_ERROR(FromEnv(s, "open " + path + " for writing"));
  writer_.reset(file);
  writer_segment_ = number;
  writer_size_ = reuse ? size : 0;
  return Status::Ok();
}

Result<SegmentRef> BlobSegments::Append(std::string_view payload) {
  if (payload.size() > UINT32_MAX) return Status::InvalidArgument("blob over 4 GiB");
  if (writer_ && writer_size_ >= max_segment_bytes_) STRATA_RETURN_IF_ERROR(CloseWriter());
  if (!writer_) STRATA_RETURN_IF_ERROR(OpenForAppend());
  std::string header(kMagic);
  PutFixed32(&header, static_cast<uint32_t>(payload.size()));
  leveldb::Status s = writer_->Append(header);
  if (s.ok()) s = writer_->Append(leveldb::Slice(payload.data(), payload.size()));
  if (!s.ok()) {
    // What was written of the entry is garbage no reference names; start afresh next time.
    const Status error = FromEnv(s, "append to " + SegmentPath(writer_segment_));
    writer_.reset();
    return error;
  }
  SegmentRef ref{writer_segment_, writer_size_, payload.size()};
  writer_size_ += kHeaderBytes + payload.size();
  return ref;
}

Status BlobSegments::Flush() {
  if (!writer_) return Status::Ok();
  return FromEnv(writer_->Flush(), "write " + SegmentPath(writer_segment_));
}

Result<std::shared_ptr<leveldb::RandomAccessFile>> BlobSegments::ReaderFor(uint64_t segment,
                                                                           uint64_t end) const {
  std::lock_guard<std::mutex> lock(readers_mutex_);
  auto it = readers_.find(segment);
  if (it != readers_.end() && it->second.size >= end) return it->second.file;
  // Not open yet, or opened before these bytes were appended.
  const std::string path = SegmentPath(segment);
  if (!env_->FileExists(path)) return Status::NotFound("no segment " + path);
  Reader reader;
  STRATA_RETURN_IF_ERROR(FromEnv(env_->GetFileSize(path, &reader.size), "size of " + path));
  leveldb::RandomAccessFile* file = nullptr;
  STRATA_RETURN_IF_ERROR(FromEnv(env_->NewRandomAccessFile(path, &file), "open " + path));
  reader.file.reset(file);
  readers_[segment] = reader;
  return reader.file;
}

Result<std::string> BlobSegments::Read(const SegmentRef& ref) const {
  const std::string where =
      "segment " + SegmentPath(ref.segment) + " at " + std::to_string(ref.offset);
  if (ref.segment == 0 || ref.length > UINT32_MAX) {
    return Status::Corruption(where + ": not a valid reference");
  }
  const uint64_t end = ref.offset + kHeaderBytes + ref.length;
  STRATA_ASSIGN_OR_RETURN(std::shared_ptr<leveldb::RandomAccessFile> file,
                          ReaderFor(ref.segment, end));
  std::string scratch(kHeaderBytes + ref.length, '\0');
  leveldb::Slice got;
  const leveldb::Status s = file->Read(ref.offset, scratch.size(), &got, scratch.data());
  if (!s.ok() || got.size() != scratch.size()) {
    return Status::Corruption(where + ": the segment ends before the entry" +
                              (s.ok() ? std::string() : " (" + s.ToString() + ")"));
  }
  if (std::string_view(got.data(), kMagic.size()) != kMagic ||
      GetFixed32(got.data() + kMagic.size()) != ref.length) {
    return Status::Corruption(where + ": no entry of " + std::to_string(ref.length) +
                              " bytes there");
  }
  if (got.data() != scratch.data()) {  // a memory-mapped file answers with its own bytes
    return std::string(got.data() + kHeaderBytes, ref.length);
  }
  scratch.erase(0, kHeaderBytes);
  return scratch;
}

}  // namespace strata::storage
