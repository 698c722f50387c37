// Markdown (CommonMark, with GitHub's tables and strikethrough) of the main content: the same
// selection as the text and the sanitized HTML (main_content.h).
//
// What becomes what: headings -> "#" lines, paragraphs (and text blocks) -> paragraphs
// separated by a blank line, <br> -> a hard break ("\" at the line end), lists -> "-" / "1."
// items (nested by indentation), <a> -> [text](url), <img> -> ![alt](src), <em>/<i> -> *x*,
// <strong>/<b> -> **x**, <del>/<s> -> ~~x~~, <code> -> `x`, <pre> -> a fenced code block
// (with the language of a "language-*" class), <blockquote> -> "> " lines, <hr> -> "---",
// simple tables -> pipe tables (tables with lists or code inside become paragraphs). URLs follow
// the same policy as the HTML (sanitize.h): unsafe links lose their link, unsafe images go.
// Text is escaped so that it never turns into Markdown syntax. No raw HTML is emitted.
//
// Thread-safety: pure function.
#pragma once

#include <gumbo.h>

#include <string>
#include <string_view>
#include <vector>

#include "parser/text_render.h"

namespace strata::parser {

// Renders `roots` (in order) without the subtrees `skip` selects. Relative URLs resolve against
// `base_url` ("" keeps them relative). Ends with a newline unless empty. `expected_bytes` (the
// length of the text, if known) only sizes the output buffer.
std::string RenderMarkdown(const std::vector<const GumboNode*>& roots, const SkipPredicate& skip,
                           std::string_view base_url, size_t expected_bytes = 0);

}  // namespace strata::parser
