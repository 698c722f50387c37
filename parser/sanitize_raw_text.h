// Takes out of a page, before Gumbo parses it, what no part of extraction reads from the DOM:
// the bodies of inline scripts (except JSON ones: JSON-LD, application/json data blocks), the
// bodies of <style> and <svg> elements, and comments.
//
// Why: Gumbo is the slowest stage of extraction (~28 MB/s per core), and on real article pages
// inline JavaScript and CSS are about half of the bytes (measured on ../shared/eval/aeb-dev:
// 24% script, 28% style, 3% svg, 1% comments; JSON scripts 3%). Their text never reaches the
// body, and the one thing read from scripts (dates that pages only set in a script variable,
// parser/date_parse.h FindDateInScript) reads BlankedHtml::scripts instead of the DOM. The
// <script>/<style>/<svg> tags themselves stay, with their attributes, so the DOM keeps its
// shape.
//
// Whitespace between two pieces of markup (the indentation of the source: 12% of the bytes
// left on the AEB pages) shrinks to one character, a line break when it had one: every
// renderer reads such a run as one space or one line break. Inside <pre> and <listing> it stays.
//
// The scan is a light tokenizer (tags with quoted attributes, comments, raw-text elements such
// as <textarea> and <title> whose content is not markup). A script body ends at the first
// "</script" followed by a space, '/' or '>', as the HTML tokenizer ends it (the rare
// "<!--<script>" escape inside scripts is not modelled: such a script ends earlier here).
//
// Thread-safety: pure function.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace strata::parser {

struct BlankedHtml {
  // The page to parse: the input itself when nothing was taken out, else `*storage`.
  std::string_view html;
  // The bodies of the inline scripts taken out (non-empty ones, document order): views into
  // the input, which must outlive them.
  std::vector<std::string_view> scripts;
  size_t removed_bytes = 0;
};

// Returns the page without script (non-JSON), style and svg bodies and comments, and with
// whitespace between markup shrunk.
// `*storage` receives the shortened copy when anything was removed.
BlankedHtml BlankScriptsAndStyles(std::string_view html, std::string* storage);

}  // namespace strata::parser
