// Record() semantics and queries, on an in-memory archive (archive_test.cc covers opening).
#include "storage/leveldb_archive.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <thread>
#include <vector>

#include "storage/diff.h"
#include "storage/keys.h"
#include "storage/sha256.h"
#include "tests/storage/archive_test_util.h"

namespace strata::storage {
namespace {

using testing::FailedPage;
using testing::MakeArticle;
using testing::OpenRawDb;
using testing::Page;

constexpr UnixMillis kT0 = 1'700'000'000'000;
constexpr int64_t kHour = 3'600'000;
const std::string kUrl = "https://example.com/posts/1";

class ArchiveRecordTest : public testing::MemArchiveTest {
 protected:
  // Replaces the value under `key` while the archive is closed.
  void Plant(const std::string& key, const std::string& value) {
    archive_.reset();
    auto db = OpenRawDb(kDir, env_.get());
    ASSERT_TRUE(db->Put({}, key, value).ok());
    db.reset();
    Reopen();
  }
  ArchiveStats Stats() {
    Result<ArchiveStats> stats = archive_->Stats();
    EXPECT_TRUE(stats.ok()) << stats.status().ToString();
    return stats.value_or(ArchiveStats{});
  }
};

TEST_F(ArchiveRecordTest, NewArticleBecomesVersionOne) {
  FetchedPage page = Page(kUrl, kT0, 200, "<html>v1</html>");
  page.response_headers.push_back({"ETag", "\"e1\""});
  page.response_headers.push_back({"Last-Modified", "Tue, 14 Nov 2023 22:13:20 GMT"});
  Article article = MakeArticle(kUrl, "Hello", "Line one.\nLine two.");
  article.counters.views = 100;
  article.links = {"https://example.com/posts/2"};

  const RecordResult result = Rec(page, &article);
  EXPECT_EQ(result.kind, RecordKind::kNew);
  EXPECT_EQ(result.version, 1);

  Result<ArticleHead> head = archive_->Head(kUrl);
  ASSERT_TRUE(head.ok()) << head.status().ToString();
  EXPECT_EQ(head->url, kUrl);
  EXPECT_EQ(head->site, "example.com");
  EXPECT_EQ(head->title, "Hello");
  EXPECT_EQ(head->author, "Alice");
  EXPECT_EQ(head->latest_version, 1);
  EXPECT_EQ(head->first_seen, kT0);
  EXPECT_EQ(head->last_seen, kT0);
  EXPECT_EQ(head->last_changed, kT0);
  EXPECT_EQ(head->last_fetched, kT0);
  EXPECT_EQ(head->last_status, 200);
  EXPECT_FALSE(head->gone);
  EXPECT_EQ(head->etag, "\"e1\"");
  EXPECT_EQ(head->last_modified, "Tue, 14 Nov 2023 22:13:20 GMT");
  EXPECT_EQ(head->observation_count, 1);

  Result<std::vector<Version>> versions = archive_->Versions(kUrl);
  ASSERT_TRUE(versions.ok()) << versions.status().ToString();
  ASSERT_EQ(versions->size(), 1u);
  const Version& v1 = versions->front();
  EXPECT_EQ(v1.number, 1);
  EXPECT_EQ(v1.fetched_at, kT0);
  EXPECT_EQ(v1.http_status, 200);
  EXPECT_EQ(v1.article.title, "Hello");
  EXPECT_EQ(v1.article.body, "Line one.\nLine two.");
  EXPECT_EQ(v1.article.tags, std::vector<std::string>{"storage"});
  EXPECT_TRUE(v1.article.counters.empty()) << "counters are observations, not content";
  EXPECT_TRUE(v1.article.links.empty());
  EXPECT_TRUE(v1.change.fields.empty());
  EXPECT_EQ(v1.change.compared_to, 0);
  EXPECT_EQ(v1.raw_hash, Sha256Hex("<html>v1</html>"));
  EXPECT_EQ(head->content_hash, v1.content_hash);

  Result<RawResponse> raw = archive_->GetRaw(v1.raw_hash);
  ASSERT_TRUE(raw.ok()) << raw.status().ToString();
  EXPECT_EQ(raw->body, "<html>v1</html>");
  EXPECT_EQ(raw->http_status, 200);
  EXPECT_EQ(raw->fetched_at, kT0);
  EXPECT_EQ(raw->response_headers, page.response_headers);
  EXPECT_EQ(raw->request_headers, page.request_headers);
  EXPECT_EQ(archive_->RawBody(v1.raw_hash).value_or(""), "<html>v1</html>");

  Result<std::vector<Observation>> observations = archive_->Observations(kUrl);
  ASSERT_TRUE(observations.ok());
  ASSERT_EQ(observations->size(), 1u);
  EXPECT_EQ(observations->front().kind, RecordKind::kNew);
  EXPECT_EQ(observations->front().version, 1);
  EXPECT_EQ(observations->front().counters.views, 100);
}

TEST_F(ArchiveRecordTest, SameContentAgainIsAnObservationOnly) {
  const Article article = MakeArticle(kUrl, "Hello", "Body.");
  Rec(Page(kUrl, kT0, 200, "<html>a</html>"), &article);
  // Other bytes (an ad, a timestamp in the page), same extracted content.
  const RecordResult again = Rec(Page(kUrl, kT0 + kHour, 200, "<html>a, later</html>"), &article);
  EXPECT_EQ(again.kind, RecordKind::kUnchanged);
  EXPECT_EQ(again.version, 1);

  const ArticleHead head = archive_->Head(kUrl).value_or(ArticleHead{});
  EXPECT_EQ(head.latest_version, 1);
  EXPECT_EQ(head.last_seen, kT0 + kHour);
  EXPECT_EQ(head.last_changed, kT0);
  EXPECT_EQ(head.first_seen, kT0);
  EXPECT_EQ(archive_->Versions(kUrl).value_or({}).size(), 1u);
  const std::vector<Observation> observations = archive_->Observations(kUrl).value_or({});
  ASSERT_EQ(observations.size(), 2u);
  EXPECT_EQ(observations[1].kind, RecordKind::kUnchanged);
  EXPECT_EQ(observations[1].at, kT0 + kHour);
  EXPECT_EQ(observations[1].version, 1);
  // Only versions keep raw bytes: an unchanged re-fetch costs one observation.
  const ArchiveStats stats = Stats();
  EXPECT_EQ(stats.versions, 1);
  EXPECT_EQ(stats.blobs, 1);
  EXPECT_EQ(stats.observations, 2);
}

TEST_F(ArchiveRecordTest, CountersOnlyChangeIsAnObservationWithTheCounters) {
  Article article = MakeArticle(kUrl, "Hello", "Body.");
  article.counters.views = 100;
  article.counters.likes = 3;
  Rec(Page(kUrl, kT0, 200, "views 100"), &article);
  article.counters.views = 150;
  article.counters.likes = 4;
  article.counters.comments = 1;
  const RecordResult result = Rec(Page(kUrl, kT0 + kHour, 200, "views 150"), &article);
  EXPECT_EQ(result.kind, RecordKind::kUnchanged);
  EXPECT_EQ(result.version, 1);

  const std::vector<Observation> observations = archive_->Observations(kUrl).value_or({});
  ASSERT_EQ(observations.size(), 2u);
  EXPECT_EQ(observations[0].counters.views, 100);
  EXPECT_EQ(observations[0].counters.likes, 3);
  EXPECT_FALSE(observations[0].counters.comments.has_value());
  EXPECT_EQ(observations[1].counters.views, 150);
  EXPECT_EQ(observations[1].counters.likes, 4);
  EXPECT_EQ(observations[1].counters.comments, 1);
  EXPECT_EQ(archive_->Versions(kUrl).value_or({}).size(), 1u);
}

TEST_F(ArchiveRecordTest, ChangedContentBecomesTheNextVersionWithASummary) {
  const Article v1 = MakeArticle(kUrl, "Hello", "Para one.\nPara two.\nPara three.");
  Article v2 = v1;
  v2.title = "Hello, again";
  v2.body = "Para one.\nPara 2, rewritten.\nPara three.\nPara four.";
  Rec(Page(kUrl, kT0, 200, "one"), &v1);
  const RecordResult result = Rec(Page(kUrl, kT0 + kHour, 200, "two"), &v2);
  EXPECT_EQ(result.kind, RecordKind::kChanged);
  EXPECT_EQ(result.version, 2);

  Result<Version> stored = archive_->GetVersion(kUrl, 2);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_EQ(stored->change.fields, (std::vector<std::string>{"title", "body"}));
  EXPECT_EQ(stored->change.lines_added, 2);
  EXPECT_EQ(stored->change.lines_removed, 1);
  EXPECT_EQ(stored->change.compared_to, 1);
  EXPECT_EQ(stored->fetched_at, kT0 + kHour);
  // Version 1 is untouched, and the two diff as expected.
  Result<Version> first = archive_->GetVersion(kUrl, 1);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->article.body, v1.body);
  UnifiedDiffOptions labels;
  labels.from_label = "v1";
  labels.to_label = "v2";
  EXPECT_EQ(DiffArticles(first->article, stored->article, labels),
            "title: Hello -> Hello, again\n"
            "--- v1\n"
            "+++ v2\n"
            "@@ -1,3 +1,4 @@\n"
            " Para one.\n"
            "-Para two.\n"
            "+Para 2, rewritten.\n"
            " Para three.\n"
            "+Para four.\n");

