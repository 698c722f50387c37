#include "storage/version_change.h"

#include "storage/diff.h"

namespace strata::storage {

ChangeSummary SummarizeChange(const Article& from, const Article& to, int64_t from_number) {
  ChangeAnalysis analysis = AnalyzeChange(from, to);
  ChangeSummary change;
  change.fields = std::move(analysis.fields);
  // Lines as `diff -u` counts them: the summary of schema 1, still shown beside the blocks.
  const LineChangeCount lines = CountChangedLines(from.body, to.body);
  change.lines_added = lines.added;
  change.lines_removed = lines.removed;
  change.compared_to = from_number;
  change.blocks_added = analysis.blocks_added;
  change.blocks_removed = analysis.blocks_removed;
  change.blocks_changed = analysis.blocks_changed;
  change.blocks_moved = analysis.blocks_moved;
  change.chars_added = analysis.chars_added;
  change.chars_removed = analysis.chars_removed;
  change.edit_class = analysis.edit_class;
  return change;
}

ChangeAnalysis AnalysisOf(const ChangeSummary& change) {
  ChangeAnalysis analysis;
  analysis.fields = change.fields;
  analysis.blocks_added = change.blocks_added;
  analysis.blocks_removed = change.blocks_removed;
  analysis.blocks_changed = change.blocks_changed;
  analysis.blocks_moved = change.blocks_moved;
  analysis.chars_added = change.chars_added;
  analysis.chars_removed = change.chars_removed;
  analysis.edit_class = change.edit_class;
  return analysis;
}

}  // namespace strata::storage
