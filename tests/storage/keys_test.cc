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

TEST(KeysTest, CounterKeysShareTheObservationSuffix) {
  const std::string id = ArticleId("u");
  const std::string counter = CounterKey(id, 1700000000000, 4);
  const std::string observation = ObservationKey(id, 1700000000000, 4);
  EXPECT_EQ(counter.substr(4), observation.substr(4));
  EXPECT_TRUE(counter.starts_with(CounterKeyPrefix(id)));
  EXPECT_EQ(DescribeKey(counter), "cnt/" + id + "/1700000000000.4");
  int64_t at = 0;
  uint64_t seq = 0;
  ASSERT_TRUE(ParseObservationKey(counter, &at, &seq));
  EXPECT_EQ(at, 1700000000000);
  EXPECT_EQ(seq, 4u);
  EXPECT_FALSE(ParseObservationKey(VersionKey(id, 1), &at, &seq));
  EXPECT_LT(CounterKey(id, 999, 9), CounterKey(id, 1000, 0));
}

TEST(KeysTest, FoldAuthorIgnoresCaseAndSpacing) {
  EXPECT_EQ(FoldAuthor("  Alice   CHEN \t"), "alice chen");
  EXPECT_EQ(FoldAuthor("张三"), "张三");
  EXPECT_EQ(FoldAuthor(std::string("a\0b", 3)), "ab");
  EXPECT_EQ(FoldAuthor(" \n "), "");
}

TEST(KeysTest, ReverseSiteGroupsSubdomains) {
  EXPECT_EQ(ReverseSite("www.CNBlogs.com"), "com.cnblogs.www");
  EXPECT_EQ(ReverseSite("example.com."), "com.example");
  EXPECT_EQ(ReverseSite("localhost"), "localhost");
  EXPECT_EQ(ReverseSite("127.0.0.1"), "1.0.0.127");
  EXPECT_EQ(ReverseSite(""), "");
}

TEST(KeysTest, SiteAndAuthorIndexKeys) {
  const std::string id = ArticleId("u");
  const std::string site_key = SiteIndexKey("www.example.com", id);
  EXPECT_EQ(site_key, "idx/site/com.example.www" + std::string(1, '\0') + id);
  EXPECT_EQ(IdFromNamedIndexKey(site_key), id);
  const std::string author_key = AuthorIndexKey("Alice", "example.com", id);
  EXPECT_EQ(author_key,
            "idx/author/alice" + std::string(1, '\0') + "com.example" + std::string(1, '\0') + id);
  EXPECT_EQ(IdFromNamedIndexKey(author_key), id);
  EXPECT_EQ(IdFromNamedIndexKey("idx/site/x"), "");
  EXPECT_EQ(HeadIndexKeys("example.com", "Alice", id),
            (std::vector<std::string>{SiteIndexKey("example.com", id), author_key}));
  EXPECT_EQ(HeadIndexKeys("example.com", "  ", id).size(), 1u) << "no author, no author entry";
}

TEST(KeysTest, SiteScanPrefixMatchesTheDomainAndItsSubdomainsOnly) {
  const std::string id = ArticleId("u");
  const std::string prefix = SiteIndexScanPrefix("Example.com");
  auto matches = [&](const std::string& site) {
    const std::string key = SiteIndexKey(site, id);
    return key.starts_with(prefix) && SiteMatchesAt(key, prefix.size(), true);
  };
  EXPECT_TRUE(matches("example.com"));
  EXPECT_TRUE(matches("www.example.com"));
  EXPECT_TRUE(matches("a.b.example.com"));
  EXPECT_FALSE(matches("badexample.com"));
  EXPECT_FALSE(matches("example.com.evil.org"));
  EXPECT_FALSE(matches("example.co"));
  const std::string by_author = AuthorIndexScanPrefix("ALICE", "example.com");
  const std::string key = AuthorIndexKey("alice", "blog.example.com", id);
  EXPECT_TRUE(key.starts_with(by_author) && SiteMatchesAt(key, by_author.size(), true));
  EXPECT_TRUE(key.starts_with(AuthorIndexScanPrefix("alice", "")));
  EXPECT_FALSE(
      AuthorIndexKey("alice b", "x.org", id).starts_with(AuthorIndexScanPrefix("alice", "")));
}

TEST(KeysTest, TimeIndexKeysSortByTimeAndParseBack) {
  const std::string a = ArticleId("a");
  const std::string b = ArticleId("b");
  EXPECT_LT(TimeIndexKey(999, b, 1), TimeIndexKey(1000, a, 1));
  EXPECT_LT(TimeIndexKey(1000, a, 9), TimeIndexKey(1000, a, 10));
  TimeIndexEntry entry;
  ASSERT_TRUE(ParseTimeIndexKey(TimeIndexKey(1700000000000, a, 3), &entry));
  EXPECT_EQ(entry.at_ms, 1700000000000);
  EXPECT_EQ(entry.id, a);
  EXPECT_EQ(entry.number, 3);
  EXPECT_FALSE(ParseTimeIndexKey("idx/time/short", &entry));
  EXPECT_EQ(DescribeKey(TimeIndexKey(5, a, 2)), "idx/time/5/" + a + "/2");
}

TEST(KeysTest, IdFromArticleKey) {
  const std::string id = ArticleId("u");
  EXPECT_EQ(IdFromArticleKey(HeadKey(id)), id);
  EXPECT_EQ(IdFromArticleKey(VersionKey(id, 1)), id);
  EXPECT_EQ(IdFromArticleKey(ObservationKey(id, 1, 1)), id);
  EXPECT_EQ(IdFromArticleKey(CounterKey(id, 1, 1)), id);
  EXPECT_EQ(IdFromArticleKey(BlobKey(id)), "");
  EXPECT_EQ(IdFromArticleKey("art/short"), "");
  EXPECT_EQ(IdFromArticleKey(HeadKey(id) + "x"), "");
  EXPECT_TRUE(IsArticleId(id));
  EXPECT_FALSE(IsArticleId(id.substr(1) + "G"));
}

}  // namespace
}  // namespace strata::storage
