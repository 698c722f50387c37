// Record() and RecordMany(): body hashes and skipped extraction, batches, the change analysis
// stored with each version, counter samples and index entries written with the records. (The
// classic cases -- new, unchanged, changed, 304, gone, failed -- are in leveldb_archive_test.cc.)
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <thread>
#include <vector>

#include "storage/archive.h"
#include "storage/keys.h"
#include "storage/sha256.h"
#include "tests/storage/archive_test_util.h"

namespace strata::storage {
namespace {

using testing::FailedPage;
using testing::MakeArticle;
using testing::Page;

constexpr UnixMillis kT0 = 1'700'000'000'000;
constexpr int64_t kHour = 3'600'000;
const std::string kUrl = "https://example.com/posts/1";

class RecordTest : public testing::MemArchiveTest {
 protected:
  // Records a fetch whose extraction the caller skipped.
  Result<RecordResult> RecordSameBody(const FetchedPage& page) {
    FetchRecord record{page.url, &page, nullptr};
    record.body_unchanged = true;
    return archive_->Record(record);
  }
  ArticleHead HeadOf(const std::string& url) { return archive_->Head(url).value_or(ArticleHead{}); }
  // Archives kUrl (title "T"), unless `archive` is false, then reads its head with its title
  // changed to `mark`: what a later record writes as the title tells which head it built on.
  HeadSnapshot ReadMarked(const std::string& mark, bool archive = true) {
    if (archive) {
      const Article article = MakeArticle(kUrl, "T", "B");
      Rec(Page(kUrl, kT0, 200, "x"), &article);
    }
    Result<HeadSnapshot> snapshot = archive_->SnapshotHead(kUrl);
    EXPECT_TRUE(snapshot.ok()) << snapshot.status().ToString();
    EXPECT_TRUE(snapshot.ok() && snapshot->head.has_value());
    if (!snapshot.ok() || !snapshot->head) return HeadSnapshot{};
    snapshot->head->title = mark;
    return std::move(*snapshot);
  }
  // Records a fetch of `page.url` with `known` as the head read before it, through
  // RecordPrepared: prepared by Prepare, or (`prepare` false) by RecordPrepared itself.
  Result<RecordResult> RecordKnowing(const HeadSnapshot& known, const FetchedPage& page,
                                     const Article* article = nullptr, bool prepare = true) {
    FetchRecord record{page.url, &page, article};
    record.known_head = &known;
    PreparedFetch fetch{record, nullptr};
    if (prepare) {
      Result<PreparedFetch> prepared = archive_->Prepare(record);
      if (!prepared.ok()) return prepared.status();
      fetch = std::move(*prepared);
    }
    return std::move(archive_->RecordPrepared({fetch})[0]);
  }
  CheckReport CheckArchive() {
    Result<CheckReport> report = archive_->Check({});
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return report.value_or(CheckReport{});
  }
};

ListQuery ByAuthor(const std::string& author) {
  ListQuery query;
  query.author = author;
  return query;
}
ListQuery BySite(const std::string& site) {
  ListQuery query;
  query.site = site;
  return query;
}
ListQuery ChangedSince(UnixMillis since) {
  ListQuery query;
  query.changed_since = since;
  return query;
}

std::string Describe(const CheckReport& report) {
  std::string out;
  for (const CheckProblem& p : report.problems) out += p.key + ": " + p.message + "\n";
  return out;
}

TEST(BodyHashTest, IsTheSha256OfTheBytes) {
  EXPECT_EQ(BodyHash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(BodyHash(""), Sha256Hex(""));
  EXPECT_NE(BodyHash("<html>a</html>"), BodyHash("<html>b</html>"));
}

TEST_F(RecordTest, HeadKeepsTheBodyHashOfTheLastFetchWithContent) {
  Article article = MakeArticle(kUrl, "T", "B");
  article.counters.views = 10;
  Rec(Page(kUrl, kT0, 200, "<html>one</html>"), &article);
  EXPECT_EQ(HeadOf(kUrl).last_body_hash, BodyHash("<html>one</html>"));
  EXPECT_EQ(HeadOf(kUrl).last_counters.views, 10);
  EXPECT_EQ(HeadOf(kUrl).content_version, 1);

  // Same content, other bytes: unchanged, but the hash follows the bytes.
  Rec(Page(kUrl, kT0 + 1, 200, "<html>one, with an ad</html>"), &article);
  EXPECT_EQ(HeadOf(kUrl).last_body_hash, BodyHash("<html>one, with an ad</html>"));
  // Failures, 304s and empty extractions leave it alone.
  Rec(Page(kUrl, kT0 + 2, 304));
  Rec(Page(kUrl, kT0 + 3, 503, "busy"));
  Rec(Page(kUrl, kT0 + 4, 200, "%PDF"));
  Rec(FailedPage(kUrl, kT0 + 5, FetchOutcome::kTimeout, "slow"));
  EXPECT_EQ(HeadOf(kUrl).last_body_hash, BodyHash("<html>one, with an ad</html>"));
  // A tombstone clears it: a return must be extracted, because it makes a version.
  Rec(Page(kUrl, kT0 + 6, 404));
  EXPECT_EQ(HeadOf(kUrl).last_body_hash, "");
  EXPECT_EQ(HeadOf(kUrl).content_version, 1);
  EXPECT_EQ(HeadOf(kUrl).latest_version, 2);
}

TEST_F(RecordTest, BodyUnchangedIsAnObservationCarryingTheLastCounters) {
  Article article = MakeArticle(kUrl, "T", "B");
  article.counters.views = 100;
  article.counters.likes = 3;
  FetchedPage first = Page(kUrl, kT0, 200, "<html>same</html>");
  first.response_headers.push_back({"ETag", "\"v1\""});
  Rec(first, &article);
  Rec(Page(kUrl, kT0 + 1, 503, "busy"));  // an observation without counters in between

  FetchedPage again = Page(kUrl, kT0 + kHour, 200, "<html>same</html>");
  again.response_headers.push_back({"ETag", "\"v1b\""});
  Result<RecordResult> result = RecordSameBody(again);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->kind, RecordKind::kUnchanged);
  EXPECT_EQ(result->version, 1);

  const ArticleHead head = HeadOf(kUrl);
  EXPECT_EQ(head.last_seen, kT0 + kHour);
  EXPECT_EQ(head.last_fetched, kT0 + kHour);
  EXPECT_EQ(head.first_seen, kT0);
  EXPECT_EQ(head.last_changed, kT0);
  EXPECT_EQ(head.etag, "\"v1b\"");
  EXPECT_EQ(head.last_error, "");
  EXPECT_EQ(head.observation_count, 3);
  const std::vector<Observation> observations = archive_->Observations(kUrl).value_or({});
  ASSERT_EQ(observations.size(), 3u);
  EXPECT_EQ(observations[2].kind, RecordKind::kUnchanged);
  EXPECT_EQ(observations[2].counters, article.counters);
  EXPECT_EQ(observations[2].version, 1);
  const std::vector<CounterSample> series = archive_->CounterSeries(kUrl).value_or({});
  ASSERT_EQ(series.size(), 2u);
  EXPECT_EQ(series[1].at, kT0 + kHour);
  EXPECT_EQ(series[1].counters.views, 100);

  Result<ArchiveStats> stats = archive_->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->versions, 1);
  EXPECT_EQ(stats->blobs, 1) << "no blob for a skipped body";
  EXPECT_TRUE(CheckArchive().clean()) << Describe(CheckArchive());
}

TEST_F(RecordTest, BodyUnchangedThatNoLongerHoldsIsRefusedAndWritesNothing) {
  const Article article = MakeArticle(kUrl, "T", "B");
  // Nothing archived yet.
  EXPECT_EQ(RecordSameBody(Page(kUrl, kT0, 200, "x")).status().code(),
            Status::Code::kFailedPrecondition);
  EXPECT_TRUE(archive_->Head(kUrl).status().IsNotFound());

  Rec(Page(kUrl, kT0, 200, "<html>one</html>"), &article);
  const Status other = RecordSameBody(Page(kUrl, kT0 + 1, 200, "<html>two</html>")).status();
  EXPECT_EQ(other.code(), Status::Code::kFailedPrecondition);
  EXPECT_EQ(other.message(), "record " + kUrl +
                                 ": body_unchanged, but the body is not the last one archived (it "
                                 "hashes to " +
                                 BodyHash("<html>two</html>").substr(0, 12) + ", the archive has " +
                                 BodyHash("<html>one</html>").substr(0, 12) +
                                 "): extract it and record again");
  EXPECT_EQ(HeadOf(kUrl).observation_count, 1);

  // Gone: even the same bytes must be extracted again.
  Rec(Page(kUrl, kT0 + 2, 410));
  EXPECT_EQ(RecordSameBody(Page(kUrl, kT0 + 3, 200, "<html>one</html>")).status().code(),
            Status::Code::kFailedPrecondition);
  EXPECT_EQ(HeadOf(kUrl).observation_count, 2);

  // body_unchanged with an article is a caller's contradiction.
  const FetchedPage page = Page(kUrl, kT0 + 4, 200, "<html>one</html>");
  FetchRecord both{kUrl, &page, &article};
  both.body_unchanged = true;
  EXPECT_TRUE(archive_->Record(both).status().IsInvalidArgument());
}

TEST_F(RecordTest, BodyUnchangedOnAFailedFetchIsRecordedAsTheFailure) {
  const Article article = MakeArticle(kUrl, "T", "B");
  Rec(Page(kUrl, kT0, 200, "<html>one</html>"), &article);
  const FetchedPage failed = FailedPage(kUrl, kT0 + 1, FetchOutcome::kTimeout, "slow");
  Result<RecordResult> result = RecordSameBody(failed);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->kind, RecordKind::kFailed);
  Result<RecordResult> gone = RecordSameBody(Page(kUrl, kT0 + 2, 404));
  ASSERT_TRUE(gone.ok());
  EXPECT_EQ(gone->kind, RecordKind::kGone);
}

