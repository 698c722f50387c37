// RenderJson (diff_render.h).
//
// {
//   "from": "URL@1", "to": "URL@2", "identical": false,
//   "fields": [{"field": "title", "from": "...", "to": "...", "spans": [...]},
//              {"field": "tags", "from": ["a"], "to": ["a", "b"]}],
//   "body_changed": true,
//   "paragraphs": [
//     {"op": "equal", "old_index": 0, "new_index": 0, "text": "..."},
//     {"op": "delete", "old_index": 1, "text": "..."},
//     {"op": "insert", "new_index": 1, "text": "..."},
//     {"op": "change", "old_index": 2, "new_index": 2, "similarity": 0.83,
//      "granularity": "word", "text": "<new text>",
//      "spans": [{"op": "equal", "text": "..."}, {"op": "delete", "text": "..."}, ...]},
//     {"op": "move_from", "old_index": 4, "new_index": 0, "text": "<old text>"},
//     {"op": "move_to", "old_index": 4, "new_index": 0, "similarity": 1, "text": "..."}
//   ],
//   "analysis": {"fields": [...], "blocks_added": 1, ..., "edit_class": "section added"}
// }
// Indices are 0-based paragraph (line) numbers of the old and new bodies.
#include <nlohmann/json.hpp>

#include "storage/diff_render.h"

namespace strata::storage {
namespace {

using nlohmann::json;

std::string_view OpName(BlockOp op) {
  switch (op) {
    case BlockOp::kEqual:
      return "equal";
    case BlockOp::kDelete:
      return "delete";
    case BlockOp::kInsert:
      return "insert";
    case BlockOp::kChange:
      return "change";
    case BlockOp::kMoveFrom:
      return "move_from";
    case BlockOp::kMoveTo:
      return "move_to";
  }
  return "unknown";
}

std::string_view SpanOpName(SpanOp op) {
  switch (op) {
    case SpanOp::kEqual:
      return "equal";
    case SpanOp::kDelete:
      return "delete";
    case SpanOp::kInsert:
      return "insert";
  }
  return "unknown";
}

json Spans(const std::vector<Span>& spans) {
  json out = json::array();
  for (const Span& s : spans) out.push_back({{"op", SpanOpName(s.op)}, {"text", s.text}});
  return out;
}

json Field(const FieldDiff& field) {
  json out = {{"field", field.name}};
  if (field.name == "tags") {
    out["from"] = field.from_items;
    out["to"] = field.to_items;
  } else {
    out["from"] = field.from;
    out["to"] = field.to;
  }
  if (!field.spans.empty()) out["spans"] = Spans(field.spans);
  return out;
}

json Paragraph(const ParagraphDiff& p) {
  json out = {{"op", OpName(p.op)}};
  if (p.from >= 0) out["old_index"] = p.from;
  if (p.to >= 0) out["new_index"] = p.to;
  const bool paired =
      p.op == BlockOp::kChange || p.op == BlockOp::kMoveFrom || p.op == BlockOp::kMoveTo;
  if (paired) out["similarity"] = p.similarity;
  out["text"] = p.text;
  if (!p.spans.empty()) {
    out["granularity"] = GranularityName(p.granularity);
    out["spans"] = Spans(p.spans);
  }
  return out;
}

json Analysis(const ChangeAnalysis& a) {
  return {{"fields", a.fields},
          {"blocks_added", a.blocks_added},
          {"blocks_removed", a.blocks_removed},
          {"blocks_changed", a.blocks_changed},
          {"blocks_moved", a.blocks_moved},
          {"chars_added", a.chars_added},
          {"chars_removed", a.chars_removed},
          {"edit_class", EditClassName(a.edit_class)}};
}

}  // namespace

std::string RenderJson(const ArticleDiff& diff, const RenderOptions& options) {
  json out = {
      {"from", options.from_label}, {"to", options.to_label}, {"identical", diff.identical()}};
  json fields = json::array();
  for (const FieldDiff& field : diff.fields) fields.push_back(Field(field));
  out["fields"] = std::move(fields);
  out["body_changed"] = diff.body_changed;
  json paragraphs = json::array();
  for (const ParagraphDiff& p : diff.paragraphs) paragraphs.push_back(Paragraph(p));
  out["paragraphs"] = std::move(paragraphs);
  if (options.analysis != nullptr) out["analysis"] = Analysis(*options.analysis);
  // Article text is UTF-8 after extraction; should a byte slip through, replace it rather than
  // throw (nlohmann's default), since no exception may cross a module boundary.
  return out.dump(2, ' ', /*ensure_ascii=*/false, json::error_handler_t::replace) + "\n";
}

}  // namespace strata::storage
