// Archive: the versioned store of articles, on LevelDB. Knows Article and FetchedPage, nothing
// of HTTP clients or the crawler.
//
// "Versions, not copies": a fetch whose content (title, author, date, body, tags) is unchanged
// adds an observation (time, status, counters) and no version; a changed content adds version
// N+1 atomically (one WriteBatch: version, head, observation, raw blob); counters are
// observations, never versions; 404/410 becomes a "gone" tombstone version. The key layout,
// record formats and schema rules are in keys.h and docs/ARCHITECTURE.md.
//
// Every recorded fetch adds exactly one observation, so Observations() is the article's full
// fetch log; the counters it saw are also appended to a compact series (CounterSeries()).
// Indexes by site, author and time are written in the same batch as the records they index
// (see keys.h), and Check() verifies all of it.
//
// Thread-safety: all methods may be called from any thread; Record()/RecordMany() calls are
// serialised internally (read-compare-write of one article must not interleave), but the costly
// part (hashing, comparing with the previous version) runs before that lock. Queries run without
// the lock: each sees a consistent state of the keys it reads, though two queries in a row may
// see a Record() land between them.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/article.h"
#include "common/fetched_page.h"
#include "common/kv_store.h"
#include "common/result.h"
#include "common/time.h"
#include "storage/change_analysis.h"
#include "storage/compression.h"

namespace leveldb {
class Env;
}

namespace strata::storage {

// Hex SHA-256 (64 lowercase digits) of raw response body bytes: the address of a stored raw
// response (Version::raw_hash) and ArticleHead::last_body_hash. A crawler that finds the bytes it
// just fetched hash to the head's last_body_hash may skip extraction (FetchRecord::body_unchanged).
std::string BodyHash(std::string_view body);

struct ArchiveOptions {
  // Create the directory and an empty archive when there is none. Default true; false turns a
  // missing archive into NotFound (for read-only commands: a typo must not create archives).
  bool create_if_missing = true;
  // LevelDB write buffer (memtable). Default 64 MiB: fewer, larger level-0 tables mean less
  // compaction (bench/README.md, "Storage": recording 3,000 pages took 4.2 s and 2.1 CPU-s,
  // against 5.7 s and 2.3 with 16 MiB, and 6.5 s and 2.6 with LevelDB's 4 MiB), for up to twice
  // that in memory while a full buffer is written out.
  size_t write_buffer_size = 64 << 20;
  // LevelDB block size. Default 16 KiB: version records (article text) compress better in larger
  // blocks, and the archive's reads are mostly scans of one article's records.
  size_t block_size = 16 << 10;
  // LevelDB table file size. Default 8 MiB: fewer files for an archive of gigabytes.
  size_t max_file_size = 8 << 20;
  // LevelDB's Snappy compression of its blocks. Default on: version records hold the article's
  // text, which it halves; raw blobs are zstd-compressed already, and Snappy gives up on them
  // cheaply. Off only for measurements.
  bool compress_blocks = true;
  // Keep the raw response bytes and headers (content-addressed, compressed). Default on: they
  // allow exact re-extraction and WARC export.
  bool keep_raw = true;
  // zstd level of raw responses and version text, 1 to kMaxZstdLevel. Default 1: faster
  // crawls for a slightly larger archive (storage/compression.h has the measurements).
  int zstd_level = kDefaultZstdLevel;
  // Raw responses are appended to segment files (blob_segments.h) of up to about this many
  // bytes. Default 1 GiB; small values are for tests.
  uint64_t max_segment_bytes = uint64_t{1} << 30;
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
  // BodyHash of the raw body of the last 2xx fetch recorded with content (an extracted article,
  // or a body_unchanged fetch). "" when there is none, and cleared by a tombstone: an article
  // that comes back after a 404 must be extracted again, since its return makes a version.
  std::string last_body_hash;
  // The counters of the last fetch with content: what a body_unchanged fetch carries forward.
  Counters last_counters;
  // The latest version with content (not a tombstone), 0 when none: the next change is
  // summarised against it.
  int64_t content_version = 0;
};

// What changed from an earlier version (empty for version 1 and for tombstones).
struct ChangeSummary {
  std::vector<std::string> fields;  // names of changed content fields: "title", "body", ...
  int64_t lines_added = 0;          // body lines
  int64_t lines_removed = 0;
  // The version compared against: the previous version with content, so that an article coming
  // back after a tombstone is compared with what it said before it went. 0: none.
  int64_t compared_to = 0;
  // The size and kind of the change, from AnalyzeChange (storage/change_analysis.h): body blocks
  // (paragraphs) added, removed, changed and moved, Unicode characters added and removed, and
  // the edit class. 0 and kNone in versions archived before the analysis existed (schema 1).
  int64_t blocks_added = 0;
  int64_t blocks_removed = 0;
  int64_t blocks_changed = 0;
  int64_t blocks_moved = 0;
  int64_t chars_added = 0;
  int64_t chars_removed = 0;
  EditClass edit_class = EditClass::kNone;
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

// One point of an article's counter series: the counters one fetch saw (at least one present).
struct CounterSample {
  UnixMillis at = 0;
  Counters counters;
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

// Counts from a full scan (see Archive::Stats). Bytes are keys plus values as stored (before
// LevelDB's own block compression).
struct ArchiveStats {
  int64_t articles = 0;
  int64_t versions = 0;
  int64_t observations = 0;
  int64_t counter_samples = 0;
  int64_t blobs = 0;
  int64_t index_entries = 0;
  int64_t state_entries = 0;
  int64_t head_bytes = 0;
  int64_t version_bytes = 0;
  int64_t observation_bytes = 0;
  int64_t counter_bytes = 0;
  int64_t blob_bytes = 0;  // stored (zstd-compressed) size of the blob records
  int64_t index_bytes = 0;
};

// Which heads List() and ScanHeads() return. Filters combine (all must hold).
struct ListQuery {
  // A host, or a parent domain of it: "cnblogs.com" matches "www.cnblogs.com" and "cnblogs.com"
  // (case-insensitive). "" matches any site.
  std::string site;
  // The author as archived, compared ignoring ASCII case and runs of white space. "" = any.
  std::string author;
  // Only articles whose latest version was fetched at or after this time (0 = any).
  UnixMillis changed_since = 0;
  bool only_gone = false;    // only articles whose last answer was 404/410
  bool only_failed = false;  // only URLs whose last fetch failed
  // At most this many heads (0 = no limit); List() applies it after sorting by URL.
  size_t limit = 0;
};

// Archive::Check(): what to do besides verifying.
struct CheckOptions {
  // Rebuild what is derived from the primary records (the site/author/time indexes and the
  // counter series) when it disagrees with them. Damage to primary records (heads, versions,
  // observations, blobs) is reported, never "repaired" by guessing.
  bool repair = false;
};

struct CheckProblem {
  std::string key;  // printable key of the record concerned (DescribeKey), or "" for the archive
  std::string message;      // what is wrong, for people
  bool repairable = false;  // derived data that CheckOptions::repair rebuilds
};

struct CheckReport {
  // What was checked.
  int64_t articles = 0;
  int64_t versions = 0;
  int64_t observations = 0;
  int64_t counter_samples = 0;
  int64_t blobs = 0;
  int64_t index_entries = 0;
  // Problems found (before any repair), in key order, at most kMaxCheckProblems of them.
  std::vector<CheckProblem> problems;
  bool truncated = false;  // more problems than kMaxCheckProblems were found
  // With repair: whether the derived data was rebuilt, and the problems still there after it.
  bool repaired = false;
  std::vector<CheckProblem> remaining;