TEST_F(RecordTest, RecordManyWritesEachRecordAsRecordWould) {
  const std::string a = "https://example.com/a";
  const std::string b = "https://example.org/b";
  const Article a1 = MakeArticle(a, "A", "one");
  Article a2 = MakeArticle(a, "A", "one\ntwo");
  a2.counters.views = 5;
  const Article b1 = MakeArticle(b, "B", "bee");
  const FetchedPage pa1 = Page(a, kT0, 200, "a1");
  const FetchedPage pb1 = Page(b, kT0, 200, "b1");
  const FetchedPage pa2 = Page(a, kT0 + 1, 200, "a2");
  const FetchedPage pa3 = Page(a, kT0 + 2, 200, "a2");
  const FetchedPage bad = Page("", kT0, 200, "x");
  KvBatch done_a;
  done_a.Put("frontier/done/a", "1");
  KvBatch done_bad;
  done_bad.Put("frontier/done/bad", "1");

  std::vector<FetchRecord> records = {{a, &pa1, &a1, &done_a},
                                      {b, &pb1, &b1},
                                      {"", &bad, &a1, &done_bad},
                                      {a, &pa2, &a2},
                                      {a, &pa3, nullptr}};
  records[4].body_unchanged = true;  // sees the head written by the record before it
  const std::vector<Result<RecordResult>> results = archive_->RecordMany(records);
  ASSERT_EQ(results.size(), 5u);
  ASSERT_TRUE(results[0].ok());
  EXPECT_EQ(results[0]->kind, RecordKind::kNew);
  EXPECT_EQ(results[1]->kind, RecordKind::kNew);
  EXPECT_TRUE(results[2].status().IsInvalidArgument());
  ASSERT_TRUE(results[3].ok());
  EXPECT_EQ(results[3]->kind, RecordKind::kChanged);
  EXPECT_EQ(results[3]->version, 2);
  ASSERT_TRUE(results[4].ok()) << results[4].status().ToString();
  EXPECT_EQ(results[4]->kind, RecordKind::kUnchanged);

  Result<Version> v2 = archive_->GetVersion(a, 2);
  ASSERT_TRUE(v2.ok());
  EXPECT_EQ(v2->change.compared_to, 1) << "compared with version 1 of the same batch";
  EXPECT_EQ(v2->change.blocks_added, 1);
  EXPECT_EQ(HeadOf(a).observation_count, 3);
  EXPECT_EQ(archive_->CounterSeries(a).value_or({}).size(), 2u);
  EXPECT_EQ(archive_->State().Get("frontier/done/a").value_or(std::nullopt), "1");
  EXPECT_FALSE(archive_->State().Get("frontier/done/bad").value_or("x").has_value())
      << "a refused record's `also` is not written";
  EXPECT_TRUE(CheckArchive().clean()) << Describe(CheckArchive());
  EXPECT_TRUE(archive_->RecordMany({}).empty());
}

