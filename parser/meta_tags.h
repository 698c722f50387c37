// MetaTags: the page's <meta> key/value pairs (name=, property=, itemprop=, http-equiv= ->
// content=), with lookups by key in cascade order. Keys are lower case ("og:title",
// "article:published_time", "author"); values are whitespace-collapsed.
//
// Thread-safety: a plain value; const methods may be called from several threads.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace strata::parser {

class MetaTags {
 public:
  // Adds one pair; `key` is lower-cased, `value` collapsed (stray entities decoded); empty
  // values are ignored.
  void Add(std::string_view key, std::string_view value);

  // The first non-empty value for `key`, or "".
  std::string_view Get(std::string_view key) const;
  // The first non-empty value among `keys`, tried in order (a cascade), or "".
  std::string_view First(std::initializer_list<std::string_view> keys) const;
  // Every value of `key`, in document order (article:tag repeats).
  std::vector<std::string_view> All(std::string_view key) const;

  size_t size() const { return pairs_.size(); }

 private:
  std::vector<std::pair<std::string, std::string>> pairs_;  // a page has dozens: a scan is fine
};

}  // namespace strata::parser
