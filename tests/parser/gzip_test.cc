// Inflating gzip data in memory: members, damage, and a cap on the output.
#include "parser/gzip.h"

#include <gtest/gtest.h>

#include "tests/support/gzip_of.h"

namespace strata::parser {
namespace {

using strata::testing::GzipOf;

TEST(GzipTest, GunzipsSingleAndConcatenatedMembers) {
  Result<std::string> one = Gunzip(GzipOf("hello, world"), 1 << 20);
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  EXPECT_EQ(*one, "hello, world");
  Result<std::string> two = Gunzip(GzipOf("hello, ") + GzipOf("world"), 1 << 20);
  ASSERT_TRUE(two.ok()) << two.status().ToString();
  EXPECT_EQ(*two, "hello, world");
}

TEST(GzipTest, DamagedGzipIsAnErrorNotACrash) {
  const std::string gz = GzipOf(std::string(10000, 'x') + "end");
  Result<std::string> truncated = Gunzip(gz.substr(0, gz.size() / 2), 1 << 20);
  ASSERT_FALSE(truncated.ok());
  EXPECT_TRUE(truncated.status().IsCorruption()) << truncated.status().ToString();
  std::string garbled = gz;
  for (size_t i = 12; i < garbled.size(); i += 3) garbled[i] = static_cast<char>(garbled[i] ^ 0x5a);
  EXPECT_FALSE(Gunzip(garbled, 1 << 20).ok());
  EXPECT_FALSE(Gunzip("\x1f\x8b", 1 << 20).ok());
  // A gzip bomb stops at the cap.
  Result<std::string> bomb = Gunzip(GzipOf(std::string(4 << 20, '\0')), 1 << 20);
  ASSERT_FALSE(bomb.ok());
  EXPECT_NE(bomb.status().message().find("once decompressed"), std::string::npos);
}

TEST(GzipTest, TellsGzipByItsMagicBytes) {
  EXPECT_TRUE(IsGzip(GzipOf("x")));
  EXPECT_FALSE(IsGzip("<?xml version=\"1.0\"?>"));
  EXPECT_FALSE(IsGzip("\x1f"));
}

}  // namespace
}  // namespace strata::parser
