#include "crawler/frontier.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <functional>

namespace strata::crawler {
namespace {

uint64_t HashUrl(std::string_view url) {
  return static_cast<uint64_t>(std::hash<std::string_view>{}(url)) | 1;  // 0 marks a free slot
}

// Deletes every key under `prefix`, `batch_size` at a time, resuming each scan after the last
// deleted key (rescanning from the start would wade through the deletions' tombstones). Stops
// between batches once `*cancelled` is set (Unavailable).
// `end_key`, when given and found, is the prefix's last key (SeenEndKey): it is deleted with
// the batch that reaches it, and no scan goes past it.
Status DeletePrefix(KvStore* store, const std::string& prefix, const std::string& keep_last,
                    size_t batch_size, const std::atomic<bool>* cancelled = nullptr,
                    const std::string& end_key = "") {
  std::string after;
  for (;;) {
    if (cancelled != nullptr && cancelled->load()) {
      return Status::Unavailable("deleting " + prefix + ": cancelled");
    }
    KvBatch batch;
    std::string last;
    bool reached_end = false;
    STRATA_RETURN_IF_ERROR(store->Scan(prefix, after, [&](std::string_view key, std::string_view) {
      if (key != keep_last) batch.Delete(key);
      last = std::string(key);
      reached_end = !end_key.empty() && key == end_key;
      return !reached_end && batch.size() < batch_size;
    }));
    if (last.empty()) return Status::Ok();
    if (!batch.empty()) STRATA_RETURN_IF_ERROR(store->Write(batch));
    if (reached_end) return Status::Ok();
    after = std::move(last);
  }
}

}  // namespace

Frontier::Frontier(KvStore* store, std::string crawl_id, const FrontierOptions& options)
    : store_(store),
      crawl_id_(std::move(crawl_id)),
      options_(options),
      seen_filter_(options.seen_filter_bytes) {
  if (options_.seen_cache_slots > 0) {
    const size_t slots = std::bit_floor(options_.seen_cache_slots);
    cache_.assign(slots, 0);
    cache_shift_ = 64 - std::countr_zero(slots);
  }
}

Result<std::unique_ptr<Frontier>> Frontier::Open(KvStore* store, std::string crawl_id,
                                                 std::string_view description, int64_t now_ms,
                                                 const FrontierOptions& options) {
  if (!IsValidCrawlId(crawl_id)) {
    return Status::InvalidArgument("bad crawl id \"" + crawl_id +
                                   "\": use 1 to 64 of A-Z a-z 0-9 . _ -");
  }
  std::unique_ptr<Frontier> frontier(new Frontier(store, crawl_id, options));
  const size_t delete_batch = std::max<size_t>(options.delete_batch, 1);
  // Where the crawl's runs are (frontier_records.h). Without a readable record the run numbers
  // of seen sets still in the store are unknown, and a new run must not share one: start the
  // crawl over (what is archived stays; only its progress is forgotten).
  RunRecord runs;
  STRATA_ASSIGN_OR_RETURN(std::optional<std::string> runs_bytes, store->Get(NextSeqKey(crawl_id)));
  if (runs_bytes) {
    Result<RunRecord> decoded = DecodeRunRecord(*runs_bytes);
    if (decoded.ok()) {
      runs = *decoded;
    } else {
      STRATA_RETURN_IF_ERROR(DeletePrefix(store, CrawlKeyPrefix(crawl_id), "", delete_batch));
      STRATA_RETURN_IF_ERROR(store->Delete(NextSeqKey(crawl_id)));
    }
  }
  if (runs.next_seq > 0) {
    // Number on from the crawl's last run, past the tombstones of its queue.
    frontier->next_seq_ = runs.next_seq;
    frontier->cursor_ = runs.next_seq - 1;  // no entry of this crawl's runs from now on is below
  }
  const std::string meta_key = MetaKey(crawl_id);
  STRATA_ASSIGN_OR_RETURN(std::optional<std::string> meta_bytes, store->Get(meta_key));
  if (meta_bytes) {
    Result<MetaValue> meta = DecodeMeta(*meta_bytes);
    if (!meta.ok()) return meta.status().WithContext(meta_key);
    if (meta->state == CrawlState::kRunning) {
      frontier->SetRuns(runs);
      frontier->resumed_ = true;
      STRATA_RETURN_IF_ERROR(frontier->Load());
      return frontier;
    }
    if (meta->state == CrawlState::kFinished) {
      // A finished crawl whose clean-up was cut short: finish it, then start afresh.
      STRATA_RETURN_IF_ERROR(Discard(store, crawl_id, delete_batch));
      runs.garbage_from = runs.run + 1;
    }
    // kClosed: the last run's seen set is garbage() of the new one.
  }
  RunRecord next = runs;
  next.run = runs.run + 1;
  next.next_seq = frontier->next_seq_;
  if (!runs_bytes) next.garbage_from = next.run;  // the crawl's first run: nothing before it
  frontier->SetRuns(next);
  MetaValue meta;
  meta.created_at_ms = now_ms;
  meta.description = std::string(description);
  KvBatch start;
  start.Put(meta_key, EncodeMeta(meta));
  start.Put(NextSeqKey(crawl_id), EncodeRunRecord(next));
  start.Put(SeenEndKey(crawl_id, next.run), EncodeSeenEnd());
  STRATA_RETURN_IF_ERROR(store->Write(start));
  return frontier;
}

void Frontier::SetRuns(const RunRecord& runs) {
  runs_ = runs;
  seen_prefix_ = SeenKeyPrefix(crawl_id_, runs_.run);
}

std::string Frontier::SeenKeyOf(std::string_view url) const {
  std::string key;
  key.reserve(seen_prefix_.size() + url.size());
  key.append(seen_prefix_).append(url);
  return key;
}

Result<bool> Frontier::Exists(const KvStore& store, std::string_view crawl_id) {
  if (!IsValidCrawlId(crawl_id)) return false;
  const std::string meta_key = MetaKey(crawl_id);
  STRATA_ASSIGN_OR_RETURN(std::optional<std::string> meta_bytes, store.Get(meta_key));
  if (!meta_bytes) return false;
  Result<MetaValue> meta = DecodeMeta(*meta_bytes);
  if (!meta.ok()) return meta.status().WithContext(meta_key);
  return meta->state == CrawlState::kRunning;
}

Status Frontier::Discard(KvStore* store, std::string_view crawl_id, size_t delete_batch) {
  if (!IsValidCrawlId(crawl_id)) return Status::InvalidArgument("bad crawl id");
  const std::string meta_key = MetaKey(crawl_id);
  // The meta record goes last: until then a cut-short deletion is finished by the next Open.
  STRATA_RETURN_IF_ERROR(
      DeletePrefix(store, CrawlKeyPrefix(crawl_id), meta_key, std::max<size_t>(delete_batch, 1)));
  STRATA_RETURN_IF_ERROR(store->Delete(meta_key));
  // No seen set is left: the next run has no garbage to look for.
  STRATA_ASSIGN_OR_RETURN(std::optional<std::string> runs_bytes, store->Get(NextSeqKey(crawl_id)));
  if (!runs_bytes) return Status::Ok();
  Result<RunRecord> runs = DecodeRunRecord(*runs_bytes);
  if (!runs.ok()) return Status::Ok();  // the next Open starts the crawl over
  runs->garbage_from = runs->run + 1;
  return store->Put(NextSeqKey(crawl_id), EncodeRunRecord(*runs));
}

Status Frontier::Load() {
  const std::string queue_prefix = QueueKeyPrefix(crawl_id_);
  Status error;
  STRATA_RETURN_IF_ERROR(
      store_->Scan(queue_prefix, "", [&](std::string_view key, std::string_view) {
        Result<uint64_t> seq = QueueSeqFromKeyWithPrefix(key, queue_prefix);
        if (!seq.ok()) {
          error = seq.status();
          return false;
        }
        next_seq_ = std::max(next_seq_, *seq + 1);
        ++queued_;
        ++unread_;
        return true;
      }));
  STRATA_RETURN_IF_ERROR(error);
  const std::string& seen_prefix = seen_prefix_;
  STRATA_RETURN_IF_ERROR(
      store_->Scan(seen_prefix, "", [&](std::string_view key, std::string_view value) {
        if (key.substr(seen_prefix.size()) == kSeenEndSuffix) return true;  // not a URL
        Result<SeenValue> seen = DecodeSeen(value);
        if (!seen.ok()) {
          error = seen.status().WithContext(std::string(key));
          return false;
        }
        if (seen->state == SeenState::kDone) ++done_;
        const std::string_view url = key.substr(seen_prefix.size());
        seen_filter_.Insert(HashUrl(url));
        if (seen->depth == 0) resumed_seeds_.emplace_back(url);
        return true;
      }));
  return error;
}

bool Frontier::CacheHas(uint64_t hash) const {
  return !cache_.empty() && cache_[hash >> cache_shift_] == hash;
}

void Frontier::CacheInsert(uint64_t hash) {
  if (!cache_.empty()) cache_[hash >> cache_shift_] = hash;
}

bool Frontier::SeenRecently(std::string_view url, uint64_t hash) const {
  return CacheHas(hash) || pending_urls_.contains(url);
}

uint64_t Frontier::HashOf(std::string_view url) { return HashUrl(url); }

void Frontier::Prefetch(uint64_t hash) const {
  if (!cache_.empty()) __builtin_prefetch(&cache_[hash >> cache_shift_]);
}

Result<bool> Frontier::Add(std::string_view url, int depth, FrontierUpdate* update) {
  const uint64_t hash = HashUrl(url);
  if (CacheHas(hash)) return false;
  if (pending_urls_.contains(url)) return false;
  const std::string seen_key = SeenKeyOf(url);
  if (seen_filter_.MayContain(hash)) {
    STRATA_ASSIGN_OR_RETURN(std::optional<std::string> seen, store_->Get(seen_key));
    if (seen) {
      CacheInsert(hash);
      return false;
    }
  }
  seen_filter_.Insert(hash);
  const uint64_t seq = next_seq_++;
  update->batch_.Put(seen_key, EncodeSeen({SeenState::kQueued, depth}));
  update->batch_.Put(QueueKey(crawl_id_, seq), EncodeQueue({depth, std::string(url)}));
  update->added_seqs_.push_back(seq);
  update->added_urls_.emplace_back(url);
  uncommitted_seqs_.insert(seq);
  pending_urls_.emplace(url);
  CacheInsert(hash);
  return true;
}

void Frontier::MarkDone(const FrontierEntry& entry, FrontierUpdate* update) {
  update->batch_.Delete(QueueKey(crawl_id_, entry.seq));
  update->batch_.Put(SeenKeyOf(entry.url), EncodeSeen({SeenState::kDone, entry.depth}));
  seen_filter_.Insert(HashUrl(entry.url));
  ++update->done_;
}

void Frontier::MarkSkipped(const FrontierEntry& entry, FrontierUpdate* update) {
  update->batch_.Delete(QueueKey(crawl_id_, entry.seq));
  update->batch_.Put(SeenKeyOf(entry.url), EncodeSeen({SeenState::kSkipped, entry.depth}));
  seen_filter_.Insert(HashUrl(entry.url));
  ++update->skipped_;
}

void Frontier::Commit(FrontierUpdate update) {
  for (uint64_t seq : update.added_seqs_) uncommitted_seqs_.erase(seq);
  for (const std::string& url : update.added_urls_) pending_urls_.erase(url);
  queued_ += static_cast<int64_t>(update.added_seqs_.size()) - update.done_ - update.skipped_;
  unread_ += static_cast<int64_t>(update.added_seqs_.size());
  done_ += update.done_;
}

void Frontier::Abandon(FrontierUpdate update) {
  for (uint64_t seq : update.added_seqs_) uncommitted_seqs_.erase(seq);
  for (const std::string& url : update.added_urls_) pending_urls_.erase(url);
  // The cache may claim these URLs were seen; it is only a cache, so start it over.
  std::fill(cache_.begin(), cache_.end(), 0);
}

Status Frontier::Write(FrontierUpdate update) {
  if (update.empty()) {
    Commit(std::move(update));
    return Status::Ok();
  }
  Status status = store_->Write(update.batch());
  if (status.ok()) {
    Commit(std::move(update));
  } else {
    Abandon(std::move(update));
  }
  return status;
}

int64_t Frontier::planned() const {
  return queued_ + done_ + static_cast<int64_t>(uncommitted_seqs_.size());
}

Status Frontier::Refill() {
  // Everything up to the watermark has been written (or abandoned, and so will never be).
  const uint64_t watermark =
      uncommitted_seqs_.empty() ? next_seq_ - 1 : *uncommitted_seqs_.begin() - 1;
  if (cursor_ >= watermark) return Status::Ok();
  std::vector<FrontierEntry> loaded;
  loaded.reserve(std::max<size_t>(options_.ready_window, 1));
  Status error;
  const std::string queue_prefix = QueueKeyPrefix(crawl_id_);
  const std::string after = cursor_ == 0 ? std::string() : QueueKey(crawl_id_, cursor_);
  STRATA_RETURN_IF_ERROR(
      store_->ScanHot(queue_prefix, after, [&](std::string_view key, std::string_view value) {
        Result<uint64_t> seq = QueueSeqFromKeyWithPrefix(key, queue_prefix);
        if (!seq.ok()) {
          error = seq.status();
          return false;
        }
        if (*seq > watermark) return false;
        Result<QueueValue> entry = DecodeQueue(value);
        if (!entry.ok()) {
          error = entry.status().WithContext(std::string(key));
          return false;
        }
        loaded.push_back({*seq, entry->depth, std::move(entry->url)});
        return loaded.size() < std::max<size_t>(options_.ready_window, 1);
      }));
  STRATA_RETURN_IF_ERROR(error);
  // Entries between the cursor and the watermark that were not found were done meanwhile
  // (they had been read before) or abandoned: either way there is nothing more below it.
  cursor_ = loaded.size() < std::max<size_t>(options_.ready_window, 1) || loaded.empty()
                ? watermark
                : loaded.back().seq;
  unread_ = std::max<int64_t>(0, unread_ - static_cast<int64_t>(loaded.size()));
  window_.assign(std::make_move_iterator(loaded.rbegin()), std::make_move_iterator(loaded.rend()));
  return Status::Ok();
}

Result<std::optional<FrontierEntry>> Frontier::Next(size_t min_batch) {
  if (window_.empty() && unread_ >= static_cast<int64_t>(std::max<size_t>(min_batch, 1))) {
    STRATA_RETURN_IF_ERROR(Refill());
  }
  if (window_.empty()) return std::optional<FrontierEntry>();
  FrontierEntry entry = std::move(window_.back());
  window_.pop_back();
  return std::optional<FrontierEntry>(std::move(entry));
}

Frontier::Garbage Frontier::garbage() const {
  Garbage garbage;
  garbage.store_ = store_;
  garbage.delete_batch_ = std::max<size_t>(options_.delete_batch, 1);
  for (uint64_t run = runs_.garbage_from; run < runs_.run; ++run) {
    garbage.prefixes_.push_back(SeenKeyPrefix(crawl_id_, run));
  }
  return garbage;
}

Status Frontier::Garbage::Delete(const std::atomic<bool>* cancelled) const {
  for (const std::string& prefix : prefixes_) {
    // Sets of runs from before end keys (and run 0's "s/") have none: their last scan runs on.
    const std::string end_key = prefix + std::string(kSeenEndSuffix);
    STRATA_RETURN_IF_ERROR(DeletePrefix(store_, prefix, "", delete_batch_, cancelled, end_key));
  }
  return Status::Ok();
}

Status Frontier::Finish(bool garbage_deleted) {
  const std::string meta_key = MetaKey(crawl_id_);
  STRATA_ASSIGN_OR_RETURN(std::optional<std::string> meta_bytes, store_->Get(meta_key));
  MetaValue meta;
  if (meta_bytes) {
    Result<MetaValue> decoded = DecodeMeta(*meta_bytes);
    if (decoded.ok()) meta = std::move(*decoded);
  }
  const bool queue_empty = queued_ == 0 && uncommitted_seqs_.empty();
  // Every queue entry was deleted as it was done: what is left is this run's seen set, which
  // the next run deletes while it crawls (garbage()).
  meta.state = queue_empty ? CrawlState::kClosed : CrawlState::kFinished;
  RunRecord runs = runs_;
  runs.next_seq = next_seq_;
  if (garbage_deleted) runs.garbage_from = runs.run;
  KvBatch finished;
  finished.Put(meta_key, EncodeMeta(meta));
  finished.Put(NextSeqKey(crawl_id_), EncodeRunRecord(runs));
  STRATA_RETURN_IF_ERROR(store_->Write(finished));
  runs_ = runs;
  window_.clear();
  queued_ = 0;
  unread_ = 0;
  if (queue_empty) return Status::Ok();
  return Discard(store_, crawl_id_, options_.delete_batch);
}

}  // namespace strata::crawler
