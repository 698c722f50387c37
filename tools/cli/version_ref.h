// "URL@N" and "URL@DATE" on the command line: which version of an article a user means, and
// finding it in the archive. For `strata show` (and any command that takes a version).
//
// Thread-safety: pure functions (ResolveVersion reads the archive, which is thread-safe).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/result.h"
#include "common/time.h"
#include "storage/archive.h"

namespace strata::tools {

struct VersionRef {
  std::string url;               // the URL as typed, without the suffix
  int64_t number = 0;            // "@N"; 0 when none
  std::optional<UnixMillis> at;  // "@DATE": the version current at this time
  std::string suffix;            // the text after '@' ("" when none), for messages
};

// Splits a version suffix off `arg`. URLs may contain '@' (medium.com/@user), so only a final
// "@<digits>" (a version number) or "@<ISO 8601 date or date-time>" counts; anything else is
// part of the URL. A date alone ("2025-02-14") means the end of that day (UTC): the version
// current on that day as it ended; a date-time without a zone is UTC.
VersionRef ParseVersionRef(const std::string& arg);

// The version `ref` names in the archive, for the article whose archive key is `key`: version
// ref.number, the one current at ref.at, or else the latest. NotFound (with a message naming
// what is missing) when there is none.
Result<storage::Version> ResolveVersion(const storage::Archive& archive, const std::string& key,
                                        const VersionRef& ref);

}  // namespace strata::tools
