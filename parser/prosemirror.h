// ProseMirror-style JSON documents, as editors built on ProseMirror (and APIs that store their
// documents, such as xie.infoq.cn's article detail) deliver an article body:
//
//   {"type": "doc", "content": [
//     {"type": "heading", "attrs": {"level": 2}, "content": [{"type": "text", "text": "Intro"}]},
//     {"type": "paragraph", "content": [
//       {"type": "text", "text": "bold", "marks": [{"type": "bold"}]},
//       {"type": "text", "text": " link", "marks": [{"type": "link", "attrs": {"href": "..."}}]}]},
//     {"type": "codeblock", "attrs": {"language": "cpp"}, "content": [...]}]}
//
// Nodes: doc, paragraph, heading (attrs.level), text (marks: bold/strong, italic/em, code,
// link (attrs.href), strike), image (attrs.src, alt, title), codeblock (attrs.language or
// lang), blockquote, bullet_list, ordered_list (attrs.start or order), list_item, hard_break,
// horizontal_rule, table / table_row / table_cell / table_header. Type names are compared
// without case, '_' and '-' (code_block, codeBlock and codeblock are one type), and the common
// variants (bulletedlist, numberedlist, listitem...) are known. Unknown nodes keep their text
// (their children, or a "text" member); unknown marks are dropped, keeping the text.
//
// The document becomes sanitized HTML first (URLs through sanitize.h's policy, text escaped),
// and that HTML is rendered as text and Markdown by the extractor's own renderers
// (html_fragment.h), so the body has the same shape as one read from a page.
//
// Nesting is capped (deeper nodes are dropped) and malformed input (wrong types, missing
// members, a document inside a JSON string) never throws out of these functions.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/result.h"
#include "parser/html_fragment.h"

namespace strata::parser {

struct ProseMirrorOptions {
  std::string_view base_url;  // resolves relative links and images ("" keeps them relative)
  int max_depth = 64;         // nodes nested deeper are dropped with their content
};

// The document as sanitized HTML. `doc` is a "doc" node, any other node, an array of nodes, or
// a JSON string holding one of these (APIs often store the document as a string). Fails with
// InvalidArgument when it is none of these.
Result<std::string> ProseMirrorToHtml(const nlohmann::json& doc,
                                      const ProseMirrorOptions& options = {});

// The document as body text, sanitized HTML and Markdown.
Result<RenderedBody> RenderProseMirror(const nlohmann::json& doc,
                                       const ProseMirrorOptions& options = {});

// The same from JSON text. InvalidArgument when it is not JSON.
Result<RenderedBody> RenderProseMirror(std::string_view json,
                                       const ProseMirrorOptions& options = {});

}  // namespace strata::parser
