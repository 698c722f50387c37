// Archive::Open: directories, locks and schema versions, on a real temporary directory (the
// lock is a real file lock) and on the in-memory Env.
#include "storage/archive.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "storage/keys.h"
#include "tests/storage/archive_test_util.h"

namespace strata::storage {
namespace {

using testing::MakeArticle;
using testing::OpenRawDb;
using testing::Page;
using testing::TempDir;

constexpr UnixMillis kT0 = 1'700'000'000'000;
const std::string kUrl = "https://example.com/posts/1";

void RecordOne(Archive& archive, const std::string& title) {
  const FetchedPage page = Page(kUrl, kT0, 200, "<html>" + title + "</html>");
  const Article article = MakeArticle(kUrl, title, "body of " + title);
  ASSERT_TRUE(archive.Record({kUrl, &page, &article}).ok());
}

TEST(ArchiveOpenTest, CreatesNestedDirectoryAndPersistsOnDisk) {
  TempDir tmp;
  const std::string dir = tmp.path() + "/deep/er/archive";
  {
    Result<std::unique_ptr<Archive>> archive = Archive::Open(dir);
    ASSERT_TRUE(archive.ok()) << archive.status().ToString();
    RecordOne(**archive, "On disk");
  }
  EXPECT_TRUE(std::filesystem::exists(dir + "/CURRENT"));
  {
    Result<std::unique_ptr<Archive>> archive = Archive::Open(dir);
    ASSERT_TRUE(archive.ok()) << archive.status().ToString();
    Result<ArticleHead> head = (*archive)->Head(kUrl);
    ASSERT_TRUE(head.ok()) << head.status().ToString();
    EXPECT_EQ(head->title, "On disk");
    Result<Version> v1 = (*archive)->GetVersion(kUrl, 1);
    ASSERT_TRUE(v1.ok());
    EXPECT_EQ((*archive)->RawBody(v1->raw_hash).value_or(""), "<html>On disk</html>");
  }
  auto db = OpenRawDb(dir, nullptr);
  std::string schema;
  ASSERT_TRUE(db->Get({}, std::string(kSchemaKey), &schema).ok());
  EXPECT_EQ(schema, std::to_string(kSchemaVersion));
}

TEST(ArchiveOpenTest, ASecondOpenIsRefusedWhileTheFirstHoldsTheLock) {
  TempDir tmp;
  Result<std::unique_ptr<Archive>> first = Archive::Open(tmp.path());
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  Result<std::unique_ptr<Archive>> second = Archive::Open(tmp.path());
  ASSERT_FALSE(second.ok());
  EXPECT_TRUE(second.status().IsUnavailable());
  EXPECT_EQ(second.status().message(),
            "archive " + tmp.path() +
                " is in use by another strata process (its LOCK is held): wait for it to finish, "
                "or give another --archive");
  first->reset();
  EXPECT_TRUE(Archive::Open(tmp.path()).ok()) << "the lock is released on close";
}

TEST(ArchiveOpenTest, ADirectoryWithOtherFilesIsNotAnArchive) {
  TempDir tmp;
  std::ofstream(tmp.path() + "/notes.txt") << "my notes";
  Result<std::unique_ptr<Archive>> archive = Archive::Open(tmp.path());
  ASSERT_FALSE(archive.ok());
  EXPECT_EQ(archive.status().code(), Status::Code::kFailedPrecondition);
  EXPECT_EQ(archive.status().message(),
            tmp.path() +
                " is not a strata archive: it holds other files (notes.txt) and no LevelDB "
                "database; give a new or empty directory");
  EXPECT_FALSE(std::filesystem::exists(tmp.path() + "/CURRENT")) << "nothing was written";
}

TEST(ArchiveOpenTest, MissingArchiveWithoutCreateIsNotFound) {
  TempDir tmp;
  ArchiveOptions options;
  options.create_if_missing = false;
  const std::string dir = tmp.path() + "/absent";
  Result<std::unique_ptr<Archive>> archive = Archive::Open(dir, options);
  ASSERT_FALSE(archive.ok());
  EXPECT_TRUE(archive.status().IsNotFound());
  EXPECT_EQ(archive.status().message(), "no archive at " + dir);
  EXPECT_FALSE(std::filesystem::exists(dir));
  EXPECT_TRUE(Archive::Open("").status().IsInvalidArgument());
}

TEST(ArchiveOpenTest, EveryZstdLevelReadsBackAndOthersAreRefused) {
  for (int level : {1, 3, kMaxZstdLevel}) {
    TempDir tmp;
    ArchiveOptions options;
    options.zstd_level = level;
    Result<std::unique_ptr<Archive>> archive = Archive::Open(tmp.path(), options);
    ASSERT_TRUE(archive.ok()) << archive.status().ToString();
    const std::string body = "<html>" + std::string(5000, 'z') + "</html>";
    const FetchedPage page = Page(kUrl, kT0, 200, body);
    const Article article = MakeArticle(kUrl, "Level", std::string(3000, 'b'));
    ASSERT_TRUE((*archive)->Record({kUrl, &page, &article}).ok());
    Result<Version> v1 = (*archive)->GetVersion(kUrl, 1);
    ASSERT_TRUE(v1.ok()) << v1.status().ToString();
    EXPECT_EQ(v1->article.body, article.body) << "level " << level;
    EXPECT_EQ((*archive)->RawBody(v1->raw_hash).value_or(""), body) << "level " << level;
  }
  for (int level : {0, -1, kMaxZstdLevel + 1}) {
    TempDir tmp;
    ArchiveOptions options;
    options.zstd_level = level;
    Result<std::unique_ptr<Archive>> archive = Archive::Open(tmp.path(), options);
    ASSERT_FALSE(archive.ok()) << level;
    EXPECT_EQ(archive.status().message(), "zstd level " + std::to_string(level) + ": use 1 to 19");
  }
}

// The log LevelDB would replay at the next Open: its *.log files' total size.
uintmax_t LogBytes(const std::string& dir) {
  uintmax_t bytes = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".log") bytes += entry.file_size();
  }
  return bytes;
}