  // True when nothing is wrong now (after a repair, if one ran).
  bool clean() const { return repaired ? remaining.empty() : problems.empty(); }
};
inline constexpr size_t kMaxCheckProblems = 1000;

// An article's head as read at one moment (Archive::SnapshotHead), for recording a fetch made
// after it (FetchRecord::known_head): a crawl reads the head anyway to make a conditional
// request, and the writer then reads it again only if a write may have touched the article since.
struct HeadSnapshot {
  std::string url;
  std::string id;                   // the article id of `url`
  std::optional<ArticleHead> head;  // none: never archived
  uint64_t as_of = 0;               // the archive's count of head writes before the read
};

// One fetch to record. `article` is null when nothing was extracted (failure, non-HTML, 304...).
struct FetchRecord {
  std::string url;                    // archive key: the normalised requested URL
  const FetchedPage* page = nullptr;  // required
  const Article* article = nullptr;
  // Writes to the state store (State()) committed in the same atomic batch as this record: a
  // crawl marks a frontier entry done together with the version it produced.
  const KvBatch* also = nullptr;
  // The caller fetched a 2xx whose body hashes (BodyHash) to the head's last_body_hash and
  // skipped extraction (`article` must be null). Recorded as kUnchanged: an observation carrying
  // the head's last_counters, last_seen and validators updated; no version, no blob. The archive
  // checks the hash itself: when it no longer matches (another fetch of the URL landed first, or
  // the article is gone), Record() fails with FailedPrecondition and writes nothing, and the
  // caller should extract and record again.
  bool body_unchanged = false;
  // The head of `url` as read before the fetch, or null. Optional: it only spares a read.
  const HeadSnapshot* known_head = nullptr;
};

// The archive's own work on one fetch, done ahead of recording it (Archive::Prepare): its
// hashes and, when it looks like a new version, its compressed parts and change summary. Opaque.
struct PreparedState;

// A fetch ready to record (Archive::Prepare's result, for RecordPrepared). The record's page,
// article and `also` must outlive it.
struct PreparedFetch {
  FetchRecord record;
  std::shared_ptr<const PreparedState> state;  // null: RecordPrepared does the work itself
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
  // InvalidArgument for an empty URL, a null page, a negative fetch time or body_unchanged with
  // an article, with FailedPrecondition for a body_unchanged that no longer holds, with
  // Corruption when the article's stored records are damaged (nothing is written then), and
  // IOError when the disk write fails.
  virtual Result<RecordResult> Record(const FetchRecord& record) = 0;

