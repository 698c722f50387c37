// RenderHtml (diff_render.h): one self-contained page. Every piece of article text goes through
// Escape(), which also turns invalid UTF-8 into U+FFFD; the page has no script and loads
// nothing, so a hostile article can neither run code nor phone home when the diff is opened.
#include <string_view>

#include "storage/diff_render.h"
#include "storage/diff_tokenize.h"

namespace strata::storage {
namespace {

constexpr std::string_view kStyle =
    "body{font:16px/1.6 system-ui,sans-serif;max-width:46em;margin:2em auto;padding:0 1em;"
    "color:#1f2328}"
    "h1{font-size:1.3em}"
    ".labels{color:#59636e}"
    "table.fields{border-collapse:collapse;margin:1em 0}"
    "table.fields th,table.fields td{border:1px solid #d1d9e0;padding:.2em .6em;text-align:left;"
    "vertical-align:top}"
    "p{margin:.5em 0;padding:.1em .5em;border-left:4px solid transparent;white-space:pre-wrap}"
    "p.delete,p.move-from{border-color:#cf222e;background:#ffebe9}"
    "p.insert,p.move-to{border-color:#1a7f37;background:#dafbe1}"
    "p.change{border-color:#9a6700}"
    "p.move-from,p.move-to{border-style:dashed}"
    "del{background:#ffcecb;text-decoration:line-through}"
    "ins{background:#aceebb;text-decoration:none}"
    ".note{color:#59636e;font-size:.85em;font-style:italic}"
    ".summary{color:#59636e}";

void Escape(std::string_view text, std::string* out) {
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t start = pos;
    const char32_t c = DecodeUtf8(text, &pos);
    switch (c) {
      case '&':
        *out += "&amp;";
        break;
      case '<':
        *out += "&lt;";
        break;
      case '>':
        *out += "&gt;";
        break;
      case '"':
        *out += "&quot;";
        break;
      case '\'':
        *out += "&#39;";
        break;
      case 0xFFFD:
        *out += "\uFFFD";  // also stands in for an invalid byte
        break;
      default:
        out->append(text.substr(start, pos - start));
    }
  }
}

std::string Escaped(std::string_view text) {
  std::string out;
  Escape(text, &out);
  return out;
}

void Spans(const std::vector<Span>& spans, std::string* out) {
  for (const Span& s : spans) {
    if (s.op == SpanOp::kEqual) {
      Escape(s.text, out);
    } else {
      const char* tag = s.op == SpanOp::kDelete ? "del" : "ins";
      *out += std::string("<") + tag + ">";
      Escape(s.text, out);
      *out += std::string("</") + tag + ">";
    }
  }
}

void Paragraph(const ParagraphDiff& p, std::string* out) {
  switch (p.op) {
    case BlockOp::kEqual:
      *out += "<p class=\"equal\">" + Escaped(p.text) + "</p>\n";
      break;
    case BlockOp::kDelete:
      *out += "<p class=\"delete\"><del>" + Escaped(p.text) + "</del></p>\n";
      break;
    case BlockOp::kInsert:
      *out += "<p class=\"insert\"><ins>" + Escaped(p.text) + "</ins></p>\n";
      break;
    case BlockOp::kChange:
      *out += "<p class=\"change\">";
      Spans(p.spans, out);
      *out += "</p>\n";
      break;
    case BlockOp::kMoveFrom:
      *out += "<p class=\"move-from\"><del>" + Escaped(p.text) +
              "</del> <span class=\"note\">(moved to ¶" + std::to_string(p.to + 1) +
              ")</span></p>\n";
      break;
    case BlockOp::kMoveTo:
      *out += "<p class=\"move-to\">";
      if (p.spans.empty()) {
        *out += "<ins>" + Escaped(p.text) + "</ins>";
      } else {
        Spans(p.spans, out);
      }
      *out += " <span class=\"note\">(moved from ¶" + std::to_string(p.from + 1) + ")</span></p>\n";
      break;
  }
}

void Field(const FieldDiff& field, std::string* out) {
  *out += "<tr><th>" + Escaped(field.name) + "</th><td>";
  if (!field.spans.empty()) {
    Spans(field.spans, out);
  } else {
    *out += "<del>" + Escaped(field.from.empty() ? "(none)" : field.from) + "</del> → <ins>" +
            Escaped(field.to.empty() ? "(none)" : field.to) + "</ins>";
  }
  *out += "</td></tr>\n";
}

void Analysis(const ChangeAnalysis& a, std::string* out) {
  *out += "<p class=\"summary\">Edit: " + Escaped(DescribeChange(a)) + "</p>\n";
}

}  // namespace

std::string RenderHtml(const ArticleDiff& diff, const RenderOptions& options) {
  std::string out;
  const std::string from = Escaped(options.from_label);
  const std::string to = Escaped(options.to_label);
  out += "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>Diff " + from + " → " + to + "</title>\n";
  out += "<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n";
  out += "<h1>Diff</h1>\n<p class=\"labels\"><del>" + from + "</del> → <ins>" + to + "</ins></p>\n";
  if (options.analysis != nullptr) Analysis(*options.analysis, &out);
  if (diff.identical()) out += "<p class=\"summary\">The two versions have the same content.</p>\n";
  if (!diff.fields.empty()) {
    out += "<table class=\"fields\">\n";
    for (const FieldDiff& field : diff.fields) Field(field, &out);
    out += "</table>\n";
  }
  out += "<div class=\"body\">\n";
  for (const ParagraphDiff& p : diff.paragraphs) Paragraph(p, &out);
  out += "</div>\n</body>\n</html>\n";
  return out;
}

}  // namespace strata::storage
