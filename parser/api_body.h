// An article body as a JSON API gives it (config::BodyFormat: rendered HTML, Markdown, a
// ProseMirror document, plain text) rendered the three ways an extracted body is: text (one
// block per line), sanitized HTML and Markdown. Every format goes through HTML and the
// extractor's own renderers (html_fragment.h), so an API's body reads like a page's: Markdown
// is turned into HTML by md4c (GitHub dialect: tables, strikethrough), then sanitized, and its
// Markdown is rendered again from that HTML (the same URL policy and escaping as every body).
//
// Thread-safety: pure functions.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "common/result.h"
#include "config/site_profile_api.h"
#include "parser/html_fragment.h"

namespace strata::parser {

// Renders `value` (a string, or for ProseMirror also a document object or array) in `format`.
// Relative URLs resolve against `base_url`. InvalidArgument when the value does not fit the
// format (a number as HTML, a malformed ProseMirror document).
Result<RenderedBody> RenderApiBody(config::BodyFormat format, const nlohmann::json& value,
                                   std::string_view base_url);

// Markdown (GitHub dialect) as HTML, unsanitized: for RenderHtmlFragment.
std::string MarkdownToHtml(std::string_view markdown);

}  // namespace strata::parser
