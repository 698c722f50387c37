// LevelDbArchive: the Archive on one LevelDB database (private to storage/; callers use
// Archive::Open in archive.h). Record() is the only writer and holds record_mutex_ from reading
// the head to writing the batch, so two fetches of one URL cannot both create "version N+1".
//
// Thread-safety: as Archive. Members are constant after construction except the database's own
// state (LevelDB is internally synchronised).
#pragma once

#include <leveldb/db.h>
#include <leveldb/filter_policy.h>

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "storage/archive.h"
#include "storage/state_store.h"

namespace strata::storage {

// A LevelDB status as a strata Status, with `context` ("read art/...") in front.
Status FromLevelDb(const leveldb::Status& status, std::string_view context);

class LevelDbArchive final : public Archive {
 public:
  // `db` must have been opened with `filter_policy` (which must outlive it: members are
  // destroyed in reverse order, db_ first).
  LevelDbArchive(std::string dir, const ArchiveOptions& options,
                 std::unique_ptr<const leveldb::FilterPolicy> filter_policy,
                 std::unique_ptr<leveldb::DB> db);

  Result<RecordResult> Record(const FetchRecord& record) override;

  Result<ArticleHead> Head(const std::string& url) const override;
  Result<std::vector<ArticleHead>> List() const override;
  Result<std::vector<Version>> Versions(const std::string& url) const override;
  Result<Version> GetVersion(const std::string& url, int64_t number) const override;
  Result<std::vector<Observation>> Observations(const std::string& url) const override;
  Result<RawResponse> GetRaw(const std::string& raw_hash) const override;
  Result<std::string> RawBody(const std::string& raw_hash) const override;
  Result<ArchiveStats> Stats() const override;
  KvStore& State() override { return state_; }

 private:
  using ScanFn = std::function<Status(std::string_view key, std::string_view value)>;

  // The head of `url` (article id `id`); nullopt when there is none.
  Result<std::optional<ArticleHead>> ReadHead(const std::string& id, const std::string& url) const;
  // Like ReadHead, but an unknown URL is NotFound.
  Result<ArticleHead> RequireHead(const std::string& id, const std::string& url) const;
  Result<Version> ReadVersion(const std::string& id, const std::string& url, int64_t number) const;
  // Calls `fn` for each key starting with `prefix`, in key order; stops at its first error.
  Status ScanPrefix(std::string_view prefix, const ScanFn& fn) const;
  // Adds the raw response of `page` to `batch` unless a blob of the same body exists.
  Status PutBlobIfMissing(const std::string& raw_hash, const FetchedPage& page,
                          leveldb::WriteBatch* batch) const;

  const std::string dir_;
  const bool keep_raw_;
  const std::unique_ptr<const leveldb::FilterPolicy> filter_policy_;
  const std::unique_ptr<leveldb::DB> db_;
  StateStore state_{db_.get()};
  std::mutex record_mutex_;  // held by Record() from reading the head to writing the batch
};

}  // namespace strata::storage
