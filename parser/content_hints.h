// What an element's tag, class, id and role say about it: likely article content, likely
// boilerplate (navigation, comments, share bars, related posts, ads), a caption, a byline. The
// main-content finder and the metadata search use these; the word lists live here, in one
// place.
//
// Matching ignores case: long hints match as substrings of the class or id ("sidebar" in
// "left-sidebar"), short ones (up to three characters) only as whole '-'/'_'-separated parts
// of a token ("ad" matches class="ad" and "top-ad", not "header").
//
// Speed: ClassifyHints() reads the class, id and role attributes once and matches every list
// in one pass over them (a table of hints by first letter), so callers that need several
// answers about one element ask once and test bits. The main-content finder computes the
// flags of each element once per page (main_content_tree.h).
//
// Thread-safety: pure functions.
#pragma once

#include <gumbo.h>

#include <cstdint>
#include <string_view>

namespace strata::parser {

// Bits of ClassifyHints(). Each names a word list (see content_hints.cc).
enum HintBit : uint32_t {
  kHintUnlikely = 1u << 0,       // menus, comments, sidebars, share bars... (not content)
  kHintMaybe = 1u << 1,          // "article", "content", "main"... (overrides kHintUnlikely)
  kHintPositive = 1u << 2,       // +25 to a container's score
  kHintNegative = 1u << 3,       // -25 to a container's score
  kHintKnownContent = 1u << 4,   // well-known article containers (entry-content, ...): +50
  kHintBoilerplate = 1u << 5,    // furniture inside an article: share, related, ads...
  kHintCaption = 1u << 6,        // captions and photo credits
  kHintByline = 1u << 7,         // bylines, datelines, author boxes
  kHintGallery = 1u << 8,        // slideshows, carousels, lightboxes
  kHintScreenReader = 1u << 9,   // visually hidden helpers: "sr-only", "visually-hidden"...
  kHintUnlikelyRole = 1u << 10,  // role=navigation, complementary, banner, dialog...
  kHintEmbed = 1u << 11,         // embedded posts (tweets...): quoted content, never furniture
  kHintHiddenClass = 1u << 12,   // CSS-framework classes for display:none ("d-none", print-only)
  kHintUser = 1u << 13,          // who wrote a post: "username", "avatar", "author", "poster"
};
using HintFlags = uint32_t;

// The hint bits of an element's class, id and role (0 for non-elements and elements without
// them).
HintFlags ClassifyHints(const GumboNode* node);

// Class/id/role say "not content" (menus, comments, sidebars, share bars...) and nothing says
// "content" (or "embed": a quoted tweet in a "social-embed" box is content) as well. Checked before
// scoring: such subtrees are left out. <body>, <html>, <article>, <main> and <a> are never
// unlikely.
bool IsUnlikelyCandidate(const GumboNode* node);
bool IsUnlikelyCandidate(GumboTag tag, HintFlags hints);

// A weight from class and id: positive hints (+25: article, content, post...), well-known
// content containers (+50: entry-content, cnblogs_post_body, content_views...), negative hints
// (-25: comment, sidebar, share...).
int ClassWeight(const GumboNode* node);
int ClassWeight(HintFlags hints);

// Boilerplate inside an article's container: <nav>, <aside>, <footer>, form labels, and
// elements whose class/id says comments, share bars, related posts, ads, newsletters...
// (<form> is not: ASP.NET pages wrap the whole page in one.)
bool IsBoilerplate(const GumboNode* node);
bool IsBoilerplate(GumboTag tag, HintFlags hints);

// A block element that holds no content by its tag, class, id or role (IsUnlikelyCandidate or
// IsBoilerplate: a menu, sidebar, comment list, footer...), its hints classified once. Inline
// elements never are: an inline <span id="post_comment_count"> is a counter, not a comment.
bool IsOffContentBlock(const GumboNode* node);
// `node` or one of its ancestors is an off-content block: other posts' dates, authors and
// counters live there.
bool InOffContentBlock(const GumboNode* node);

// A counter widget (class/id: views, view-count, post-views, read-count, likes, rating...):
// plugins put these inside article bodies, and a body that changes with every view would make
// every fetch look like an edit.
bool IsCounterWidget(const GumboNode* node);

// True when `text` (a whole block's text) is only an ad label: "Advertisement", "Advert",
// "Sponsored", "Anzeige", "Publicité", "Реклама", "广告", "広告", "광고"... Pages put these
// above ad slots, whose contents the parser never sees.
bool IsAdLabelText(std::string_view text);

}  // namespace strata::parser
