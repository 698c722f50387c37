// GumboArena: the memory of one Gumbo parse, handed out by bumping a pointer.
//
// Why: Gumbo allocates every node, attribute, text and child vector separately, tens of
// thousands of malloc/free pairs for a 45 KB page, and glibc's allocator was a quarter of a
// first crawl's CPU (bench/README.md, "Crawl"). Nothing Gumbo allocates outlives the document,
// so one arena per document makes an allocation a pointer bump, a free a no-op, and the
// destruction of the whole tree the release of a few chunks (no gumbo_destroy_output walk).
//
// The price: blocks Gumbo frees while it parses (token buffers, vectors that grew) stay until
// the document dies. They are bounded by a small multiple of the input (measured in
// tests/parser/gumbo_arena_test.cc), and a page's size is capped long before it gets here.
//
// Thread-safety: an arena serves one parse on one thread; afterwards it is only read.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

namespace strata::parser {

class GumboArena {
 public:
  // `expected_bytes`: a guess of the total the parse will ask for; the first chunk holds it.
  explicit GumboArena(size_t expected_bytes);
  ~GumboArena();  // keeps its largest chunk for the thread's next arena (see AddChunk)
  GumboArena(const GumboArena&) = delete;
  GumboArena& operator=(const GumboArena&) = delete;

  // Aligned for any type. Never returns null: out of memory aborts, as Gumbo cannot recover
  // from a failed allocation (and exceptions must not unwind through its C frames).
  void* Allocate(size_t bytes);

  size_t bytes_allocated() const { return bytes_allocated_; }  // asked for, in total
  size_t bytes_reserved() const { return bytes_reserved_; }    // held in chunks

  // The GumboOptions allocator and deallocator; `userdata` is the arena.
  static void* GumboAllocate(void* userdata, size_t bytes);
  static void GumboDeallocate(void* userdata, void* ptr);

 private:
  void AddChunk(size_t at_least);

  struct Chunk {
    std::unique_ptr<std::byte[]> bytes;
    size_t size = 0;
  };
  std::vector<Chunk> chunks_;
  std::byte* next_ = nullptr;
  size_t left_ = 0;
  size_t next_chunk_bytes_;
  size_t bytes_allocated_ = 0;
  size_t bytes_reserved_ = 0;
};

}  // namespace strata::parser
