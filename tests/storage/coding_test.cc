#include "storage/coding.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

namespace strata::storage {
namespace {

TEST(CodingTest, VarintsRoundTrip) {
  const uint64_t values[] = {
      0, 1, 127, 128, 300, uint64_t{1} << 35, std::numeric_limits<uint64_t>::max()};
  std::string bytes;
  for (uint64_t v : values) PutVarint64(&bytes, v);
  FieldReader in(bytes, "test");
  for (uint64_t v : values) {
    uint64_t got = 0;
    in.Uint("v", &got);
    EXPECT_EQ(got, v);
  }
  EXPECT_TRUE(in.ok());
  EXPECT_EQ(in.remaining(), 0u);
  EXPECT_EQ(bytes.substr(0, 4), std::string("\x00\x01\x7f\x80", 4));
}

TEST(CodingTest, SignedVarintsRoundTripAndStayShort) {
  const int64_t values[] = {
      0, -1, 1, -64, 63, std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max()};
  std::string bytes;
  for (int64_t v : values) PutSignedVarint64(&bytes, v);
  FieldReader in(bytes, "test");
  for (int64_t v : values) {
    int64_t got = 0;
    in.Int("v", &got);
    EXPECT_EQ(got, v);
  }
  EXPECT_TRUE(in.ok());
  std::string minus_one;
  PutSignedVarint64(&minus_one, -1);
  EXPECT_EQ(minus_one.size(), 1u);
}

TEST(CodingTest, BigEndianSortsNumerically) {
  std::string a;
  std::string b;
  PutBigEndian64(&a, 255);
  PutBigEndian64(&b, 256);
  EXPECT_LT(a, b);
  EXPECT_EQ(a, std::string("\0\0\0\0\0\0\0\xff", 8));
  EXPECT_EQ(DecodeBigEndian64(b), 256u);
}

TEST(CodingTest, StringsAndBools) {
  std::string bytes;
  PutLengthPrefixed(&bytes, "héllo");
  PutLengthPrefixed(&bytes, "");
  bytes.push_back(1);
  FieldReader in(bytes, "test");
  std::string s1 = "x";
  std::string s2 = "x";
  bool flag = false;
  in.String("s1", &s1);
  in.String("s2", &s2);
  in.Bool("flag", &flag);
  EXPECT_TRUE(in.ok());
  EXPECT_EQ(s1, "héllo");
  EXPECT_EQ(s2, "");
  EXPECT_TRUE(flag);
}

TEST(CodingTest, TruncatedStringNamesTheField) {
  std::string bytes;
  PutLengthPrefixed(&bytes, "abcdef");
  bytes.resize(4);
  FieldReader in(bytes, "head");
  std::string s;
  in.String("title", &s);
  EXPECT_TRUE(in.status().IsCorruption());
  EXPECT_EQ(in.status().message(),
            "head record: field 'title': length runs past the end of the record");
  // Later reads do nothing and keep the first error.
  uint64_t v = 7;
  in.Uint("other", &v);
  EXPECT_EQ(v, 7u);
  EXPECT_NE(in.status().message().find("'title'"), std::string::npos);
}

TEST(CodingTest, MalformedInputIsCorruption) {
  {
    // Eleven continuation bytes: longer than any 64-bit varint.
    const std::string bytes(11, '\xff');
    FieldReader in(bytes, "r");
    uint64_t v = 0;
    in.Uint("v", &v);
    EXPECT_TRUE(in.status().IsCorruption());
  }
  {
    FieldReader in(std::string_view("\x02", 1), "r");
    bool b = false;
    in.Bool("b", &b);
    EXPECT_TRUE(in.status().IsCorruption());
  }
  {
    std::string bytes;
    PutSignedVarint64(&bytes, int64_t{1} << 40);
    FieldReader in(bytes, "r");
    int status = 0;
    in.SmallInt("status", &status);
    EXPECT_TRUE(in.status().IsCorruption());
  }
  {
    // A count of a billion items in a 5-byte record must not be believed.
    std::string bytes;
    PutVarint64(&bytes, 1'000'000'000);
    FieldReader in(bytes, "r");
    size_t count = 0;
    in.Count("tags", 1, &count);
    EXPECT_TRUE(in.status().IsCorruption());
    EXPECT_EQ(count, 0u);
  }
  {
    FieldReader in("", "r");
    uint8_t byte = 0;
    in.Byte("format", &byte);
    EXPECT_TRUE(in.status().IsCorruption());
  }
}

}  // namespace
}  // namespace strata::storage
