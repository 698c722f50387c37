// Encoding and decoding of the archive's records (heads, versions, observations): the bytes
// behind the keys of keys.h. Each record starts with its format byte; fields follow in the
// order written below, coded as in coding.h. Decoders treat their input as untrusted: a
// malformed record is Status::Corruption naming the record and field (callers add the key).
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"
#include "storage/archive.h"
#include "storage/compression.h"

namespace strata::storage {

// Head, format 1: url, site, title, author, first_seen, last_seen, last_changed, last_fetched,
// latest_version, gone, last_status, last_outcome (byte), last_error, etag, last_modified,
// content_hash, observation_count; appended in schema 2: last_body_hash, last_counters (as in a
// counter sample, without format byte), content_version.
std::string EncodeHead(const ArticleHead& head);
Result<ArticleHead> DecodeHead(std::string_view bytes);

// Version, format 2: number, fetched_at, http_status, gone, content_hash, raw_hash,
// change {field count, fields, lines_added, lines_removed, compared_to, blocks_added,
// blocks_removed, blocks_changed, blocks_moved, chars_added, chars_removed, edit_class (byte)},
// article title, article author, payload codec (byte, compression.h), payload size (varint),
// stored payload (string); the payload is the rest of the article {url, canonical_url, site,
// published, body, tag count, tags, modified, body_html, body_markdown, description, lang,
// word_count}. Format 1 (schema 1, still read): number ... compared_to as above, then the
// article {url, canonical_url, site, title, author, published, body, tag count, tags, modified,
// body_html, body_markdown, description, lang, word_count} uncompressed, then optionally the
// six change counts and edit_class.
std::string EncodeVersion(const Version& version);
// The compressed payload of a version of `article` (its text: everything but title and author),
// and EncodeVersion with that payload computed beforehand: the archive compresses outside its
// record lock and assembles the record under it.
Compressed CompressVersionText(const Article& article, int zstd_level = kDefaultZstdLevel);
std::string EncodeVersion(const Version& version, const Compressed& text);
// How much of a version to decode.
enum class VersionDetail {
  kFull,
  kSummary,  // of the article, only title and author: the rest is not even decompressed
};
Result<Version> DecodeVersion(std::string_view bytes, VersionDetail detail = VersionDetail::kFull);

// Observation, format 1: at, http_status, outcome (byte), kind (byte), version, counter
// presence bits (1 views, 2 likes, 4 comments), the present counters in that order, error.
std::string EncodeObservation(const Observation& observation);
Result<Observation> DecodeObservation(std::string_view bytes);

// Counter sample, format 1: counter presence bits (1 views, 2 likes, 4 comments), the present
// counters in that order. Its time is in its key (keys.h).
std::string EncodeCounterSample(const Counters& counters);
Result<Counters> DecodeCounterSample(std::string_view bytes);

}  // namespace strata::storage
