// The archive's derived data: what can be recomputed from the primary records (heads, versions,
// observations), namely the site/author/time indexes, the counter series, and the head fields
// that summarise an article's versions and observations (content_version, last_counters). Record()
// keeps them up to date; RebuildDerived() recomputes them all, for `strata check --repair` and
// for the migration from schema 1 (which had none of them). Private to storage/.
//
// Thread-safety: RebuildDerived must not run concurrently with Record() (LevelDbArchive holds
// its record lock; a migration runs inside Open, before anyone can record).
#pragma once

#include <leveldb/db.h>

#include "common/status.h"
#include "storage/archive.h"

namespace strata::storage {

// Whether a fetch of this kind saw the article's content (its counters are the article's
// current ones): new, changed, unchanged.
bool SawContent(RecordKind kind);

// Deletes every index entry and counter sample, then writes them again from the heads, versions
// and observations, and rewrites heads whose derived fields differ (content_version,
// last_counters; last_body_hash is cleared for a gone article and, when missing, taken from the
// raw hash of the latest version with content). Records that do not decode are skipped (Check
// reports them); writes go in batches, so an interrupted rebuild leaves the archive readable and
// a second run completes it.
Status RebuildDerived(leveldb::DB& db);

}  // namespace strata::storage
