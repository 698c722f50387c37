// Schema migrations: the step runner with fake steps, and the real 1 -> 2 migration on an archive
// rewritten into the schema-1 layout (what the first strata wrote: no indexes, no counter
// series, heads and versions without the fields appended in schema 2).
#include "storage/migrate.h"

#include <gtest/gtest.h>
#include <leveldb/iterator.h>
#include <leveldb/write_batch.h>

#include <string>
#include <vector>

#include "storage/keys.h"
#include "storage/records.h"
#include "tests/storage/archive_test_util.h"
#include "tests/storage/schema_one.h"

namespace strata::storage {
namespace {

using testing::MakeArticle;
using testing::OpenRawDb;
using testing::Page;

constexpr UnixMillis kT0 = 1'700'000'000'000;
constexpr const char* kDir = "/mem/archive";

class MigrateTest : public ::testing::Test {
 protected:
  std::unique_ptr<leveldb::DB> Raw() { return OpenRawDb(kDir, env_.get()); }
  Result<std::unique_ptr<Archive>> Open() {
    ArchiveOptions options;
    options.env = env_.get();
    return Archive::Open(kDir, options);
  }
  static std::string Schema(leveldb::DB& db) {
    std::string value;
    EXPECT_TRUE(db.Get({}, std::string(kSchemaKey), &value).ok());
    return value;
  }

  std::unique_ptr<leveldb::Env> env_{leveldb::NewMemEnv(leveldb::Env::Default())};
};

// A step that records that it ran.
MigrationStep Step(int64_t from, std::vector<int64_t>* ran, Status result = Status::Ok()) {
  return {from, [from, ran, result](leveldb::DB&) {
            ran->push_back(from);
            return result;
          }};
}

TEST_F(MigrateTest, StepsRunInOrderAndEachMovesTheSchema) {
  auto db = Raw();
  std::vector<int64_t> ran;
  ASSERT_TRUE(MigrateSchema(*db, kDir, 5, 8, {Step(7, &ran), Step(5, &ran), Step(6, &ran)}).ok());
  EXPECT_EQ(ran, (std::vector<int64_t>{5, 6, 7}));
  EXPECT_EQ(Schema(*db), "8");
}

TEST_F(MigrateTest, AMissingStepChangesNothing) {
  auto db = Raw();
  ASSERT_TRUE(WriteSchema(*db, kDir, 5).ok());
  std::vector<int64_t> ran;
  const Status s = MigrateSchema(*db, kDir, 5, 8, {Step(5, &ran), Step(7, &ran)});
  EXPECT_EQ(s.code(), Status::Code::kFailedPrecondition);
  EXPECT_EQ(s.message(),
            "archive /mem/archive has schema version 5, and this strata cannot migrate schema 6 "
            "to 7; the archive was left untouched");
  EXPECT_TRUE(ran.empty());
  EXPECT_EQ(Schema(*db), "5");
}

TEST_F(MigrateTest, AFailingStepLeavesTheSchemaAtTheLastCompletedStep) {
  auto db = Raw();
  ASSERT_TRUE(WriteSchema(*db, kDir, 5).ok());
  std::vector<int64_t> ran;
  const Status s = MigrateSchema(
      *db, kDir, 5, 8, {Step(5, &ran), Step(6, &ran, Status::IOError("disk full")), Step(7, &ran)});
  EXPECT_EQ(s.code(), Status::Code::kIOError);
  EXPECT_EQ(s.message(), "archive /mem/archive: migrate schema 6 to 7: disk full");
  EXPECT_EQ(ran, (std::vector<int64_t>{5, 6}));
  EXPECT_EQ(Schema(*db), "6") << "the next Open resumes at step 6";
}

// Builds an archive with the current strata, then rewrites it the way strata schema 1 stored it.
class SchemaOneTest : public MigrateTest {
 protected:
  void SetUp() override {
    {
      Result<std::unique_ptr<Archive>> archive = Open();
      ASSERT_TRUE(archive.ok());
      Article article = MakeArticle(kUrl, "Hello", "one");
      article.counters.views = 10;
      Record(**archive, Page(kUrl, kT0, 200, "<p>one</p>"), &article);
      article.body = "one\ntwo";
      article.counters.views = 20;
      Record(**archive, Page(kUrl, kT0 + 1000, 200, "<p>one two</p>"), &article);
      Record(**archive, Page(kUrl, kT0 + 2000, 503, "busy"), nullptr);
      Article gone = MakeArticle(kGone, "Gone", "soon");
      gone.site = "blog.example.org";
      gone.author = "Bob";
      Record(**archive, Page(kGone, kT0, 200, "<p>soon</p>"), &gone);
      Record(**archive, Page(kGone, kT0 + 3000, 404), nullptr);
    }
    auto db = Raw();
    std::unique_ptr<leveldb::Iterator> it(db->NewIterator({}));
    leveldb::WriteBatch batch;
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      const std::string key = it->key().ToString();
      const std::string value = it->value().ToString();
      if (key.starts_with(kIndexPrefix) || key.starts_with(kCounterPrefix)) {
        batch.Delete(key);
      } else if (key.starts_with(kHeadPrefix)) {
        Result<ArticleHead> head = DecodeHead(value);
        ASSERT_TRUE(head.ok());
        batch.Put(key, testing::HeadSchemaOne(*head));
      } else if (key.starts_with(kVersionPrefix)) {
        Result<Version> version = DecodeVersion(value);
        ASSERT_TRUE(version.ok());
        batch.Put(key, testing::VersionSchemaOne(*version));
      }
    }
    batch.Put(std::string(kSchemaKey), "1");
    ASSERT_TRUE(db->Write({}, &batch).ok());
  }

