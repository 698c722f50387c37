// The archive's key layout and schema version: the one place that says which bytes go where.
//
// LAYOUT (schema 1). LevelDB orders keys bytewise, so every number in a key is fixed-width
// big-endian and sorts numerically. <id> is the article id: the first 32 lowercase hex digits
// (128 bits) of SHA-256 of the normalised requested URL (the caller's FetchRecord::url). Hashing
// keeps keys short and fixed-width however long a URL is (URLs may reach 8 KiB); the full URL is
// in the head record, and every read checks it, so a collision would be reported, not misread.
//
//   meta/schema                          -> schema version, ASCII decimal ("1"). Written once when
//                                           the archive is created; its format never changes.
//   art/<id>                             -> head: url, site, title, author, first/last seen,
//                                           latest version, gone, validators (ETag,
//                                           Last-Modified), last fetch status/outcome/error,
//                                           content hash of the latest version, observation count
//   ver/<id>/<N:BE64>                    -> version N (1, 2, ...): fetched_at, HTTP status, gone,
//                                           content hash, raw hash, change summary, the Article's
//                                           stored fields
//   obs/<id>/<at:BE64><seq:BE64>         -> observation: one per Record() call (time, HTTP status,
//                                           outcome, kind, version current after it, counters,
//                                           error). <at> is fetched_at in Unix ms; <seq> is the
//                                           article's observation count before it, so two
//                                           fetches in the same millisecond never collide
//   blob/<sha256-hex of body>            -> raw response: body and the headers of the first fetch
//                                           that produced those bytes, zstd-compressed. Written
//                                           with the version that references it; a body seen
//                                           again is not written again
//   idx/...                              -> reserved for indexes (author, site, time): issue 5
//   x/<key>                              -> Archive::State(): other modules' keys (frontier,
//                                           schedules, robots.txt), opaque to storage
//
// RECORDS. Every value except meta/schema starts with a format byte (kHeadFormat, ...), then
// fields in a fixed order, coded as in coding.h. Fields are only ever appended: a reader ignores
// bytes after the fields it knows, so adding a field needs no format or schema change. Changing
// or removing a field bumps that record's format byte; a reader that meets a format byte it does
// not know refuses the record (Corruption), never guesses. Enum values stored in records
// (RecordKind, FetchOutcome, blob codec) are frozen: DO NOT CHANGE THEM.
//
// SCHEMA. kSchemaVersion changes only when an older strata could no longer read the archive
// correctly. Open() refuses an archive whose schema is newer than kSchemaVersion (and leaves it
// untouched); an older schema will be migrated by Open() once one exists (schema 1 is the first).
//
// ATOMICITY. Record() writes a version, its blob, the head and the observation in one LevelDB
// WriteBatch, so after a crash either all of them exist or none: a head never points at a
// missing version and a version never lacks its blob.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace strata::storage {

inline constexpr int64_t kSchemaVersion = 1;
inline constexpr std::string_view kSchemaKey = "meta/schema";

// Format bytes of each record type (first byte of the value).
inline constexpr uint8_t kHeadFormat = 1;
inline constexpr uint8_t kVersionFormat = 1;
inline constexpr uint8_t kObservationFormat = 1;
inline constexpr uint8_t kBlobFormat = 1;

inline constexpr std::string_view kHeadPrefix = "art/";
inline constexpr std::string_view kVersionPrefix = "ver/";
inline constexpr std::string_view kObservationPrefix = "obs/";
inline constexpr std::string_view kBlobPrefix = "blob/";
// Archive::State(): other modules' state (frontier, schedules...), keys chosen by them.
inline constexpr std::string_view kStatePrefix = "x/";
inline constexpr size_t kArticleIdLength = 32;

// The article id of a normalised URL: 32 lowercase hex digits.
std::string ArticleId(std::string_view url);

std::string HeadKey(std::string_view id);
std::string VersionKey(std::string_view id, int64_t number);
// All versions of one article: "ver/<id>/".
std::string VersionKeyPrefix(std::string_view id);
std::string ObservationKey(std::string_view id, int64_t at_ms, uint64_t seq);
// All observations of one article: "obs/<id>/".
std::string ObservationKeyPrefix(std::string_view id);
std::string BlobKey(std::string_view sha256_hex);

// The version number at the end of a version key; -1 when `key` is not a version key.
int64_t VersionNumberFromKey(std::string_view key);

// A printable form of any key for messages: the numbers of version and observation keys in
// decimal ("ver/<id>/3", "obs/<id>/1700000000000.4"), other non-printable bytes as \xNN.
std::string DescribeKey(std::string_view key);

}  // namespace strata::storage
