// Main-content detection: which part of a page is the article, and its clean text.
//
// How (a first version, in the spirit of Readability; issue 4 deepens it):
//  1. One post-order walk measures every element: visible text and link text (non-space
//     bytes), and the "inline runs" of text not inside a nested block.
//  2. Each paragraph (a <p>, <pre>, <td>..., or a block holding a run of 25+ bytes of inline
//     text, as Chinese sites write "<div>text<br>text</div>") scores 1 + commas + length/100
//     (at most 3) for its container, half that for the container's parent and a sixth for the
//     grandparent. Containers start from their class/id weight (content_hints.h).
//  3. Scores are scaled by (1 - link density); the best container wins, and its siblings join
//     when they score well enough or are plain paragraphs of prose.
//  4. The text is rendered without boilerplate inside the chosen containers (nav, comments,
//     share bars, link lists, the <h1> that is the title), unless removing it would remove
//     most of the article.
// Subtrees whose class/id make them unlikely content are left out of step 1; when that leaves
// too little text, the whole procedure runs again without that filter.
//
// Thread-safety: pure function of an immutable document.
#pragma once

#include <gumbo.h>

#include <string>
#include <vector>

#include "parser/html_document.h"
#include "parser/text_render.h"

namespace strata::parser {

struct MainContent {
  // The containers that make up the article, in document order (empty for an empty page).
  std::vector<const GumboNode*> roots;
  // What the cleaning leaves out inside `roots`; renders of the same content in other forms
  // (sanitized HTML, Markdown) use it too. Valid while the document lives.
  SkipPredicate skip;
  // The article's text: one block per line.
  std::string text;
};

MainContent FindMainContent(const HtmlDocument& doc);

}  // namespace strata::parser
