#include "storage/change_analysis.h"

#include <algorithm>
#include <numeric>

#include "storage/content.h"
#include "storage/diff.h"
#include "storage/diff_tokenize.h"

namespace strata::storage {
namespace {

// The thresholds of the edit classes (documented in change_analysis.h).
constexpr int64_t kTypoMaxEditsPerChange = 2;
constexpr int64_t kTypoMaxEditsTotal = 8;
constexpr int64_t kSectionMaxOtherPercent = 10;  // of the added/removed section's characters
constexpr int64_t kWordingMaxPercent = 25;       // of the body's characters

// Strings longer than this are never a typo of each other; the distance is not computed.
constexpr size_t kMaxTypoLength = 64;

std::u32string CodePoints(std::string_view text) {
  std::u32string out;
  size_t pos = 0;
  while (pos < text.size()) out.push_back(DecodeUtf8(text, &pos));
  return out;
}

// Optimal string alignment distance (Levenshtein plus swaps of two adjacent characters) in code
// points. Hand-written because dtl's edit distance has no transpositions, and "teh" -> "the",
// the commonest typo, would count as two edits.
int64_t TypoDistance(const std::u32string& a, const std::u32string& b) {
  const size_t n = a.size();
  const size_t m = b.size();
  std::vector<int64_t> before(m + 1);    // row i-2
  std::vector<int64_t> previous(m + 1);  // row i-1
  std::vector<int64_t> current(m + 1);
  std::iota(previous.begin(), previous.end(), 0);
  for (size_t i = 1; i <= n; ++i) {
    current[0] = static_cast<int64_t>(i);
    for (size_t j = 1; j <= m; ++j) {
      const int64_t substitute = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      int64_t best = std::min({previous[j] + 1, current[j - 1] + 1, substitute});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        best = std::min(best, before[j - 2] + 1);
      }
      current[j] = best;
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[m];
}

// Whether replacing `deleted` by `inserted` is a typo-sized edit, and how many edits it is.
bool IsTypoEdit(std::string_view deleted, std::string_view inserted, int64_t* edits) {
  const std::u32string a = CodePoints(deleted);
  const std::u32string b = CodePoints(inserted);
  if (a.size() > kMaxTypoLength || b.size() > kMaxTypoLength) return false;
  const int64_t distance = TypoDistance(a, b);
  *edits = distance;
  const auto shorter = static_cast<int64_t>(std::min(a.size(), b.size()));
  return distance <= kTypoMaxEditsPerChange && distance <= std::max<int64_t>(1, shorter / 2);
}

// Counts runs of one kind of paragraph along one side of the document, blank lines aside.
class RunCounter {
 public:
  void Add(bool in_kind, bool blank) {
    if (blank) return;
    if (in_kind && !inside_) ++runs_;
    inside_ = in_kind;
  }
  int64_t runs() const { return runs_; }

 private:
  bool inside_ = false;
  int64_t runs_ = 0;
};

struct BodyStats {
  int64_t kept = 0;          // non-blank paragraphs in both versions (equal, changed, moved)
  int64_t inline_chars = 0;  // characters inserted + deleted inside edited paragraphs
  int64_t added_chars = 0;   // characters of whole added paragraphs
  int64_t removed_chars = 0;
  bool typo_sized = true;  // every inline change is a typo-sized edit
  int64_t typo_edits = 0;
  RunCounter insert_runs;
  RunCounter delete_runs;
};

void CountSpans(const std::vector<Span>& spans, ChangeAnalysis* analysis, BodyStats* stats) {
  for (size_t i = 0; i < spans.size(); ++i) {
    if (spans[i].op == SpanOp::kEqual) continue;
    std::string_view deleted;
    std::string_view inserted;
    if (spans[i].op == SpanOp::kDelete) {
      deleted = spans[i].text;
      if (i + 1 < spans.size() && spans[i + 1].op == SpanOp::kInsert) inserted = spans[++i].text;
    } else {
      inserted = spans[i].text;
    }
    const int64_t removed = CountCodePoints(deleted);
    const int64_t added = CountCodePoints(inserted);
    analysis->chars_removed += removed;
    analysis->chars_added += added;
    stats->inline_chars += removed + added;
    int64_t edits = 0;
    if (stats->typo_sized && IsTypoEdit(deleted, inserted, &edits)) {
      stats->typo_edits += edits;
    } else {
      stats->typo_sized = false;
    }
  }
}

BodyStats CountBody(const std::vector<ParagraphDiff>& paragraphs, ChangeAnalysis* analysis) {
  BodyStats stats;
  for (const ParagraphDiff& p : paragraphs) {
    const bool blank = IsBlank(p.text);
    switch (p.op) {
      case BlockOp::kEqual:
        stats.kept += blank ? 0 : 1;
        break;
      case BlockOp::kInsert:
        if (!blank) {
          ++analysis->blocks_added;
          stats.added_chars += CountCodePoints(p.text);
        }
        break;
      case BlockOp::kDelete:
        if (!blank) {
          ++analysis->blocks_removed;
          stats.removed_chars += CountCodePoints(p.text);
        }
        break;
      case BlockOp::kChange:
        ++analysis->blocks_changed;
        ++stats.kept;
        CountSpans(p.spans, analysis, &stats);
        break;
      case BlockOp::kMoveTo:
        ++analysis->blocks_moved;
        ++stats.kept;
        if (!p.spans.empty()) {
          ++analysis->blocks_changed;
          CountSpans(p.spans, analysis, &stats);
        }
        break;
      case BlockOp::kMoveFrom:
        break;
    }
    // Each side of the document in its own order: new-side entries ascend in `to`, old-side
    // ones in `from` (align.h).
    if (p.op != BlockOp::kDelete && p.op != BlockOp::kMoveFrom) {
      stats.insert_runs.Add(p.op == BlockOp::kInsert, blank);
    }
    if (p.op != BlockOp::kInsert && p.op != BlockOp::kMoveTo) {
      stats.delete_runs.Add(p.op == BlockOp::kDelete, blank);
    }
  }
  analysis->chars_added += stats.added_chars;
  analysis->chars_removed += stats.removed_chars;
  return stats;
}

EditClass Classify(const ChangeAnalysis& a, const BodyStats& s, int64_t body_chars) {
  const bool typo_sized = s.typo_sized && s.typo_edits <= kTypoMaxEditsTotal;
  const bool no_blocks = a.blocks_added == 0 && a.blocks_removed == 0;
  if (no_blocks && a.blocks_moved == 0 && typo_sized) return EditClass::kTypo;
  if (a.blocks_moved == 0 && s.kept > 0) {
    if (a.blocks_added > 0 && a.blocks_removed == 0 && s.insert_runs.runs() == 1 &&
        (typo_sized || s.inline_chars * 100 <= kSectionMaxOtherPercent * s.added_chars)) {
      return EditClass::kSectionAdded;
    }
    if (a.blocks_removed > 0 && a.blocks_added == 0 && s.delete_runs.runs() == 1 &&
        (typo_sized || s.inline_chars * 100 <= kSectionMaxOtherPercent * s.removed_chars)) {
      return EditClass::kSectionRemoved;
    }
  }
  if (no_blocks && (a.chars_added + a.chars_removed) * 100 <= kWordingMaxPercent * body_chars) {
    return EditClass::kWording;
  }
  return EditClass::kSubstantive;
}

}  // namespace

std::string_view EditClassName(EditClass c) {
  switch (c) {
    case EditClass::kNone:
      return "none";
    case EditClass::kTypo:
      return "typo";
    case EditClass::kWording:
      return "wording";
    case EditClass::kSubstantive:
      return "substantive";
    case EditClass::kSectionAdded:
      return "section added";
    case EditClass::kSectionRemoved:
      return "section removed";
    case EditClass::kMetadataOnly:
      return "metadata only";
  }
  return "unknown";
}

ChangeAnalysis AnalyzeChange(const Article& from, const Article& to) {
  ChangeAnalysis analysis;
  analysis.fields = ChangedContentFields(from, to);
  if (analysis.fields.empty()) return analysis;
  const bool other_fields = analysis.fields.size() > 1 || analysis.fields[0] != kFieldBody;
  if (from.body == to.body) {
    analysis.edit_class = EditClass::kMetadataOnly;
    return analysis;
  }
  DiffOptions options;
  options.granularity = Granularity::kWord;  // Latin per word, CJK per character
  const std::vector<ParagraphDiff> paragraphs = CompareBodies(from.body, to.body, options);
  const BodyStats stats = CountBody(paragraphs, &analysis);
  const bool same_paragraphs =
      std::all_of(paragraphs.begin(), paragraphs.end(),
                  [](const ParagraphDiff& p) { return p.op == BlockOp::kEqual; });
  if (same_paragraphs) {
    // Only the body's final newline differs: nothing a reader would see.
    analysis.edit_class = other_fields ? EditClass::kMetadataOnly : EditClass::kTypo;
    return analysis;
  }
  const int64_t body_chars = std::max(CountCodePoints(from.body), CountCodePoints(to.body));
  analysis.edit_class = Classify(analysis, stats, body_chars);
  return analysis;
}

std::string DescribeChange(const ChangeAnalysis& a) {
  std::string out(EditClassName(a.edit_class));
  std::vector<std::string> parts;
  const auto count = [&parts](int64_t n, const char* what) {
    if (n > 0) parts.push_back(std::to_string(n) + " " + what);
  };
  count(a.blocks_added, a.blocks_added == 1 ? "paragraph added" : "paragraphs added");
  count(a.blocks_removed, "removed");
  count(a.blocks_changed, "changed");
  count(a.blocks_moved, "moved");
  if (!parts.empty() && parts[0].find("paragraph") == std::string::npos) {
    // "1 changed" alone reads better as "1 paragraph changed".
    const size_t space = parts[0].find(' ');
    const bool one = parts[0].compare(0, space, "1") == 0;
    parts[0].insert(space, one ? " paragraph" : " paragraphs");
  }
  std::string detail;
  for (const std::string& part : parts) {
    if (!detail.empty()) detail += ", ";
    detail += part;
  }
  if (a.chars_added > 0 || a.chars_removed > 0) {
    if (!detail.empty()) detail += "; ";
    detail += '+';
    detail += std::to_string(a.chars_added);
    detail += " -";
    detail += std::to_string(a.chars_removed);
    detail += " characters";
  }
  if (detail.empty() && a.edit_class == EditClass::kMetadataOnly) {
    for (const std::string& field : a.fields) {
      if (field == kFieldBody) continue;
      if (!detail.empty()) detail += ", ";
      detail += field;
    }
  }
  if (!detail.empty()) out += " (" + detail + ")";
  return out;
}

}  // namespace strata::storage
