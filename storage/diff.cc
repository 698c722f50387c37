#include "storage/diff.h"

#include <dtl/dtl.hpp>

#include <algorithm>
#include <vector>

#include "storage/content.h"

namespace strata::storage {
namespace {

using Lines = std::vector<std::string_view>;

Lines SplitLines(std::string_view text) {
  Lines lines;
  while (!text.empty()) {
    const size_t end = text.find('\n');
    if (end == std::string_view::npos) {
      lines.push_back(text);
      break;
    }
    lines.push_back(text.substr(0, end));
    text.remove_prefix(end + 1);
  }
  return lines;
}

enum class Op { kCommon, kDelete, kAdd };

struct Edit {
  Op op;
  std::string_view line;
};

// The shortest edit script turning `from` into `to`, deletions before additions within each
// change (as diff prints them).
std::vector<Edit> EditScript(const Lines& from, const Lines& to) {
  dtl::Diff<std::string_view, Lines> diff(from, to, /*deletesFirst=*/true);
  diff.compose();
  std::vector<Edit> edits;
  for (const auto& [line, info] : diff.getSes().getSequence()) {
    const Op op = info.type == dtl::SES_ADD      ? Op::kAdd
                  : info.type == dtl::SES_DELETE ? Op::kDelete
                                                 : Op::kCommon;
    edits.push_back({op, line});
  }
  return edits;
}

// "l,n" of a hunk header, as GNU diff writes it: `before` lines precede the range; an empty
// range names the line before it, a one-line range omits ",1".
std::string HunkRange(size_t before, size_t length) {
  if (length == 0) return std::to_string(before) + ",0";
  if (length == 1) return std::to_string(before + 1);
  return std::to_string(before + 1) + "," + std::to_string(length);
}

void AppendHunk(const std::vector<Edit>& edits, size_t begin, size_t end, size_t from_before,
                size_t to_before, std::string* out) {
  size_t from_length = 0;
  size_t to_length = 0;
  for (size_t i = begin; i < end; ++i) {
    if (edits[i].op != Op::kAdd) ++from_length;
    if (edits[i].op != Op::kDelete) ++to_length;
  }
  *out += "@@ -" + HunkRange(from_before, from_length) + " +" + HunkRange(to_before, to_length) +
          " @@\n";
  for (size_t i = begin; i < end; ++i) {
    *out += edits[i].op == Op::kCommon ? ' ' : edits[i].op == Op::kDelete ? '-' : '+';
    *out += edits[i].line;
    *out += '\n';
  }
}

std::string Shown(std::string_view value) {
  return value.empty() ? std::string("(none)") : std::string(value);
}

std::string JoinTags(const std::vector<std::string>& tags) {
  std::string joined;
  for (const std::string& tag : tags) {
    if (!joined.empty()) joined += ", ";
    joined += tag;
  }
  return joined;
}

ParagraphDiff MakeParagraph(const BlockMatch& match, const std::vector<std::string_view>& from,
                            const std::vector<std::string_view>& to, const DiffOptions& options) {
  ParagraphDiff p;
  p.op = match.op;
  p.from = match.from;
  p.to = match.to;
  p.similarity = match.similarity;
  const bool old_side = match.op == BlockOp::kDelete || match.op == BlockOp::kMoveFrom;
  p.text = old_side ? from[static_cast<size_t>(match.from)] : to[static_cast<size_t>(match.to)];
  const bool edited =
      match.op == BlockOp::kChange || (match.op == BlockOp::kMoveTo && match.similarity < 1.0);
  if (edited) {
    const std::string_view a = from[static_cast<size_t>(match.from)];
    const std::string_view b = to[static_cast<size_t>(match.to)];
    p.granularity = ResolveGranularity(options.granularity, a, b);
    p.spans = DiffText(a, b, p.granularity);
  }
  return p;
}

}  // namespace

std::vector<ParagraphDiff> CompareBodies(std::string_view from, std::string_view to,
                                         const DiffOptions& options) {
  const std::vector<std::string_view> from_paragraphs = SplitParagraphs(from);
  const std::vector<std::string_view> to_paragraphs = SplitParagraphs(to);
  std::vector<ParagraphDiff> paragraphs;
  const std::vector<BlockMatch> matches =
      AlignParagraphs(from_paragraphs, to_paragraphs, options.align);
  paragraphs.reserve(matches.size());
  for (const BlockMatch& match : matches) {
    paragraphs.push_back(MakeParagraph(match, from_paragraphs, to_paragraphs, options));
  }
  return paragraphs;
}

ArticleDiff CompareArticles(const Article& from, const Article& to, const DiffOptions& options) {
  ArticleDiff diff;
  const auto field = [&diff](std::string_view name, const std::string& a, const std::string& b) {
    if (a == b) return;
    diff.fields.push_back({std::string(name), a, b, {}, {}, {}});
  };
  field(kFieldTitle, from.title, to.title);
  if (!diff.fields.empty()) {
    diff.fields.back().spans = DiffText(from.title, to.title, options.granularity);
  }
  field(kFieldAuthor, from.author, to.author);
  field(kFieldPublished, from.published, to.published);
  if (from.tags != to.tags) {
    diff.fields.push_back(
        {std::string(kFieldTags), JoinTags(from.tags), JoinTags(to.tags), from.tags, to.tags, {}});
  }
  diff.body_changed = SplitParagraphs(from.body) != SplitParagraphs(to.body);
  diff.paragraphs = CompareBodies(from.body, to.body, options);
  return diff;
}

std::string UnifiedLineDiff(std::string_view from, std::string_view to,
                            const UnifiedDiffOptions& options) {
  const Lines from_lines = SplitLines(from);
  const Lines to_lines = SplitLines(to);
  if (from_lines == to_lines) return "";
  const std::vector<Edit> edits = EditScript(from_lines, to_lines);
  const size_t context = static_cast<size_t>(std::max(options.context_lines, 0));

  // Lines of each text before edit i, to name where a hunk starts.
  std::vector<size_t> from_before(edits.size() + 1, 0);
  std::vector<size_t> to_before(edits.size() + 1, 0);
  for (size_t i = 0; i < edits.size(); ++i) {
    from_before[i + 1] = from_before[i] + (edits[i].op != Op::kAdd ? 1 : 0);
    to_before[i + 1] = to_before[i] + (edits[i].op != Op::kDelete ? 1 : 0);
  }

  std::string out =
      "--- " + std::string(options.from_label) + "\n+++ " + std::string(options.to_label) + "\n";
  const auto is_common = [&](size_t i) { return edits[i].op == Op::kCommon; };
  size_t previous_end = 0;  // hunks never overlap: the next one starts at or after this
  size_t i = 0;
  while (i < edits.size()) {
    if (is_common(i)) {
      ++i;
      continue;
    }
    const size_t begin = std::max(previous_end, i >= context ? i - context : 0);
    size_t end = i;
    while (true) {
      while (end < edits.size() && !is_common(end)) ++end;  // past this run of changes
      size_t next_change = end;
      while (next_change < edits.size() && is_common(next_change)) ++next_change;
      // Changes separated by at most 2 * context unchanged lines share a hunk, as in GNU diff.
      if (next_change < edits.size() && next_change - end <= 2 * context) {
        end = next_change;
        continue;
      }
      end = std::min(end + context, next_change);
      break;
    }
    AppendHunk(edits, begin, end, from_before[begin], to_before[begin], &out);
    previous_end = end;
    i = end;
  }
  return out;
}

LineChangeCount CountChangedLines(std::string_view from, std::string_view to) {
  const Lines from_lines = SplitLines(from);
  const Lines to_lines = SplitLines(to);
  LineChangeCount count;
  if (from_lines == to_lines) return count;
  for (const Edit& edit : EditScript(from_lines, to_lines)) {
    if (edit.op == Op::kAdd) ++count.added;
    if (edit.op == Op::kDelete) ++count.removed;
  }
  return count;
}

std::string DiffArticles(const Article& from, const Article& to,
                         const UnifiedDiffOptions& options) {
  std::string out;
  const auto field = [&out](std::string_view name, std::string_view old_value,
                            std::string_view new_value) {
    if (old_value == new_value) return;
    out += std::string(name) + ": " + Shown(old_value) + " -> " + Shown(new_value) + "\n";
  };
  field("title", from.title, to.title);
  field("author", from.author, to.author);
  field("published", from.published, to.published);
  // Compared as lists: ["a, b"] and ["a", "b"] join alike but are different tags.
  if (from.tags != to.tags) {
    out += "tags: " + Shown(JoinTags(from.tags)) + " -> " + Shown(JoinTags(to.tags)) + "\n";
  }
  out += UnifiedLineDiff(from.body, to.body, options);
  return out;
}

}  // namespace strata::storage
