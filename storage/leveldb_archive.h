// LevelDbArchive: the Archive on one LevelDB database (private to storage/; callers use
// Archive::Open in archive.h).
//
// Recording runs in three stages (RecordMany; Record is a batch of one):
//   1. no lock: validate, hash the content and the body, and, when the head as it is now says
//      the fetch makes a version, compress the raw response and the text, read the previous
//      version with content and summarise the change (a diff of two bodies): the costly parts,
//      as a speculation on the head;
//   2. record_mutex_: re-read each head, plan its writes (reusing the speculative summary when
//      the head still has the same version with content, else summarising again), into one
//      WriteBatch;
//   3. still under the lock: append the new raw responses to a segment file (blob_segments.h),
//      hand them to the OS, and write the batch, which holds their references.
// Holding the lock from reading the heads to writing the batch means two fetches of one URL
// cannot both create "version N+1".
//
// Thread-safety: as Archive. Members are constant after construction except the database's own
// state (LevelDB is internally synchronised) and the segments' (appended under record_mutex_).
#pragma once

#include <leveldb/cache.h>
#include <leveldb/db.h>
#include <leveldb/filter_policy.h>
#include <leveldb/write_batch.h>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "storage/archive.h"
#include "storage/blob_segments.h"
#include "storage/compression.h"
#include "storage/state_store.h"

namespace strata::storage {

// Stage 1's results for one fetch (archive.h: Archive::Prepare).
struct PreparedState {
  std::string id;
  std::string content_hash;  // "" without an article
  std::string body_hash;
  // A summary computed before the lock against version `change_base` (0: none computed).
  int64_t change_base = 0;
  std::optional<ChangeSummary> change;
  // When the head read before the lock says this fetch makes a version: its compressed parts,
  // so that the lock is held only to assemble them.
  std::optional<std::string> blob;  // the encoded blob record (with keep_raw)
  std::optional<Compressed> text;   // the version's compressed text
};

// A LevelDB status as a strata Status, with `context` ("read art/...") in front.
Status FromLevelDb(const leveldb::Status& status, std::string_view context);

class LevelDbArchive final : public Archive {
 public:
  // `db` must have been opened with `filter_policy` and `block_cache` (which must outlive it:
  // members are destroyed in reverse order, db_ first).
  LevelDbArchive(std::string dir, const ArchiveOptions& options,
                 std::unique_ptr<const leveldb::FilterPolicy> filter_policy,
                 std::unique_ptr<leveldb::Cache> block_cache, std::unique_ptr<leveldb::DB> db,
                 std::unique_ptr<BlobSegments> segments);
  // Writes out what the memtable holds (see FlushMemTableAtClose).
  ~LevelDbArchive() override;

  Result<RecordResult> Record(const FetchRecord& record) override;
  std::vector<Result<RecordResult>> RecordMany(const std::vector<FetchRecord>& records) override;
  Result<PreparedFetch> Prepare(const FetchRecord& record) const override;
  std::vector<Result<RecordResult>> RecordPrepared(
      const std::vector<PreparedFetch>& fetches) override;

  Result<ArticleHead> Head(const std::string& url) const override;
  Result<HeadSnapshot> SnapshotHead(const std::string& url) const override;
  Status ScanHeads(const ListQuery& query,
                   const std::function<bool(const ArticleHead&)>& visit) const override;
  Result<std::vector<Version>> Versions(const std::string& url) const override;
  Result<std::vector<Version>> VersionSummaries(const std::string& url) const override;
  Status ForEachVersion(const std::string& url,
                        const std::function<bool(const Version&)>& visit) const override;
  Result<Version> GetVersion(const std::string& url, int64_t number) const override;
  Result<Version> VersionAt(const std::string& url, UnixMillis at) const override;
  Result<std::vector<Observation>> Observations(const std::string& url) const override;
  using Archive::CounterSeries;
  Result<std::vector<CounterSample>> CounterSeries(const std::string& url, UnixMillis since,
                                                   UnixMillis until) const override;
  Result<RawResponse> GetRaw(const std::string& raw_hash) const override;
  Result<std::string> RawBody(const std::string& raw_hash) const override;
  Result<ArchiveStats> Stats() const override;
  Result<CheckReport> Check(const CheckOptions& options) override;
  KvStore& State() override { return state_; }

