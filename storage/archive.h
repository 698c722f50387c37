// Archive: the versioned store of articles, on LevelDB. Knows Article and FetchedPage, nothing
// of HTTP clients or the crawler.
//
// "Versions, not copies": a fetch whose content (title, author, date, body, tags) is unchanged
// adds an observation (time, status, counters) and no version; a changed content adds version
// N+1 atomically (one WriteBatch: version, head, observation, raw blob); counters are
// observations, never versions; 404/410 becomes a "gone" tombstone version. The key layout,
// record formats and schema rules are in keys.h and docs/ARCHITECTURE.md.
//
// Every Record() call adds exactly one observation, so Observations() is the article's full
// fetch log (and its counter time series).
//
// Thread-safety: all methods may be called from any thread; Record() calls are serialised
// internally (read-compare-write of one article must not interleave). Queries run without that
// lock: each sees a consistent state of the keys it reads, though two queries in a row may see
// a Record() land between them.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/article.h"
#include "common/fetched_page.h"
#include "common/kv_store.h"
#include "common/result.h"
#include "common/time.h"

namespace leveldb {
class Env;
}

namespace strata::storage {

struct ArchiveOptions {
  // Create the directory and an empty archive when there is none. Default true; false turns a
  // missing archive into NotFound (for read-only commands: a typo must not create archives).
  bool create_if_missing = true;
  // LevelDB write buffer. Default 16 MiB: bulk crawls write fast without a large resident cost.
  size_t write_buffer_size = 16 << 20;
  // Keep the raw response bytes and headers (content-addressed, compressed). Default on: they
  // allow exact re-extraction and WARC export.
  bool keep_raw = true;
  // The LevelDB environment (file system) to use; null means the real one. For tests:
  // leveldb::NewMemEnv() keeps the archive in memory. Not owned; must outlive the Archive.
  leveldb::Env* env = nullptr;
};

// What Record() did with one fetch. DO NOT CHANGE THESE VALUES: they are stored in observations.
enum class RecordKind : unsigned char {
  kNew = 0,          // first version of an article never archived before
  kChanged = 1,      // content differs from the latest version (or the article came back after
                     // a tombstone): version N+1
  kUnchanged = 2,    // same content: observation only
  kNotModified = 3,  // HTTP 304: observation only
  kGone = 4,         // 404/410: tombstone version, or an observation only when already gone or
                     // never archived (there is nothing to tombstone)
  kFailed = 5,       // the fetch failed (network, 5xx, too large, nothing extracted...):
                     // recorded, no version
};
// "new", "changed", "unchanged", "not modified", "gone", "failed".
std::string_view RecordKindName(RecordKind kind);

struct RecordResult {
  RecordKind kind = RecordKind::kFailed;
  int64_t version = 0;  // the latest version number after recording (0 if none yet)
};

// The per-article summary ("head").
struct ArticleHead {
  std::string url;  // archive key: the normalised URL that was requested
  std::string site;
  std::string title;            // of the latest version with content (kept across a tombstone)
  std::string author;           // likewise
  UnixMillis first_seen = 0;    // first fetch that yielded the article (0: never)
  UnixMillis last_seen = 0;     // last fetch that confirmed the article: 200 with content or 304
  UnixMillis last_changed = 0;  // fetched_at of the latest version
  UnixMillis last_fetched = 0;  // last fetch attempt, whatever its outcome
  int64_t latest_version = 0;   // 0 when no version exists (only failures so far)
  bool gone = false;            // the last answer was 404/410
  int last_status = 0;          // HTTP status of the last fetch (0: no response)
  FetchOutcome last_outcome = FetchOutcome::kOk;
  std::string last_error;  // why the last fetch failed ("" unless it was kFailed)
  std::string etag;        // validators of the last 200 with content, for conditional GET
  std::string last_modified;
  std::string content_hash;       // ContentHash of the latest version with content ("" if none)
  int64_t observation_count = 0;  // Record() calls for this URL
};

// What changed from an earlier version (empty for version 1 and for tombstones).
struct ChangeSummary {
  std::vector<std::string> fields;  // names of changed content fields: "title", "body", ...
  int64_t lines_added = 0;          // body lines
  int64_t lines_removed = 0;
  // The version compared against: the previous version with content, so that an article coming
  // back after a tombstone is compared with what it said before it went. 0: none.
  int64_t compared_to = 0;
};

struct Version {
  int64_t number = 0;
  UnixMillis fetched_at = 0;
  int http_status = 0;
  bool gone = false;  // tombstone: the page answered 404/410; `article` then holds only its url
  // Content and derived fields as extracted. Counters and links are not kept here (counters are
  // in Observation; links can be re-extracted from the raw response).
  Article article;
  std::string content_hash;  // ContentHash of `article` ("" for a tombstone)
  std::string raw_hash;      // hex SHA-256 of the raw response body ("" if not kept)
  ChangeSummary change;
};

struct Observation {
  UnixMillis at = 0;
  int http_status = 0;
  FetchOutcome outcome = FetchOutcome::kOk;
  RecordKind kind = RecordKind::kFailed;
  int64_t version = 0;  // the version current after this observation
  Counters counters;
  std::string error;  // why it failed, for failed fetches
};

// A stored raw response: the body and the request/response headers of the first fetch that
// produced these exact bytes (later fetches of the same bytes are not stored again).
struct RawResponse {
  std::string url;        // as requested
  std::string final_url;  // after redirects
  int http_status = 0;
  UnixMillis fetched_at = 0;
  HttpHeaders request_headers;
  HttpHeaders response_headers;
  std::string body;
};

// Counts from a full scan (see Archive::Stats).
struct ArchiveStats {
  int64_t articles = 0;
  int64_t versions = 0;
  int64_t observations = 0;
  int64_t blobs = 0;
  int64_t blob_bytes = 0;  // stored (compressed) size of the blob records
};

// One fetch to record. `article` is null when nothing was extracted (failure, non-HTML, 304...).
struct FetchRecord {
  std::string url;                    // archive key: the normalised requested URL
  const FetchedPage* page = nullptr;  // required
  const Article* article = nullptr;
  // Writes to the state store (State()) committed in the same atomic batch as this record: a
  // crawl marks a frontier entry done together with the version it produced.
  const KvBatch* also = nullptr;
};

class Archive {
 public:
  virtual ~Archive() = default;

