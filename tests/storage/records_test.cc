#include "storage/records.h"

#include <gtest/gtest.h>

#include <string>

#include "storage/keys.h"

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
         a.content_hash == b.content_hash && a.observation_count == b.observation_count;
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
  EXPECT_EQ(decoded->article, version.article);
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
  for (size_t n = 0; n < head.size(); ++n) {
    EXPECT_TRUE(DecodeHead(head.substr(0, n)).status().IsCorruption()) << n;
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
            "version record: field 'format': unknown format 9 (expected 1; written by a newer "
            "strata?)");
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