 private:
  using ScanFn = std::function<Status(std::string_view key, std::string_view value)>;

  // What the records planned so far in one batch have written, so that a later record of the
  // same URL builds on them rather than on the database.
  struct BatchState {
    std::map<std::string, ArticleHead> heads;  // by article id
    std::map<std::string, Version> versions;   // by version key; only versions with content
    std::set<std::string> blobs;               // raw hashes
  };

  // Stage 1's speculation: what the head as it is now says this fetch will write.
  void Speculate(const FetchRecord& record, PreparedState* prepared) const;
  // Stage 2 for one record: adds its writes to `batch` and its effects to `state`, or returns an
  // error having changed neither.
  Result<RecordResult> Plan(const FetchRecord& record, const PreparedState& prepared,
                            BatchState* state, leveldb::WriteBatch* batch) const;

  // The head a record builds on: the batch's own, else `record.known_head` when no write may
  // have touched it since it was read, else the stored one.
  Result<std::optional<ArticleHead>> CurrentHead(const FetchRecord& record, const std::string& id,
                                                 const BatchState& state) const;
  // Whether a write since head write number `as_of` may have written the head of `id`.
  bool HeadWrittenSince(const std::string& id, uint64_t as_of) const;
  // After a write of the heads in `state` (under record_mutex_), and after any other write that
  // may have rewritten heads (NoteEveryHeadWritten).
  void NoteHeadsWritten(const BatchState& state);
  void NoteEveryHeadWritten();

  // The head of `url` (article id `id`); nullopt when there is none.
  Result<std::optional<ArticleHead>> ReadHead(const std::string& id, const std::string& url) const;
  // Like ReadHead, but an unknown URL is NotFound.
  Result<ArticleHead> RequireHead(const std::string& id, const std::string& url) const;
  Result<Version> ReadVersion(const std::string& id, const std::string& url, int64_t number) const;
  // Whether a blob is stored under `raw_hash`.
  Result<bool> HasBlob(const std::string& raw_hash) const;
  // Calls `fn` for each key starting with `prefix`, in key order; stops at its first error.
  Status ScanPrefix(std::string_view prefix, const ScanFn& fn) const;
  // Versions of `url` in order, checked against the head, decoded to `detail`.
  Status ScanVersions(const std::string& url, bool summary,
                      const std::function<bool(Version&&)>& visit) const;

  const std::string dir_;
  const bool keep_raw_;
  const int zstd_level_;
  // Leaves the archive quick to open: LevelDB replays its log into a new table at every Open,
  // so the writes of this run still in the memtable (up to write_buffer_size) would cost the
  // next command, read-only ones included, that replay (0.2 s after a crawl of 5,000 pages).
  // Writing them out now is less work, done once, at the end of the run that wrote them.
  void FlushMemTableAtClose();

  const std::unique_ptr<const leveldb::FilterPolicy> filter_policy_;
  const std::unique_ptr<leveldb::Cache> block_cache_;  // ours, to tell its use from the memtable's
  const std::unique_ptr<leveldb::DB> db_;
  // Raw responses (written by Plan, under record_mutex_, through this pointer).
  const std::unique_ptr<BlobSegments> segments_;
  StateStore state_{db_.get()};
  // Held by RecordMany() from reading the heads to writing the batch, and by a repairing Check().
  std::mutex record_mutex_;
  // For HeadSnapshot: the writes of heads are numbered; head_writes_ is the last one's number,
  // each slot the number of the last write of a head whose id hashes to it, and
  // every_head_written_ that of the last write that may have touched any (a repair). A
  // snapshot taken before write n and checked against slots <= n is current: bumping the
  // count after the write means a reader that sees the new count also sees the write
  // (HeadWrittenSince). Collisions only cost a read.
  static constexpr size_t kHeadWriteSlots = size_t{1} << 16;
  std::atomic<uint64_t> head_writes_{0};
  std::atomic<uint64_t> every_head_written_{0};
  const std::unique_ptr<std::atomic<uint64_t>[]> head_written_ =
      std::make_unique<std::atomic<uint64_t>[]>(kHeadWriteSlots);
};

}  // namespace strata::storage
