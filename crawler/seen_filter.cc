#include "crawler/seen_filter.h"

#include <bit>

#include "common/mix64.h"

namespace strata::crawler {

SeenFilter::SeenFilter(size_t bytes) {
  const size_t words = bytes / sizeof(uint64_t);
  if (words == 0) return;
  words_.assign(std::bit_floor(words), 0);
  bit_mask_ = words_.size() * 64 - 1;
}

// Double hashing: probe i is h1 + i * h2, h2 odd so that no probe repeats another's bit. Both
// come from Mix64, whatever the caller's hash is like (the frontier's has its low bit set).
void SeenFilter::Insert(uint64_t url_hash) {
  if (words_.empty()) return;
  uint64_t hash = Mix64(url_hash);
  const uint64_t step = Mix64(hash) | 1;
  for (int i = 0; i < kProbes; ++i, hash += step) {
    const uint64_t bit = hash & bit_mask_;
    words_[bit >> 6] |= uint64_t{1} << (bit & 63);
  }
}

bool SeenFilter::MayContain(uint64_t url_hash) const {
  if (words_.empty()) return true;
  uint64_t hash = Mix64(url_hash);
  const uint64_t step = Mix64(hash) | 1;
  for (int i = 0; i < kProbes; ++i, hash += step) {
    const uint64_t bit = hash & bit_mask_;
    if ((words_[bit >> 6] & (uint64_t{1} << (bit & 63))) == 0) return false;
  }
  return true;
}

}  // namespace strata::crawler