TEST(ArchiveOpenTest, ClosingAfterManyWritesLeavesNoLogToReplay) {
  TempDir tmp;
  {
    Result<std::unique_ptr<Archive>> archive = Archive::Open(tmp.path());
    ASSERT_TRUE(archive.ok()) << archive.status().ToString();
    // ~2 MB of incompressible-enough article text (the raw pages go to segment files, not
    // to the log).
    for (int i = 0; i < 100; ++i) {
      const std::string url = kUrl + "/" + std::to_string(i);
      std::string body;
      for (int j = 0; j < 6000; ++j) body += std::to_string(i * 1'000'003 + j * 7919);
      const FetchedPage page = Page(url, kT0, 200, body);
      const Article article = MakeArticle(url, "Page " + std::to_string(i), body);
      ASSERT_TRUE((*archive)->Record({url, &page, &article}).ok());
    }
    EXPECT_GT(LogBytes(tmp.path()), 1u << 20);
  }
  EXPECT_EQ(LogBytes(tmp.path()), 0u) << "the memtable was written out at close";
  Result<std::unique_ptr<Archive>> reopened = Archive::Open(tmp.path());
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  EXPECT_EQ((*reopened)->Head(kUrl + "/99").value_or(ArticleHead{}).title, "Page 99");
}

class ArchiveSchemaTest : public ::testing::Test {
 protected:
  static constexpr const char* kDir = "/mem/archive";
  Result<std::unique_ptr<Archive>> Open() {
    ArchiveOptions options;
    options.env = env_.get();
    return Archive::Open(kDir, options);
  }
  void PutRaw(const std::string& key, const std::string& value) {
    auto db = OpenRawDb(kDir, env_.get());
    ASSERT_TRUE(db->Put({}, key, value).ok());
  }
  std::string GetRaw(const std::string& key) {
    auto db = OpenRawDb(kDir, env_.get());
    std::string value;
    EXPECT_TRUE(db->Get({}, key, &value).ok());
    return value;
  }
  std::unique_ptr<leveldb::Env> env_{leveldb::NewMemEnv(leveldb::Env::Default())};
};

