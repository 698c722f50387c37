// CheckArchive: verifies every record of an archive, for Archive::Check and `strata check`.
// Private to storage/.
//
// What is verified, in one pass over the keys (in key order) from one snapshot:
//   - every key belongs to the layout of keys.h, and every record decodes;
//   - each head: its key is the id of its URL; versions 1..latest_version all exist, no more;
//     the head's gone, last_changed, content hash and content_version agree with its versions;
//     observation_count, last_fetched, last_status and latest_version agree with its
//     observations (one per sequence number); last_counters with the last fetch with content;
//   - each version: numbered as its key says, content hashing to its content hash, its blob
//     present, its time index entry present;
//   - each blob: decodes, and its body hashes to its key;
//   - versions, observations and counter samples have a head; counter samples match the
//     observations that saw counters; index entries are exactly those the heads and versions
//     imply.
// Problems with derived data (indexes, counter samples, content_version, last_counters) are
// marked repairable (derived_data.h rebuilds them); the others are damage to report.
//
// Thread-safety: reads a snapshot; safe to run beside Record() (a repair is not).
#pragma once

#include <leveldb/db.h>

#include "common/result.h"
#include "storage/archive.h"
#include "storage/blob_segments.h"

namespace strata::storage {

// The report of a check (CheckReport::repaired and remaining are left empty). An error only when
// the database could not be read. Blob references are followed into `segments`.
Result<CheckReport> CheckArchive(leveldb::DB& db, const BlobSegments& segments);

}  // namespace strata::storage
