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

namespace strata::storage {

// Head, format 1: url, site, title, author, first_seen, last_seen, last_changed, last_fetched,
// latest_version, gone, last_status, last_outcome (byte), last_error, etag, last_modified,
// content_hash, observation_count.
std::string EncodeHead(const ArticleHead& head);
Result<ArticleHead> DecodeHead(std::string_view bytes);

// Version, format 1: number, fetched_at, http_status, gone, content_hash, raw_hash,
// change {field count, fields, lines_added, lines_removed, compared_to},
// article {url, canonical_url, site, title, author, published, body, tag count, tags,
// modified, body_html, body_markdown, description, lang, word_count}.
std::string EncodeVersion(const Version& version);
Result<Version> DecodeVersion(std::string_view bytes);

// Observation, format 1: at, http_status, outcome (byte), kind (byte), version, counter
// presence bits (1 views, 2 likes, 4 comments), the present counters in that order, error.
std::string EncodeObservation(const Observation& observation);
Result<Observation> DecodeObservation(std::string_view bytes);

}  // namespace strata::storage
