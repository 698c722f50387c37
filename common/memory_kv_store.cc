#include "common/memory_kv_store.h"

namespace strata {

Result<std::optional<std::string>> MemoryKvStore::Get(std::string_view key) const {
  std::lock_guard lock(mutex_);
  auto it = data_.find(key);
  if (it == data_.end()) return std::optional<std::string>();
  return std::optional<std::string>(it->second);
}

Status MemoryKvStore::Write(const KvBatch& batch) {
  std::lock_guard lock(mutex_);
  for (const KvBatch::Op& op : batch.ops()) {
    if (op.is_delete) {
      data_.erase(op.key);
    } else {
      data_[op.key] = op.value;
    }
  }
  return Status::Ok();
}

Status MemoryKvStore::Scan(std::string_view prefix, std::string_view start_after,
                           const Visitor& visit) const {
  // Copy the range first: the visitor may write to the store (and a snapshot is promised).
  std::vector<std::pair<std::string, std::string>> snapshot;
  {
    std::lock_guard lock(mutex_);
    auto it = start_after.empty() || start_after < prefix ? data_.lower_bound(prefix)
                                                          : data_.upper_bound(start_after);
    for (; it != data_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
      snapshot.emplace_back(it->first, it->second);
    }
  }
  for (const auto& [key, value] : snapshot) {
    if (!visit(key, value)) break;
  }
  return Status::Ok();
}

size_t MemoryKvStore::size() const {
  std::lock_guard lock(mutex_);
  return data_.size();
}

}  // namespace strata
