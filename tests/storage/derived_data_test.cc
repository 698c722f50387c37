// RebuildDerived: recomputing the indexes, counter series and derived head fields gives exactly
// what Record() wrote along the way.
#include "storage/derived_data.h"

#include <gtest/gtest.h>
#include <leveldb/iterator.h>
#include <leveldb/write_batch.h>

#include <map>
#include <string>

#include "storage/keys.h"
#include "tests/storage/archive_test_util.h"

namespace strata::storage {
namespace {

using testing::FailedPage;
using testing::MakeArticle;
using testing::OpenRawDb;
using testing::Page;

constexpr UnixMillis kT0 = 1'700'000'000'000;

class DerivedDataTest : public testing::MemArchiveTest {
 protected:
  // Every key and value of the database, with the archive closed.
  std::map<std::string, std::string> Dump() {
    archive_.reset();
    std::map<std::string, std::string> all;
    auto db = OpenRawDb(kDir, env_.get());
    std::unique_ptr<leveldb::Iterator> it(db->NewIterator({}));
    for (it->SeekToFirst(); it->Valid(); it->Next())
      all[it->key().ToString()] = it->value().ToString();
    it.reset();
    db.reset();
    Reopen();
    return all;
  }
};

TEST_F(DerivedDataTest, RebuildReproducesWhatRecordWrote) {
  for (int article = 0; article < 5; ++article) {
    const std::string url =
        "https://site" + std::to_string(article % 2) + ".example/" + std::to_string(article);
    for (int fetch = 0; fetch < 6; ++fetch) {
      const UnixMillis at = kT0 + fetch * 1000 + article;
      if (fetch == 3 && article % 2 == 0) {
        Rec(Page(url, at, 404));
        continue;
      }
      if (fetch == 4) {
        Rec(FailedPage(url, at, FetchOutcome::kTimeout, "slow"));
        continue;
      }
      Article a = MakeArticle(url, "T", "body " + std::to_string(fetch / 2));
      a.author = fetch < 2 ? "Alice" : "Bob";
      if (fetch % 2 == 0) a.counters.views = fetch * 10;
      Rec(Page(url, at, 200, a.body), &a);
    }
  }
  const std::map<std::string, std::string> before = Dump();

  // Wipe the derived data (and damage a head's derived fields), then rebuild it.
  archive_.reset();
  {
    auto db = OpenRawDb(kDir, env_.get());
    leveldb::WriteBatch wipe;
    for (const auto& [key, value] : before) {
      if (key.starts_with(kIndexPrefix) || key.starts_with(kCounterPrefix)) wipe.Delete(key);
    }
    wipe.Put("idx/site/stale", "");
    ASSERT_TRUE(db->Write({}, &wipe).ok());
    ASSERT_TRUE(RebuildDerived(*db).ok());
  }
  Reopen();
  EXPECT_EQ(Dump(), before);
}

TEST(SawContentTest, OnlyFetchesThatSawTheArticle) {
  EXPECT_TRUE(SawContent(RecordKind::kNew));
  EXPECT_TRUE(SawContent(RecordKind::kChanged));
  EXPECT_TRUE(SawContent(RecordKind::kUnchanged));
  EXPECT_FALSE(SawContent(RecordKind::kNotModified));
  EXPECT_FALSE(SawContent(RecordKind::kGone));
  EXPECT_FALSE(SawContent(RecordKind::kFailed));
}

}  // namespace
}  // namespace strata::storage
