// Archive::Check (CheckArchive and the repair): a clean archive is clean, and each kind of damage
// planted underneath the archive is reported with its key, as repairable or not.
#include "storage/archive_check.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "storage/blob.h"
#include "storage/keys.h"
#include "storage/records.h"
#include "tests/storage/archive_test_util.h"

namespace strata::storage {
namespace {

using testing::FailedPage;
using testing::MakeArticle;
using testing::OpenRawDb;
using testing::Page;

constexpr UnixMillis kT0 = 1'700'000'000'000;
const std::string kUrl = "https://example.com/posts/1";
const std::string kOther = "https://example.org/other";

class CheckTest : public testing::MemArchiveTest {
 protected:
  // An archive with a bit of everything: versions, a tombstone and a return, counters, a
  // failure, two articles sharing a blob.
  void SetUp() override {
    MemArchiveTest::SetUp();
    Article article = MakeArticle(kUrl, "T", "one\ntwo");
    article.counters.views = 1;
    Rec(Page(kUrl, kT0, 200, "bytes 1"), &article);
    article.body = "one\ntwo\nthree";
    article.counters.views = 2;
    Rec(Page(kUrl, kT0 + 1, 200, "bytes 2"), &article);
    Rec(Page(kUrl, kT0 + 2, 404));
    article.counters.views = 3;
    Rec(Page(kUrl, kT0 + 3, 200, "bytes 2"), &article);
    Rec(FailedPage(kUrl, kT0 + 4, FetchOutcome::kTimeout, "slow"));
    Article other = MakeArticle(kOther, "O", "other");
    other.site = "example.org";
    other.author = "Bob";
    Rec(Page(kOther, kT0, 200, "bytes 1"), &other);
  }

  // Applies raw changes to the database underneath the (closed, then reopened) archive.
  void Damage(const std::function<void(leveldb::DB&)>& change) {
    archive_.reset();
    {
      auto db = OpenRawDb(kDir, env_.get());
      change(*db);
    }
    Reopen();
  }
  std::string Get(leveldb::DB& db, const std::string& key) {
    std::string value;
    EXPECT_TRUE(db.Get({}, key, &value).ok()) << DescribeKey(key);
    return value;
  }

  CheckReport Check(bool repair = false) {
    CheckOptions options;
    options.repair = repair;
    Result<CheckReport> report = archive_->Check(options);
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return report.value_or(CheckReport{});
  }

