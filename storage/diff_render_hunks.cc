#include "storage/diff_render_hunks.h"

#include <algorithm>

namespace strata::storage {
namespace {

// "l,n" of a hunk header, as GNU diff writes it: `before` lines precede the range; an empty
// range names the line before it, a one-line range omits ",1".
std::string Range(int64_t before, int64_t length) {
  if (length == 0) return std::to_string(before) + ",0";
  if (length == 1) return std::to_string(before + 1);
  return std::to_string(before + 1) + "," + std::to_string(length);
}

}  // namespace

bool OnOldSide(BlockOp op) { return op != BlockOp::kInsert && op != BlockOp::kMoveTo; }
bool OnNewSide(BlockOp op) { return op != BlockOp::kDelete && op != BlockOp::kMoveFrom; }

std::vector<Hunk> FindHunks(const std::vector<ParagraphDiff>& paragraphs, int context_lines) {
  const size_t context = static_cast<size_t>(std::max(context_lines, 0));
  const size_t n = paragraphs.size();
  std::vector<int64_t> from_before(n + 1, 0);
  std::vector<int64_t> to_before(n + 1, 0);
  for (size_t i = 0; i < n; ++i) {
    from_before[i + 1] = from_before[i] + (OnOldSide(paragraphs[i].op) ? 1 : 0);
    to_before[i + 1] = to_before[i] + (OnNewSide(paragraphs[i].op) ? 1 : 0);
  }
  const auto is_equal = [&](size_t i) { return paragraphs[i].op == BlockOp::kEqual; };
  std::vector<Hunk> hunks;
  size_t previous_end = 0;
  size_t i = 0;
  while (i < n) {
    if (is_equal(i)) {
      ++i;
      continue;
    }
    const size_t begin = std::max(previous_end, i >= context ? i - context : 0);
    size_t end = i;
    while (true) {
      while (end < n && !is_equal(end)) ++end;
      size_t next_change = end;
      while (next_change < n && is_equal(next_change)) ++next_change;
      if (next_change < n && next_change - end <= 2 * context) {
        end = next_change;
        continue;
      }
      end = std::min(end + context, next_change);
      break;
    }
    hunks.push_back({begin, end, from_before[begin], from_before[end] - from_before[begin],
                     to_before[begin], to_before[end] - to_before[begin]});
    previous_end = end;
    i = end;
  }
  return hunks;
}

std::string HunkHeader(const Hunk& hunk) {
  return "@@ -" + Range(hunk.from_before, hunk.from_count) + " +" +
         Range(hunk.to_before, hunk.to_count) + " @@";
}

}  // namespace strata::storage
