// BlobSegments (raw responses in append-only segment files) and the archive's use of them:
// references read back after reopening, garbage a killed run left is skipped, segments roll,
// damage is reported, and archives written before segments keep reading their inline records.
#include "storage/blob_segments.h"

#include <gtest/gtest.h>
#include <leveldb/helpers/memenv.h>

#include <memory>
#include <string>
#include <vector>

#include "storage/blob.h"
#include "storage/keys.h"
#include "tests/storage/archive_test_util.h"

namespace strata::storage {
namespace {

using testing::MakeArticle;
using testing::MemArchiveTest;
using testing::OpenRawDb;
using testing::Page;
using testing::TempDir;

constexpr uint64_t kLarge = uint64_t{1} << 30;
constexpr const char* kDir = "/mem/archive/segments";

std::string Bytes(char fill, size_t n) { return std::string(n, fill); }

class BlobSegmentsTest : public ::testing::Test {
 protected:
  std::unique_ptr<BlobSegments> Open(uint64_t max_bytes = kLarge) {
    return std::make_unique<BlobSegments>(env_.get(), kDir, max_bytes);
  }
  std::string File(uint64_t number) {
    return std::string(kDir) + "/" + std::string(6 - std::to_string(number).size(), '0') +
           std::to_string(number) + ".seg";
  }
  std::unique_ptr<leveldb::Env> env_{leveldb::NewMemEnv(leveldb::Env::Default())};
};

TEST_F(BlobSegmentsTest, AppendedPayloadsReadBackAfterReopening) {
  std::vector<SegmentRef> refs;
  {
    auto segments = Open();
    for (char c : {'a', 'b', 'c'}) {
      Result<SegmentRef> ref = segments->Append(Bytes(c, 100 + c));
      ASSERT_TRUE(ref.ok()) << ref.status().ToString();
      refs.push_back(*ref);
    }
    ASSERT_TRUE(segments->Flush().ok());
    EXPECT_EQ(segments->Read(refs[1]).value_or(""), Bytes('b', 100 + 'b'));
  }
  EXPECT_EQ(refs[0].segment, 1u);
  EXPECT_EQ(refs[0].offset, 0u);
  EXPECT_EQ(refs[1].offset, 8u + refs[0].length);  // entries follow each other
  auto reopened = Open();
  for (size_t i = 0; i < refs.size(); ++i) {
    const char c = "abc"[i];
    EXPECT_EQ(reopened->Read(refs[i]).value_or(""), Bytes(c, 100 + c));
  }
  // An empty payload is an entry like any other.
  Result<SegmentRef> empty = reopened->Append("");
  ASSERT_TRUE(empty.ok());
  ASSERT_TRUE(reopened->Flush().ok());
  EXPECT_EQ(reopened->Read(*empty).value_or("x"), "");
}

TEST_F(BlobSegmentsTest, AppendsGoOnAfterATornTail) {
  SegmentRef first;
  {
    auto segments = Open();
    first = segments->Append("first").value();
    ASSERT_TRUE(segments->Flush().ok());
  }
  // A run killed in the middle of an entry left half a header behind.
  std::string bytes;
  ASSERT_TRUE(leveldb::ReadFileToString(env_.get(), File(1), &bytes).ok());
  ASSERT_TRUE(leveldb::WriteStringToFile(env_.get(), bytes + "SBg", File(1)).ok());
  auto segments = Open();
  Result<SegmentRef> second = segments->Append("second");
  ASSERT_TRUE(second.ok());
  ASSERT_TRUE(segments->Flush().ok());
  EXPECT_EQ(second->segment, 1u);
  EXPECT_EQ(second->offset, bytes.size() + 3);
  EXPECT_EQ(segments->Read(first).value_or(""), "first");
  EXPECT_EQ(segments->Read(*second).value_or(""), "second");
}

TEST_F(BlobSegmentsTest, ANewSegmentStartsWhenTheCurrentOneIsFull) {
  auto segments = Open(/*max_bytes=*/250);
  std::vector<SegmentRef> refs;
  for (int i = 0; i < 5; ++i) refs.push_back(segments->Append(Bytes('x', 100)).value());
  ASSERT_TRUE(segments->Flush().ok());
  // 108 bytes an entry: a segment takes entries until it holds 250 or more.
  EXPECT_EQ(refs[0].segment, 1u);
  EXPECT_EQ(refs[2].segment, 1u);
  EXPECT_EQ(refs[3].segment, 2u);
  EXPECT_EQ(refs[3].offset, 0u);
  for (const SegmentRef& ref : refs) EXPECT_EQ(segments->Read(ref).value_or(""), Bytes('x', 100));
  segments.reset();
  // A later run appends to the last segment, which still has room.
  EXPECT_EQ(Open(250)->Append("y").value().segment, 2u);
}

TEST_F(BlobSegmentsTest, BadReferencesAreErrorsNotCrashes) {
  auto segments = Open();
  const SegmentRef ref = segments->Append("payload").value();
  ASSERT_TRUE(segments->Flush().ok());
  SegmentRef shifted = ref;
  shifted.offset += 1;
  EXPECT_EQ(segments->Read(shifted).status().code(), Status::Code::kCorruption);
  SegmentRef longer = ref;
  longer.length += 1;
  EXPECT_EQ(segments->Read(longer).status().code(), Status::Code::kCorruption);
  SegmentRef beyond = ref;
  beyond.offset = 1 << 20;
  EXPECT_EQ(segments->Read(beyond).status().code(), Status::Code::kCorruption);
  SegmentRef missing = ref;
  missing.segment = 7;
  EXPECT_EQ(segments->Read(missing).status().code(), Status::Code::kNotFound);
  SegmentRef zero = ref;
  zero.segment = 0;
  EXPECT_EQ(segments->Read(zero).status().code(), Status::Code::kCorruption);
  EXPECT_EQ(DecodeBlobRef(EncodeBlobRef(ref)).value_or(SegmentRef{}).offset, ref.offset);
  EXPECT_FALSE(DecodeBlobRef("\x02").ok());
  EXPECT_FALSE(DecodeBlobRef(EncodeBlob(RawResponse{})).ok());  // a record, not a reference
}

// On the real file system a reader may have the file memory-mapped at the size it had when
// opened: bytes appended since must still be found.
TEST(BlobSegmentsDiskTest, ReadsWhatWasAppendedAfterAReaderOpened) {
  TempDir tmp;
  BlobSegments segments(leveldb::Env::Default(), tmp.path() + "/segments", kLarge);
  const SegmentRef first = segments.Append("first").value();
  ASSERT_TRUE(segments.Flush().ok());
  EXPECT_EQ(segments.Read(first).value_or(""), "first");
  const SegmentRef second = segments.Append(Bytes('s', 5000)).value();
  ASSERT_TRUE(segments.Flush().ok());
  EXPECT_EQ(segments.Read(second).value_or(""), Bytes('s', 5000));
  EXPECT_EQ(segments.Read(first).value_or(""), "first");
}

// When the raw response cannot be written, the fetch is not recorded at all (an error the
// caller sees), and the archive stays consistent.
TEST(ArchiveSegmentsDiskTest, AnUnwritableSegmentFailsTheRecordAndWritesNothing) {
  TempDir tmp;
  const std::string dir = tmp.path() + "/archive";
  Result<std::unique_ptr<Archive>> archive = Archive::Open(dir);
  ASSERT_TRUE(archive.ok()) << archive.status().ToString();
  ASSERT_TRUE(
      leveldb::WriteStringToFile(leveldb::Env::Default(), "not a directory", dir + "/segments")
          .ok());
  const std::string url = "https://example.com/a";
  const Article article = MakeArticle(url, "A", "text");
  const FetchedPage page = Page(url, 1'700'000'000'000, 200, "bytes");
  Result<RecordResult> recorded = (*archive)->Record({url, &page, &article});
  ASSERT_FALSE(recorded.ok());
  EXPECT_EQ(recorded.status().code(), Status::Code::kIOError) << recorded.status().ToString();
  EXPECT_NE(recorded.status().message().find("record " + url), std::string::npos)
      << recorded.status().ToString();
  EXPECT_EQ((*archive)->Head(url).status().code(), Status::Code::kNotFound);
  EXPECT_TRUE((*archive)->Check({}).value_or(CheckReport{}).clean());
}

class ArchiveSegmentsTest : public MemArchiveTest {};

TEST_F(ArchiveSegmentsTest, RawResponsesLiveInSegmentsAndLevelDbKeepsReferences) {
  const std::string url = "https://example.com/a";
  const Article article = MakeArticle(url, "A", "text");
  const std::string body = "<html><body>" + Bytes('z', 3000) + "</body></html>";
  const RecordResult recorded = Rec(Page(url, 1'700'000'000'000, 200, body), &article);
  const std::string hash = BodyHash(body);
  EXPECT_EQ(archive_->RawBody(hash).value_or(""), body);
  const ArchiveStats stats = archive_->Stats().value_or(ArchiveStats{});
  EXPECT_EQ(stats.blobs, 1);
  EXPECT_GT(stats.blob_bytes, 30);  // the record's bytes, not the reference's
  archive_.reset();
  auto db = OpenRawDb(MemArchiveTest::kDir, env_.get());
  std::string value;
  ASSERT_TRUE(db->Get({}, BlobKey(hash), &value).ok());
  EXPECT_TRUE(DecodeBlobRef(value).ok());
  EXPECT_LT(value.size(), 16u);
  (void)recorded;
}

// Archives of schema 2 hold their raw responses inline; migrated to 3 they read them as before,
// and check finds nothing wrong.
TEST_F(ArchiveSegmentsTest, InlineRecordsOfOlderArchivesAreStillRead) {
  const std::string url = "https://example.com/old";
  const Article article = MakeArticle(url, "Old", "text");
  const FetchedPage page = Page(url, 1'700'000'000'000, 200, "old bytes");
  Rec(page, &article);
  const std::string hash = BodyHash(page.body);
  const RawResponse raw = archive_->GetRaw(hash).value();
  archive_.reset();
  {
    auto db = OpenRawDb(MemArchiveTest::kDir, env_.get());
    ASSERT_TRUE(db->Put({}, BlobKey(hash), EncodeBlob(raw)).ok());
    ASSERT_TRUE(db->Put({}, std::string(kSchemaKey), "2").ok());
  }
  ASSERT_TRUE(env_->RemoveFile(std::string(MemArchiveTest::kDir) + "/segments/000001.seg").ok());
  Reopen();
  EXPECT_EQ(archive_->RawBody(hash).value_or(""), "old bytes");
  const CheckReport report = archive_->Check({}).value_or(CheckReport{});
  EXPECT_TRUE(report.clean()) << (report.problems.empty() ? "" : report.problems[0].message);
  EXPECT_EQ(report.blobs, 1);
}

}  // namespace
}  // namespace strata::storage
