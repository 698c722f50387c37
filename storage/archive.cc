#include "storage/archive.h"

#include <leveldb/cache.h>
#include <leveldb/db.h>
#include <leveldb/env.h>
#include <leveldb/filter_policy.h>
#include <leveldb/iterator.h>

#include <algorithm>
#include <charconv>
#include <utility>

#include "storage/keys.h"
#include "storage/leveldb_archive.h"
#include "storage/migrate.h"
#include "storage/sha256.h"

namespace strata::storage {
namespace {

// Bloom filter bits per key: point lookups of absent keys (a new URL's head, a new body's blob)
// then skip the table files for ~1% false positives, at 10 bits per key of memory and disk.
constexpr int kBloomBitsPerKey = 10;

// LevelDB's Env::CreateDir makes one level; the default archive lives several levels deep.
void CreateDirs(leveldb::Env* env, const std::string& dir) {
  for (size_t slash = dir.find('/', 1); slash != std::string::npos;
       slash = dir.find('/', slash + 1)) {
    env->CreateDir(dir.substr(0, slash));  // an existing directory is fine: errors show later
  }
  env->CreateDir(dir);
}

// Refuses a directory that holds something other than an archive, so that a mistyped --archive
// never scatters LevelDB files among a user's documents.
Status CheckNotForeign(leveldb::Env* env, const std::string& dir) {
  std::vector<std::string> children;
  if (!env->GetChildren(dir, &children).ok()) return Status::Ok();  // missing: created later
  std::string listed;
  int count = 0;
  for (const std::string& child : children) {
    if (child == "." || child == "..") continue;
    if (count++ < 3) listed += (listed.empty() ? "" : ", ") + child;
  }
  if (count == 0) return Status::Ok();
  return Status::FailedPrecondition(dir + " is not a strata archive: it holds other files (" +
                                    listed + (count > 3 ? ", ..." : "") +
                                    ") and no LevelDB database; give a new or empty directory");
}

Status OpenError(const std::string& dir, const leveldb::Status& s) {
  const std::string message = s.ToString();
  // LevelDB reports a held lock as "IO error: lock <dir>/LOCK: <reason>" ("already held by
  // process" within this process, EAGAIN from another).
  if (s.IsIOError() && message.find("lock ") != std::string::npos &&
      message.find("/LOCK") != std::string::npos) {
    return Status::Unavailable("archive " + dir +
                               " is in use by another strata process (its LOCK is held): wait "
                               "for it to finish, or give another --archive");
  }
  return FromLevelDb(s, "cannot open archive " + dir);
}

leveldb::Slice SchemaKey() { return {kSchemaKey.data(), kSchemaKey.size()}; }

// Checks the schema version of an opened database, writes it into a new empty one, and migrates
// an older one.
Status CheckSchema(leveldb::DB& db, const std::string& dir) {
  std::string value;
  const leveldb::Status s = db.Get(leveldb::ReadOptions(), SchemaKey(), &value);
  if (s.IsNotFound()) {
    std::unique_ptr<leveldb::Iterator> it(db.NewIterator(leveldb::ReadOptions()));
    it->SeekToFirst();
    if (it->Valid()) {
      return Status::FailedPrecondition(dir +
                                        " holds a LevelDB database that is not a strata archive "
                                        "(it has no meta/schema key)");
    }
    if (!it->status().ok()) return FromLevelDb(it->status(), "archive " + dir);
    return WriteSchema(db, dir, kSchemaVersion);
  }
  if (!s.ok()) return FromLevelDb(s, "archive " + dir + ": read meta/schema");
  int64_t schema = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), schema);
  if (error != std::errc() || end != value.data() + value.size() || schema < 0) {
    return Status::Corruption("archive " + dir + ": meta/schema is not a schema version: '" +
                              value + "'");
  }
  if (schema > kSchemaVersion) {
    return Status::FailedPrecondition("archive " + dir + " has schema version " +
                                      std::to_string(schema) + ", newer than this strata reads (" +
                                      std::to_string(kSchemaVersion) +
                                      "): use a newer strata; the archive was left untouched");
  }
  if (schema < kOldestMigratableSchema) {
    return Status::FailedPrecondition(
        "archive " + dir + " has schema version " + std::to_string(schema) +
        ", older than this strata migrates (" + std::to_string(kOldestMigratableSchema) +
        "): open it with an older strata first; the archive was left untouched");
  }
  if (schema < kSchemaVersion) {
    return MigrateSchema(db, dir, schema, kSchemaVersion, Migrations());
  }
  return Status::Ok();
}

}  // namespace

