// The archive's key layout and schema version: the one place that says which bytes go where.
// docs/ARCHITECTURE.md ("The archive") carries a copy of this comment: change both together.
//
// LAYOUT (schema 3). LevelDB orders keys bytewise, so every number in a key is fixed-width
// big-endian and sorts numerically (times are Unix ms, never negative: Record() refuses them).
// <id> is the article id: the first 32 lowercase hex digits (128 bits) of SHA-256 of the
// normalised requested URL (the caller's FetchRecord::url). Hashing keeps keys short and
// fixed-width however long a URL is (URLs may reach 8 KiB); the full URL is in the head record,
// and every read checks it, so a collision would be reported, not misread.
//
//   meta/schema                      -> schema version, ASCII decimal ("3"). Written when the
//                                       archive is created, rewritten by a migration; its format
//                                       never changes
//   art/<id>                         -> head: url, site, title, author, first/last seen, latest
//                                       version, gone, validators (ETag, Last-Modified), last
//                                       fetch status/outcome/error, content hash of the latest
//                                       version, observation count, last body hash, last
//                                       counters, latest version with content
//   blob/<sha256-hex of body>        -> raw response: body and the headers of the first fetch that
//                                       produced those bytes, zstd-compressed. Written with the
//                                       version that references it; a body seen again is not
//                                       written again. Since schema 3 the value is a reference
//                                       to the record in a segment file (blob_segments.h,
//                                       <archive>/segments/), outside LevelDB: raw responses
//                                       are most of the bytes, and compactions no longer
//                                       rewrite them; older archives' records are read as is
//   cnt/<id>/<at:BE64><seq:BE64>     -> counter sample: the counters one fetch saw (views, likes,
//                                       comments), under the same <at><seq> as its observation;
//                                       only for fetches that saw counters. A range of its own so
//                                       that reading a series decodes a few bytes per point
//   idx/author/<author>\0<rsite>\0<id> -> "" : articles by author. <author> is the head's author
//                                       folded (ASCII lowercase, white space runs as one space,
//                                       trimmed, NUL dropped); <rsite> as below. Only for heads
//                                       with an author
//   idx/site/<rsite>\0<id>           -> "" : articles by site. <rsite> is the head's site,
//                                       lowercase, its labels reversed ("com.cnblogs.www"), so a
//                                       domain and all its subdomains are one key range
//   idx/time/<at:BE64><id><N:BE64>   -> "" : version N of article <id> was fetched at <at>; one
//                                       per version (tombstones too), never rewritten
//   obs/<id>/<at:BE64><seq:BE64>     -> observation: one per recorded fetch (time, HTTP status,
//                                       outcome, kind, version current after it, counters,
//                                       error). <at> is fetched_at; <seq> is the article's
//                                       observation count before it, so two fetches in the same
//                                       millisecond never collide
//   ver/<id>/<N:BE64>                -> version N (1, 2, ...): fetched_at, HTTP status, gone,
//                                       content hash, raw hash, change summary, title, author,
//                                       and the Article's other stored fields zstd-compressed
//   x/<key>                          -> Archive::State(): other modules' keys (frontier,
//                                       schedules, robots.txt), opaque to storage
//
// The site and author index entries are a function of the head (HeadIndexKeys): when a head's
// site or author changes, the batch that rewrites the head deletes the old entries and puts the
// new ones. Indexes and counter samples are derived data: Check() verifies them against the
// primary records and Check({.repair = true}) rebuilds them.
//
// RECORDS. Every value except meta/schema and the empty index values starts with a format byte
// (kHeadFormat, ...), then fields in a fixed order, coded as in coding.h (records.h, blob.h).
// Fields are only ever appended: a reader ignores bytes after the fields it knows, and a field
// missing from an older record reads as its default, so adding a field needs no format change.
// Changing or removing a field bumps that record's format byte; a reader that meets a format
// byte it does not know refuses the record (Corruption), never guesses. Enum values stored in
// records (RecordKind, FetchOutcome, EditClass, blob codec) are frozen: DO NOT CHANGE THEM.
//
// SCHEMA. kSchemaVersion changes when an older strata could no longer read or maintain the
// archive correctly (schema 2 added the indexes and counter series, which a schema-1 strata
// would not keep up to date). Open() refuses an archive whose schema is newer than
// kSchemaVersion (and leaves it untouched), migrates one from kOldestMigratableSchema up
// (migrate.h), and refuses anything older.
//
// ATOMICITY. Record() writes a version, its blob reference, the head, the observation, the
// counter sample and the index changes in one LevelDB WriteBatch, so after a crash either all of
// them exist or none: a head never points at a missing version, and the indexes agree with the
// heads. The blob's bytes are appended to a segment and handed to the OS before that batch, so
// a version never lacks its blob; a crash in between leaves bytes no reference names.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace strata::storage {

