// Main-content detection: which part of a page is the article, and its clean text, sanitized
// HTML and Markdown.
//
// How (in the spirit of Readability, extended to articles split across sections):
//  1. One walk indexes the elements under <body> (main_content_tree.h): tags, class/id/role
//     hints, visible text. Subtrees whose class/id/role or tag says they are not content
//     (menus, comments, sidebars, <nav>, <aside>, <footer>) are left out of the measures.
//  2. Each paragraph (a <p>, <pre>, <td>..., or a block holding a run of 25+ bytes of inline
//     text, as Chinese sites write "<div>text<br>text</div>") scores 1 + commas + length/100
//     (at most 3), less its share of link text, for its container, half that for the
//     container's parent and a sixth for the grandparent. Containers start from their tag and
//     class/id weight; scores are scaled by (1 - link density). The best container is the seed.
//  3. From the seed, the selection climbs the ancestors: at each level, siblings that hold a
//     strong cluster of paragraphs of their own (a score that is a good share of the seed's,
//     demanding more the further up), plain prose paragraphs next to the seed, and headings
//     between chosen parts join. Pages that break the article into sections at different
//     depths (a lead section, then the body under another wrapper) keep all of it.
//  4. Inside the chosen parts, furniture is left out: boilerplate hints (share bars, related
//     posts, ads, newsletters), captions and photo credits, bylines and datelines, galleries,
//     counters, lists of links, the <h1> that is the title, and headings left without content.
//     Something that holds most of the article is never removed.
// When that leaves too little text (the filter of step 1 probably hid the article), the
// procedure runs again without the filter, and the longer result wins.
//
// Thread-safety: pure function of an immutable document.
#pragma once

#include <gumbo.h>

#include <string>
#include <string_view>
#include <vector>

#include "parser/html_document.h"
#include "parser/text_render.h"

namespace strata::parser {

struct BodyOptions {
  // The URL that relative href/src values resolve against in the HTML and Markdown (the page
  // URL, or its <base href>). "" keeps them as written, when they are safe.
  std::string_view base_url;
  bool html = true;      // fill MainContent::html
  bool markdown = true;  // fill MainContent::markdown
};

struct MainContent {
  // The subtrees that make up the article, in document order (empty for an empty page).
  std::vector<const GumboNode*> roots;
  // What the cleaning leaves out inside `roots`: every render (text, HTML, Markdown) leaves out
  // the same subtrees. Valid while the document lives.
  SkipPredicate skip;
  // The article's text: one block per line (text_render.h).
  std::string text;
  // The same selection as sanitized HTML (body_html.h) and Markdown (markdown.h); "" when not
  // asked for.
  std::string html;
  std::string markdown;
};

MainContent FindMainContent(const HtmlDocument& doc, const BodyOptions& options = {});

// The cleaning of step 4 (furniture, captions, bylines, link lists...) inside containers chosen
// by other means (a site profile's body selector), also leaving out what `exclude` selects
// (the profile's exclusions; may be null). When the cleaning would remove more than half of
// the text, only `exclude` applies: the caller named the containers, so hints that say
// otherwise are wrong. `roots` must be in document order and not nested.
MainContent CleanChosenContent(const HtmlDocument& doc, std::vector<const GumboNode*> roots,
                               const SkipPredicate& exclude, const BodyOptions& options = {});

// Fills content->html and content->markdown from its roots and skip predicate, as
// FindMainContent does, when options ask for them and they are still empty (a body chosen by
// other means, such as a site profile, comes with text only).
void RenderHtmlAndMarkdown(const BodyOptions& options, MainContent* content);

// A human-readable account of the decisions for `doc` (seed, scores, chosen parts, what was
// left out and why), for diagnosing a page by hand (bench/extract: extract_bench explain).
std::string ExplainMainContent(const HtmlDocument& doc);

}  // namespace strata::parser
