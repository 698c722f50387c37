// Frontier: a crawl's queue of URLs to fetch and its set of URLs seen, kept in a KvStore (the
// archive's state store), not in RAM: a crawl that discovers millions of URLs holds only a
// bounded window of ready URLs, the URLs of updates not yet written, and a fixed-size cache in
// memory. Key layout: frontier_records.h.
//
// Writes never go to the store directly: Add() and MarkDone() put them in a FrontierUpdate,
// which the caller commits in the same batch as the archive record of the page that caused them
// (storage::FetchRecord::also). So after a kill -9 a URL is either archived and marked done, or
// neither, and the links found on a page are queued if and only if the page was recorded.
//
//   Add(url) ---> update (pending) --caller writes the batch--> Commit(update) ---> visible
//                                                       \-----> Abandon(update) (write failed)
//   Next() <--- ready window <--- store (queue order, up to the commit watermark)
//
// Queue entries get increasing sequence numbers when added, but updates may be written in
// another order than they were made; Next() reads the store only up to the lowest sequence
// number not yet committed (the watermark), so no entry is skipped.
//
// Thread-safety: none. One thread (the crawl's conductor) uses a Frontier; the store may be
// written by other threads only with batches this Frontier produced, and by Garbage::Delete
// (earlier runs' keys, which the Frontier never reads).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "common/kv_store.h"
#include "common/result.h"
#include "crawler/frontier_records.h"
#include "crawler/seen_filter.h"

namespace strata::crawler {

struct FrontierOptions {
  // Queue entries read ahead into memory. Default 1024.
  size_t ready_window = 1024;
  // Slots of the "seen before" cache (8 bytes each; rounded down to a power of two; 0 = none).
  // A hit saves a store read. Default 262144 (2 MiB). It keeps 64-bit hashes, so a URL whose
  // hash collides with a cached one (odds about slots / 2^64 per lookup) would be taken as seen.
  size_t seen_cache_slots = 262'144;
  // Bytes of the Bloom filter of URLs this crawl has seen (seen_filter.h; 0 = none): a URL it
  // has never seen is added without a store read. Default 4 MiB: few false "maybe"s up to about
  // 1.5 million URLs; beyond, more reads, never a wrong answer.
  size_t seen_filter_bytes = 4 << 20;
  // Keys deleted per batch when a finished crawl's state is removed. Default 10000.
  size_t delete_batch = 10'000;
};

// One URL to fetch, as Next() hands it out.
struct FrontierEntry {
  uint64_t seq = 0;
  int depth = 0;  // link hops from a seed (seeds: 0)
  std::string url;
};

// The frontier writes that belong to one archive record (or to none: seeds, skipped URLs).
// Movable, not copyable; the caller writes batch() and then calls Commit() or Abandon().
class FrontierUpdate {
 public:
  FrontierUpdate() = default;
  FrontierUpdate(FrontierUpdate&&) = default;
  FrontierUpdate& operator=(FrontierUpdate&&) = default;

  const KvBatch& batch() const { return batch_; }
  // For writes of the caller's own that must land in the same batch (links/<url>).
  KvBatch* mutable_batch() { return &batch_; }
  size_t added() const { return added_urls_.size(); }
  bool empty() const { return batch_.empty(); }

 private:
  friend class Frontier;
  KvBatch batch_;
  std::vector<uint64_t> added_seqs_;
  std::vector<std::string> added_urls_;
  int64_t done_ = 0;
  int64_t skipped_ = 0;
};

class Frontier {
 public:
  // Opens the state of crawl `crawl_id` (IsValidCrawlId) in `store`, which must outlive the
  // Frontier. An unfinished crawl of that id is resumed (resumed() is true: its queue and seen
  // set are used as they are); a finished one's leftovers are deleted first; otherwise a new
  // crawl is started with `description` (for people) in its meta record. Reads the whole queue
  // and seen set once to count them (O(URLs seen)). Fails when the store does, or with
  // Corruption naming the key when a record does not decode.
  static Result<std::unique_ptr<Frontier>> Open(KvStore* store, std::string crawl_id,
                                                std::string_view description, int64_t now_ms,
                                                const FrontierOptions& options = {});

  // Whether state of crawl `crawl_id` that is not finished exists in `store`.
  static Result<bool> Exists(const KvStore& store, std::string_view crawl_id);

