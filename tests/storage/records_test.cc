#include "storage/records.h"

#include <gtest/gtest.h>

#include <string>

#include "storage/keys.h"
#include "tests/storage/schema_one.h"

namespace strata::storage {
namespace {

ArticleHead SampleHead() {
  ArticleHead h;
  h.url = "https://example.com/a";
  h.site = "example.com";
  h.title = "标题";
  h.author = "Alice";
  h.first_seen = 1700000000000;
  h.last_seen = 1700000100000;
  h.last_changed = 1700000050000;
  h.last_fetched = 1700000200000;
  h.latest_version = 3;
  h.gone = true;
  h.last_status = 404;
  h.last_outcome = FetchOutcome::kTimeout;
  h.last_error = "timeout";
  h.etag = "\"abc\"";
  h.last_modified = "Fri, 14 Feb 2025 10:00:00 GMT";
  h.content_hash = std::string(64, 'f');
  h.observation_count = 17;
  h.last_body_hash = std::string(64, 'e');
  h.last_counters.views = 1234;
  h.last_counters.comments = 5;
  h.content_version = 2;
  return h;
}

Version SampleVersion() {
  Version v;
  v.number = 2;
  v.fetched_at = 1700000000000;
  v.http_status = 200;
  v.content_hash = std::string(64, 'a');
  v.raw_hash = std::string(64, 'b');
  v.change.fields = {"title", "body"};
  v.change.lines_added = 3;
  v.change.lines_removed = 1;
  v.change.compared_to = 1;
  v.change.blocks_added = 2;
  v.change.blocks_removed = 1;
  v.change.blocks_changed = 3;
  v.change.blocks_moved = 1;
  v.change.chars_added = 120;
  v.change.chars_removed = 7;
  v.change.edit_class = EditClass::kSectionAdded;
  Article& a = v.article;
  a.url = "https://example.com/a";
  a.canonical_url = "https://example.com/a/";
  a.site = "example.com";
  a.title = "Title";
  a.author = "作者";
  a.published = "2025-02-14T10:00:00+08:00";
  a.body = "para 1\npara 2";
  a.tags = {"c++", "", "存储"};
  a.modified = "2025-02-15";
  a.body_html = "<p>para 1</p><p>para 2</p>";
  a.body_markdown = "para 1\n\npara 2";
  a.description = "desc";
  a.lang = "zh";
  a.word_count = 42;
  return v;
}

Observation SampleObservation() {
  Observation o;
  o.at = 1700000000123;
  o.http_status = 200;
  o.outcome = FetchOutcome::kOk;
  o.kind = RecordKind::kUnchanged;
  o.version = 2;
  o.counters.views = 10'000'000'000;
  o.counters.comments = 0;
  o.error = "";
  return o;
}

bool SameHead(const ArticleHead& a, const ArticleHead& b) {
  return a.url == b.url && a.site == b.site && a.title == b.title && a.author == b.author &&
         a.first_seen == b.first_seen && a.last_seen == b.last_seen &&
         a.last_changed == b.last_changed && a.last_fetched == b.last_fetched &&
         a.latest_version == b.latest_version && a.gone == b.gone &&
         a.last_status == b.last_status && a.last_outcome == b.last_outcome &&
         a.last_error == b.last_error && a.etag == b.etag && a.last_modified == b.last_modified &&
         a.content_hash == b.content_hash && a.observation_count == b.observation_count &&
         a.last_body_hash == b.last_body_hash && a.last_counters == b.last_counters &&
         a.content_version == b.content_version;
}

TEST(RecordsTest, HeadRoundTrip) {
  const ArticleHead head = SampleHead();
  const std::string bytes = EncodeHead(head);
  EXPECT_EQ(static_cast<uint8_t>(bytes[0]), kHeadFormat);
  Result<ArticleHead> decoded = DecodeHead(bytes);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_TRUE(SameHead(*decoded, head));
}

TEST(RecordsTest, VersionRoundTrip) {
  const Version version = SampleVersion();
  Result<Version> decoded = DecodeVersion(EncodeVersion(version));
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(decoded->number, 2);
  EXPECT_EQ(decoded->fetched_at, version.fetched_at);
  EXPECT_EQ(decoded->http_status, 200);
  EXPECT_FALSE(decoded->gone);
  EXPECT_EQ(decoded->content_hash, version.content_hash);
  EXPECT_EQ(decoded->raw_hash, version.raw_hash);
  EXPECT_EQ(decoded->change.fields, version.change.fields);
  EXPECT_EQ(decoded->change.lines_added, 3);
  EXPECT_EQ(decoded->change.lines_removed, 1);
  EXPECT_EQ(decoded->change.compared_to, 1);
  EXPECT_EQ(decoded->change.blocks_added, 2);
  EXPECT_EQ(decoded->change.blocks_removed, 1);
  EXPECT_EQ(decoded->change.blocks_changed, 3);
  EXPECT_EQ(decoded->change.blocks_moved, 1);
  EXPECT_EQ(decoded->change.chars_added, 120);
  EXPECT_EQ(decoded->change.chars_removed, 7);
  EXPECT_EQ(decoded->change.edit_class, EditClass::kSectionAdded);
  EXPECT_EQ(decoded->article, version.article);
}

TEST(RecordsTest, VersionSummarySkipsTheBulkyText) {
  const Version version = SampleVersion();
  Result<Version> summary = DecodeVersion(EncodeVersion(version), VersionDetail::kSummary);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->article.body, "");
  EXPECT_EQ(summary->article.body_html, "");
  EXPECT_EQ(summary->article.body_markdown, "");
  EXPECT_EQ(summary->article.title, "Title");
  EXPECT_EQ(summary->article.author, "作者");
  EXPECT_TRUE(summary->article.tags.empty());
  EXPECT_EQ(summary->change.edit_class, EditClass::kSectionAdded);
  EXPECT_EQ(summary->fetched_at, version.fetched_at);
}

TEST(RecordsTest, SchemaOneRecordsReadWithDefaultsForTheNewFields) {
  ArticleHead head = SampleHead();
  head.last_body_hash.clear();
  head.last_counters = {};
  head.content_version = 0;
  Result<ArticleHead> old_head = DecodeHead(testing::HeadSchemaOne(head));
  ASSERT_TRUE(old_head.ok()) << old_head.status().ToString();
  EXPECT_TRUE(SameHead(*old_head, head));

  Version version = SampleVersion();
  version.change = {version.change.fields, 3, 1, 1};  // schema 1 had no analysis
  Result<Version> old_version = DecodeVersion(testing::VersionSchemaOne(version));
  ASSERT_TRUE(old_version.ok()) << old_version.status().ToString();
  EXPECT_EQ(old_version->article, version.article);
  EXPECT_EQ(old_version->change.edit_class, EditClass::kNone);
  EXPECT_EQ(old_version->change.blocks_added, 0);
  EXPECT_EQ(old_version->change.lines_added, 3);
  EXPECT_EQ(old_version->change.fields, version.change.fields);
  Result<Version> summary =
      DecodeVersion(testing::VersionSchemaOne(version), VersionDetail::kSummary);
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->article.title, "Title");
  EXPECT_EQ(summary->article.body, "");
  for (size_t n = 0; n < testing::VersionSchemaOne(version).size(); ++n) {
    EXPECT_TRUE(
        DecodeVersion(testing::VersionSchemaOne(version).substr(0, n)).status().IsCorruption())
        << n;
  }
}

