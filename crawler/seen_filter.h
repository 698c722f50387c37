// SeenFilter: a fixed-size Bloom filter of the URLs a crawl has seen, so that the frontier can
// tell a URL it never saw without reading the store. A re-crawl finds every link new to the run
// (the last run's seen set was removed when it finished), and each of those reads used to cost
// a LevelDB lookup that usually had to decompress a block.
//
// "No" is certain; "maybe" goes to the store, which has the answer. The memory never grows:
// past the URLs it was sized for, more answers become "maybe" (more reads), never wrong ones.
//
// Thread-safety: none (the Frontier's).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace strata::crawler {

class SeenFilter {
 public:
  // `bytes` of bits, rounded down to a power of two (0: an empty filter that says "maybe" to
  // everything).
  explicit SeenFilter(size_t bytes);

  // `url_hash` is a 64-bit hash of the URL (the frontier's).
  void Insert(uint64_t url_hash);
  bool MayContain(uint64_t url_hash) const;

 private:
  static constexpr int kProbes = 6;  // ~0.1% false "maybe" at 20 bits a URL
  std::vector<uint64_t> words_;
  uint64_t bit_mask_ = 0;  // bits - 1
};

}  // namespace strata::crawler
