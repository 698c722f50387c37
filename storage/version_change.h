// What a new version changed compared with the previous version with content: the ChangeSummary
// stored in each version record. The analysis itself (fields, body blocks, size, edit class)
// belongs to the diff (change_analysis.h); this is the archive's one call into it, so that the
// archive can run it outside its record lock.
//
// Thread-safety: pure function.
#pragma once

#include <cstdint>

#include "common/article.h"
#include "storage/archive.h"

namespace strata::storage {

// The summary of the change from `from` (version `from_number`) to `to`.
ChangeSummary SummarizeChange(const Article& from, const Article& to, int64_t from_number);

// The analysis a stored summary keeps (fields, blocks, characters, edit class), for
// DescribeChange (change_analysis.h) on a version read back from the archive.
ChangeAnalysis AnalysisOf(const ChangeSummary& change);

}  // namespace strata::storage
