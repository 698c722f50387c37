// Sanitized HTML of the main content: the same selection as the text (main_content.h), as HTML
// that is safe to show in a browser. See sanitize.h for the policy.
//
// Thread-safety: pure function.
#pragma once

#include <gumbo.h>

#include <string>
#include <string_view>
#include <vector>

#include "parser/text_render.h"

namespace strata::parser {

// Renders `roots` (in order) without the subtrees `skip` selects, as sanitized HTML. Relative
// URLs resolve against `base_url` ("" keeps them relative). `expected_bytes` (the length of the
// text, if known) only sizes the output buffer.
std::string RenderBodyHtml(const std::vector<const GumboNode*>& roots, const SkipPredicate& skip,
                           std::string_view base_url, size_t expected_bytes = 0);

}  // namespace strata::parser