  // Opens (or creates) the archive in directory `dir`. Fails with a clear message when the
  // directory is not an archive (FailedPrecondition), does not exist and create_if_missing is
  // false (NotFound), is locked by another process (Unavailable: retry later), or has a newer
  // schema (FailedPrecondition; the archive is left untouched).
  static Result<std::unique_ptr<Archive>> Open(const std::string& dir,
                                               const ArchiveOptions& options = {});

  // Records one fetch (see RecordKind for what each case writes), atomically. Fails with
  // InvalidArgument for an empty URL, a null page or a negative fetch time, with Corruption when
  // the article's stored records are damaged (nothing is written then), and IOError when the
  // disk write fails.
  virtual Result<RecordResult> Record(const FetchRecord& record) = 0;

  // Each query fails with NotFound for an unknown URL / version / blob, and with Corruption
  // naming the key when a stored record does not decode.
  virtual Result<ArticleHead> Head(const std::string& url) const = 0;
  // Every head, sorted by URL.
  virtual Result<std::vector<ArticleHead>> List() const = 0;
  // Every version of `url`, oldest first (empty when only failures were recorded).
  virtual Result<std::vector<Version>> Versions(const std::string& url) const = 0;
  virtual Result<Version> GetVersion(const std::string& url, int64_t number) const = 0;
  // Every observation of `url`, ordered by time.
  virtual Result<std::vector<Observation>> Observations(const std::string& url) const = 0;
  // The raw response stored under `raw_hash` (a Version::raw_hash). Verifies that the body still
  // hashes to `raw_hash` (Corruption otherwise); InvalidArgument when it is not a SHA-256 hex.
  virtual Result<RawResponse> GetRaw(const std::string& raw_hash) const = 0;
  // The body of GetRaw(raw_hash).
  virtual Result<std::string> RawBody(const std::string& raw_hash) const = 0;
  // Counts every record: reads the whole archive, for `strata check`, benchmarks and tests.
  virtual Result<ArchiveStats> Stats() const = 0;

  // The key-value state kept beside the articles in the same database (frontier, seen set,
  // schedules, robots.txt cache), in a key namespace of its own ("x/" in keys.h). Lives as long
  // as the archive.
  virtual KvStore& State() = 0;
};

}  // namespace strata::storage
