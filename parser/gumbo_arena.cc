#include "parser/gumbo_arena.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <new>

namespace strata::parser {
namespace {

constexpr size_t kAlignment = alignof(std::max_align_t);
constexpr size_t kMinChunkBytes = 64 * 1024;
// Chunks grow geometrically up to this, so a huge page costs few chunks and a small one little.
constexpr size_t kMaxChunkBytes = 16 * 1024 * 1024;

size_t RoundUp(size_t bytes) { return (bytes + kAlignment - 1) & ~(kAlignment - 1); }

// A chunk a finished arena left for the next one on its thread: a crawl parses page after page
// of similar size, and a fresh chunk of a few hundred KB each time cost more in the allocator
// (1.4% of a first crawl's CPU) than the bump allocations it serves. Larger chunks are given
// back, so a thread keeps at most this much.
constexpr size_t kMaxSpareBytes = 4 * 1024 * 1024;

struct SpareChunk {
  std::unique_ptr<std::byte[]> bytes;
  size_t size = 0;
};

SpareChunk& ThreadSpare() {
  thread_local SpareChunk spare;
  return spare;
}

}  // namespace

GumboArena::GumboArena(size_t expected_bytes)
    : next_chunk_bytes_(std::clamp(RoundUp(expected_bytes), kMinChunkBytes, kMaxChunkBytes)) {}

void* GumboArena::Allocate(size_t bytes) {
  // malloc(0) returns a unique pointer; so does this (one aligned unit).
  const size_t size = RoundUp(std::max<size_t>(bytes, 1));
  if (size > left_) AddChunk(size);
  void* out = next_;
  next_ += size;
  left_ -= size;
  bytes_allocated_ += size;
  return out;
}

GumboArena::~GumboArena() {
  auto largest = std::max_element(chunks_.begin(), chunks_.end(),
                                  [](const Chunk& a, const Chunk& b) { return a.size < b.size; });
  SpareChunk& spare = ThreadSpare();
  if (largest != chunks_.end() && largest->size <= kMaxSpareBytes && largest->size > spare.size) {
    spare.bytes = std::move(largest->bytes);
    spare.size = largest->size;
  }
}

void GumboArena::AddChunk(size_t at_least) {
  size_t size = std::max(next_chunk_bytes_, at_least);
  std::unique_ptr<std::byte[]> chunk;
  if (SpareChunk& spare = ThreadSpare(); spare.bytes != nullptr && spare.size >= size) {
    chunk = std::move(spare.bytes);
    size = spare.size;
    spare.size = 0;
  } else {
    // new std::byte[] leaves the bytes uninitialised, as malloc does; Gumbo initialises them.
    chunk.reset(new (std::nothrow) std::byte[size]);
    if (chunk == nullptr) {
      std::fputs("strata: out of memory parsing HTML\n", stderr);
      std::abort();
    }
  }
  next_ = chunk.get();
  left_ = size;
  chunks_.push_back(Chunk{std::move(chunk), size});
  bytes_reserved_ += size;
  next_chunk_bytes_ = std::min(next_chunk_bytes_ * 2, kMaxChunkBytes);
}

void* GumboArena::GumboAllocate(void* userdata, size_t bytes) {
  return static_cast<GumboArena*>(userdata)->Allocate(bytes);
}

void GumboArena::GumboDeallocate(void* /*userdata*/, void* /*ptr*/) {
  // Freed with the arena: see the header.
}

}  // namespace strata::parser