TEST(RecordsTest, VersionTextIsCompressed) {
  Version version = SampleVersion();
  std::string paragraph;
  for (int i = 0; i < 200; ++i) paragraph += "A sentence about crawling and archiving. ";
  version.article.body = paragraph;
  version.article.body_html = "<p>" + paragraph + "</p>";
  version.article.body_markdown = paragraph;
  const std::string bytes = EncodeVersion(version);
  EXPECT_LT(bytes.size(), paragraph.size() / 4) << "three copies of the text, compressed";
  EXPECT_EQ(DecodeVersion(bytes)->article, version.article);
  // A payload that does not shrink is stored as is.
  const Version tiny = SampleVersion();
  EXPECT_EQ(DecodeVersion(EncodeVersion(tiny))->article, tiny.article);
}

TEST(RecordsTest, CounterSampleRoundTrip) {
  Counters counters;
  counters.likes = 7;
  counters.comments = -1;  // a page may lie; it is stored as seen
  const std::string bytes = EncodeCounterSample(counters);
  EXPECT_EQ(static_cast<uint8_t>(bytes[0]), kCounterFormat);
  EXPECT_LE(bytes.size(), 4u) << "a sample costs a few bytes";
  Result<Counters> decoded = DecodeCounterSample(bytes);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(*decoded, counters);
  for (size_t n = 0; n < bytes.size(); ++n) {
    EXPECT_TRUE(DecodeCounterSample(bytes.substr(0, n)).status().IsCorruption()) << n;
  }
  EXPECT_TRUE(DecodeCounterSample(std::string("\x01\x08", 2)).status().IsCorruption())
      << "unknown counter bit";
}

