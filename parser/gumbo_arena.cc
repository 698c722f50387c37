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

void GumboArena::AddChunk(size_t at_least) {
  const size_t size = std::max(next_chunk_bytes_, at_least);
  // new std::byte[] leaves the bytes uninitialised, as malloc does; Gumbo initialises them.
  std::byte* chunk = new (std::nothrow) std::byte[size];
  if (chunk == nullptr) {
    std::fputs("strata: out of memory parsing HTML\n", stderr);
    std::abort();
  }
  chunks_.emplace_back(chunk);
  next_ = chunks_.back().get();
  left_ = size;
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