  const std::string id_ = ArticleId(kUrl);
};

std::string Lines(const std::vector<CheckProblem>& problems) {
  std::string out;
  for (const CheckProblem& p : problems) {
    out += (p.repairable ? "[repairable] " : "") + p.key + ": " + p.message + "\n";
  }
  return out;
}

TEST_F(CheckTest, AWellKeptArchiveIsClean) {
  const CheckReport report = Check();
  EXPECT_TRUE(report.clean()) << Lines(report.problems);
  EXPECT_EQ(report.articles, 2);
  EXPECT_EQ(report.versions, 5) << "4 of kUrl (one a tombstone), 1 of kOther";
  EXPECT_EQ(report.observations, 6);
  EXPECT_EQ(report.counter_samples, 3) << "kOther's page showed no counters";
  EXPECT_EQ(report.blobs, 3) << "bytes 1 (shared), bytes 2, the 404's body";
  EXPECT_EQ(report.index_entries, 2 + 2 + 5) << "sites, authors, one time entry per version";
  EXPECT_FALSE(report.repaired);
}

TEST_F(CheckTest, MissingAndStaleIndexEntriesAreRepairable) {
  Damage([&](leveldb::DB& db) {
    ASSERT_TRUE(db.Delete({}, SiteIndexKey("example.com", id_)).ok());
    ASSERT_TRUE(db.Delete({}, TimeIndexKey(kT0 + 1, id_, 2)).ok());
    ASSERT_TRUE(db.Put({}, AuthorIndexKey("Mallory", "example.com", id_), "").ok());
    ASSERT_TRUE(db.Put({}, TimeIndexKey(kT0 + 9, id_, 1), "").ok());
    ASSERT_TRUE(db.Put({}, TimeIndexKey(kT0 + 9, id_, 7), "").ok());
    ASSERT_TRUE(db.Put({}, "idx/tags/x", "").ok());
  });
  const CheckReport report = Check();
  // Found while checking the head (its versions, then its own entries), then in key order.
  EXPECT_EQ(Lines(report.problems),
            "[repairable] idx/time/1700000000001/" + id_ +
                "/2: missing: the time index entry "
                "of ver/" +
                id_ +
                "/2\n"
                "[repairable] idx/site/com.example\\x00" +
                id_ + ": missing: the index entry of " + kUrl +
                "\n"
                "[repairable] idx/author/mallory\\x00com.example\\x00" +
                id_ + ": stale: " + kUrl +
                " now has site 'example.com' and author 'Alice'\n"
                "[repairable] idx/tags/x: not an index of this archive's layout\n"
                "[repairable] idx/time/1700000000009/" +
                id_ + "/1: says ver/" + id_ +
                "/1 was fetched at 1700000000009, the version says 1700000000000\n"
                "[repairable] idx/time/1700000000009/" +
                id_ + "/7: names ver/" + id_ + "/7, which does not exist\n");
  EXPECT_FALSE(report.clean());

  const CheckReport repaired = Check(/*repair=*/true);
  EXPECT_EQ(repaired.problems.size(), 6u);
  EXPECT_TRUE(repaired.repaired);
  EXPECT_TRUE(repaired.remaining.empty()) << Lines(repaired.remaining);
  EXPECT_TRUE(repaired.clean());
  EXPECT_TRUE(Check().clean()) << Lines(Check().problems);
}

TEST_F(CheckTest, CounterSamplesMustMatchTheirObservations) {
  Damage([&](leveldb::DB& db) {
    ASSERT_TRUE(db.Delete({}, CounterKey(id_, kT0, 0)).ok());
    Counters wrong;
    wrong.views = 999;
    ASSERT_TRUE(db.Put({}, CounterKey(id_, kT0 + 1, 1), EncodeCounterSample(wrong)).ok());
    ASSERT_TRUE(db.Put({}, CounterKey(id_, kT0 + 2, 2), EncodeCounterSample(wrong)).ok());
    ASSERT_TRUE(db.Put({}, CounterKey(ArticleId("https://ghost/"), 1, 0), "\x01").ok());
  });
  const CheckReport report = Check();
  const std::string url = " (" + kUrl + ")";
  EXPECT_EQ(Lines(report.problems), "[repairable] cnt/" + id_ +
                                        "/1700000000000.0: missing: the counter sample of an "
                                        "observation" +
                                        url +
                                        "\n"
                                        "[repairable] cnt/" +
                                        id_ +
                                        "/1700000000001.1: differs from the counters of its "
                                        "observation" +
                                        url +
                                        "\n"
                                        "[repairable] cnt/" +
                                        id_ +
                                        "/1700000000002.2: no observation with counters has this "
                                        "time and sequence" +
                                        url +
                                        "\n"
                                        "[repairable] cnt/" +
                                        ArticleId("https://ghost/") +
                                        "/1.0: counter samples of article " +
                                        ArticleId("https://ghost/") + ", which has no head\n");
  const CheckReport repaired = Check(/*repair=*/true);
  EXPECT_TRUE(repaired.clean()) << Lines(repaired.remaining);
  EXPECT_EQ(archive_->CounterSeries(kUrl).value_or({}).size(), 3u);
}

TEST_F(CheckTest, DerivedHeadFieldsAreRepairable) {
  Damage([&](leveldb::DB& db) {
    Result<ArticleHead> head = DecodeHead(Get(db, HeadKey(id_)));
    ASSERT_TRUE(head.ok());
    head->content_version = 1;
    head->last_counters = {};
    ASSERT_TRUE(db.Put({}, HeadKey(id_), EncodeHead(*head)).ok());
  });
  CheckReport report = Check(/*repair=*/true);
  EXPECT_EQ(report.problems.size(), 2u) << Lines(report.problems);
  EXPECT_TRUE(report.clean()) << Lines(report.remaining);
  const ArticleHead head = archive_->Head(kUrl).value_or(ArticleHead{});
  EXPECT_EQ(head.content_version, 4);
  EXPECT_EQ(head.last_counters.views, 3);
}

TEST_F(CheckTest, DamageToPrimaryRecordsIsReportedNotRepaired) {
  const std::string other_id = ArticleId(kOther);
  std::string blob_hash;
  Damage([&](leveldb::DB& db) {
    // Version 2 vanishes; version 4's content no longer hashes to its hash; a blob is lost.
    ASSERT_TRUE(db.Delete({}, VersionKey(id_, 2)).ok());
    Result<Version> v4 = DecodeVersion(Get(db, VersionKey(id_, 4)));
    ASSERT_TRUE(v4.ok());
    v4->article.body += " (tampered)";
    ASSERT_TRUE(db.Put({}, VersionKey(id_, 4), EncodeVersion(*v4)).ok());
    Result<Version> other = DecodeVersion(Get(db, VersionKey(other_id, 1)));
    ASSERT_TRUE(other.ok());
    blob_hash = other->raw_hash;
    // The other article's head loses an observation's worth of count, and a stray observation
    // of an article without a head appears; a key outside the layout too.
    Result<ArticleHead> head = DecodeHead(Get(db, HeadKey(other_id)));
    ASSERT_TRUE(head.ok());
    head->observation_count = 2;
    ASSERT_TRUE(db.Put({}, HeadKey(other_id), EncodeHead(*head)).ok());
    ASSERT_TRUE(db.Put({}, ObservationKey(ArticleId("https://ghost/"), 5, 0), "\x01").ok());
    ASSERT_TRUE(db.Put({}, "zzz", "?").ok());
  });
  // The blob shared by both articles (the first one written) is damaged: its segment is cut
  // short, and the other blob's reference names bytes that are not an entry.
  std::string other_hash;
  Damage([&](leveldb::DB& db) {
    Result<Version> v4 = DecodeVersion(Get(db, VersionKey(id_, 4)));
    ASSERT_TRUE(v4.ok());
    other_hash = v4->raw_hash;
    ASSERT_NE(other_hash, blob_hash);
    Result<SegmentRef> ref = DecodeBlobRef(Get(db, BlobKey(other_hash)));
    ASSERT_TRUE(ref.ok()) << ref.status().ToString();
    ref->offset += 1;
    ASSERT_TRUE(db.Put({}, BlobKey(other_hash), EncodeBlobRef(*ref)).ok());
  });
  const std::string segment = std::string(kDir) + "/segments/000001.seg";
  archive_.reset();
  {
    std::string bytes;
    ASSERT_TRUE(leveldb::ReadFileToString(env_.get(), segment, &bytes).ok());
    ASSERT_TRUE(leveldb::WriteStringToFile(env_.get(), bytes.substr(0, 10), segment).ok());
  }
  Reopen();
  const CheckReport report = Check(/*repair=*/true);
  const std::string lines = Lines(report.problems);
  auto has = [&](const std::string& text) {
    EXPECT_NE(lines.find(text), std::string::npos) << "missing: " << text << "\nin:\n" << lines;
  };
  has("ver/" + id_ + "/2: missing (" + kUrl + ") (the next is 3)");
  has("ver/" + id_ + "/4: its content does not hash to its content hash (" + kUrl + ")");
  has("[repairable] idx/time/1700000000001/" + id_ + "/2: names ver/" + id_ +
      "/2, which does not exist");
  has("blob/" + blob_hash + ": segment " + segment + " at 0: the segment ends before the entry");
  has("blob/" + other_hash + ": segment " + segment + " at ");
  has("art/" + other_id + ": counts 2 observations, found 1 (" + kOther + ")");
  has("obs/" + ArticleId("https://ghost/") + "/5.0: observations of article " +
      ArticleId("https://ghost/") + ", which has no head");
  has("zzz: not a key of this archive's layout (schema 3)");
  EXPECT_TRUE(report.repaired);
  EXPECT_FALSE(report.clean());
  // What the repair could not fix is still reported; what it could (the stale time entry) is gone.
  const std::string remaining = Lines(report.remaining);
  EXPECT_NE(remaining.find("ver/" + id_ + "/2: missing"), std::string::npos) << remaining;
  EXPECT_EQ(remaining.find("[repairable]"), std::string::npos) << remaining;
}

TEST_F(CheckTest, UndecodableHeadIsReported) {
  Damage([&](leveldb::DB& db) { ASSERT_TRUE(db.Put({}, HeadKey(id_), "\x01\x7f").ok()); });
  const CheckReport report = Check();
  ASSERT_FALSE(report.problems.empty());
  EXPECT_EQ(report.problems[0].key, "art/" + id_);
  EXPECT_EQ(report.problems[0].message,
            "head record: field 'url': length runs past the end of the record");
  EXPECT_FALSE(report.problems[0].repairable);
}

TEST_F(CheckTest, ProblemsAreCapped) {
  Damage([&](leveldb::DB& db) {
    for (int i = 0; i < static_cast<int>(kMaxCheckProblems) + 10; ++i) {
      ASSERT_TRUE(db.Put({}, "junk/" + std::to_string(i), "").ok());
    }
  });
  const CheckReport report = Check();
  EXPECT_EQ(report.problems.size(), kMaxCheckProblems);
  EXPECT_TRUE(report.truncated);
}

}  // namespace
}  // namespace strata::storage
