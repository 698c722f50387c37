#include "storage/records.h"

#include <cstdint>

#include "storage/coding.h"
#include "storage/keys.h"

namespace strata::storage {
namespace {

// The largest stored enum values this strata knows (frozen values, see keys.h).
constexpr uint8_t kMaxFetchOutcome = static_cast<uint8_t>(FetchOutcome::kBlocked);
constexpr uint8_t kMaxRecordKind = static_cast<uint8_t>(RecordKind::kFailed);

constexpr uint8_t kHasViews = 1;
constexpr uint8_t kHasLikes = 2;
constexpr uint8_t kHasComments = 4;

void PutBool(std::string* dst, bool value) { dst->push_back(value ? 1 : 0); }

void PutStrings(std::string* dst, const std::vector<std::string>& items) {
  PutVarint64(dst, items.size());
  for (const std::string& item : items) PutLengthPrefixed(dst, item);
}

void ReadStrings(FieldReader& in, std::string_view field, std::vector<std::string>* out) {
  size_t count = 0;
  in.Count(field, /*min_item_bytes=*/1, &count);
  if (!in.ok()) return;
  out->resize(count);
  for (std::string& item : *out) in.String(field, &item);
}

void ReadFormat(FieldReader& in, uint8_t expected) {
  uint8_t format = 0;
  in.Byte("format", &format);
  if (in.ok() && format != expected) {
    in.Fail("format", "unknown format " + std::to_string(format) + " (expected " +
                          std::to_string(expected) + "; written by a newer strata?)");
  }
}

void ReadOutcome(FieldReader& in, FetchOutcome* out) {
  uint8_t byte = 0;
  in.Byte("outcome", &byte);
  if (!in.ok()) return;
  if (byte > kMaxFetchOutcome) return in.Fail("outcome", "unknown value " + std::to_string(byte));
  *out = static_cast<FetchOutcome>(byte);
}

}  // namespace

std::string EncodeHead(const ArticleHead& head) {
  std::string out;
  out.push_back(static_cast<char>(kHeadFormat));
  PutLengthPrefixed(&out, head.url);
  PutLengthPrefixed(&out, head.site);
  PutLengthPrefixed(&out, head.title);
  PutLengthPrefixed(&out, head.author);
  PutSignedVarint64(&out, head.first_seen);
  PutSignedVarint64(&out, head.last_seen);
  PutSignedVarint64(&out, head.last_changed);
  PutSignedVarint64(&out, head.last_fetched);
  PutSignedVarint64(&out, head.latest_version);
  PutBool(&out, head.gone);
  PutSignedVarint64(&out, head.last_status);
  out.push_back(static_cast<char>(head.last_outcome));
  PutLengthPrefixed(&out, head.last_error);
  PutLengthPrefixed(&out, head.etag);
  PutLengthPrefixed(&out, head.last_modified);
  PutLengthPrefixed(&out, head.content_hash);
  PutSignedVarint64(&out, head.observation_count);
  return out;
}

Result<ArticleHead> DecodeHead(std::string_view bytes) {
  FieldReader in(bytes, "head");
  ArticleHead head;
  ReadFormat(in, kHeadFormat);
  in.String("url", &head.url);
  in.String("site", &head.site);
  in.String("title", &head.title);
  in.String("author", &head.author);
  in.Int("first_seen", &head.first_seen);
  in.Int("last_seen", &head.last_seen);
  in.Int("last_changed", &head.last_changed);
  in.Int("last_fetched", &head.last_fetched);
  in.Int("latest_version", &head.latest_version);
  in.Bool("gone", &head.gone);
  in.SmallInt("last_status", &head.last_status);
  ReadOutcome(in, &head.last_outcome);
  in.String("last_error", &head.last_error);
  in.String("etag", &head.etag);
  in.String("last_modified", &head.last_modified);
  in.String("content_hash", &head.content_hash);
  in.Int("observation_count", &head.observation_count);
  if (in.ok() && head.latest_version < 0) in.Fail("latest_version", "negative");
  if (in.ok() && head.observation_count < 0) in.Fail("observation_count", "negative");
  if (!in.ok()) return in.status();
  return head;
}

std::string EncodeVersion(const Version& version) {
  std::string out;
  out.push_back(static_cast<char>(kVersionFormat));
  PutSignedVarint64(&out, version.number);
  PutSignedVarint64(&out, version.fetched_at);
  PutSignedVarint64(&out, version.http_status);
  PutBool(&out, version.gone);
  PutLengthPrefixed(&out, version.content_hash);
  PutLengthPrefixed(&out, version.raw_hash);
  PutStrings(&out, version.change.fields);
  PutSignedVarint64(&out, version.change.lines_added);
  PutSignedVarint64(&out, version.change.lines_removed);
  PutSignedVarint64(&out, version.change.compared_to);
  const Article& a = version.article;
  PutLengthPrefixed(&out, a.url);
  PutLengthPrefixed(&out, a.canonical_url);
  PutLengthPrefixed(&out, a.site);
  PutLengthPrefixed(&out, a.title);
  PutLengthPrefixed(&out, a.author);
  PutLengthPrefixed(&out, a.published);
  PutLengthPrefixed(&out, a.body);
  PutStrings(&out, a.tags);
  PutLengthPrefixed(&out, a.modified);
  PutLengthPrefixed(&out, a.body_html);
  PutLengthPrefixed(&out, a.body_markdown);
  PutLengthPrefixed(&out, a.description);
  PutLengthPrefixed(&out, a.lang);
  PutSignedVarint64(&out, a.word_count);
  return out;
}

Result<Version> DecodeVersion(std::string_view bytes) {
  FieldReader in(bytes, "version");
  Version version;
  ReadFormat(in, kVersionFormat);
  in.Int("number", &version.number);
  in.Int("fetched_at", &version.fetched_at);
  in.SmallInt("http_status", &version.http_status);
  in.Bool("gone", &version.gone);
  in.String("content_hash", &version.content_hash);
  in.String("raw_hash", &version.raw_hash);
  ReadStrings(in, "change.fields", &version.change.fields);
  in.Int("change.lines_added", &version.change.lines_added);
  in.Int("change.lines_removed", &version.change.lines_removed);
  in.Int("change.compared_to", &version.change.compared_to);
  Article& a = version.article;
  in.String("url", &a.url);
  in.String("canonical_url", &a.canonical_url);
  in.String("site", &a.site);
  in.String("title", &a.title);
  in.String("author", &a.author);
  in.String("published", &a.published);
  in.String("body", &a.body);
  ReadStrings(in, "tags", &a.tags);
  in.String("modified", &a.modified);
  in.String("body_html", &a.body_html);
  in.String("body_markdown", &a.body_markdown);
  in.String("description", &a.description);
  in.String("lang", &a.lang);
  in.Int("word_count", &a.word_count);
  if (in.ok() && version.number < 1) in.Fail("number", "not positive");
  if (!in.ok()) return in.status();
  return version;
}

std::string EncodeObservation(const Observation& observation) {
  std::string out;
  out.push_back(static_cast<char>(kObservationFormat));
  PutSignedVarint64(&out, observation.at);
  PutSignedVarint64(&out, observation.http_status);
  out.push_back(static_cast<char>(observation.outcome));
  out.push_back(static_cast<char>(observation.kind));
  PutSignedVarint64(&out, observation.version);
  const Counters& c = observation.counters;
  out.push_back(static_cast<char>((c.views ? kHasViews : 0) | (c.likes ? kHasLikes : 0) |
                                  (c.comments ? kHasComments : 0)));
  if (c.views) PutSignedVarint64(&out, *c.views);
  if (c.likes) PutSignedVarint64(&out, *c.likes);
  if (c.comments) PutSignedVarint64(&out, *c.comments);
  PutLengthPrefixed(&out, observation.error);
  return out;
}

Result<Observation> DecodeObservation(std::string_view bytes) {
  FieldReader in(bytes, "observation");
  Observation observation;
  ReadFormat(in, kObservationFormat);
  in.Int("at", &observation.at);
  in.SmallInt("http_status", &observation.http_status);
  ReadOutcome(in, &observation.outcome);
  uint8_t kind = 0;
  in.Byte("kind", &kind);
  if (in.ok() && kind > kMaxRecordKind) in.Fail("kind", "unknown value " + std::to_string(kind));
  observation.kind = static_cast<RecordKind>(kind);
  in.Int("version", &observation.version);
  uint8_t present = 0;
  in.Byte("counters", &present);
  if (in.ok() && (present & ~(kHasViews | kHasLikes | kHasComments)) != 0) {
    in.Fail("counters", "unknown counter bits");
  }
  const auto read_counter = [&](uint8_t bit, std::string_view name, std::optional<int64_t>* out) {
    if (!in.ok() || (present & bit) == 0) return;
    int64_t value = 0;
    in.Int(name, &value);
    if (in.ok()) *out = value;
  };
  read_counter(kHasViews, "counters.views", &observation.counters.views);
  read_counter(kHasLikes, "counters.likes", &observation.counters.likes);
  read_counter(kHasComments, "counters.comments", &observation.counters.comments);
  in.String("error", &observation.error);
  if (!in.ok()) return in.status();
  return observation;
}

}  // namespace strata::storage
