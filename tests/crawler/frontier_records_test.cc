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
  EXPECT_FALSE(QueueSeqFromKey(SeenKey("c", 1, "x"), "c").ok());
}

TEST(FrontierRecordsTest, KeysOfOneCrawlShareItsPrefix) {
  const std::string prefix = CrawlKeyPrefix("abc");
  EXPECT_TRUE(MetaKey("abc").starts_with(prefix));
  EXPECT_TRUE(QueueKey("abc", 1).starts_with(prefix));
  EXPECT_TRUE(SeenKey("abc", 2, "https://x/").starts_with(prefix));
  EXPECT_FALSE(MetaKey("abcd").starts_with(prefix));
}

// Each run's seen set is a key range of its own: deleting one run's never touches another's.
TEST(FrontierRecordsTest, SeenSetsOfRunsDoNotOverlap) {
  const std::vector<uint64_t> runs = {0, 1, 2, 10, 12, 100};
  for (uint64_t a : runs) {
    EXPECT_TRUE(SeenKey("c", a, "https://x/").starts_with(SeenKeyPrefix("c", a)));
    for (uint64_t b : runs) {
      if (a == b) continue;
      EXPECT_FALSE(SeenKey("c", a, "https://x/").starts_with(SeenKeyPrefix("c", b)))
          << a << " in " << b;
      EXPECT_FALSE(SeenKey("c", a, "1/https://x/").starts_with(SeenKeyPrefix("c", b)))
          << a << " in " << b;
    }
  }
  EXPECT_EQ(SeenKey("c", 0, "https://x/"), "frontier/c/s/https://x/");  // before runs
  EXPECT_EQ(SeenKey("c", 3, "https://x/"),
            std::string("frontier/c/s\xff\xff\xff\xff\xff\xff\xff\xfc/https://x/", 31));
  // Later runs first, and all of them after the queue.
  EXPECT_LT(SeenKey("c", 11, "https://x/"), SeenKey("c", 10, "https://a/"));
  EXPECT_LT(SeenKey("c", 2, "https://x/"), SeenKey("c", 1, "https://a/"));
  EXPECT_LT(QueueKey("c", ~uint64_t{0}), SeenKey("c", ~uint64_t{0} - 1, "https://a/"));
}

TEST(FrontierRecordsTest, RunRecordRoundTripsAndReadsTheOlderForm) {
  auto runs = DecodeRunRecord(EncodeRunRecord({.next_seq = 7, .run = 3, .garbage_from = 2}));
  ASSERT_TRUE(runs.ok());
  EXPECT_EQ(runs->next_seq, 7u);
  EXPECT_EQ(runs->run, 3u);
  EXPECT_EQ(runs->garbage_from, 2u);
  auto older = DecodeRunRecord(std::string("\x01\x05", 2));  // [1][next seq]
  ASSERT_TRUE(older.ok());
  EXPECT_EQ(older->next_seq, 5u);
  EXPECT_EQ(older->run, 0u);
  EXPECT_EQ(older->garbage_from, 0u);
  EXPECT_FALSE(DecodeRunRecord(std::string("\x01\x00", 2)).ok());          // seq 0
  EXPECT_FALSE(DecodeRunRecord(std::string("\x01\x05\x02", 3)).ok());      // truncated
  EXPECT_FALSE(DecodeRunRecord(std::string("\x01\x05\x01\x05", 4)).ok());  // past the run
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
  std::string text;
  auto links_back = DecodeLinks(encoded, &text);
  ASSERT_TRUE(links_back.ok());
  EXPECT_EQ(std::vector<std::string>(links_back->begin(), links_back->end()), links);
}

TEST(FrontierRecordsTest, LinksShareTheirPrefixes) {
  // Links that repeat, extend, shorten and leave the one before, in page order (kept).
  const std::vector<std::string> links = {
      "https://blog.example/p/1024.html",
      "https://blog.example/p/1024.html",
      "https://blog.example/p/1024.html#comments",
      "https://blog.example/p/1",
      "https://blog.example/p/1999.html",
      "https://blog.example/author/7",
      "",
      "https://other.example/\xe4\xb8\xad\xe6\x96\x87",
      "https://other.example/\xe4\xb8\xad\xe5\x9b\xbd",
      "h",
  };
  const std::string encoded = EncodeLinks(links);
  size_t plain_bytes = 0;
  for (const std::string& link : links) plain_bytes += link.size();
  EXPECT_LT(encoded.size(), plain_bytes / 2);
  std::string text;
  auto decoded = DecodeLinks(encoded, &text);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(std::vector<std::string>(decoded->begin(), decoded->end()), links);
  for (std::string_view link : *decoded) {
    if (link.empty()) continue;
    EXPECT_GE(link.data(), text.data());  // views into the text, which holds them all
    EXPECT_LE(link.data() + link.size(), text.data() + text.size());
  }

  std::string none;
  auto empty = DecodeLinks(EncodeLinks({}), &none);
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
}