TEST_F(RecordTest, PreparedOnWorkersRecordedByOneWriter) {
  // Workers prepare (hash, compress, summarise) in parallel; one writer records the batch.
  constexpr int kPages = 16;
  std::vector<Article> articles;
  std::vector<FetchedPage> pages;
  for (int i = 0; i < kPages; ++i) {
    const std::string url = "https://example.com/p/" + std::to_string(i);
    articles.push_back(MakeArticle(url, "T", "body " + std::to_string(i)));
    pages.push_back(Page(url, kT0, 200, "<p>body " + std::to_string(i) + "</p>"));
  }
  std::vector<PreparedFetch> prepared(kPages);
  std::vector<std::thread> workers;
  for (int t = 0; t < 4; ++t) {
    workers.emplace_back([&, t] {
      for (int i = t; i < kPages; i += 4) {
        Result<PreparedFetch> p = archive_->Prepare({pages[i].url, &pages[i], &articles[i]});
        ASSERT_TRUE(p.ok()) << p.status().ToString();
        prepared[i] = std::move(*p);
      }
    });
  }
  for (std::thread& worker : workers) worker.join();
  const std::vector<Result<RecordResult>> results = archive_->RecordPrepared(prepared);
  ASSERT_EQ(results.size(), static_cast<size_t>(kPages));
  for (const Result<RecordResult>& r : results) {
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->kind, RecordKind::kNew);
  }
  EXPECT_EQ(archive_->Stats().value_or(ArchiveStats{}).versions, kPages);
  EXPECT_TRUE(archive_->Prepare({"", &pages[0], nullptr}).status().IsInvalidArgument());
  EXPECT_TRUE(CheckArchive().clean()) << Describe(CheckArchive());
}