TEST(RecordsTest, ObservationRoundTripKeepsAbsentCountersAbsent) {
  const Observation o = SampleObservation();
  Result<Observation> decoded = DecodeObservation(EncodeObservation(o));
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(decoded->at, o.at);
  EXPECT_EQ(decoded->http_status, 200);
  EXPECT_EQ(decoded->outcome, FetchOutcome::kOk);
  EXPECT_EQ(decoded->kind, RecordKind::kUnchanged);
  EXPECT_EQ(decoded->version, 2);
  EXPECT_EQ(decoded->counters, o.counters);
  EXPECT_FALSE(decoded->counters.likes.has_value());
  EXPECT_EQ(decoded->error, "");
}

TEST(RecordsTest, EveryTruncationIsCorruption) {
  const std::string head = EncodeHead(SampleHead());
  const std::string version = EncodeVersion(SampleVersion());
  const std::string observation = EncodeObservation(SampleObservation());
  // The schema-2 head appends fields: a record that ends exactly where a schema-1 head ended
  // is a valid older record; every other truncation is corruption.
  ArticleHead old_head = SampleHead();
  old_head.last_body_hash.clear();
  old_head.last_counters = {};
  old_head.content_version = 0;
  const size_t head_v1 = testing::HeadSchemaOne(old_head).size();
  for (size_t n = 0; n < head.size(); ++n) {
    const Result<ArticleHead> decoded = DecodeHead(head.substr(0, n));
    EXPECT_EQ(decoded.ok(), n == head_v1) << n;
    EXPECT_TRUE(decoded.ok() || decoded.status().IsCorruption()) << n;
  }
  for (size_t n = 0; n < version.size(); ++n) {
    EXPECT_TRUE(DecodeVersion(version.substr(0, n)).status().IsCorruption()) << n;
  }
  for (size_t n = 0; n < observation.size(); ++n) {
    EXPECT_TRUE(DecodeObservation(observation.substr(0, n)).status().IsCorruption()) << n;
  }
}

TEST(RecordsTest, TrailingFieldsOfANewerStrataAreIgnored) {
  std::string bytes = EncodeHead(SampleHead());
  bytes += "\x05more";
  Result<ArticleHead> decoded = DecodeHead(bytes);
  ASSERT_TRUE(decoded.ok());
  EXPECT_TRUE(SameHead(*decoded, SampleHead()));
}

TEST(RecordsTest, UnknownFormatIsRefused) {
  std::string bytes = EncodeVersion(SampleVersion());
  bytes[0] = 9;
  const Status status = DecodeVersion(bytes).status();
  EXPECT_TRUE(status.IsCorruption());
  EXPECT_EQ(status.message(),
            "version record: field 'format': unknown format 9 (expected 1 or 2; written by a "
            "newer strata?)");
}

TEST(RecordsTest, UnknownEnumValuesAreRefused) {
  Observation o = SampleObservation();
  o.kind = static_cast<RecordKind>(6);
  EXPECT_TRUE(DecodeObservation(EncodeObservation(o)).status().IsCorruption());
  o = SampleObservation();
  o.outcome = static_cast<FetchOutcome>(200);
  EXPECT_TRUE(DecodeObservation(EncodeObservation(o)).status().IsCorruption());
}

TEST(RecordsTest, GarbageNeverCrashes) {
  // Every byte string of a few shapes either decodes or is Corruption.
  std::string bytes = EncodeVersion(SampleVersion());
  for (size_t i = 0; i < bytes.size(); ++i) {
    std::string damaged = bytes;
    damaged[i] = static_cast<char>(damaged[i] ^ 0xff);
    Result<Version> v = DecodeVersion(damaged);
    EXPECT_TRUE(v.ok() || v.status().IsCorruption()) << i;
  }
}

}  // namespace
}  // namespace strata::storage
