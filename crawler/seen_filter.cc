#include "crawler/seen_filter.h"

#include <bit>

namespace strata::crawler {
namespace {

// splitmix64's finaliser: every output bit depends on every input bit, whatever the caller's
// hash is like (the frontier's has its low bit set).
uint64_t Mix(uint64_t hash) {
  hash ^= hash >> 30;
  hash *= 0xbf58476d1ce4e5b9ULL;
  hash ^= hash >> 27;
  hash *= 0x94d049bb133111ebULL;
  hash ^= hash >> 31;
  return hash;
}

}  // namespace

SeenFilter::SeenFilter(size_t bytes) {
  const size_t words = bytes / sizeof(uint64_t);
  if (words == 0) return;
  words_.assign(std::bit_floor(words), 0);
  bit_mask_ = words_.size() * 64 - 1;
}

// Double hashing: probe i is h1 + i * h2, h2 odd so that no probe repeats another's bit.
void SeenFilter::Insert(uint64_t url_hash) {
  if (words_.empty()) return;
  uint64_t hash = Mix(url_hash);
  const uint64_t step = Mix(hash) | 1;
  for (int i = 0; i < kProbes; ++i, hash += step) {
    const uint64_t bit = hash & bit_mask_;
    words_[bit >> 6] |= uint64_t{1} << (bit & 63);
  }
}

bool SeenFilter::MayContain(uint64_t url_hash) const {
  if (words_.empty()) return true;
  uint64_t hash = Mix(url_hash);
  const uint64_t step = Mix(hash) | 1;
  for (int i = 0; i < kProbes; ++i, hash += step) {
    const uint64_t bit = hash & bit_mask_;
    if ((words_[bit >> 6] & (uint64_t{1} << (bit & 63))) == 0) return false;
  }
  return true;
}

}  // namespace strata::crawler