TEST_F(ArchiveSchemaTest, NewerSchemaIsRefusedAndLeftUntouched) {
  {
    Result<std::unique_ptr<Archive>> archive = Open();
    ASSERT_TRUE(archive.ok());
    RecordOne(**archive, "Before");
  }
  PutRaw(std::string(kSchemaKey), "4");
  Result<std::unique_ptr<Archive>> archive = Open();
  ASSERT_FALSE(archive.ok());
  EXPECT_EQ(archive.status().code(), Status::Code::kFailedPrecondition);
  EXPECT_EQ(archive.status().message(),
            "archive /mem/archive has schema version 4, newer than this strata reads (3): use a "
            "newer strata; the archive was left untouched");
  EXPECT_EQ(GetRaw(std::string(kSchemaKey)), "4");
  EXPECT_FALSE(GetRaw(HeadKey(ArticleId(kUrl))).empty());
}

TEST_F(ArchiveSchemaTest, SchemaOlderThanAnyMigrationIsRefusedAndLeftUntouched) {
  ASSERT_TRUE(Open().ok());
  PutRaw(std::string(kSchemaKey), "0");
  Result<std::unique_ptr<Archive>> archive = Open();
  EXPECT_EQ(archive.status().code(), Status::Code::kFailedPrecondition);
  EXPECT_EQ(archive.status().message(),
            "archive /mem/archive has schema version 0, older than this strata migrates (1): open "
            "it with an older strata first; the archive was left untouched");
  EXPECT_EQ(GetRaw(std::string(kSchemaKey)), "0");
}

TEST_F(ArchiveSchemaTest, GarbageSchemaIsCorruption) {
  ASSERT_TRUE(Open().ok());
  PutRaw(std::string(kSchemaKey), "1x");
  Result<std::unique_ptr<Archive>> archive = Open();
  EXPECT_TRUE(archive.status().IsCorruption());
  EXPECT_EQ(archive.status().message(),
            "archive /mem/archive: meta/schema is not a schema version: '1x'");
}

TEST_F(ArchiveSchemaTest, LevelDbOfSomethingElseIsNotAnArchive) {
  PutRaw("user:42", "someone else's data");
  Result<std::unique_ptr<Archive>> archive = Open();
  EXPECT_EQ(archive.status().code(), Status::Code::kFailedPrecondition);
  EXPECT_EQ(archive.status().message(),
            "/mem/archive holds a LevelDB database that is not a strata archive (it has no "
            "meta/schema key)");
}

TEST_F(ArchiveSchemaTest, ReopenKeepsData) {
  {
    Result<std::unique_ptr<Archive>> archive = Open();
    ASSERT_TRUE(archive.ok());
    RecordOne(**archive, "Kept");
  }
  Result<std::unique_ptr<Archive>> archive = Open();
  ASSERT_TRUE(archive.ok()) << archive.status().ToString();
  EXPECT_EQ((*archive)->Head(kUrl).value_or(ArticleHead{}).title, "Kept");
}

TEST(RecordKindNameTest, NamesForCrawlOutput) {
  EXPECT_EQ(RecordKindName(RecordKind::kNew), "new");
  EXPECT_EQ(RecordKindName(RecordKind::kChanged), "changed");
  EXPECT_EQ(RecordKindName(RecordKind::kUnchanged), "unchanged");
  EXPECT_EQ(RecordKindName(RecordKind::kNotModified), "not modified");
  EXPECT_EQ(RecordKindName(RecordKind::kGone), "gone");
  EXPECT_EQ(RecordKindName(RecordKind::kFailed), "failed");
}

}  // namespace
}  // namespace strata::storage
