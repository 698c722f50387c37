// PageIndex: what one walk over the DOM gathers for the field extractors, so that each of them
// (title, author, date, counters, links...) reads a short list instead of walking the tree
// again. The node pointers point into the HtmlDocument, which must outlive the index.
//
// Thread-safety: a plain value built once per page.
#pragma once

#include <gumbo.h>

#include <string>
#include <string_view>
#include <vector>

#include "parser/html_document.h"
#include "parser/meta_tags.h"

namespace strata::parser {

struct PageIndex {
  std::string html_lang;       // <html lang="...">, as written
  std::string base_href;       // the first <base href>, "" if none
  std::string title;           // the first <title>, whitespace collapsed
  std::string canonical_href;  // the first <link rel=canonical href>, as written
  MetaTags meta;               // every <meta> with content

  std::vector<std::string_view> json_ld;  // bodies of <script type="application/ld+json">
  // Bodies of the other inline scripts (the first kMaxScripts): dates that pages render with
  // JavaScript exist only there ("var publishTime = ...").
  std::vector<std::string_view> scripts;

  std::vector<const GumboNode*> h1s;           // visible <h1>s
  std::vector<const GumboNode*> times;         // visible <time> elements
  std::vector<const GumboNode*> anchors;       // <a>/<area> with href, document order
  std::vector<const GumboNode*> itemprops;     // elements with an itemprop attribute
  std::vector<const GumboNode*> author_links;  // <a rel="author">
  std::vector<const GumboNode*> tag_links;     // <a rel="tag">

  // Visible elements whose class or id hints at a field (bounded: the first kMaxHinted).
  std::vector<const GumboNode*> author_hints;  // "author", "byline", "nickname", "writer"
  std::vector<const GumboNode*> date_hints;    // "date", "time", "publish", "posted"
  std::vector<const GumboNode*> count_hints;   // "view", "read", "pv", "visit", "hits"
};

inline constexpr size_t kMaxHinted = 64;
inline constexpr size_t kMaxScripts = 64;

PageIndex IndexPage(const HtmlDocument& doc);

}  // namespace strata::parser