TEST_F(RecordTest, APreparedFetchOvertakenByAnotherIsRecordedAgainstTheNewHead) {
  const Article v1 = MakeArticle(kUrl, "T", "one");
  const Article v2 = MakeArticle(kUrl, "T", "one\ntwo");
  const Article v3 = MakeArticle(kUrl, "T", "one\ntwo\nthree");
  Rec(Page(kUrl, kT0, 200, "1"), &v1);
  // Prepared against version 1...
  const FetchedPage third = Page(kUrl, kT0 + 2, 200, "3");
  Result<PreparedFetch> prepared = archive_->Prepare({kUrl, &third, &v3});
  ASSERT_TRUE(prepared.ok());
  // ...but version 2 lands first.
  Rec(Page(kUrl, kT0 + 1, 200, "2"), &v2);
  const std::vector<Result<RecordResult>> results = archive_->RecordPrepared({*prepared});
  ASSERT_TRUE(results[0].ok()) << results[0].status().ToString();
  EXPECT_EQ(results[0]->version, 3);
  const Version stored = archive_->GetVersion(kUrl, 3).value_or(Version{});
  EXPECT_EQ(stored.change.compared_to, 2);
  EXPECT_EQ(stored.change.lines_added, 1) << "against version 2, not version 1";
  EXPECT_EQ(stored.change.blocks_added, 1);
  EXPECT_EQ(stored.article.body, v3.body);

  // And a body prepared as unchanged, overtaken by a change, is refused rather than misfiled.
  const FetchedPage same = Page(kUrl, kT0 + 3, 200, "3");
  FetchRecord skip{kUrl, &same, nullptr};
  skip.body_unchanged = true;
  Result<PreparedFetch> skipped = archive_->Prepare(skip);
  ASSERT_TRUE(skipped.ok());
  const Article v4 = MakeArticle(kUrl, "T", "four");
  Rec(Page(kUrl, kT0 + 4, 200, "4"), &v4);
  EXPECT_EQ(archive_->RecordPrepared({*skipped})[0].status().code(),
            Status::Code::kFailedPrecondition);
}

