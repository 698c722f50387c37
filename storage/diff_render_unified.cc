// RenderUnified (diff_render.h).
#include <string_view>

#include "storage/diff_render.h"
#include "storage/diff_render_hunks.h"

namespace strata::storage {
namespace {

class UnifiedWriter {
 public:
  explicit UnifiedWriter(const RenderOptions& options) : options_(options) {}

  std::string Write(const ArticleDiff& diff) {
    if (options_.analysis != nullptr) {
      out_ += "edit: " + DescribeChange(*options_.analysis) + "\n";
    }
    for (const FieldDiff& field : diff.fields) Field(field);
    if (!diff.body_changed) return std::move(out_);
    Styled(ansi::kBold, "--- " + options_.from_label);
    out_ += '\n';
    Styled(ansi::kBold, "+++ " + options_.to_label);
    out_ += '\n';
    for (const Hunk& hunk : FindHunks(diff.paragraphs, options_.context)) {
      Styled(ansi::kCyan, HunkHeader(hunk));
      out_ += '\n';
      for (size_t i = hunk.begin; i < hunk.end; ++i) Paragraph(diff.paragraphs[i]);
    }
    return std::move(out_);
  }

 private:
  void Styled(std::string_view style, std::string_view text) {
    if (options_.color) out_ += style;
    out_ += text;
    if (options_.color) out_ += ansi::kReset;
  }

  // "title: old -> new", an empty value shown as "(none)" (as DiffArticles prints it).
  void Field(const FieldDiff& field) {
    out_ += field.name + ": ";
    Styled(ansi::kRed, field.from.empty() ? "(none)" : field.from);
    out_ += " -> ";
    Styled(ansi::kGreen, field.to.empty() ? "(none)" : field.to);
    out_ += '\n';
  }

  void Line(char mark, std::string_view style, std::string_view text) {
    if (options_.color) out_ += style;
    out_ += mark;
    out_ += text;
    if (options_.color) out_ += ansi::kReset;
    out_ += '\n';
  }

  // The spans on one line: brackets without colour, reverse video with it.
  void Inline(const std::vector<Span>& spans) {
    for (const Span& span : spans) {
      switch (span.op) {
        case SpanOp::kEqual:
          out_ += span.text;
          break;
        case SpanOp::kDelete:
          out_ += options_.color ? ansi::kDeleted : "[-";
          out_ += span.text;
          out_ += options_.color ? ansi::kReset : "-]";
          break;
        case SpanOp::kInsert:
          out_ += options_.color ? ansi::kInserted : "{+";
          out_ += span.text;
          out_ += options_.color ? ansi::kReset : "+}";
          break;
      }
    }
  }

  void Edited(char mark, std::string_view mark_style, const ParagraphDiff& p) {
    if (options_.color) out_ += mark_style;
    out_ += mark;
    if (options_.color) out_ += ansi::kReset;
    Inline(p.spans);
    out_ += '\n';
  }

  void Paragraph(const ParagraphDiff& p) {
    switch (p.op) {
      case BlockOp::kEqual:
        out_ += ' ';
        out_ += p.text;
        out_ += '\n';
        break;
      case BlockOp::kDelete:
        Line('-', ansi::kRed, p.text);
        break;
      case BlockOp::kInsert:
        Line('+', ansi::kGreen, p.text);
        break;
      case BlockOp::kChange:
        if (p.granularity == Granularity::kLine) {
          Line('-', ansi::kRed, OldText(p.spans));
          Line('+', ansi::kGreen, NewText(p.spans));
        } else {
          Edited('~', ansi::kYellow, p);
        }
        break;
      case BlockOp::kMoveFrom:
        Line('<', ansi::kMagenta, p.text);
        break;
      case BlockOp::kMoveTo:
        if (p.spans.empty() || p.granularity == Granularity::kLine) {
          Line('>', ansi::kMagenta, p.text);
        } else {
          Edited('>', ansi::kMagenta, p);
        }
        break;
    }
  }

  const RenderOptions& options_;
  std::string out_;
};

}  // namespace

std::string RenderUnified(const ArticleDiff& diff, const RenderOptions& options) {
  if (diff.identical()) return "";
  return UnifiedWriter(options).Write(diff);
}

}  // namespace strata::storage
