// RenderSideBySide (diff_render.h).
#include <algorithm>
#include <string_view>

#include "storage/diff_render.h"
#include "storage/diff_render_hunks.h"
#include "storage/diff_tokenize.h"

namespace strata::storage {
namespace {

constexpr int kMinWidth = 20;

enum class Style : uint8_t { kPlain, kOld, kNew, kDeleted, kInserted, kMoved, kNote };

std::string_view StyleCode(Style style) {
  switch (style) {
    case Style::kPlain:
      return "";
    case Style::kOld:
      return ansi::kRed;
    case Style::kNew:
      return ansi::kGreen;
    case Style::kDeleted:
      return ansi::kDeleted;
    case Style::kInserted:
      return ansi::kInserted;
    case Style::kMoved:
      return ansi::kMagenta;
    case Style::kNote:
      return ansi::kDim;
  }
  return "";
}

// One user-perceived character on screen.
struct Cell {
  std::string text;
  int width = 1;
  Style style = Style::kPlain;
};

using Cells = std::vector<Cell>;

void AddText(std::string_view text, Style style, Cells* cells) {
  for (const Token& t : TokenizeChars(text)) {
    if (t.kind == TokenKind::kSpace) {
      // Each whitespace character is one column (tabs included: alignment matters more here).
      size_t pos = 0;
      while (pos < t.text.size()) {
        DecodeUtf8(t.text, &pos);
        cells->push_back({" ", 1, style});
      }
      continue;
    }
    const int width = DisplayWidth(t.text);
    if (width == 0) continue;  // controls and stray marks would upset the columns
    cells->push_back({std::string(t.text), width, style});
  }
}

// Breaks `cells` into lines of at most `width` columns: greedy wrapping at the last break
// opportunity of the line (after a space; before or after a wide character, since CJK text
// breaks between any two characters), else inside the word.
std::vector<Cells> Wrap(const Cells& cells, int width) {
  const auto is_space = [](const Cell& c) { return c.text == " "; };
  // May a line break between `before` and `after`?
  const auto can_break = [&](const Cell& before, const Cell& after) {
    return is_space(before) || before.width > 1 || after.width > 1;
  };
  std::vector<Cells> lines(1);
  int used = 0;
  for (const Cell& cell : cells) {
    if (used + cell.width > width && !lines.back().empty()) {
      Cells& line = lines.back();
      Cells carried;
      if (!is_space(cell) && !can_break(line.back(), cell)) {
        size_t at = line.size() - 1;
        while (at > 0 && !can_break(line[at - 1], line[at])) --at;
        if (at > 0) {
          carried.assign(line.begin() + static_cast<std::ptrdiff_t>(at), line.end());
          line.resize(at);
        }
      }
      while (!line.empty() && is_space(line.back())) line.pop_back();
      lines.emplace_back(std::move(carried));
      used = 0;
      for (const Cell& c : lines.back()) used += c.width;
      if (is_space(cell)) continue;  // a line never starts with the space it broke at
    }
    lines.back().push_back(cell);
    used += cell.width;
  }
  return lines;
}

class SideBySideWriter {
 public:
  explicit SideBySideWriter(const RenderOptions& options)
      : options_(options), column_((std::max(options.width, kMinWidth) - 3) / 2) {}

  std::string Write(const ArticleDiff& diff) {
    Cells left;
    Cells right;
    AddText(options_.from_label, Style::kPlain, &left);
    AddText(options_.to_label, Style::kPlain, &right);
    Row(left, ' ', "", right);
    Rule();
    if (options_.analysis != nullptr) {
      out_ += "edit: " + DescribeChange(*options_.analysis) + "\n";
    }
    for (const FieldDiff& field : diff.fields) {
      left.clear();
      right.clear();
      AddText(field.name + ": ", Style::kPlain, &left);
      AddText(field.from.empty() ? "(none)" : field.from, Style::kOld, &left);
      AddText(field.name + ": ", Style::kPlain, &right);
      AddText(field.to.empty() ? "(none)" : field.to, Style::kNew, &right);
      Row(left, '|', ansi::kYellow, right);
    }
    if (!diff.body_changed) return std::move(out_);
    for (const Hunk& hunk : FindHunks(diff.paragraphs, options_.context)) {
      if (options_.color) out_ += ansi::kCyan;
      out_ += HunkHeader(hunk);
      if (options_.color) out_ += ansi::kReset;
      out_ += '\n';
      for (size_t i = hunk.begin; i < hunk.end; ++i) Paragraph(diff.paragraphs[i]);
    }
    return std::move(out_);
  }