// A head read before the fetch (for the conditional request) saves the writer its read, but only
// while no write has touched the article since.
TEST_F(RecordTest, AKnownHeadIsUsedWhileNothingWroteTheArticleSince) {
  const HeadSnapshot snapshot = ReadMarked("as read before the fetch");
  EXPECT_EQ(snapshot.head->observation_count, 1);
  // Writes to other articles leave it current.
  const Article other = MakeArticle("https://example.com/posts/2", "Other", "B");
  Rec(Page("https://example.com/posts/2", kT0 + 1, 200, "y"), &other);

  const Result<RecordResult> result = RecordKnowing(snapshot, Page(kUrl, kT0 + kHour, 304));
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->kind, RecordKind::kNotModified);
  EXPECT_EQ(HeadOf(kUrl).title, "as read before the fetch");  // a 304 carries it forward
  EXPECT_EQ(HeadOf(kUrl).observation_count, 2);
}

TEST_F(RecordTest, AKnownHeadOvertakenByAWriteIsReadAgain) {
  const HeadSnapshot snapshot = ReadMarked("stale");
  // Another fetch of the same article lands between the read and the record.
  Rec(Page(kUrl, kT0 + 1, 304));

  const Result<RecordResult> result =
      RecordKnowing(snapshot, Page(kUrl, kT0 + kHour, 304), nullptr, /*prepare=*/false);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  const ArticleHead head = HeadOf(kUrl);
  EXPECT_EQ(head.title, "T");
  EXPECT_EQ(head.observation_count, 3) << "built on the head as the second fetch left it";
  EXPECT_EQ(archive_->Observations(kUrl).value_or({}).size(), 3u);
  EXPECT_TRUE(CheckArchive().clean()) << Describe(CheckArchive());

  // A snapshot saying "never archived", overtaken by the first record: not a second version 1.
  const std::string fresh = "https://example.com/posts/3";
  Result<HeadSnapshot> none = archive_->SnapshotHead(fresh);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->head.has_value());
  const Article article = MakeArticle(fresh, "T", "B");
  Rec(Page(fresh, kT0, 200, "z"), &article);
  const FetchedPage again = Page(fresh, kT0 + 1, 200, "z");
  const Article same = MakeArticle(fresh, "T", "B");
  const Result<RecordResult> late = RecordKnowing(*none, again, &same);
  ASSERT_TRUE(late.ok()) << late.status().ToString();
  EXPECT_EQ(late->kind, RecordKind::kUnchanged);
  EXPECT_EQ(late->version, 1);

  // A snapshot of another URL is not taken for this one's.
  Result<HeadSnapshot> elsewhere = archive_->SnapshotHead(kUrl);
  ASSERT_TRUE(elsewhere.ok());
  ASSERT_TRUE(RecordKnowing(*elsewhere, again, &same).ok());
  EXPECT_EQ(HeadOf(fresh).url, fresh);
  EXPECT_EQ(HeadOf(fresh).observation_count, 3);
}

