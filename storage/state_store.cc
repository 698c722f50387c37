#include "storage/state_store.h"

#include <memory>

#include "storage/keys.h"

namespace strata::storage {
namespace {

std::string StateKey(std::string_view key) {
  std::string out(kStatePrefix);
  out += key;
  return out;
}

leveldb::Slice ToSlice(std::string_view s) { return leveldb::Slice(s.data(), s.size()); }

Status FromLevelDbStatus(const leveldb::Status& s, std::string_view what) {
  if (s.ok()) return Status::Ok();
  if (s.IsCorruption()) return Status::Corruption(std::string(what) + ": " + s.ToString());
  return Status::IOError(std::string(what) + ": " + s.ToString());
}

}  // namespace

Result<std::optional<std::string>> StateStore::Get(std::string_view key) const {
  std::string value;
  leveldb::ReadOptions options;
  options.verify_checksums = true;
  const leveldb::Status s = db_->Get(options, StateKey(key), &value);
  if (s.IsNotFound()) return std::optional<std::string>();
  if (!s.ok()) return FromLevelDbStatus(s, "read state " + std::string(key));
  return std::optional<std::string>(std::move(value));
}

void StateStore::AddTo(const KvBatch& batch, leveldb::WriteBatch* out) {
  for (const KvBatch::Op& op : batch.ops()) {
    if (op.is_delete) {
      out->Delete(StateKey(op.key));
    } else {
      out->Put(StateKey(op.key), op.value);
    }
  }
}

Status StateStore::Write(const KvBatch& batch) {
  if (batch.empty()) return Status::Ok();
  leveldb::WriteBatch wb;
  AddTo(batch, &wb);
  return FromLevelDbStatus(db_->Write(leveldb::WriteOptions(), &wb), "write state");
}

Status StateStore::Scan(std::string_view prefix, std::string_view start_after,
                        const Visitor& visit) const {
  return ScanWith(prefix, start_after, visit, /*fill_cache=*/false);
}

Status StateStore::ScanHot(std::string_view prefix, std::string_view start_after,
                           const Visitor& visit) const {
  return ScanWith(prefix, start_after, visit, /*fill_cache=*/true);
}

Status StateStore::ScanWith(std::string_view prefix, std::string_view start_after,
                            const Visitor& visit, bool fill_cache) const {
  leveldb::ReadOptions options;
  options.verify_checksums = true;
  // A walk over many keys must not evict the hot blocks; a read near data in use had better
  // find its blocks in the cache the next time (uncached, each read decompresses them again).
  options.fill_cache = fill_cache;
  std::unique_ptr<const leveldb::Snapshot, std::function<void(const leveldb::Snapshot*)>> snap(
      db_->GetSnapshot(), [this](const leveldb::Snapshot* s) { db_->ReleaseSnapshot(s); });
  options.snapshot = snap.get();
  std::unique_ptr<leveldb::Iterator> it(db_->NewIterator(options));
  const std::string full_prefix = StateKey(prefix);
  if (start_after.empty() || start_after < prefix) {
    it->Seek(full_prefix);
  } else {
    const std::string start = StateKey(start_after);
    it->Seek(start);
    if (it->Valid() && it->key() == ToSlice(start)) it->Next();
  }
  const size_t skip = kStatePrefix.size();
  for (; it->Valid() && it->key().starts_with(full_prefix); it->Next()) {
    const std::string_view key(it->key().data() + skip, it->key().size() - skip);
    if (!visit(key, std::string_view(it->value().data(), it->value().size()))) break;
  }
  return FromLevelDbStatus(it->status(), "scan state " + std::string(prefix));
}

}  // namespace strata::storage
