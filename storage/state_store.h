// StateStore: the KvStore behind Archive::State(), on the archive's own LevelDB under the "x/"
// prefix (keys.h). Private to storage/.
//
// Thread-safety: LevelDB is internally synchronised; this class has no state of its own.
#pragma once

#include <leveldb/db.h>
#include <leveldb/write_batch.h>

#include "common/kv_store.h"

namespace strata::storage {

class StateStore final : public KvStore {
 public:
  explicit StateStore(leveldb::DB* db) : db_(db) {}

  Result<std::optional<std::string>> Get(std::string_view key) const override;
  Status Write(const KvBatch& batch) override;
  Status ScanHot(std::string_view prefix, std::string_view start_after,
                 const Visitor& visit) const override;
  Status Scan(std::string_view prefix, std::string_view start_after,
              const Visitor& visit) const override;

  // Adds the batch's writes, with their keys prefixed, to a LevelDB batch.
  static void AddTo(const KvBatch& batch, leveldb::WriteBatch* out);

 private:
  Status ScanWith(std::string_view prefix, std::string_view start_after, const Visitor& visit,
                  bool fill_cache) const;
  leveldb::DB* const db_;  // not owned
};

}  // namespace strata::storage
