// Which two versions `strata diff URL [A [B]]` compares: version references as users type them
// (a number, or a date / time), and the defaults.
//
// Thread-safety: pure functions over an archive's read-only queries.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "storage/archive.h"

namespace strata::storage {

// The version number `ref` names for the article `url`:
//   "3"                                 version 3 (NotFound when there is none)
//   "2025-02-14"                        the version current at the end of that day (UTC)
//   "2025-02-14T10:00", "...+08:00"...  the version current at that moment (ISO 8601; UTC
//                                       unless a zone is given)
// NotFound when the article had no version yet at that time; InvalidArgument when `ref` is
// neither a number nor a date.
Result<int64_t> ResolveVersionRef(const Archive& archive, const std::string& url,
                                  std::string_view ref);

struct VersionPair {
  int64_t from = 0;
  int64_t to = 0;
};

// No reference: the last two versions (FailedPrecondition when there are fewer than two). One:
// that version and the latest. Two: those. NotFound when the URL is not archived.
Result<VersionPair> SelectVersionsToDiff(const Archive& archive, const std::string& url,
                                         const std::optional<std::string>& a,
                                         const std::optional<std::string>& b);

}  // namespace strata::storage
