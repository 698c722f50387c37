#include "storage/records.h"

#include <cstdint>

#include "storage/coding.h"
#include "storage/compression.h"
#include "storage/keys.h"

namespace strata::storage {
namespace {

// The largest stored enum values this strata knows (frozen values, see keys.h).
constexpr uint8_t kMaxFetchOutcome = static_cast<uint8_t>(FetchOutcome::kBlocked);
constexpr uint8_t kMaxRecordKind = static_cast<uint8_t>(RecordKind::kFailed);
constexpr uint8_t kMaxEditClass = static_cast<uint8_t>(EditClass::kMetadataOnly);

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

void PutCounters(std::string* dst, const Counters& c) {
  dst->push_back(static_cast<char>((c.views ? kHasViews : 0) | (c.likes ? kHasLikes : 0) |
                                   (c.comments ? kHasComments : 0)));
  if (c.views) PutSignedVarint64(dst, *c.views);
  if (c.likes) PutSignedVarint64(dst, *c.likes);
  if (c.comments) PutSignedVarint64(dst, *c.comments);
}

void ReadCounters(FieldReader& in, std::string_view field, Counters* out) {
  uint8_t present = 0;
  in.Byte(field, &present);
  if (in.ok() && (present & ~(kHasViews | kHasLikes | kHasComments)) != 0) {
    in.Fail(field, "unknown counter bits");
  }
  const auto read_counter = [&](uint8_t bit, std::optional<int64_t>* value) {
    if (!in.ok() || (present & bit) == 0) return;
    int64_t number = 0;
    in.Int(field, &number);
    if (in.ok()) *value = number;
  };
  read_counter(kHasViews, &out->views);
  read_counter(kHasLikes, &out->likes);
  read_counter(kHasComments, &out->comments);
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
  PutLengthPrefixed(&out, head.last_body_hash);
  PutCounters(&out, head.last_counters);
  PutSignedVarint64(&out, head.content_version);
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
  // Appended in schema 2 (a schema-1 head ends here until the migration rewrites it).
  if (!in.at_end()) {
    in.String("last_body_hash", &head.last_body_hash);
    ReadCounters(in, "last_counters", &head.last_counters);
    in.Int("content_version", &head.content_version);
  }
  if (in.ok() && head.latest_version < 0) in.Fail("latest_version", "negative");
  if (in.ok() && (head.content_version < 0 || head.content_version > head.latest_version)) {
    in.Fail("content_version", "not between 0 and latest_version");
  }
  if (in.ok() && head.observation_count < 0) in.Fail("observation_count", "negative");
  if (!in.ok()) return in.status();
  return head;
}

Compressed CompressVersionText(const Article& a, int zstd_level) {
  // The bulky text, compressed as one payload: zstd takes it to about a fifth, where LevelDB's
  // Snappy only halves it. Sized once: the three renderings appended to a growing string were
  // copied at every doubling.
  size_t tags = 0;
  for (const std::string& tag : a.tags) tags += tag.size() + 5;
  std::string payload;
  payload.reserve(a.url.size() + a.canonical_url.size() + a.site.size() + a.published.size() +
                  a.body.size() + tags + a.modified.size() + a.body_html.size() +
                  a.body_markdown.size() + a.description.size() + a.lang.size() + 64);
  PutLengthPrefixed(&payload, a.url);
  PutLengthPrefixed(&payload, a.canonical_url);
  PutLengthPrefixed(&payload, a.site);
  PutLengthPrefixed(&payload, a.published);
  PutLengthPrefixed(&payload, a.body);
  PutStrings(&payload, a.tags);
  PutLengthPrefixed(&payload, a.modified);
  PutLengthPrefixed(&payload, a.body_html);
  PutLengthPrefixed(&payload, a.body_markdown);
  PutLengthPrefixed(&payload, a.description);
  PutLengthPrefixed(&payload, a.lang);
  PutSignedVarint64(&payload, a.word_count);
  return CompressPayload(payload, zstd_level);
}

std::string EncodeVersion(const Version& version) {
  return EncodeVersion(version, CompressVersionText(version.article));
}

std::string EncodeVersion(const Version& version, const Compressed& text) {
  std::string out;
  out.push_back(static_cast<char>(kVersionFormat));
  PutSignedVarint64(&out, version.number);
  PutSignedVarint64(&out, version.fetched_at);
  PutSignedVarint64(&out, version.http_status);
  PutBool(&out, version.gone);
  PutLengthPrefixed(&out, version.content_hash);
  PutLengthPrefixed(&out, version.raw_hash);
  const ChangeSummary& c = version.change;
  PutStrings(&out, c.fields);
  PutSignedVarint64(&out, c.lines_added);
  PutSignedVarint64(&out, c.lines_removed);
  PutSignedVarint64(&out, c.compared_to);
  PutSignedVarint64(&out, c.blocks_added);
  PutSignedVarint64(&out, c.blocks_removed);
  PutSignedVarint64(&out, c.blocks_changed);
  PutSignedVarint64(&out, c.blocks_moved);
  PutSignedVarint64(&out, c.chars_added);
  PutSignedVarint64(&out, c.chars_removed);
  out.push_back(static_cast<char>(c.edit_class));  // frozen EditClass values
  PutLengthPrefixed(&out, version.article.title);
  PutLengthPrefixed(&out, version.article.author);
  out.push_back(static_cast<char>(text.codec));
  PutVarint64(&out, text.size);
  PutLengthPrefixed(&out, text.bytes);
  return out;
}

namespace {

void ReadEditClass(FieldReader& in, EditClass* out) {
  uint8_t edit_class = 0;
  in.Byte("change.edit_class", &edit_class);
  if (in.ok() && edit_class > kMaxEditClass) {
    in.Fail("change.edit_class", "unknown value " + std::to_string(edit_class));
  }
  if (in.ok()) *out = static_cast<EditClass>(edit_class);
}

void ReadVersionHeader(FieldReader& in, Version* version) {
  in.Int("number", &version->number);
  in.Int("fetched_at", &version->fetched_at);
  in.SmallInt("http_status", &version->http_status);
  in.Bool("gone", &version->gone);
  in.String("content_hash", &version->content_hash);
  in.String("raw_hash", &version->raw_hash);
  ReadStrings(in, "change.fields", &version->change.fields);
  in.Int("change.lines_added", &version->change.lines_added);
  in.Int("change.lines_removed", &version->change.lines_removed);
  in.Int("change.compared_to", &version->change.compared_to);
}

// Format 1 (schema 1): the article's fields inline, uncompressed, and the analysis appended by
// the first schema-2 builds.
void ReadVersionFormat1(FieldReader& in, bool full, Version* version) {
  ReadVersionHeader(in, version);
  Article& a = version->article;
  in.String("url", &a.url);
  in.String("canonical_url", &a.canonical_url);
  in.String("site", &a.site);
  in.String("title", &a.title);
  in.String("author", &a.author);
  in.String("published", &a.published);
  full ? in.String("body", &a.body) : in.SkipString("body");
  ReadStrings(in, "tags", &a.tags);
  in.String("modified", &a.modified);
  full ? in.String("body_html", &a.body_html) : in.SkipString("body_html");
  full ? in.String("body_markdown", &a.body_markdown) : in.SkipString("body_markdown");
  in.String("description", &a.description);
  in.String("lang", &a.lang);
  in.Int("word_count", &a.word_count);
  if (!in.at_end()) {
    ChangeSummary& c = version->change;
    in.Int("change.blocks_added", &c.blocks_added);
    in.Int("change.blocks_removed", &c.blocks_removed);
    in.Int("change.blocks_changed", &c.blocks_changed);
    in.Int("change.blocks_moved", &c.blocks_moved);
    in.Int("change.chars_added", &c.chars_added);
    in.Int("change.chars_removed", &c.chars_removed);
    ReadEditClass(in, &c.edit_class);
  }
}

void ReadVersionFormat2(FieldReader& in, bool full, Version* version) {
  ReadVersionHeader(in, version);
  ChangeSummary& c = version->change;
  in.Int("change.blocks_added", &c.blocks_added);
  in.Int("change.blocks_removed", &c.blocks_removed);
  in.Int("change.blocks_changed", &c.blocks_changed);
  in.Int("change.blocks_moved", &c.blocks_moved);
  in.Int("change.chars_added", &c.chars_added);
  in.Int("change.chars_removed", &c.chars_removed);
  ReadEditClass(in, &c.edit_class);
  Article& a = version->article;
  in.String("title", &a.title);
  in.String("author", &a.author);
  uint8_t codec = 0;
  uint64_t size = 0;
  in.Byte("codec", &codec);
  in.Uint("payload size", &size);
  if (!full) return in.SkipString("payload");
  std::string stored;
  in.String("payload", &stored);
  if (!in.ok()) return;
  Result<std::string> payload = DecompressPayload(codec, stored, size, "version");
  if (!payload.ok()) return in.Fail("payload", payload.status().message());
  FieldReader text(*payload, "version");
  text.String("url", &a.url);
  text.String("canonical_url", &a.canonical_url);
  text.String("site", &a.site);
  text.String("published", &a.published);
  text.String("body", &a.body);
  ReadStrings(text, "tags", &a.tags);
  text.String("modified", &a.modified);
  text.String("body_html", &a.body_html);
  text.String("body_markdown", &a.body_markdown);
  text.String("description", &a.description);
  text.String("lang", &a.lang);
  text.Int("word_count", &a.word_count);
  if (!text.ok()) in.Fail("payload", text.status().message());
}

}  // namespace

Result<Version> DecodeVersion(std::string_view bytes, VersionDetail detail) {
  const bool full = detail == VersionDetail::kFull;
  FieldReader in(bytes, "version");
  Version version;
  uint8_t format = 0;
  in.Byte("format", &format);
  if (in.ok() && format == 1) {
    ReadVersionFormat1(in, full, &version);
  } else if (in.ok() && format == kVersionFormat) {
    ReadVersionFormat2(in, full, &version);
  } else if (in.ok()) {
    in.Fail("format", "unknown format " + std::to_string(format) + " (expected 1 or " +
                          std::to_string(kVersionFormat) + "; written by a newer strata?)");
  }
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
  PutCounters(&out, observation.counters);
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
  ReadCounters(in, "counters", &observation.counters);
  in.String("error", &observation.error);
  if (!in.ok()) return in.status();
  return observation;
}

std::string EncodeCounterSample(const Counters& counters) {
  std::string out;
  out.push_back(static_cast<char>(kCounterFormat));
  PutCounters(&out, counters);
  return out;
}

Result<Counters> DecodeCounterSample(std::string_view bytes) {
  FieldReader in(bytes, "counter sample");
  Counters counters;
  ReadFormat(in, kCounterFormat);
  ReadCounters(in, "counters", &counters);
  if (!in.ok()) return in.status();
  return counters;
}

}  // namespace strata::storage
