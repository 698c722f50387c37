// KvStore: a small ordered key-value interface for the state other modules keep beside the
// archive (the crawl frontier and seen set, schedules, robots.txt caches). storage/ implements
// it inside the archive's own LevelDB, in a namespace of its own, so that a crawl's bookkeeping
// and the versions it produces can be committed in ONE atomic batch (see
// storage::FetchRecord::also): after a kill -9, a URL is either archived and marked done, or
// neither. MemoryKvStore (memory_kv_store.h) is the in-memory implementation for tests.
//
// Keys are bytes ordered bytewise (encode numbers big-endian to sort them).
// Thread-safety: implementations must allow concurrent calls.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace strata {

// A group of writes applied all or nothing.
class KvBatch {
 public:
  struct Op {
    bool is_delete = false;
    std::string key;
    std::string value;
  };

  void Put(std::string_view key, std::string_view value) {
    ops_.push_back({false, std::string(key), std::string(value)});
  }
  void Delete(std::string_view key) { ops_.push_back({true, std::string(key), {}}); }
  void Append(const KvBatch& other) {
    ops_.insert(ops_.end(), other.ops_.begin(), other.ops_.end());
  }
  void Clear() { ops_.clear(); }

  bool empty() const { return ops_.empty(); }
  size_t size() const { return ops_.size(); }
  const std::vector<Op>& ops() const { return ops_; }

 private:
  std::vector<Op> ops_;
};

class KvStore {
 public:
  virtual ~KvStore() = default;

  // The value of `key`, or nullopt when absent; an error only when the store failed.
  virtual Result<std::optional<std::string>> Get(std::string_view key) const = 0;

  // Applies the batch atomically.
  virtual Status Write(const KvBatch& batch) = 0;

  // Visits keys starting with `prefix` that sort after `start_after` ("" = from the first), in
  // order, until `visit` returns false. Visiting sees a consistent snapshot.
  using Visitor = std::function<bool(std::string_view key, std::string_view value)>;
  virtual Status Scan(std::string_view prefix, std::string_view start_after,
                      const Visitor& visit) const = 0;
  // The same, for a short read of data in use (the frontier's next queue entries, read again
  // and again near where the crawl is writing): a store with a cache may keep what it reads
  // there. Scan itself is for walks over many keys read once, which must not push hot data out.
  virtual Status ScanHot(std::string_view prefix, std::string_view start_after,
                         const Visitor& visit) const {
    return Scan(prefix, start_after, visit);
  }

  Status Put(std::string_view key, std::string_view value) {
    KvBatch b;
    b.Put(key, value);
    return Write(b);
  }
  Status Delete(std::string_view key) {
    KvBatch b;
    b.Delete(key);
    return Write(b);
  }
};

}  // namespace strata
