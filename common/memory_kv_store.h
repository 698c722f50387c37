// MemoryKvStore: KvStore on a std::map under a mutex. For tests, and for state that need not
// survive the process.
#pragma once

#include <map>
#include <mutex>

#include "common/kv_store.h"

namespace strata {

class MemoryKvStore final : public KvStore {
 public:
  Result<std::optional<std::string>> Get(std::string_view key) const override;
  Status Write(const KvBatch& batch) override;
  Status Scan(std::string_view prefix, std::string_view start_after,
              const Visitor& visit) const override;

  size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::string, std::less<>> data_;
};

}  // namespace strata
