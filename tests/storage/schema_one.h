// The bytes strata schema 1 wrote for heads and versions (storage/records.h documents both
// layouts), for tests of reading and migrating old archives. Written out field by field here,
// not with today's encoders, so that they stay what schema 1 wrote whatever the encoders become.
#pragma once

#include <string>

#include "storage/archive.h"
#include "storage/coding.h"

namespace strata::storage::testing {

inline std::string HeadSchemaOne(const ArticleHead& head) {
  std::string out(1, '\x01');
  PutLengthPrefixed(&out, head.url);
  PutLengthPrefixed(&out, head.site);
  PutLengthPrefixed(&out, head.title);
  PutLengthPrefixed(&out, head.author);
  PutSignedVarint64(&out, head.first_seen);
  PutSignedVarint64(&out, head.last_seen);
  PutSignedVarint64(&out, head.last_changed);
  PutSignedVarint64(&out, head.last_fetched);
  PutSignedVarint64(&out, head.latest_version);
  out.push_back(head.gone ? 1 : 0);
  PutSignedVarint64(&out, head.last_status);
  out.push_back(static_cast<char>(head.last_outcome));
  PutLengthPrefixed(&out, head.last_error);
  PutLengthPrefixed(&out, head.etag);
  PutLengthPrefixed(&out, head.last_modified);
  PutLengthPrefixed(&out, head.content_hash);
  PutSignedVarint64(&out, head.observation_count);
  return out;
}

inline std::string VersionSchemaOne(const Version& version) {
  std::string out(1, '\x01');
  PutSignedVarint64(&out, version.number);
  PutSignedVarint64(&out, version.fetched_at);
  PutSignedVarint64(&out, version.http_status);
  out.push_back(version.gone ? 1 : 0);
  PutLengthPrefixed(&out, version.content_hash);
  PutLengthPrefixed(&out, version.raw_hash);
  PutVarint64(&out, version.change.fields.size());
  for (const std::string& field : version.change.fields) PutLengthPrefixed(&out, field);
  PutSignedVarint64(&out, version.change.lines_added);
  PutSignedVarint64(&out, version.change.lines_removed);
  PutSignedVarint64(&out, version.change.compared_to);
  const Article& a = version.article;
  for (const std::string* field :
       {&a.url, &a.canonical_url, &a.site, &a.title, &a.author, &a.published, &a.body}) {
    PutLengthPrefixed(&out, *field);
  }
  PutVarint64(&out, a.tags.size());
  for (const std::string& tag : a.tags) PutLengthPrefixed(&out, tag);
  for (const std::string* field :
       {&a.modified, &a.body_html, &a.body_markdown, &a.description, &a.lang}) {
    PutLengthPrefixed(&out, *field);
  }
  PutSignedVarint64(&out, a.word_count);
  return out;
}

}  // namespace strata::storage::testing
