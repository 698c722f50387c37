// Generic post-link detection: which links of an author page (or a page of its listing) lead to
// the author's posts, when no site profile says where they are. Pure: the candidates come from
// one walk of the page (parser/listing_html.cc); this file only decides.
//
// A link is a candidate when it stays on the site and is not plainly something else (the page
// itself, the home page, tag / category / author / search / login / feed / pagination pages,
// month archives, files). Each candidate is scored: inside an <article> or an element whose
// class or id says post / entry / article / item / story (+2), inside a heading (+2), under the
// author page's own path (+2), a URL shaped like a post (a long number, a date, a slug of
// several words, a .html page: +2), a text long enough to be a title (+1), inside page chrome
// (nav, header, footer, aside, menus, sidebars, widgets, comments, pagination: -5, so
// that a post link in a sidebar never counts). Links are then
// grouped by the shape of their URL ("/ann/p/#.html", "/#/#/*/"): posts of one site share a
// shape, navigation does not. The best group by total score is kept, with every group that
// scores as well per link; a group that averages below 2 is not taken for posts at all.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace strata::parser {

struct LinkCandidate {
  std::string url;          // resolved and normalised
  std::string text;         // visible text, whitespace collapsed
  bool in_chrome = false;   // inside nav/header/footer/aside, menus, sidebars, pagination...
  bool in_article = false;  // inside <article> or a post/entry/item-like element
  bool in_heading = false;  // inside h1-h4
};

// The URLs among `links` that are most likely the author's posts, in document order, without
// duplicates. `page_url` is the page they are on; `author_url` the author page the listing
// started from (its path marks the author's own links).
std::vector<std::string> DetectPostLinks(const std::vector<LinkCandidate>& links,
                                         std::string_view page_url, std::string_view author_url);

// True when `url` is plainly not a post: the site's home page, tag / category / author /
// search / login / feed / pagination pages, month archives, files that are not pages.
bool IsNonPostUrl(std::string_view url);

// The shape of a URL's path, for grouping: digit runs become '#', a last segment of several
// words becomes '*' ("/2024/05/my-first-post/" -> "/#/#/*/", "/ann/p/123.html" ->
// "/ann/p/#.html").
std::string UrlShape(std::string_view url);

// True when the text of a link means "next page": "下一页", "下页", "Next", "Next page",
// "Older posts", "Older entries", "›", "»", "Next »" (case, spaces and arrows ignored).
bool IsNextLinkText(std::string_view text);

}  // namespace strata::parser
