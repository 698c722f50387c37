// The frontier's stored records: keys sort in queue order, values round-trip, and damaged
// bytes are Corruption.
#include "crawler/frontier_records.h"

#include <gtest/gtest.h>

namespace strata::crawler {
namespace {

TEST(FrontierRecordsTest, QueueKeysSortNumerically) {
  EXPECT_LT(QueueKey("c", 2), QueueKey("c", 10));
  EXPECT_LT(QueueKey("c", 255), QueueKey("c", 256));
  EXPECT_LT(QueueKey("c", 1), QueueKey("c", uint64_t{1} << 40));
  auto seq = QueueSeqFromKey(QueueKey("c", 123456789), "c");
  ASSERT_TRUE(seq.ok());
  EXPECT_EQ(*seq, 123456789u);
  EXPECT_FALSE(QueueSeqFromKey(QueueKey("c", 1), "d").ok());
  EXPECT_FALSE(QueueSeqFromKey(SeenKey("c", "x"), "c").ok());
}

TEST(FrontierRecordsTest, KeysOfOneCrawlShareItsPrefix) {
  const std::string prefix = CrawlKeyPrefix("abc");
  EXPECT_TRUE(MetaKey("abc").starts_with(prefix));
  EXPECT_TRUE(QueueKey("abc", 1).starts_with(prefix));
  EXPECT_TRUE(SeenKey("abc", "https://x/").starts_with(prefix));
  EXPECT_FALSE(MetaKey("abcd").starts_with(prefix));
}

TEST(FrontierRecordsTest, ValuesRoundTrip) {
  auto queue = DecodeQueue(EncodeQueue({7, "https://example.com/a?b=1"}));
  ASSERT_TRUE(queue.ok());
  EXPECT_EQ(queue->depth, 7);
  EXPECT_EQ(queue->url, "https://example.com/a?b=1");

  auto seen = DecodeSeen(EncodeSeen({SeenState::kSkipped, 300}));
  ASSERT_TRUE(seen.ok());
  EXPECT_EQ(seen->state, SeenState::kSkipped);
  EXPECT_EQ(seen->depth, 300);

  MetaValue meta;
  meta.state = CrawlState::kFinished;
  meta.created_at_ms = 1'700'000'000'000;
  meta.description = "2 seeds";
  auto decoded = DecodeMeta(EncodeMeta(meta));
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->state, CrawlState::kFinished);
  EXPECT_EQ(decoded->created_at_ms, meta.created_at_ms);
  EXPECT_EQ(decoded->description, "2 seeds");

  const std::vector<std::string> links = {"https://a/", "", "https://b/" + std::string(300, 'x')};
  const std::string encoded = EncodeLinks(links);
  auto links_back = DecodeLinks(encoded);
  ASSERT_TRUE(links_back.ok());
  EXPECT_EQ(std::vector<std::string>(links_back->begin(), links_back->end()), links);
}

TEST(FrontierRecordsTest, DamagedValuesAreCorruption) {
  for (const std::string& bad : {std::string(), std::string("\x02", 1), std::string("\x01", 1),
                                 std::string("\x01\x80", 2)}) {
    EXPECT_EQ(DecodeQueue(bad).status().code(), Status::Code::kCorruption);
    EXPECT_EQ(DecodeSeen(bad).status().code(), Status::Code::kCorruption);
    EXPECT_EQ(DecodeMeta(bad).status().code(), Status::Code::kCorruption);
    EXPECT_EQ(DecodeLinks(bad).status().code(), Status::Code::kCorruption);
  }
  EXPECT_FALSE(DecodeSeen(std::string("\x01\x09\x00", 3)).ok());  // unknown state
  std::string links = EncodeLinks({"https://a/", "https://b/"});
  links.pop_back();
  EXPECT_FALSE(DecodeLinks(links).ok());
}

TEST(FrontierRecordsTest, CrawlIds) {
  EXPECT_TRUE(IsValidCrawlId("3f2a9c0d11e4b5a6"));
  EXPECT_TRUE(IsValidCrawlId("my-blog_2025.v1"));
  EXPECT_FALSE(IsValidCrawlId(""));
  EXPECT_FALSE(IsValidCrawlId("a/b"));
  EXPECT_FALSE(IsValidCrawlId("é"));
  EXPECT_FALSE(IsValidCrawlId(std::string(65, 'a')));
}

}  // namespace
}  // namespace strata::crawler
