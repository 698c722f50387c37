#include "storage/derived_data.h"

#include <leveldb/iterator.h>
#include <leveldb/write_batch.h>

#include <memory>
#include <string>
#include <string_view>

#include "storage/keys.h"
#include "storage/leveldb_archive.h"
#include "storage/records.h"

namespace strata::storage {
namespace {

// Rebuild batches: large enough to write fast, small enough to bound memory.
constexpr size_t kMaxBatchBytes = 4 << 20;

std::string_view View(const leveldb::Slice& slice) { return {slice.data(), slice.size()}; }
leveldb::Slice ToSlice(std::string_view s) { return {s.data(), s.size()}; }

class BatchWriter {
 public:
  explicit BatchWriter(leveldb::DB& db) : db_(db) {}
  void Put(std::string_view key, std::string_view value) {
    batch_.Put(ToSlice(key), ToSlice(value));
  }
  void Delete(std::string_view key) { batch_.Delete(ToSlice(key)); }
  Status MaybeFlush() {
    return batch_.ApproximateSize() >= kMaxBatchBytes ? Flush() : Status::Ok();
  }
  Status Flush() {
    const leveldb::Status s = db_.Write(leveldb::WriteOptions(), &batch_);
    batch_.Clear();
    return FromLevelDb(s, "rebuild the indexes");
  }

 private:
  leveldb::DB& db_;
  leveldb::WriteBatch batch_;
};

Status DeleteRange(leveldb::DB& db, const leveldb::ReadOptions& options, std::string_view prefix,
                   BatchWriter* out) {
  std::unique_ptr<leveldb::Iterator> it(db.NewIterator(options));
  const leveldb::Slice start(prefix.data(), prefix.size());
  for (it->Seek(start); it->Valid() && it->key().starts_with(start); it->Next()) {
    out->Delete(View(it->key()));
    STRATA_RETURN_IF_ERROR(out->MaybeFlush());
  }
  return FromLevelDb(it->status(), "scan " + std::string(prefix));
}

// Writes the derived data of one article.
Status RebuildArticle(leveldb::DB& db, const leveldb::ReadOptions& options, std::string_view id,
                      ArticleHead head, BatchWriter* out) {
  std::unique_ptr<leveldb::Iterator> it(db.NewIterator(options));

  int64_t content_version = 0;
  std::string content_raw_hash;
  const std::string versions = VersionKeyPrefix(id);
  for (it->Seek(versions); it->Valid() && it->key().starts_with(versions); it->Next()) {
    Result<Version> version = DecodeVersion(View(it->value()), VersionDetail::kSummary);
    if (!version.ok() || version->number != VersionNumberFromKey(View(it->key()))) continue;
    out->Put(TimeIndexKey(version->fetched_at, id, version->number), "");
    if (!version->gone && version->number <= head.latest_version &&
        version->number > content_version) {
      content_version = version->number;
      content_raw_hash = version->raw_hash;
    }
  }
  STRATA_RETURN_IF_ERROR(FromLevelDb(it->status(), "scan " + DescribeKey(versions)));

  Counters last_counters;
  uint64_t last_counters_seq = 0;
  bool any_content = false;
  const std::string observations = ObservationKeyPrefix(id);
  for (it->Seek(observations); it->Valid() && it->key().starts_with(observations); it->Next()) {
    int64_t at = 0;
    uint64_t seq = 0;
    if (!ParseObservationKey(View(it->key()), &at, &seq)) continue;
    Result<Observation> observation = DecodeObservation(View(it->value()));
    if (!observation.ok()) continue;
    if (!observation->counters.empty()) {
      out->Put(CounterKey(id, at, seq), EncodeCounterSample(observation->counters));
    }
    if (SawContent(observation->kind) && (!any_content || seq >= last_counters_seq)) {
      any_content = true;
      last_counters_seq = seq;
      last_counters = observation->counters;
    }
  }
  STRATA_RETURN_IF_ERROR(FromLevelDb(it->status(), "scan " + DescribeKey(observations)));

  ArticleHead rebuilt = head;
  rebuilt.content_version = content_version;
  rebuilt.last_counters = last_counters;
  if (rebuilt.gone) {
    rebuilt.last_body_hash.clear();
  } else if (rebuilt.last_body_hash.empty() && content_version > 0) {
    rebuilt.last_body_hash = content_raw_hash;
  }
  const std::string encoded = EncodeHead(rebuilt);
  if (encoded != EncodeHead(head)) out->Put(HeadKey(id), encoded);
  for (const std::string& key : HeadIndexKeys(rebuilt.site, rebuilt.author, id)) out->Put(key, "");
  return out->MaybeFlush();
}

}  // namespace

bool SawContent(RecordKind kind) {
  return kind == RecordKind::kNew || kind == RecordKind::kChanged || kind == RecordKind::kUnchanged;
}

Status RebuildDerived(leveldb::DB& db) {
  // Reads come from one snapshot, so the rebuild never reads its own half-done writes.
  const leveldb::Snapshot* snapshot = db.GetSnapshot();
  struct Release {
    leveldb::DB& db;
    const leveldb::Snapshot* snapshot;
    ~Release() { db.ReleaseSnapshot(snapshot); }
  } release{db, snapshot};
  leveldb::ReadOptions options;
  options.snapshot = snapshot;
  options.verify_checksums = true;
  options.fill_cache = false;

  BatchWriter out(db);
  STRATA_RETURN_IF_ERROR(DeleteRange(db, options, kIndexPrefix, &out));
  STRATA_RETURN_IF_ERROR(DeleteRange(db, options, kCounterPrefix, &out));
  // Deletions first: the puts below, later in the same or a later batch, win over them.
  std::unique_ptr<leveldb::Iterator> it(db.NewIterator(options));
  const leveldb::Slice heads = ToSlice(kHeadPrefix);
  for (it->Seek(heads); it->Valid() && it->key().starts_with(heads); it->Next()) {
    const std::string_view id = IdFromArticleKey(View(it->key()));
    Result<ArticleHead> head = DecodeHead(View(it->value()));
    if (id.empty() || !head.ok()) continue;
    STRATA_RETURN_IF_ERROR(RebuildArticle(db, options, id, std::move(*head), &out));
  }
  STRATA_RETURN_IF_ERROR(FromLevelDb(it->status(), "scan the heads"));
  return out.Flush();
}

}  // namespace strata::storage
