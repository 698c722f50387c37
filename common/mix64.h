// Mix64: the splitmix64 finaliser. Every input bit reaches every output bit, so a hash with
// weak or fixed bits (std::hash with its low bit forced, a small counter) spreads evenly when
// it picks a bit, a slot or a time within a window.
//
// Thread-safety: pure function.
#pragma once

#include <cstdint>

namespace strata {

constexpr uint64_t Mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

}  // namespace strata