TEST_F(RecordTest, AKnownHeadIsReadAgainAfterARepair) {
  const Article article = MakeArticle(kUrl, "T", "B");
  Rec(Page(kUrl, kT0, 200, "x"), &article);
  // Damage a repair rewrites: the site index entry goes missing (deleted while closed).
  const std::string index_key = SiteIndexKey(HeadOf(kUrl).site, ArticleId(kUrl));
  archive_.reset();
  {
    auto db = testing::OpenRawDb(kDir, env_.get());
    std::string value;
    ASSERT_TRUE(db->Get({}, index_key, &value).ok());
    ASSERT_TRUE(db->Delete({}, index_key).ok());
  }
  Reopen();
  const HeadSnapshot snapshot = ReadMarked("stale", /*archive=*/false);
  CheckOptions repair;
  repair.repair = true;
  Result<CheckReport> report = archive_->Check(repair);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->repaired);

  ASSERT_TRUE(RecordKnowing(snapshot, Page(kUrl, kT0 + kHour, 304), nullptr, false).ok());
  EXPECT_EQ(HeadOf(kUrl).title, "T");
}

TEST_F(RecordTest, KnownHeadsReadWhileOthersRecordStayConsistent) {
  // Threads each read a head, then record a fetch of the same few URLs with it, while the
  // others record theirs: every record must build on the head the one before it left.
  constexpr int kThreads = 4;
  constexpr int kRounds = 60;
  const std::vector<std::string> urls = {kUrl, "https://example.com/posts/2",
                                         "https://example.com/posts/3"};
  for (const std::string& url : urls) {
    const Article article = MakeArticle(url, "T", "B");
    Rec(Page(url, kT0, 200, "x"), &article);
  }
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRounds; ++i) {
        const std::string& url = urls[(t + i) % urls.size()];
        Result<HeadSnapshot> snapshot = archive_->SnapshotHead(url);
        ASSERT_TRUE(snapshot.ok()) << snapshot.status().ToString();
        const Result<RecordResult> result =
            RecordKnowing(*snapshot, Page(url, kT0 + 1 + t * kRounds + i, 304));
        ASSERT_TRUE(result.ok()) << result.status().ToString();
        EXPECT_EQ(result->kind, RecordKind::kNotModified);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  int64_t observations = 0;
  for (const std::string& url : urls) {
    const ArticleHead head = HeadOf(url);
    EXPECT_EQ(head.observation_count,
              static_cast<int64_t>(archive_->Observations(url).value_or({}).size()));
    observations += head.observation_count;
  }
  EXPECT_EQ(observations, static_cast<int64_t>(urls.size()) + kThreads * kRounds);
  EXPECT_TRUE(CheckArchive().clean()) << Describe(CheckArchive());
}

TEST_F(RecordTest, AnUnpreparedFetchIsPreparedByRecordPrepared) {
  const Article article = MakeArticle(kUrl, "T", "B");
  const FetchedPage page = Page(kUrl, kT0, 200, "x");
  PreparedFetch bare;
  bare.record = {kUrl, &page, &article};
  const std::vector<Result<RecordResult>> results = archive_->RecordPrepared({bare});
  ASSERT_TRUE(results[0].ok());
  EXPECT_EQ(results[0]->kind, RecordKind::kNew);
  PreparedFetch invalid;
  invalid.record = {"", &page, &article};
  EXPECT_TRUE(archive_->RecordPrepared({invalid})[0].status().IsInvalidArgument());
}

TEST_F(RecordTest, RecordManyOfOneBlobTwiceStoresItOnce) {
  const std::string a = "https://example.com/a";
  const std::string b = "https://example.com/b";
  const Article aa = MakeArticle(a, "A", "x");
  const Article bb = MakeArticle(b, "B", "y");
  const FetchedPage pa = Page(a, kT0, 200, "shared bytes");
  const FetchedPage pb = Page(b, kT0, 200, "shared bytes");
  const std::vector<Result<RecordResult>> results =
      archive_->RecordMany({{a, &pa, &aa}, {b, &pb, &bb}});
  ASSERT_TRUE(results[0].ok() && results[1].ok());
  EXPECT_EQ(archive_->Stats().value_or(ArchiveStats{}).blobs, 1);
}

