// SeenFilter: never a false "no", few false "maybe"s at the size it is meant for, and an empty
// filter that answers "maybe" to everything.
#include "crawler/seen_filter.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>

namespace strata::crawler {
namespace {

uint64_t Hash(int n) {
  // As the frontier hashes: std::hash of the URL with the low bit set.
  return std::hash<std::string>{}("https://example.com/p/" + std::to_string(n)) | 1;
}

TEST(SeenFilterTest, EverythingInsertedIsAMaybe) {
  SeenFilter filter(1 << 16);
  for (int i = 0; i < 20'000; ++i) filter.Insert(Hash(i));
  for (int i = 0; i < 20'000; ++i) ASSERT_TRUE(filter.MayContain(Hash(i))) << i;
}

TEST(SeenFilterTest, FalseMaybesAreRareAtTwentyBitsAUrl) {
  SeenFilter filter(1 << 16);  // 524,288 bits
  for (int i = 0; i < 26'000; ++i) filter.Insert(Hash(i));
  int false_maybes = 0;
  for (int i = 1'000'000; i < 1'100'000; ++i) false_maybes += filter.MayContain(Hash(i)) ? 1 : 0;
  EXPECT_LT(false_maybes, 300);  // 0.3%; about 0.1% expected
}

TEST(SeenFilterTest, AnOverfullFilterOnlyAnswersMaybeMoreOften) {
  SeenFilter filter(64);  // 512 bits for 10,000 URLs
  for (int i = 0; i < 10'000; ++i) filter.Insert(Hash(i));
  for (int i = 0; i < 10'000; ++i) ASSERT_TRUE(filter.MayContain(Hash(i)));
  EXPECT_TRUE(filter.MayContain(Hash(123'456)));
}

TEST(SeenFilterTest, AnEmptyFilterSaysMaybe) {
  SeenFilter filter(0);
  filter.Insert(Hash(1));
  EXPECT_TRUE(filter.MayContain(Hash(2)));
  SeenFilter tiny(7);  // less than one word
  EXPECT_TRUE(tiny.MayContain(Hash(2)));
}

}  // namespace
}  // namespace strata::crawler