TEST(FrontierRecordsTest, PlainLinksRecordsOfOlderArchivesAreRead) {
  // Format 1: a count, then each link's length and bytes.
  std::string plain("\x01\x03", 2);
  for (const std::string link : {"https://a.example/x", "", "https://a.example/y"}) {
    plain.push_back(static_cast<char>(link.size()));
    plain += link;
  }
  std::string text = "left over";
  auto decoded = DecodeLinks(plain, &text);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(std::vector<std::string>(decoded->begin(), decoded->end()),
            (std::vector<std::string>{"https://a.example/x", "", "https://a.example/y"}));
}

// The bytes of a links record: `head` (format, count, varints...) then text.
std::string Record(std::initializer_list<int> head, std::string_view text = "") {
  std::string bytes;
  for (int byte : head) bytes.push_back(static_cast<char>(byte));
  return bytes + std::string(text);
}

// What decoding `bytes` says: kOk or the error's code.
Status::Code DecodeLinksCode(const std::string& bytes) {
  std::string text;
  return DecodeLinks(bytes, &text).status().code();
}

TEST(FrontierRecordsTest, DamagedFrontCodedLinksAreCorruption) {
  std::string text;
  // A first link cannot share anything; a later one no more than the link before has.
  EXPECT_EQ(DecodeLinksCode(Record({2, 1, 1, 1}, "x")), Status::Code::kCorruption);
  EXPECT_EQ(DecodeLinksCode(Record({2, 2, 0, 2}, "ab") + Record({3, 0})),
            Status::Code::kCorruption);
  EXPECT_EQ(DecodeLinksCode(Record({2, 2, 0, 2}, "ab") + Record({2, 0})), Status::Code::kOk);
  // Truncated: the rest is shorter than it says, or the count promises more links.
  EXPECT_EQ(DecodeLinksCode(Record({2, 1, 0, 5}, "ab")), Status::Code::kCorruption);
  EXPECT_EQ(DecodeLinksCode(Record({2, 2, 0, 1}, "a")), Status::Code::kCorruption);
  // Every prefix of a good record but the whole is damaged.
  const std::string good = EncodeLinks({"https://a.example/1", "https://a.example/22", "x"});
  for (size_t size = 0; size < good.size(); ++size) {
    EXPECT_FALSE(DecodeLinks(good.substr(0, size), &text).ok()) << size;
  }
  EXPECT_TRUE(DecodeLinks(good, &text).ok());
}

TEST(FrontierRecordsTest, DamagedValuesAreCorruption) {
  for (const std::string& bad : {std::string(), std::string("\x02", 1), std::string("\x01", 1),
                                 std::string("\x01\x80", 2)}) {
    EXPECT_EQ(DecodeQueue(bad).status().code(), Status::Code::kCorruption);
    EXPECT_EQ(DecodeSeen(bad).status().code(), Status::Code::kCorruption);
    EXPECT_EQ(DecodeMeta(bad).status().code(), Status::Code::kCorruption);
    std::string text;
    EXPECT_EQ(DecodeLinks(bad, &text).status().code(), Status::Code::kCorruption);
    EXPECT_EQ(DecodeRunRecord(bad).status().code(), Status::Code::kCorruption);
  }
  EXPECT_FALSE(DecodeMeta(std::string("\x01\x03\x00", 3)).ok());  // unknown crawl state
  EXPECT_FALSE(DecodeSeen(std::string("\x01\x09\x00", 3)).ok());  // unknown state
  std::string links = EncodeLinks({"https://a/", "https://b/"});
  links.pop_back();
  std::string text;
  EXPECT_FALSE(DecodeLinks(links, &text).ok());
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