  static void Record(Archive& archive, const FetchedPage& page, const Article* article) {
    ASSERT_TRUE(archive.Record({page.url, &page, article}).ok());
  }

  const std::string kUrl = "https://example.com/a";
  const std::string kGone = "https://blog.example.org/b";
};

TEST_F(SchemaOneTest, OpenMigratesToTheCurrentSchema) {
  {
    auto db = Raw();
    EXPECT_EQ(Schema(*db), "1");
  }
  Result<std::unique_ptr<Archive>> archive = Open();
  ASSERT_TRUE(archive.ok()) << archive.status().ToString();
  Archive& a = **archive;

  Result<CheckReport> report = a.Check({});
  ASSERT_TRUE(report.ok());
  std::string lines;
  for (const CheckProblem& p : report->problems) lines += p.key + ": " + p.message + "\n";
  EXPECT_TRUE(report->clean()) << lines;

  // The head fields schema 1 lacked are filled in from the records.
  const ArticleHead head = a.Head(kUrl).value_or(ArticleHead{});
  EXPECT_EQ(head.content_version, 2);
  EXPECT_EQ(head.last_counters.views, 20);
  EXPECT_EQ(head.last_body_hash, BodyHash("<p>one two</p>"));
  const ArticleHead gone = a.Head(kGone).value_or(ArticleHead{});
  EXPECT_EQ(gone.content_version, 1);
  EXPECT_EQ(gone.last_body_hash, "");
  // The series and the indexes exist.
  EXPECT_EQ(a.CounterSeries(kUrl).value_or({}).size(), 2u);
  ListQuery by_author;
  by_author.author = "bob";
  ASSERT_EQ(a.List(by_author).value_or({}).size(), 1u);
  ListQuery by_site;
  by_site.site = "example.org";
  EXPECT_EQ(a.List(by_site).value_or({}).front().url, kGone);
  ListQuery since;
  since.changed_since = kT0 + 2500;
  EXPECT_EQ(a.List(since).value_or({}).size(), 1u);
  // Schema-1 versions read with the analysis absent.
  EXPECT_EQ(a.GetVersion(kUrl, 2).value_or(Version{}).change.edit_class, EditClass::kNone);
  EXPECT_EQ(a.GetVersion(kUrl, 2).value_or(Version{}).change.lines_added, 1);
  // And the archive goes on as usual: a body_unchanged fetch works on a migrated head.
  const FetchedPage same = Page(kUrl, kT0 + 9000, 200, "<p>one two</p>");
  FetchRecord record{kUrl, &same, nullptr};
  record.body_unchanged = true;
  EXPECT_TRUE(a.Record(record).ok());
  archive->reset();
  auto db = Raw();
  EXPECT_EQ(Schema(*db), std::to_string(kSchemaVersion));
}

TEST_F(SchemaOneTest, AnInterruptedMigrationIsResumedByTheNextOpen) {
  // The rebuild ran half-way (some index entries written) when the process died: the schema
  // still says 1, so the next Open runs the step again, which is idempotent.
  {
    auto db = Raw();
    ASSERT_TRUE(db->Put({}, SiteIndexKey("example.com", ArticleId(kUrl)), "").ok());
  }
  Result<std::unique_ptr<Archive>> archive = Open();
  ASSERT_TRUE(archive.ok()) << archive.status().ToString();
  Result<CheckReport> report = (*archive)->Check({});
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->clean());
}

}  // namespace
}  // namespace strata::storage