TEST_F(RecordTest, VersionsCarryTheChangeAnalysis) {
  const Article v1 = MakeArticle(kUrl, "Title", "First paragraph here.\nSecond paragraph here.");
  Article v2 = v1;
  v2.body = "First paragraph here.\nSecond paragraph here.\nUpdate\nA whole new section.";
  Article v3 = v2;
  v3.body = "First paragraph hree.\nSecond paragraph here.\nUpdate\nA whole new section.";
  Rec(Page(kUrl, kT0, 200, "1"), &v1);
  Rec(Page(kUrl, kT0 + 1, 200, "2"), &v2);
  Rec(Page(kUrl, kT0 + 2, 200, "3"), &v3);
  const std::vector<Version> versions = archive_->VersionSummaries(kUrl).value_or({});
  ASSERT_EQ(versions.size(), 3u);
  EXPECT_EQ(versions[0].change.edit_class, EditClass::kNone);
  EXPECT_EQ(versions[1].change.edit_class, EditClass::kSectionAdded);
  EXPECT_EQ(versions[1].change.blocks_added, 2);
  EXPECT_GT(versions[1].change.chars_added, 20);
  EXPECT_EQ(versions[1].change.lines_added, 2);
  EXPECT_EQ(versions[2].change.edit_class, EditClass::kTypo);
  EXPECT_EQ(versions[2].change.blocks_changed, 1);
  EXPECT_EQ(versions[2].change.fields, std::vector<std::string>{"body"});
}

TEST_F(RecordTest, IndexEntriesFollowTheHead) {
  Article article = MakeArticle(kUrl, "T", "B");
  article.site = "www.Example.com";
  Rec(Page(kUrl, kT0, 200, "1"), &article);
  const std::string id = ArticleId(kUrl);
  auto list = [&](ListQuery query) {
    std::vector<std::string> urls;
    for (const ArticleHead& h : archive_->List(query).value_or({})) urls.push_back(h.url);
    return urls;
  };
  EXPECT_EQ(list(ByAuthor("alice")), std::vector<std::string>{kUrl});
  EXPECT_EQ(list(BySite("example.com")), std::vector<std::string>{kUrl});

  // The author changes: the old entry goes, in the same batch as the head.
  article.author = "Bob  Builder";
  article.body = "B2";
  Rec(Page(kUrl, kT0 + 1, 200, "2"), &article);
  EXPECT_TRUE(list(ByAuthor("alice")).empty());
  EXPECT_EQ(list(ByAuthor("bob builder")), std::vector<std::string>{kUrl});
  EXPECT_EQ(list(ChangedSince(kT0 + 1)), std::vector<std::string>{kUrl});
  EXPECT_TRUE(list(ChangedSince(kT0 + 2)).empty());
  EXPECT_TRUE(CheckArchive().clean()) << Describe(CheckArchive());
  const ArchiveStats stats = archive_->Stats().value_or(ArchiveStats{});
  EXPECT_EQ(stats.index_entries, 4) << "site, author, and one time entry per version";
}

// Bytes in the archive's files (log and tables) on the in-memory Env: what was written so far.
int64_t ArchiveBytes(leveldb::Env* env, const std::string& dir) {
  std::vector<std::string> children;
  EXPECT_TRUE(env->GetChildren(dir, &children).ok());
  int64_t total = 0;
  for (const std::string& child : children) {
    uint64_t size = 0;
    if (env->GetFileSize(dir + "/" + child, &size).ok()) total += static_cast<int64_t>(size);
  }
  return total;
}