std::string BodyHash(std::string_view body) { return Sha256Hex(body); }

std::string_view RecordKindName(RecordKind kind) {
  switch (kind) {
    case RecordKind::kNew:
      return "new";
    case RecordKind::kChanged:
      return "changed";
    case RecordKind::kUnchanged:
      return "unchanged";
    case RecordKind::kNotModified:
      return "not modified";
    case RecordKind::kGone:
      return "gone";
    case RecordKind::kFailed:
      return "failed";
  }
  return "unknown";
}

Result<std::unique_ptr<Archive>> Archive::Open(const std::string& dir,
                                               const ArchiveOptions& options) {
  if (dir.empty()) return Status::InvalidArgument("the archive directory name is empty");
  if (options.zstd_level < 1 || options.zstd_level > kMaxZstdLevel) {
    return Status::InvalidArgument("zstd level " + std::to_string(options.zstd_level) +
                                   ": use 1 to " + std::to_string(kMaxZstdLevel));
  }
  leveldb::Env* env = options.env != nullptr ? options.env : leveldb::Env::Default();

  const bool exists = env->FileExists(dir + "/CURRENT");
  if (!exists) {
    STRATA_RETURN_IF_ERROR(CheckNotForeign(env, dir));
    if (!options.create_if_missing) return Status::NotFound("no archive at " + dir);
    CreateDirs(env, dir);
  }

  std::unique_ptr<const leveldb::FilterPolicy> filter_policy(
      leveldb::NewBloomFilterPolicy(kBloomBitsPerKey));
  // LevelDB's default block cache, but ours: LevelDbArchive tells its use from the memtable's.
  std::unique_ptr<leveldb::Cache> block_cache(leveldb::NewLRUCache(8 << 20));
  leveldb::Options db_options;
  db_options.env = env;
  db_options.block_cache = block_cache.get();
  db_options.create_if_missing = !exists;
  db_options.write_buffer_size = options.write_buffer_size;
  db_options.block_size = options.block_size;
  db_options.max_file_size = options.max_file_size;
  db_options.compression =
      options.compress_blocks ? leveldb::kSnappyCompression : leveldb::kNoCompression;
  db_options.filter_policy = filter_policy.get();
  leveldb::DB* raw_db = nullptr;
  const leveldb::Status s = leveldb::DB::Open(db_options, dir, &raw_db);
  std::unique_ptr<leveldb::DB> db(raw_db);
  if (!s.ok()) return OpenError(dir, s);

  STRATA_RETURN_IF_ERROR(CheckSchema(*db, dir));
  auto segments = std::make_unique<BlobSegments>(env, dir + "/segments", options.max_segment_bytes);
  return std::unique_ptr<Archive>(new LevelDbArchive(dir, options, std::move(filter_policy),
                                                     std::move(block_cache), std::move(db),
                                                     std::move(segments)));
}

Result<std::vector<ArticleHead>> Archive::List(const ListQuery& query) const {
  ListQuery all = query;
  all.limit = 0;  // applied after sorting
  std::vector<ArticleHead> heads;
  STRATA_RETURN_IF_ERROR(ScanHeads(all, [&heads](const ArticleHead& head) {
    heads.push_back(head);
    return true;
  }));
  std::sort(heads.begin(), heads.end(),
            [](const ArticleHead& a, const ArticleHead& b) { return a.url < b.url; });
  if (query.limit > 0 && heads.size() > query.limit) heads.resize(query.limit);
  return heads;
}

}  // namespace strata::storage