// 3: raw responses moved to segment files (blob format 2); nothing else changed, so a schema-2
// archive migrates by a new schema number alone.
inline constexpr int64_t kSchemaVersion = 3;
// The oldest schema Open() migrates (1: the first release's layout, without indexes).
inline constexpr int64_t kOldestMigratableSchema = 1;
inline constexpr std::string_view kSchemaKey = "meta/schema";

// Format bytes of each record type (first byte of the value).
inline constexpr uint8_t kHeadFormat = 1;
// Version format 2 (schema 2): the article's text zstd-compressed; format 1 is still read.
inline constexpr uint8_t kVersionFormat = 2;
inline constexpr uint8_t kObservationFormat = 1;
inline constexpr uint8_t kCounterFormat = 1;
inline constexpr uint8_t kBlobFormat = 1;     // the record itself (in LevelDB or a segment)
inline constexpr uint8_t kBlobRefFormat = 2;  // a reference to it in a segment (schema 3)

inline constexpr std::string_view kHeadPrefix = "art/";
inline constexpr std::string_view kBlobPrefix = "blob/";
inline constexpr std::string_view kCounterPrefix = "cnt/";
inline constexpr std::string_view kIndexPrefix = "idx/";
inline constexpr std::string_view kAuthorIndexPrefix = "idx/author/";
inline constexpr std::string_view kSiteIndexPrefix = "idx/site/";
inline constexpr std::string_view kTimeIndexPrefix = "idx/time/";
inline constexpr std::string_view kMetaPrefix = "meta/";
inline constexpr std::string_view kObservationPrefix = "obs/";
inline constexpr std::string_view kVersionPrefix = "ver/";
// Archive::State(): other modules' state (frontier, schedules...), keys chosen by them.
inline constexpr std::string_view kStatePrefix = "x/";
inline constexpr size_t kArticleIdLength = 32;

// The article id of a normalised URL: 32 lowercase hex digits.
std::string ArticleId(std::string_view url);
// True when `text` looks like an ArticleId().
bool IsArticleId(std::string_view text);

std::string HeadKey(std::string_view id);
std::string VersionKey(std::string_view id, int64_t number);
// All versions of one article: "ver/<id>/".
std::string VersionKeyPrefix(std::string_view id);
std::string ObservationKey(std::string_view id, int64_t at_ms, uint64_t seq);
// All observations of one article: "obs/<id>/".
std::string ObservationKeyPrefix(std::string_view id);
std::string CounterKey(std::string_view id, int64_t at_ms, uint64_t seq);
// All counter samples of one article: "cnt/<id>/".
std::string CounterKeyPrefix(std::string_view id);
std::string BlobKey(std::string_view sha256_hex);

// The folded form of an author name used in index keys (see LAYOUT).
std::string FoldAuthor(std::string_view author);
// A site as it appears in index keys: lowercase, labels reversed ("com.cnblogs.www").
std::string ReverseSite(std::string_view site);

std::string SiteIndexKey(std::string_view site, std::string_view id);
std::string AuthorIndexKey(std::string_view author, std::string_view site, std::string_view id);
std::string TimeIndexKey(int64_t at_ms, std::string_view id, int64_t number);
// The site and author index keys of a head with this site and author (no author key when the
// author folds to "", no site key when the site is "").
std::vector<std::string> HeadIndexKeys(std::string_view site, std::string_view author,
                                       std::string_view id);

// The key range holding the index entries of `site` and all its subdomains: keys that start
// with the prefix and continue with '\0' or '.' (SiteMatchesAt tells which).
std::string SiteIndexScanPrefix(std::string_view site);
// Entries of `author`, optionally (site != "") only on `site` and its subdomains.
std::string AuthorIndexScanPrefix(std::string_view author, std::string_view site);
// Whether an index key that starts with a scan prefix for a site really is on that site or a
// subdomain: the byte after the prefix ends the site ('\0') or starts a subdomain label ('.').
// Always true when the prefix was built without a site.
bool SiteMatchesAt(std::string_view key, size_t prefix_length, bool with_site);

// The article id at the end of a site or author index key ("" when malformed).
std::string_view IdFromNamedIndexKey(std::string_view key);

// The parts of a time index key; false when `key` is not one.
struct TimeIndexEntry {
  int64_t at_ms = 0;
  std::string id;
  int64_t number = 0;
};
bool ParseTimeIndexKey(std::string_view key, TimeIndexEntry* out);

// The version number at the end of a version key; -1 when `key` is not a version key.
int64_t VersionNumberFromKey(std::string_view key);
// The <at> and <seq> of an observation or counter key; false when `key` is not one.
bool ParseObservationKey(std::string_view key, int64_t* at_ms, uint64_t* seq);
// The article id inside an art/, ver/, obs/ or cnt/ key ("" otherwise).
std::string_view IdFromArticleKey(std::string_view key);

// A printable form of any key for messages: the numbers of version, observation, counter and
// time index keys in decimal ("ver/<id>/3", "obs/<id>/1700000000000.4"), other non-printable
// bytes as \xNN.
std::string DescribeKey(std::string_view key);

}  // namespace strata::storage