  // Deletes every key of crawl `crawl_id` (to restart it from scratch); its runs go on being
  // numbered from the last.
  static Status Discard(KvStore* store, std::string_view crawl_id, size_t delete_batch = 10'000);

  const std::string& crawl_id() const { return crawl_id_; }
  bool resumed() const { return resumed_; }
  // The seeds (depth 0 URLs) of a resumed crawl, so that a run given only the crawl id knows
  // which hosts are in scope. Empty for a new crawl.
  const std::vector<std::string>& resumed_seeds() const { return resumed_seeds_; }

  // Queues `url` (normalised) at `depth` unless this crawl has seen it before. Returns true
  // when it was queued; its writes are in `update` and it is reported as seen at once (also to
  // later Add calls) until Abandon(). Fails only when the store read fails.
  Result<bool> Add(std::string_view url, int depth, FrontierUpdate* update);

  // True when `url` is known to have been seen without reading the store (the cache, or an
  // update not yet committed). False means "maybe not": Add() decides. `hash` is HashOf(url).
  bool SeenRecently(std::string_view url, uint64_t hash) const;
  // The hash the seen cache and filter key a URL by. Any thread may compute it: a re-crawl
  // checks ~80 links a page, and the conductor is its bottleneck.
  static uint64_t HashOf(std::string_view url);
  // Starts loading the seen cache's slot for `hash` into the CPU cache: a page's links are
  // checked in a burst, and each check is otherwise a cache miss in the 2 MiB table.
  void Prefetch(uint64_t hash) const;

  // Marks an entry from Next() as fetched and recorded (kDone) or as never to be fetched in
  // this crawl (kSkipped): removes it from the queue.
  void MarkDone(const FrontierEntry& entry, FrontierUpdate* update);
  void MarkSkipped(const FrontierEntry& entry, FrontierUpdate* update);

  // After update.batch() was written: its queue entries become visible to Next().
  void Commit(FrontierUpdate update);
  // After writing update.batch() failed: forgets it (its URLs may be added again; the entries
  // it marked done stay queued in the store, so a later run fetches them).
  void Abandon(FrontierUpdate update);
  // Writes update.batch() to the store on its own, then commits or abandons it.
  Status Write(FrontierUpdate update);

  // The next queued URL, in queue order (breadth first), or nullopt when no committed entry is
  // waiting. An entry handed out stays queued in the store until marked done, so a crawl that
  // dies first fetches it again when resumed. When the ready window is empty the store is read
  // only once `min_batch` committed entries may wait there (else nullopt): each read opens a
  // LevelDB iterator, cheap per entry in bulk, dear for one or two. A caller with work in flight
  // can wait for a batch; one with nothing in flight must ask with 1.
  Result<std::optional<FrontierEntry>> Next(size_t min_batch = 1);

  // Entries in the store's queue (not done; includes the ones handed out by Next()).
  int64_t queued() const { return queued_; }
  // URLs fetched and recorded by this crawl, in this run and the runs it resumes.
  int64_t done() const { return done_; }
  // URLs this crawl will have fetched once the queue is drained: queued + done + URLs added
  // by updates not committed yet. For a max_pages bound.
  int64_t planned() const;
  // Updates made but neither committed nor abandoned.
  bool has_uncommitted() const { return !uncommitted_seqs_.empty() || !pending_urls_.empty(); }
  // Entries held in memory (ready window + pending URLs): bounded by the options and the number
  // of updates in flight, never by the size of the crawl.
  size_t resident() const { return window_.size() + pending_urls_.size(); }

  // The seen sets earlier runs of this crawl left behind (frontier_records.h), to be deleted
  // while this run crawls. Delete() touches only the store: any thread may run it, alongside
  // the Frontier's own use of the store. It stops between batches (Unavailable) once
  // `*cancelled` is set: a crawl stopped by the user does not wait for a large set to go.
  class Garbage {
   public:
    bool empty() const { return prefixes_.empty(); }
    Status Delete(const std::atomic<bool>* cancelled = nullptr) const;

   private:
    friend class Frontier;
    KvStore* store_ = nullptr;
    std::vector<std::string> prefixes_;
    size_t delete_batch_ = 1;
  };
  Garbage garbage() const;

  // Ends the crawl, so that running it again starts afresh. With its queue empty it is marked
  // closed and this run's seen set is left for the next run to delete (`garbage_deleted`: the
  // earlier runs' sets are gone, garbage().Delete() succeeded); otherwise (stopped for good at
  // a limit) its queue, seen sets and meta record are deleted now. Call when nothing is in
  // flight.
  Status Finish(bool garbage_deleted = false);

 private:
  Frontier(KvStore* store, std::string crawl_id, const FrontierOptions& options);

  void SetRuns(const RunRecord& runs);
  std::string SeenKeyOf(std::string_view url) const;  // in this run's seen set
  Status Load();  // counts the queue and seen set of a resumed crawl
  Status Refill();
  bool CacheHas(uint64_t hash) const;
  void CacheInsert(uint64_t hash);

  KvStore* const store_;
  const std::string crawl_id_;
  const FrontierOptions options_;
  bool resumed_ = false;
  std::vector<std::string> resumed_seeds_;

  RunRecord runs_;                     // this run (runs_.run) and where the last ones were
  std::string seen_prefix_;            // SeenKeyPrefix of this run
  uint64_t next_seq_ = 1;              // for the next Add
  uint64_t cursor_ = 0;                // highest sequence number read into the window
  int64_t unread_ = 0;                 // committed entries not read into the window yet
  std::vector<FrontierEntry> window_;  // ready entries, in reverse queue order (pop_back)
  std::set<uint64_t> uncommitted_seqs_;
  // Transparent hashing: look up a string_view without building a string.
  struct UrlHash {
    using is_transparent = void;
    size_t operator()(std::string_view url) const { return std::hash<std::string_view>{}(url); }
  };
  std::unordered_set<std::string, UrlHash, std::equal_to<>> pending_urls_;  // uncommitted adds
  std::vector<uint64_t> cache_;  // hashes of URLs known to be seen
  // Every URL of this crawl's seen set (loaded on resume, or added since) is in it.
  SeenFilter seen_filter_;
  int cache_shift_ = 64;
  int64_t queued_ = 0;
  int64_t done_ = 0;
};

}  // namespace strata::crawler
