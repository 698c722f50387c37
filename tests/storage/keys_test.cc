#include "storage/keys.h"

#include <gtest/gtest.h>

#include <string>

namespace strata::storage {
namespace {

TEST(KeysTest, ArticleIdIsFixedWidthHex) {
  const std::string id = ArticleId("https://example.com/a");
  EXPECT_EQ(id.size(), kArticleIdLength);
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(ArticleId(std::string(8000, 'x')).size(), kArticleIdLength);
  EXPECT_NE(ArticleId("https://example.com/a"), ArticleId("https://example.com/b"));
  // SHA-256("abc") starts with ba7816bf8f01cfea414140de5dae2223.
  EXPECT_EQ(ArticleId("abc"), "ba7816bf8f01cfea414140de5dae2223");
}

TEST(KeysTest, LayoutOfEachKey) {
  const std::string id = ArticleId("https://example.com/a");
  EXPECT_EQ(HeadKey(id), "art/" + id);
  EXPECT_EQ(VersionKey(id, 2), "ver/" + id + "/" + std::string("\0\0\0\0\0\0\0\x02", 8));
  EXPECT_EQ(ObservationKey(id, 0x0102, 3),
            "obs/" + id + "/" + std::string("\0\0\0\0\0\0\x01\x02\0\0\0\0\0\0\0\x03", 16));
  EXPECT_EQ(BlobKey("ab"), "blob/ab");
  EXPECT_TRUE(VersionKey(id, 1).starts_with(VersionKeyPrefix(id)));
  EXPECT_TRUE(ObservationKey(id, 1, 1).starts_with(ObservationKeyPrefix(id)));
}

TEST(KeysTest, NumbersSortNumerically) {
  const std::string id = ArticleId("u");
  EXPECT_LT(VersionKey(id, 9), VersionKey(id, 10));
  EXPECT_LT(VersionKey(id, 255), VersionKey(id, 256));
  // Observations order by time first, then by sequence within one millisecond.
  EXPECT_LT(ObservationKey(id, 999, 7), ObservationKey(id, 1000, 0));
  EXPECT_LT(ObservationKey(id, 1000, 0), ObservationKey(id, 1000, 1));
  // No article's keys fall inside another's prefix: ids are fixed-width.
  const std::string other = ArticleId("v");
  EXPECT_FALSE(VersionKey(other, 1).starts_with(VersionKeyPrefix(id)));
}

TEST(KeysTest, VersionNumberFromKey) {
  const std::string id = ArticleId("u");
  EXPECT_EQ(VersionNumberFromKey(VersionKey(id, 42)), 42);
  EXPECT_EQ(VersionNumberFromKey(HeadKey(id)), -1);
  EXPECT_EQ(VersionNumberFromKey(VersionKeyPrefix(id)), -1);
}

TEST(KeysTest, DescribeKeyIsReadable) {
  const std::string id = ArticleId("u");
  EXPECT_EQ(DescribeKey(VersionKey(id, 3)), "ver/" + id + "/3");
  EXPECT_EQ(DescribeKey(ObservationKey(id, 1700000000000, 4)), "obs/" + id + "/1700000000000.4");
  EXPECT_EQ(DescribeKey(HeadKey(id)), "art/" + id);
  EXPECT_EQ(DescribeKey(std::string("x\0y", 3)), "x\\x00y");
}

}  // namespace
}  // namespace strata::storage
