// The article's author: names from JSON-LD and meta tags, or from the visible page (rel=author
// links, itemprop=author, elements whose class says author/byline, and bylines in text such as
// "By Jane Doe", "作者：张三", "文/李四").
//
// Thread-safety: pure functions.
#pragma once

#include <gumbo.h>

#include <string>
#include <string_view>
#include <vector>

namespace strata::parser {

// Turns byline text into a name: drops "By", "Posted by", "作者：", "文/" and the like, cuts
// what follows the name (a date, "| 3 min read", "发布于...", counters), and returns "" when
// what is left does not look like a name (empty, a URL, digits only, longer than a name).
std::string CleanByline(std::string_view text);

// Tidies a declared author (meta tag, JSON-LD): drops a "By " prefix and what follows " | "
// ("Amy K | NJ Advance Media"), keeps lists of names ("A, B") whole. "" when it is a URL.
std::string TidyDeclaredAuthor(std::string_view text);

// Finds a byline in one line of text ("作者：张三 2025-02-14", "By Jane Doe | Feb 14",
// "文/李四"); returns the cleaned name or "".
std::string FindBylineInText(std::string_view line);

// The visible-page candidates, strongest first: itemprop=author elements, rel=author links,
// then elements whose class or id mentions the author. Returns the first clean name, or "".
std::string AuthorFromElements(const std::vector<const GumboNode*>& itemprops,
                               const std::vector<const GumboNode*>& author_links,
                               const std::vector<const GumboNode*>& author_hints);

}  // namespace strata::parser
