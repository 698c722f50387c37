// Schema migrations: bring an archive of an older schema (keys.h) up to kSchemaVersion, run by
// Archive::Open. Private to storage/.
//
// Each step migrates from one schema to the next and is idempotent; the schema key is rewritten
// (synced) after each step, so a migration interrupted by a crash resumes at the step it was in.
// Schema 1 -> 2: rebuild the derived data (derived_data.h: indexes, counter series, the head
// fields added in schema 2). Schema 2 -> 3: nothing to convert (raw responses written from then
// on go to segment files; those already in LevelDB are read where they are).
//
// Thread-safety: runs before the archive is shared.
#pragma once

#include <leveldb/db.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/status.h"

namespace strata::storage {

struct MigrationStep {
  int64_t from = 0;  // migrates schema `from` to `from + 1`
  std::function<Status(leveldb::DB& db)> run;
};

// The steps this strata knows, in order.
const std::vector<MigrationStep>& Migrations();

// Migrates the archive in `db` (directory `dir`, for messages) from schema `from` to schema `to`
// with `steps`: FailedPrecondition, with nothing changed, when a step is missing; the failing
// step's error (the schema left at the last completed step) otherwise.
Status MigrateSchema(leveldb::DB& db, const std::string& dir, int64_t from, int64_t to,
                     const std::vector<MigrationStep>& steps);

// Writes `schema` as the archive's schema version, synced.
Status WriteSchema(leveldb::DB& db, const std::string& dir, int64_t schema);

}  // namespace strata::storage
