// What an element's tag, class, id and role say about it: likely article content, likely
// boilerplate (navigation, comments, share bars, related posts, ads). The main-content finder
// and the metadata search use these; the word lists live here, in one place.
//
// Matching ignores case: long hints match as substrings of the class or id ("sidebar" in
// "left-sidebar"), short ones only as whole tokens ("ad" matches class="ad", not "header").
//
// Thread-safety: pure functions.
#pragma once

#include <gumbo.h>

namespace strata::parser {

// Class/id/role say "not content" (menus, comments, sidebars, share bars...) and nothing says
// "content" as well. Checked before scoring: such subtrees are left out.
bool IsUnlikelyCandidate(const GumboNode* node);

// A weight from class and id: positive hints (+25: article, content, post...), well-known
// content containers (+50: entry-content, cnblogs_post_body, content_views...), negative hints
// (-25: comment, sidebar, share...).
int ClassWeight(const GumboNode* node);

// Boilerplate inside an article's container: <nav>, <aside>, <footer>, form labels, and
// elements whose class/id says comments, share bars, related posts, ads, newsletters...
// (<form> is not: ASP.NET pages wrap the whole page in one.)
bool IsBoilerplate(const GumboNode* node);

// A counter widget (class/id: views, view-count, post-views, read-count, likes, rating...):
// plugins put these inside article bodies, and a body that changes with every view would make
// every fetch look like an edit.
bool IsCounterWidget(const GumboNode* node);

}  // namespace strata::parser