 private:
  void Rule() {
    out_ += std::string(static_cast<size_t>(2 * column_ + 3), '=');
    out_ += '\n';
  }

  void Inline(const std::vector<Span>& spans, bool old_side, Cells* cells) const {
    for (const Span& span : spans) {
      if (span.op == SpanOp::kEqual) {
        AddText(span.text, Style::kPlain, cells);
      } else if (span.op == SpanOp::kDelete && old_side) {
        if (!options_.color) AddText("[-", Style::kPlain, cells);
        AddText(span.text, Style::kDeleted, cells);
        if (!options_.color) AddText("-]", Style::kPlain, cells);
      } else if (span.op == SpanOp::kInsert && !old_side) {
        if (!options_.color) AddText("{+", Style::kPlain, cells);
        AddText(span.text, Style::kInserted, cells);
        if (!options_.color) AddText("+}", Style::kPlain, cells);
      }
    }
  }

  void Paragraph(const ParagraphDiff& p) {
    Cells left;
    Cells right;
    switch (p.op) {
      case BlockOp::kEqual:
        AddText(p.text, Style::kPlain, &left);
        AddText(p.text, Style::kPlain, &right);
        Row(left, ' ', "", right);
        break;
      case BlockOp::kDelete:
        AddText(p.text, Style::kOld, &left);
        Row(left, '<', ansi::kRed, right);
        break;
      case BlockOp::kInsert:
        AddText(p.text, Style::kNew, &right);
        Row(left, '>', ansi::kGreen, right);
        break;
      case BlockOp::kChange:
        Inline(p.spans, /*old_side=*/true, &left);
        Inline(p.spans, /*old_side=*/false, &right);
        Row(left, '|', ansi::kYellow, right);
        break;
      case BlockOp::kMoveFrom:
        AddText(p.text, Style::kMoved, &left);
        AddText("(moved to ¶" + std::to_string(p.to + 1) + ")", Style::kNote, &right);
        Row(left, '(', ansi::kMagenta, right);
        break;
      case BlockOp::kMoveTo:
        AddText("(moved from ¶" + std::to_string(p.from + 1) + ")", Style::kNote, &left);
        if (p.spans.empty()) {
          AddText(p.text, Style::kMoved, &right);
        } else {
          Inline(p.spans, /*old_side=*/false, &right);
        }
        Row(left, ')', ansi::kMagenta, right);
        break;
    }
  }

  // Appends one line's cells, padded to the column when `pad`.
  void Line(const Cells& cells, bool pad) {
    Style current = Style::kPlain;
    int used = 0;
    for (const Cell& cell : cells) {
      if (options_.color && cell.style != current) {
        if (current != Style::kPlain) out_ += ansi::kReset;
        out_ += StyleCode(cell.style);
        current = cell.style;
      }
      out_ += cell.text;
      used += cell.width;
    }
    if (options_.color && current != Style::kPlain) out_ += ansi::kReset;
    if (pad) out_.append(static_cast<size_t>(std::max(column_ - used, 0)), ' ');
  }

  void Row(const Cells& left, char mark, std::string_view mark_style, const Cells& right) {
    const std::vector<Cells> l = Wrap(left, column_);
    const std::vector<Cells> r = Wrap(right, column_);
    const size_t rows = std::max(l.size(), r.size());
    for (size_t i = 0; i < rows; ++i) {
      Line(i < l.size() ? l[i] : Cells{}, /*pad=*/true);
      out_ += ' ';
      if (options_.color && !mark_style.empty()) out_ += mark_style;
      out_ += mark;
      if (options_.color && !mark_style.empty()) out_ += ansi::kReset;
      if (i < r.size() && !r[i].empty()) {
        out_ += ' ';
        Line(r[i], /*pad=*/false);
      }
      out_ += '\n';
    }
  }

  const RenderOptions& options_;
  const int column_;
  std::string out_;
};

}  // namespace

std::string RenderSideBySide(const ArticleDiff& diff, const RenderOptions& options) {
  if (diff.identical()) return "";
  return SideBySideWriter(options).Write(diff);
}

}  // namespace strata::storage