  const ArticleHead head = archive_->Head(kUrl).value_or(ArticleHead{});
  EXPECT_EQ(head.latest_version, 2);
  EXPECT_EQ(head.title, "Hello, again");
  EXPECT_EQ(head.last_changed, kT0 + kHour);
  EXPECT_EQ(head.first_seen, kT0);
  const std::vector<Observation> observations = archive_->Observations(kUrl).value_or({});
  ASSERT_EQ(observations.size(), 2u);
  EXPECT_EQ(observations[1].kind, RecordKind::kChanged);
  EXPECT_EQ(observations[1].version, 2);
}

TEST_F(ArchiveRecordTest, NotModifiedIsAnObservationAndKeepsValidators) {
  FetchedPage page = Page(kUrl, kT0, 200, "x");
  page.response_headers.push_back({"etag", "W/\"7\""});
  const Article article = MakeArticle(kUrl, "T", "B");
  Rec(page, &article);
  const RecordResult result = Rec(Page(kUrl, kT0 + kHour, 304));
  EXPECT_EQ(result.kind, RecordKind::kNotModified);
  EXPECT_EQ(result.version, 1);
  const ArticleHead head = archive_->Head(kUrl).value_or(ArticleHead{});
  EXPECT_EQ(head.last_seen, kT0 + kHour);
  EXPECT_EQ(head.last_status, 304);
  EXPECT_EQ(head.etag, "W/\"7\"");
  EXPECT_EQ(archive_->Versions(kUrl).value_or({}).size(), 1u);
  const std::vector<Observation> observations = archive_->Observations(kUrl).value_or({});
  ASSERT_EQ(observations.size(), 2u);
  EXPECT_EQ(observations[1].kind, RecordKind::kNotModified);
  EXPECT_EQ(observations[1].http_status, 304);
}

TEST_F(ArchiveRecordTest, GoneBecomesATombstoneOnceAndAReturnIsAVersionAgain) {
  const Article article = MakeArticle(kUrl, "Hello", "Body.");
  Rec(Page(kUrl, kT0, 200, "page"), &article);

  const RecordResult gone = Rec(Page(kUrl, kT0 + kHour, 404, "Not Found"));
  EXPECT_EQ(gone.kind, RecordKind::kGone);
  EXPECT_EQ(gone.version, 2);
  Result<Version> tombstone = archive_->GetVersion(kUrl, 2);
  ASSERT_TRUE(tombstone.ok());
  EXPECT_TRUE(tombstone->gone);
  EXPECT_EQ(tombstone->http_status, 404);
  EXPECT_TRUE(tombstone->article.body.empty());
  EXPECT_EQ(archive_->RawBody(tombstone->raw_hash).value_or(""), "Not Found");
  ArticleHead head = archive_->Head(kUrl).value_or(ArticleHead{});
  EXPECT_TRUE(head.gone);
  EXPECT_EQ(head.title, "Hello") << "the head keeps what the article was";

  // Still gone (410 too): an observation, no second tombstone.
  const RecordResult again = Rec(Page(kUrl, kT0 + 2 * kHour, 410));
  EXPECT_EQ(again.kind, RecordKind::kGone);
  EXPECT_EQ(again.version, 2);
  EXPECT_EQ(archive_->Versions(kUrl).value_or({}).size(), 2u);

  // Back with the same content: a version again, compared with the last one that had content.
  const RecordResult back = Rec(Page(kUrl, kT0 + 3 * kHour, 200, "page"), &article);
  EXPECT_EQ(back.kind, RecordKind::kChanged);
  EXPECT_EQ(back.version, 3);
  Result<Version> v3 = archive_->GetVersion(kUrl, 3);
  ASSERT_TRUE(v3.ok());
  EXPECT_FALSE(v3->gone);
  EXPECT_EQ(v3->change.compared_to, 1);
  EXPECT_TRUE(v3->change.fields.empty());
  head = archive_->Head(kUrl).value_or(ArticleHead{});
  EXPECT_FALSE(head.gone);
  EXPECT_EQ(head.latest_version, 3);

  // And then unchanged as usual.
  EXPECT_EQ(Rec(Page(kUrl, kT0 + 4 * kHour, 200, "page"), &article).kind, RecordKind::kUnchanged);
  const std::vector<Observation> observations = archive_->Observations(kUrl).value_or({});
  ASSERT_EQ(observations.size(), 5u);
  EXPECT_EQ(observations[1].kind, RecordKind::kGone);
  EXPECT_EQ(observations[2].kind, RecordKind::kGone);
  EXPECT_EQ(observations[2].http_status, 410);
}

TEST_F(ArchiveRecordTest, GoneBeforeEverArchivedIsNoTombstone) {
  const RecordResult gone = Rec(Page(kUrl, kT0, 404));
  EXPECT_EQ(gone.kind, RecordKind::kGone);
  EXPECT_EQ(gone.version, 0);
  EXPECT_TRUE(archive_->Versions(kUrl).value_or({{}}).empty());
  EXPECT_TRUE(archive_->Head(kUrl).value_or(ArticleHead{}).gone);
  const Article article = MakeArticle(kUrl, "Now here", "Body.");
  EXPECT_EQ(Rec(Page(kUrl, kT0 + kHour, 200, "x"), &article).kind, RecordKind::kNew);
}

TEST_F(ArchiveRecordTest, FailuresAreRecordedWithoutVersions) {
  const RecordResult failed =
      Rec(FailedPage(kUrl, kT0, FetchOutcome::kTimeout, "total timeout after 60000 ms"));
  EXPECT_EQ(failed.kind, RecordKind::kFailed);
  EXPECT_EQ(failed.version, 0);
  Result<ArticleHead> head = archive_->Head(kUrl);
  ASSERT_TRUE(head.ok()) << "a failing URL still has a head, so `strata list` shows it";
  EXPECT_EQ(head->latest_version, 0);
  EXPECT_EQ(head->site, "example.com");
  EXPECT_EQ(head->last_outcome, FetchOutcome::kTimeout);
  EXPECT_EQ(head->last_error, "timeout: total timeout after 60000 ms");
  EXPECT_EQ(head->first_seen, 0);
  EXPECT_EQ(head->last_fetched, kT0);
  EXPECT_TRUE(archive_->Versions(kUrl).value_or({{}}).empty());
  const std::vector<ArticleHead> heads = archive_->List().value_or({});
  ASSERT_EQ(heads.size(), 1u);
  EXPECT_EQ(heads[0].url, kUrl);

  // A server error on an archived article: recorded, the version stays.
  const Article article = MakeArticle(kUrl, "T", "B");
  Rec(Page(kUrl, kT0 + kHour, 200, "x"), &article);
  const RecordResult error = Rec(Page(kUrl, kT0 + 2 * kHour, 503, "busy"));
  EXPECT_EQ(error.kind, RecordKind::kFailed);
  EXPECT_EQ(error.version, 1);
  // A 200 from which nothing could be extracted is not a version either.
  const RecordResult empty = Rec(Page(kUrl, kT0 + 3 * kHour, 200, "%PDF"));
  EXPECT_EQ(empty.kind, RecordKind::kFailed);
  head = archive_->Head(kUrl);
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(head->last_error, "HTTP 200 but no article was extracted");
  EXPECT_EQ(head->last_seen, kT0 + kHour);
  const std::vector<Observation> observations = archive_->Observations(kUrl).value_or({});
  ASSERT_EQ(observations.size(), 4u);
  EXPECT_EQ(observations[0].error, "timeout: total timeout after 60000 ms");
  EXPECT_EQ(observations[0].outcome, FetchOutcome::kTimeout);
  EXPECT_EQ(observations[2].error, "HTTP 503");
  EXPECT_EQ(observations[2].version, 1);
  EXPECT_EQ(archive_->Versions(kUrl).value_or({}).size(), 1u);
}

TEST_F(ArchiveRecordTest, IdenticalBodiesAreStoredOnce) {
  const std::string body = "<html>" + std::string(10000, 'x') + "</html>";
  const Article a = MakeArticle("https://example.com/a", "A", "same");
  const Article b = MakeArticle("https://example.com/b", "B", "same");
  FetchedPage first = Page("https://example.com/a", kT0, 200, body);
  first.response_headers.push_back({"X-First", "yes"});
  Rec(first, &a);
  Rec(Page("https://example.com/b", kT0 + 1, 200, body), &b);
  ArchiveStats stats = Stats();
  EXPECT_EQ(stats.versions, 2);
  EXPECT_EQ(stats.blobs, 1);
  EXPECT_LT(stats.blob_bytes, 1000) << "compressed";
  // The stored headers are those of the first fetch of these bytes.
  const std::string hash = Sha256Hex(body);
  EXPECT_EQ(FindHeader(archive_->GetRaw(hash).value_or(RawResponse{}).response_headers, "x-first"),
            "yes");

  // Content A -> B -> A: three versions, two blobs, version 3 shares version 1's.
  const Article changed = MakeArticle("https://example.com/a", "A", "changed");
  Rec(Page("https://example.com/a", kT0 + 2, 200, "other bytes"), &changed);
  Rec(Page("https://example.com/a", kT0 + 3, 200, body), &a);
  stats = Stats();
  EXPECT_EQ(stats.versions, 4);
  EXPECT_EQ(stats.blobs, 2);
  const std::vector<Version> versions = archive_->Versions("https://example.com/a").value_or({});
  ASSERT_EQ(versions.size(), 3u);
  EXPECT_EQ(versions[2].raw_hash, versions[0].raw_hash);
}

TEST_F(ArchiveRecordTest, KeepRawOffStoresNoBlobs) {
  ArchiveOptions options;
  options.keep_raw = false;
  Reopen(options);
  const Article article = MakeArticle(kUrl, "T", "B");
  Rec(Page(kUrl, kT0, 200, "bytes"), &article);
  EXPECT_EQ(Stats().blobs, 0);
  EXPECT_EQ(archive_->GetVersion(kUrl, 1).value_or(Version{}).raw_hash, "");
}

TEST_F(ArchiveRecordTest, ListIsSortedByUrlAndSurvivesReopen) {
  const std::vector<std::string> urls = {"https://b.example/2", "https://a.example/1",
                                         "https://b.example/10", "http://z.example/"};
  for (const std::string& url : urls) {
    const Article article = MakeArticle(url, url, "body");
    Rec(Page(url, kT0, 200, url), &article);
  }
  Reopen();
  const std::vector<ArticleHead> heads = archive_->List().value_or({});
  std::vector<std::string> listed;
  for (const ArticleHead& head : heads) listed.push_back(head.url);
  EXPECT_EQ(listed, (std::vector<std::string>{"http://z.example/", "https://a.example/1",
                                              "https://b.example/10", "https://b.example/2"}));
}

TEST_F(ArchiveRecordTest, ObservationsAreOrderedByTime) {
  const Article article = MakeArticle(kUrl, "T", "B");
  // Recorded out of order (a slow worker), and two in the same millisecond.
  Rec(Page(kUrl, kT0 + 2000, 200, "x"), &article);
  Rec(Page(kUrl, kT0 + 1000, 304));
  Rec(Page(kUrl, kT0 + 1000, 304));
  Rec(Page(kUrl, kT0 + 300'000, 304));
  const std::vector<Observation> observations = archive_->Observations(kUrl).value_or({});
  ASSERT_EQ(observations.size(), 4u);
  EXPECT_EQ(observations[0].at, kT0 + 1000);
  EXPECT_EQ(observations[1].at, kT0 + 1000);
  EXPECT_EQ(observations[2].at, kT0 + 2000);
  EXPECT_EQ(observations[3].at, kT0 + 300'000);
}

TEST_F(ArchiveRecordTest, QueriesSayWhatIsMissing) {
  EXPECT_TRUE(archive_->Head(kUrl).status().IsNotFound());
  EXPECT_TRUE(archive_->Versions(kUrl).status().IsNotFound());
  EXPECT_TRUE(archive_->Observations(kUrl).status().IsNotFound());
  EXPECT_EQ(archive_->Head(kUrl).status().message(), "no article " + kUrl + " in the archive");
  const Article article = MakeArticle(kUrl, "T", "B");
  Rec(Page(kUrl, kT0, 200, "x"), &article);
  EXPECT_EQ(archive_->GetVersion(kUrl, 5).status().message(),
            "no version 5 of " + kUrl + " (latest is 1)");
  EXPECT_TRUE(archive_->GetVersion(kUrl, 0).status().IsInvalidArgument());
  EXPECT_TRUE(archive_->GetVersion("https://example.com/other", 1).status().IsNotFound());
  EXPECT_TRUE(archive_->GetRaw("../../etc/passwd").status().IsInvalidArgument());
  EXPECT_TRUE(archive_->RawBody(Sha256Hex("never stored")).status().IsNotFound());
}

TEST_F(ArchiveRecordTest, InvalidRecordsAreRefused) {
  const FetchedPage page = Page(kUrl, kT0, 200, "x");
  EXPECT_TRUE(archive_->Record({"", &page, nullptr}).status().IsInvalidArgument());
  EXPECT_TRUE(archive_->Record({kUrl, nullptr, nullptr}).status().IsInvalidArgument());
  const FetchedPage negative = Page(kUrl, -5, 200, "x");
  EXPECT_TRUE(archive_->Record({kUrl, &negative, nullptr}).status().IsInvalidArgument());
  EXPECT_EQ(Stats().observations, 0);
}

TEST_F(ArchiveRecordTest, CorruptHeadIsReportedWithItsKeyAndNothingIsWritten) {
  const Article article = MakeArticle(kUrl, "T", "B");
  Rec(Page(kUrl, kT0, 200, "x"), &article);
  const std::string key = HeadKey(ArticleId(kUrl));
  Plant(key, std::string("\x01\x7f", 2));  // a URL length that runs past the end

  const Status head = archive_->Head(kUrl).status();
  EXPECT_TRUE(head.IsCorruption()) << head.ToString();
  EXPECT_EQ(head.message(), key + " (" + kUrl +
                                "): head record: field 'url': length runs past the end of the "
                                "record");
  EXPECT_TRUE(archive_->List().status().IsCorruption());
  const FetchedPage page = Page(kUrl, kT0 + kHour, 200, "y");
  const Result<RecordResult> recorded = archive_->Record({kUrl, &page, &article});
  EXPECT_TRUE(recorded.status().IsCorruption());
  EXPECT_EQ(Stats().observations, 1) << "a failed Record writes nothing";

  // Other articles are unaffected.
  const std::string other = "https://example.com/other";
  const FetchedPage other_page = Page(other, kT0, 200, "z");
  EXPECT_TRUE(archive_->Record({other, &other_page, &article}).ok());
}

TEST_F(ArchiveRecordTest, CorruptVersionIsReportedWithItsKey) {
  const Article v1 = MakeArticle(kUrl, "T", "B");
  Rec(Page(kUrl, kT0, 200, "x"), &v1);
  const std::string id = ArticleId(kUrl);
  Plant(VersionKey(id, 1), std::string("\x01\x02", 2));  // truncated after the number

  const Status got = archive_->GetVersion(kUrl, 1).status();
  EXPECT_TRUE(got.IsCorruption());
  EXPECT_NE(got.message().find("ver/" + id + "/1 (" + kUrl + ")"), std::string::npos)
      << got.message();
  EXPECT_TRUE(archive_->Versions(kUrl).status().IsCorruption());
  // Unchanged content needs only the head: still recorded.
  EXPECT_EQ(Rec(Page(kUrl, kT0 + 1, 200, "x"), &v1).kind, RecordKind::kUnchanged);
  // A change must read version 1 to summarise it: refused, nothing written.
  const Article v2 = MakeArticle(kUrl, "T", "B2");
  const FetchedPage page = Page(kUrl, kT0 + 2, 200, "y");
  EXPECT_TRUE(archive_->Record({kUrl, &page, &v2}).status().IsCorruption());
  EXPECT_EQ(archive_->Head(kUrl).value_or(ArticleHead{}).latest_version, 1);
}

TEST_F(ArchiveRecordTest, MissingVersionAndDamagedBlobAreCorruption) {
  const Article a = MakeArticle(kUrl, "T", "B");
  const std::string other_url = "https://example.com/x";
  const Article other = MakeArticle(other_url, "X", "X");
  Rec(Page(kUrl, kT0, 200, "the bytes"), &a);
  Rec(Page(other_url, kT0, 200, "other bytes"), &other);
  const std::string raw_hash = Sha256Hex("the bytes");
  archive_.reset();
  {
    // A blob whose body no longer matches its address, and a head whose version is missing.
    auto db = OpenRawDb(kDir, env_.get());
    std::string other_blob;
    ASSERT_TRUE(db->Get({}, BlobKey(Sha256Hex("other bytes")), &other_blob).ok());
    ASSERT_TRUE(db->Put({}, BlobKey(raw_hash), other_blob).ok());
    ASSERT_TRUE(db->Delete({}, VersionKey(ArticleId(kUrl), 1)).ok());
  }
  Reopen();
  const Status blob = archive_->GetRaw(raw_hash).status();
  EXPECT_TRUE(blob.IsCorruption());
  EXPECT_EQ(blob.message(), "blob/" + raw_hash + ": the body does not hash to its key");
  const Status versions = archive_->Versions(kUrl).status();
  EXPECT_TRUE(versions.IsCorruption());
  EXPECT_NE(versions.message().find("says version 1 exists, found only 0"), std::string::npos)
      << versions.message();
  EXPECT_TRUE(archive_->RawBody(Sha256Hex("other bytes")).ok());
}

TEST_F(ArchiveRecordTest, ConcurrentRecordsStayConsistent) {
  constexpr int kThreads = 4;
  constexpr int kRounds = 40;
  const std::string shared = "https://example.com/shared";
  std::vector<std::vector<RecordResult>> shared_results(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const std::string own = "https://example.com/own/" + std::to_string(t);
      for (int i = 0; i < kRounds; ++i) {
        // Own URL: content changes every other round, so half the fetches are versions.
        const Article mine = MakeArticle(own, "own", "body " + std::to_string(i / 2));
        const FetchedPage page = Page(own, kT0 + i, 200, "own " + std::to_string(i / 2));
        ASSERT_TRUE(archive_->Record({own, &page, &mine}).ok());
        // Shared URL: every fetch has content no other fetch has.
        const Article theirs =
            MakeArticle(shared, "shared", std::to_string(t) + "/" + std::to_string(i));
        const FetchedPage shared_page = Page(shared, kT0 + i, 200, theirs.body);
        Result<RecordResult> r = archive_->Record({shared, &shared_page, &theirs});
        ASSERT_TRUE(r.ok()) << r.status().ToString();
        shared_results[t].push_back(*r);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();

  for (int t = 0; t < kThreads; ++t) {
    const std::string own = "https://example.com/own/" + std::to_string(t);
    const ArticleHead head = archive_->Head(own).value_or(ArticleHead{});
    EXPECT_EQ(head.latest_version, kRounds / 2);
    EXPECT_EQ(head.observation_count, kRounds);
    const std::vector<Version> versions = archive_->Versions(own).value_or({});
    ASSERT_EQ(versions.size(), static_cast<size_t>(kRounds / 2));
    for (int n = 0; n < kRounds / 2; ++n) {
      EXPECT_EQ(versions[n].article.body, "body " + std::to_string(n));
    }
  }
  // Every shared fetch made exactly one version, and each number was handed out once.
  const ArticleHead head = archive_->Head(shared).value_or(ArticleHead{});
  EXPECT_EQ(head.latest_version, kThreads * kRounds);
  EXPECT_EQ(head.observation_count, kThreads * kRounds);
  std::set<int64_t> numbers;
  int news = 0;
  for (const auto& results : shared_results) {
    for (const RecordResult& r : results) {
      numbers.insert(r.version);
      if (r.kind == RecordKind::kNew) ++news;
      EXPECT_TRUE(r.kind == RecordKind::kNew || r.kind == RecordKind::kChanged);
    }
  }
  EXPECT_EQ(news, 1);
  EXPECT_EQ(numbers.size(), static_cast<size_t>(kThreads * kRounds));
  EXPECT_EQ(*numbers.begin(), 1);
  EXPECT_EQ(*numbers.rbegin(), kThreads * kRounds);
  const std::vector<Version> versions = archive_->Versions(shared).value_or({});
  EXPECT_EQ(versions.size(), static_cast<size_t>(kThreads * kRounds));
  EXPECT_EQ(archive_->Observations(shared).value_or({}).size(),
            static_cast<size_t>(kThreads * kRounds));
}

// --- Queries: filters, versions by time, summaries, counter series. ---

class ArchiveQueryTest : public ArchiveRecordTest {
 protected:
  // Three sites, two authors, one gone article and one failing URL.
  void SetUp() override {
    ArchiveRecordTest::SetUp();
    Add("https://www.example.com/a", "www.example.com", "Alice", kT0);
    Add("https://blog.example.com/b", "blog.example.com", "Bob", kT0 + kHour);
    Add("https://example.com/c", "example.com", "alice", kT0 + 2 * kHour);
    Add("https://badexample.com/d", "badexample.com", "Alice", kT0 + 3 * kHour);
    Rec(Page("https://example.com/c", kT0 + 4 * kHour, 404));
    Rec(FailedPage("https://example.org/e", kT0, FetchOutcome::kNetworkError, "refused"));
  }
  void Add(const std::string& url, const std::string& site, const std::string& author,
           UnixMillis at) {
    Article article = MakeArticle(url, url, "body of " + url);
    article.site = site;
    article.author = author;
    Rec(Page(url, at, 200, url), &article);
  }
  std::vector<std::string> Urls(const ListQuery& query) {
    Result<std::vector<ArticleHead>> heads = archive_->List(query);
    EXPECT_TRUE(heads.ok()) << heads.status().ToString();
    std::vector<std::string> urls;
    for (const ArticleHead& head : heads.value_or({})) urls.push_back(head.url);
    return urls;
  }
};

ListQuery Query(std::string site, std::string author, UnixMillis since = 0) {
  ListQuery query;
  query.site = std::move(site);
  query.author = std::move(author);
  query.changed_since = since;
  return query;
}

TEST_F(ArchiveQueryTest, ListFiltersBySiteIncludingSubdomains) {
  EXPECT_EQ(Urls(Query("example.com", "")),
            (std::vector<std::string>{"https://blog.example.com/b", "https://example.com/c",
                                      "https://www.example.com/a"}));
  EXPECT_EQ(Urls(Query("WWW.example.com", "")),
            std::vector<std::string>{"https://www.example.com/a"});
  EXPECT_EQ(Urls(Query("example.org", "")), std::vector<std::string>{"https://example.org/e"})
      << "a failing URL has its host as site";
  EXPECT_TRUE(Urls(Query("nowhere.net", "")).empty());
}

TEST_F(ArchiveQueryTest, ListFiltersByAuthorAndSite) {
  EXPECT_EQ(Urls(Query("", "ALICE")),
            (std::vector<std::string>{"https://badexample.com/d", "https://example.com/c",
                                      "https://www.example.com/a"}));
  EXPECT_EQ(Urls(Query("example.com", "alice")),
            (std::vector<std::string>{"https://example.com/c", "https://www.example.com/a"}));
  EXPECT_TRUE(Urls(Query("", "Carol")).empty());
}

TEST_F(ArchiveQueryTest, ListFiltersByTimeStateAndLimit) {
  // The tombstone of /c is its latest version: it changed at kT0 + 4h.
  EXPECT_EQ(Urls(Query("", "", kT0 + 2 * kHour)),
            (std::vector<std::string>{"https://badexample.com/d", "https://example.com/c"}));
  EXPECT_EQ(Urls(Query("", "alice", kT0 + kHour)),
            (std::vector<std::string>{"https://badexample.com/d", "https://example.com/c"}));
  ListQuery gone;
  gone.only_gone = true;
  EXPECT_EQ(Urls(gone), std::vector<std::string>{"https://example.com/c"});
  ListQuery failed;
  failed.only_failed = true;
  EXPECT_EQ(Urls(failed), std::vector<std::string>{"https://example.org/e"});
  ListQuery first_two;
  first_two.limit = 2;
  EXPECT_EQ(Urls(first_two),
            (std::vector<std::string>{"https://badexample.com/d", "https://blog.example.com/b"}));
  EXPECT_EQ(Urls({}).size(), 5u);
}

TEST_F(ArchiveQueryTest, ScanHeadsStopsWhenAsked) {
  int visited = 0;
  ASSERT_TRUE(archive_->ScanHeads({}, [&](const ArticleHead&) { return ++visited < 2; }).ok());
  EXPECT_EQ(visited, 2);
  visited = 0;
  ListQuery limited = Query("example.com", "");
  limited.limit = 1;
  ASSERT_TRUE(archive_->ScanHeads(limited, [&](const ArticleHead&) { return ++visited > 0; }).ok());
  EXPECT_EQ(visited, 1);
}

TEST_F(ArchiveQueryTest, AnIndexEntryWithoutItsHeadIsCorruption) {
  Plant(SiteIndexKey("ghost.example.com", ArticleId("https://ghost.example.com/")), "");
  const Status s = archive_->List(Query("example.com", "")).status();
  EXPECT_TRUE(s.IsCorruption());
  EXPECT_NE(s.message().find("run `strata check --repair`"), std::string::npos) << s.message();
}

TEST_F(ArchiveRecordTest, VersionAtIsTheVersionCurrentThen) {
  Article article = MakeArticle(kUrl, "T", "one");
  Rec(Page(kUrl, kT0, 200, "1"), &article);
  article.body = "two";
  Rec(Page(kUrl, kT0 + 10 * kHour, 200, "2"), &article);
  Rec(Page(kUrl, kT0 + 20 * kHour, 404));
  auto at = [&](UnixMillis t) { return archive_->VersionAt(kUrl, t); };
  EXPECT_EQ(at(kT0)->number, 1);
  EXPECT_EQ(at(kT0)->article.body, "one") << "VersionAt returns the whole version";
  EXPECT_EQ(at(kT0 + 10 * kHour - 1)->number, 1);
  EXPECT_EQ(at(kT0 + 10 * kHour)->number, 2);
  EXPECT_EQ(at(kT0 + 20 * kHour)->number, 3);
  EXPECT_TRUE(at(kT0 + 20 * kHour)->gone);
  EXPECT_EQ(at(kT0 + 1000 * kHour)->number, 3);
  const Status before = at(kT0 - 1).status();
  EXPECT_TRUE(before.IsNotFound());
  EXPECT_EQ(before.message(), kUrl +
                                  " had no version yet at 2023-11-14T22:13:19Z (the first is of "
                                  "2023-11-14T22:13:20Z)");
  EXPECT_TRUE(archive_->VersionAt("https://example.com/none", kT0).status().IsNotFound());
}

TEST_F(ArchiveRecordTest, VersionSummariesAndForEachVersion) {
  for (int i = 1; i <= 5; ++i) {
    Article article = MakeArticle(kUrl, "T" + std::to_string(i), std::string(1000, 'a' + i));
    article.body_html = "<p>" + article.body + "</p>";
    Rec(Page(kUrl, kT0 + i, 200, article.body), &article);
  }
  const std::vector<Version> summaries = archive_->VersionSummaries(kUrl).value_or({});
  ASSERT_EQ(summaries.size(), 5u);
  EXPECT_EQ(summaries[4].article.title, "T5");
  EXPECT_EQ(summaries[4].article.body, "");
  EXPECT_EQ(summaries[4].article.body_html, "");
  EXPECT_EQ(summaries[4].change.compared_to, 4);

  std::vector<int64_t> seen;
  ASSERT_TRUE(archive_
                  ->ForEachVersion(kUrl,
                                   [&](const Version& v) {
                                     EXPECT_EQ(v.article.body.size(), 1000u);
                                     seen.push_back(v.number);
                                     return v.number < 3;
                                   })
                  .ok());
  EXPECT_EQ(seen, (std::vector<int64_t>{1, 2, 3}));
  EXPECT_TRUE(archive_->ForEachVersion("https://x.example/", [](const Version&) { return true; })
                  .IsNotFound());
}

TEST_F(ArchiveRecordTest, CounterSeriesHasOnePointPerFetchThatSawCounters) {
  Article article = MakeArticle(kUrl, "T", "B");
  for (int i = 0; i < 5; ++i) {
    article.counters.views = 100 * (i + 1);
    if (i == 3) article.counters.likes = 7;
    Rec(Page(kUrl, kT0 + i * kHour, 200, "x"), &article);
  }
  Rec(Page(kUrl, kT0 + 10 * kHour, 304));  // no counters seen: no point
  Article bare = MakeArticle(kUrl, "T", "B");
  Rec(Page(kUrl, kT0 + 11 * kHour, 200, "x"), &bare);  // the page showed none

  const std::vector<CounterSample> series = archive_->CounterSeries(kUrl).value_or({});
  ASSERT_EQ(series.size(), 5u);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(series[i].at, kT0 + i * kHour);
    EXPECT_EQ(series[i].counters.views, 100 * (i + 1));
  }
  EXPECT_FALSE(series[2].counters.likes.has_value());
  EXPECT_EQ(series[3].counters.likes, 7);

  const std::vector<CounterSample> middle =
      archive_->CounterSeries(kUrl, kT0 + kHour, kT0 + 3 * kHour).value_or({});
  ASSERT_EQ(middle.size(), 3u);
  EXPECT_EQ(middle.front().at, kT0 + kHour);
  EXPECT_EQ(middle.back().at, kT0 + 3 * kHour);
  EXPECT_TRUE(archive_->CounterSeries("https://x.example/").status().IsNotFound());
  EXPECT_EQ(Stats().counter_samples, 5);
}

}  // namespace
}  // namespace strata::storage
