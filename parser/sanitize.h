// The sanitizing policy for the HTML (and the URLs of the Markdown) of extracted article
// bodies: which elements survive, which attributes, which URLs. A whitelist: anything not
// named here is dropped (elements that only carry behaviour or embed other documents) or
// unwrapped (other elements: their text stays, the tag goes).
//
// What it guarantees for body_html.h's output: no <script>, <style>, <iframe>, <object>,
// <embed>, <form> or other active element; no event handler (on*), style, class (other than
// "language-*" on code), id or data-* attribute; every href/src/cite is an http(s) URL (mailto:
// too for links), resolved against the page's URL, or a relative URL when no base was given;
// text and attribute values escaped.
//
// Thread-safety: pure functions.
#pragma once

#include <gumbo.h>

#include <optional>
#include <string>
#include <string_view>

namespace strata::parser {

enum class TagPolicy {
  kKeep,    // the element and its whitelisted attributes
  kUnwrap,  // the children without the element (span, font, custom elements...)
  kDrop,    // nothing (script, style, iframe, form controls, svg...)
};

TagPolicy HtmlTagPolicy(GumboTag tag);

// How a URL is used: a link may also be mailto:, an image only http(s).
enum class UrlUse { kLink, kImage };

// `value` (an href/src as written) resolved against `base_url` when that is not "", if the
// result is safe for `use`; nullopt for javascript:, data:, vbscript: and every other scheme,
// and for values that do not parse. Tabs and newlines inside are removed first, as browsers
// do, so "java\tscript:" is caught too.
std::optional<std::string> SafeUrl(std::string_view value, std::string_view base_url, UrlUse use);

// The URL an <img> shows: its src, or when that is missing or a placeholder (a data: URL, as
// lazy loaders write), the first of data-src, data-original, data-lazy-src, data-url, and the
// first candidate of srcset / data-srcset. "" when none.
std::string_view ImageSource(const GumboNode* img);

// The language of a code block from its class (or its <code> child's): "language-cpp",
// "lang-cpp", "highlight-source-cpp" give "cpp". Letters, digits and "+#-_." only; "" when none.
std::string CodeLanguage(const GumboNode* node);

// Appends `text` with &, < and > escaped.
void AppendEscapedText(std::string_view text, std::string* out);
// Appends `value` with &, <, >, " and ' escaped (for a double-quoted attribute).
void AppendEscapedAttribute(std::string_view value, std::string* out);

}  // namespace strata::parser
