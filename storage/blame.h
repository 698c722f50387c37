// Blame: for each paragraph of a version, the version (and time) it first appeared in, and the
// version its current wording comes from.
//
// Paragraphs are followed from each version with content to the next by the same alignment as
// the diff (align.h): an unchanged or moved paragraph keeps its origin; an edited one (paired
// by similarity) keeps its origin and takes the new version as its last edit; an inserted one
// starts in the new version. Tombstones ("gone" versions) are skipped: an article that comes
// back is compared with what it said before it went, as the archive's change summaries are.
// Only consecutive versions are compared, so a paragraph deleted and later restored starts
// again when it is restored (as in `git blame`).
//
// Thread-safety: Blamer is a plain value; the functions are pure or only read the archive.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "storage/archive.h"

namespace strata::storage {

struct BlameLine {
  int64_t index = 0;  // 0-based paragraph (line) number in the blamed version
  std::string text;
  int64_t since_version = 0;   // first appeared in this version...
  UnixMillis since = 0;        // ...fetched at this time
  int64_t edited_version = 0;  // the current wording appeared in this version (== since_version
  UnixMillis edited = 0;       // when the paragraph was never edited)
};

struct Blame {
  int64_t version = 0;  // the version blamed
  UnixMillis fetched_at = 0;
  std::vector<BlameLine> lines;  // one per paragraph of that version, in order
};

// Builds the blame one version at a time, oldest first.
class Blamer {
 public:
  // Takes the next version (numbers must increase; tombstones are ignored).
  void Add(const Version& version);
  // The blame of the last version with content added (empty before any).
  const Blame& Current() const { return current_; }
  bool empty() const { return current_.version == 0; }

 private:
  Blame current_;
};

// The blame of version `version` of a history given oldest first (as Archive::Versions returns
// it); 0 means the latest version with content (the latest may be a tombstone). NotFound when
// there is no such version; FailedPrecondition when it is a tombstone (a "gone" page has no
// paragraphs), or for 0 when every version is.
Result<Blame> BlameVersions(const std::vector<Version>& versions, int64_t version);

// The same, reading the versions of `url` through `archive` one at a time (bounded memory).
// Also NotFound when the URL is not archived or has no version yet.
Result<Blame> BlameArticle(const Archive& archive, const std::string& url, int64_t version);

}  // namespace strata::storage