  // Records several fetches in ONE LevelDB write (much faster in bulk than one Record() each),
  // in order: a later record of the same URL sees the earlier ones. Returns one result per
  // record, as Record() would. A record that fails (invalid, damaged article) is left out and the
  // others are still written, each with its `also`; when the write itself fails, every record
  // that would have been written gets that error, and nothing was written.
  virtual std::vector<Result<RecordResult>> RecordMany(const std::vector<FetchRecord>& records) = 0;

  // RecordMany in two stages, for a crawl that funnels its records to one writer: Prepare, on
  // the worker that extracted the page and without the archive's lock, validates the record,
  // hashes its content and body and, when the article's head as it is now says the fetch makes
  // a version, compresses the raw response and the text and summarises the change against the
  // previous version (the costly parts: about a millisecond for a 45 KB page); RecordPrepared
  // then only checks each head again, assembles and writes. What changed in between (another
  // fetch of the URL landed) is redone under the lock, so a prepared fetch is never recorded
  // against a stale head. Prepare fails as Record() would for an invalid record.
  virtual Result<PreparedFetch> Prepare(const FetchRecord& record) const = 0;
  virtual std::vector<Result<RecordResult>> RecordPrepared(
      const std::vector<PreparedFetch>& fetches) = 0;

  // Each query fails with NotFound for an unknown URL / version / blob, and with Corruption
  // naming the key when a stored record does not decode.
  virtual Result<ArticleHead> Head(const std::string& url) const = 0;
  // The head of `url` now (none when never archived), to hand back with the record of a fetch
  // (FetchRecord::known_head). Corruption as for Head().
  virtual Result<HeadSnapshot> SnapshotHead(const std::string& url) const = 0;
  // The heads matching `query`, sorted by URL (then cut to query.limit).
  Result<std::vector<ArticleHead>> List(const ListQuery& query = {}) const;
  // Calls `visit` with each head matching `query`, in article-id order (stable, not meaningful),
  // holding one head at a time; stops when `visit` returns false. Filters by site, author or
  // time read the indexes instead of every head.
  virtual Status ScanHeads(const ListQuery& query,
                           const std::function<bool(const ArticleHead&)>& visit) const = 0;
  // Every version of `url`, oldest first (empty when only failures were recorded).
  virtual Result<std::vector<Version>> Versions(const std::string& url) const = 0;
  // Like Versions(), without the bulky text: of each article only title and author are filled
  // (the rest is not even decompressed). For listings (history) of articles with many versions.
  virtual Result<std::vector<Version>> VersionSummaries(const std::string& url) const = 0;
  // Calls `visit` with each version of `url` in full, oldest first, one at a time (bounded
  // memory however many versions); stops when `visit` returns false.
  virtual Status ForEachVersion(const std::string& url,
                                const std::function<bool(const Version&)>& visit) const = 0;
  virtual Result<Version> GetVersion(const std::string& url, int64_t number) const = 0;
  // The version current at time `at`: the newest version fetched at or before `at` (it may be a
  // tombstone). NotFound when the article had no version yet then.
  virtual Result<Version> VersionAt(const std::string& url, UnixMillis at) const = 0;
  // Every observation of `url`, ordered by time.
  virtual Result<std::vector<Observation>> Observations(const std::string& url) const = 0;
  // The counters `url` showed over time, ordered by time, from `since` to `until` inclusive.
  // Reads a compact key range of its own, not the observations. Fetches that saw no counters
  // (failures, 304s, pages without counters) have no sample.
  virtual Result<std::vector<CounterSample>> CounterSeries(const std::string& url, UnixMillis since,
                                                           UnixMillis until) const = 0;
  Result<std::vector<CounterSample>> CounterSeries(const std::string& url) const {
    return CounterSeries(url, std::numeric_limits<UnixMillis>::min(),
                         std::numeric_limits<UnixMillis>::max());
  }
  // The raw response stored under `raw_hash` (a Version::raw_hash). Verifies that the body still
  // hashes to `raw_hash` (Corruption otherwise); InvalidArgument when it is not a SHA-256 hex.
  virtual Result<RawResponse> GetRaw(const std::string& raw_hash) const = 0;
  // The body of GetRaw(raw_hash).
  virtual Result<std::string> RawBody(const std::string& raw_hash) const = 0;
  // Counts every record: reads the whole archive, for benchmarks and tests.
  virtual Result<ArchiveStats> Stats() const = 0;

  // Verifies the whole archive: every record decodes, every version has its blob and every blob
  // its hash, heads agree with their versions and observations, the indexes and counter series
  // agree with the records they derive from. With options.repair, rebuilds the derived data
  // (serialised with Record()). Problems are the report's content; an error Status only means
  // the check could not run (I/O).
  virtual Result<CheckReport> Check(const CheckOptions& options) = 0;

  // The key-value state kept beside the articles in the same database (frontier, seen set,
  // schedules, robots.txt cache), in a key namespace of its own ("x/" in keys.h). Lives as long
  // as the archive.
  virtual KvStore& State() = 0;
};

}  // namespace strata::storage