TEST_F(RecordTest, AnUnchangedRecrawlGrowsTheArchiveByUnderFivePercent) {
  // 150 pages shaped like the benchmark's (bench/README.md): about 40 KB of HTML around a 6 KB
  // article, of varied words so that compression is realistic (about 3x); each with a counter.
  // A re-fetch costs the head rewritten and an observation (about 400 bytes in the log).
  constexpr int kArticles = 150;
  std::vector<Article> articles;
  std::vector<FetchedPage> pages;
  uint64_t seed = 42;
  const auto word = [&seed] {
    static const char* const kWords[] = {"archive", "crawler", "version", "diff",    "page",
                                         "article", "storage", "index",   "counter", "body",
                                         "the",     "of",      "and",     "a",       "to"};
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return std::string(kWords[(seed >> 33) % 15]) + std::to_string((seed >> 40) % 1000);
  };
  for (int i = 0; i < kArticles; ++i) {
    const std::string url = "https://example.com/p/" + std::to_string(i);
    std::string body;
    while (body.size() < 6000) body += word() + (body.size() % 300 < 8 ? "\n" : " ");
    std::string boilerplate;
    while (boilerplate.size() < 34000)
      boilerplate += "<a href=\"/" + word() + "\">" + word() + "</a> ";
    Article article = MakeArticle(url, "Title " + std::to_string(i), body);
    article.counters.views = i;
    pages.push_back(
        Page(url, kT0 + i, 200,
             "<html><body><nav>" + boilerplate + "</nav><p>" + body + "</p></body></html>"));
    articles.push_back(std::move(article));
  }
  const auto crawl = [&](int64_t offset, bool same_body) {
    for (int i = 0; i < kArticles; ++i) {
      FetchedPage page = pages[i];
      page.fetched_at_ms += offset;
      FetchRecord record{page.url, &page, same_body ? nullptr : &articles[i]};
      record.body_unchanged = same_body;
      ASSERT_TRUE(archive_->Record(record).ok());
    }
  };
  const int64_t empty = ArchiveBytes(env_.get(), kDir);
  crawl(0, false);
  const int64_t first = ArchiveBytes(env_.get(), kDir) - empty;
  crawl(kHour, false);
  const int64_t extracted = ArchiveBytes(env_.get(), kDir) - empty - first;
  crawl(2 * kHour, true);
  const int64_t skipped = ArchiveBytes(env_.get(), kDir) - empty - first - extracted;
  EXPECT_GT(first, kArticles * 4000) << "the first crawl stored the pages";
  EXPECT_LT(extracted, first / 20) << "first crawl " << first << " bytes, re-crawl " << extracted;
  EXPECT_LT(skipped, first / 20) << "first crawl " << first << " bytes, re-crawl " << skipped;
  EXPECT_EQ(archive_->Stats().value_or(ArchiveStats{}).versions, kArticles);
}

TEST_F(RecordTest, ConcurrentChangesSummariseAgainstTheRightVersion) {
  // Several threads change one article: each version's summary must compare it with the
  // version before it, although the summaries are computed outside the record lock.
  constexpr int kThreads = 4;
  constexpr int kRounds = 25;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRounds; ++i) {
        const std::string body = "line " + std::to_string(t) + "/" + std::to_string(i);
        const Article article = MakeArticle(kUrl, "T", body);
        const FetchedPage page = Page(kUrl, kT0 + i, 200, body);
        ASSERT_TRUE(archive_->Record({kUrl, &page, &article}).ok());
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  const std::vector<Version> versions = archive_->Versions(kUrl).value_or({});
  ASSERT_EQ(versions.size(), static_cast<size_t>(kThreads * kRounds));
  for (size_t n = 1; n < versions.size(); ++n) {
    EXPECT_EQ(versions[n].change.compared_to, versions[n - 1].number);
    EXPECT_EQ(versions[n].change.lines_added, 1);
    EXPECT_EQ(versions[n].change.lines_removed, 1);
  }
  EXPECT_TRUE(CheckArchive().clean()) << Describe(CheckArchive());
}

}  // namespace
}  // namespace strata::storage
