#include "storage/migrate.h"

#include "storage/derived_data.h"
#include "storage/keys.h"
#include "storage/leveldb_archive.h"

namespace strata::storage {

const std::vector<MigrationStep>& Migrations() {
  static const std::vector<MigrationStep> steps = {
      {1, [](leveldb::DB& db) { return RebuildDerived(db); }},
      // Schema 3 writes new raw responses to segment files; the ones already in LevelDB stay
      // readable where they are.
      {2, [](leveldb::DB&) { return Status::Ok(); }},
  };
  return steps;
}

Status WriteSchema(leveldb::DB& db, const std::string& dir, int64_t schema) {
  leveldb::WriteOptions sync;
  sync.sync = true;  // the archive's identity must survive a power loss
  return FromLevelDb(
      db.Put(sync, leveldb::Slice(kSchemaKey.data(), kSchemaKey.size()), std::to_string(schema)),
      "archive " + dir + ": write meta/schema");
}

Status MigrateSchema(leveldb::DB& db, const std::string& dir, int64_t from, int64_t to,
                     const std::vector<MigrationStep>& steps) {
  // Every step must exist before the first one runs: never leave an archive half-way for lack
  // of a later step.
  std::vector<const MigrationStep*> plan;
  for (int64_t schema = from; schema < to; ++schema) {
    const MigrationStep* found = nullptr;
    for (const MigrationStep& step : steps) {
      if (step.from == schema) found = &step;
    }
    if (found == nullptr) {
      return Status::FailedPrecondition(
          "archive " + dir + " has schema version " + std::to_string(from) +
          ", and this strata cannot migrate "
          "schema " +
          std::to_string(schema) + " to " + std::to_string(schema + 1) +
          "; the archive was left untouched");
    }
    plan.push_back(found);
  }
  for (const MigrationStep* step : plan) {
    Status s = step->run(db);
    if (!s.ok()) {
      return s.WithContext("archive " + dir + ": migrate schema " + std::to_string(step->from) +
                           " to " + std::to_string(step->from + 1));
    }
    STRATA_RETURN_IF_ERROR(WriteSchema(db, dir, step->from + 1));
  }
  return Status::Ok();
}

}  // namespace strata::storage
