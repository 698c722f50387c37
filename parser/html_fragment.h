// An article body that arrives as HTML outside a page (a JSON API's rendered body, the HTML a
// ProseMirror document becomes) rendered the three ways an extracted body is: clean text (one
// block per line, Article::body), sanitized HTML (body_html) and Markdown (body_markdown). The
// fragment goes through the same renderers as a page's main content (text_render.h,
// body_html.h, markdown.h), so an API's article reads exactly like the page's would.
//
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>

namespace strata::parser {

struct RenderedBody {
  std::string text;      // one block per line, no empty lines
  std::string html;      // sanitized (sanitize.h)
  std::string markdown;  // CommonMark with GitHub tables
};

// Renders an HTML fragment (any HTML: it is parsed with Gumbo, depth-capped, and sanitized).
// Relative URLs resolve against `base_url` ("" keeps them relative).
RenderedBody RenderHtmlFragment(std::string_view html, std::string_view base_url);

// Only the Markdown of a fragment: how readers of the archive get body_markdown from a stored
// body_html (crawls do not store it). Equal to the Markdown rendered from the page in most
// cases; the sanitized HTML can differ in structure (a block inside a heading, say).
std::string RenderMarkdownOfHtml(std::string_view html, std::string_view base_url);

}  // namespace strata::parser
