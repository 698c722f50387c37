// Article: what the parser extracts from one page and what the archive versions. A plain value
// type shared by parser/ (which fills it), storage/ (which stores and diffs it) and tools/.
//
// Which fields are *content* (a change makes a new version) and which are *observations*
// (recorded over time, never a reason for a version) is decided here, once: see ContentFields().
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace strata {

// Counters a page shows. Absent when the page does not show them; never a reason for a version.
struct Counters {
  std::optional<int64_t> views;
  std::optional<int64_t> likes;
  std::optional<int64_t> comments;

  bool empty() const { return !views && !likes && !comments; }
  friend bool operator==(const Counters&, const Counters&) = default;
};

struct Article {
  // Identity.
  std::string url;            // where it was fetched from (final URL, after redirects)
  std::string canonical_url;  // what the page says its URL is (rel=canonical, og:url); may be ""
  std::string site;           // the host, e.g. "www.cnblogs.com"

  // Content: a change in any of these makes a new version.
  std::string title;
  std::string author;
  std::string published;  // ISO 8601: "2025-02-14", "2025-02-14T10:00:00+08:00"; "" if unknown
  std::string body;       // clean text of the main content, one block (paragraph, item...) per line
  std::vector<std::string> tags;

  // Derived from the content or about it; stored with a version, compared through the content.
  std::string modified;       // ISO 8601 the page states as last modification; "" if unknown
  std::string body_html;      // sanitized HTML of the main content ("" until produced)
  std::string body_markdown;  // Markdown of the main content ("" until produced)
  std::string description;    // the page's summary (og:description / meta description)
  std::string lang;           // primary language subtag: "zh", "en", ... ("" if unknown)
  int64_t word_count = 0;     // words; each CJK character counts as one

  // Observations: recorded with each fetch, never a reason for a version.
  Counters counters;
  std::vector<std::string> links;  // absolute http(s) URLs found on the page, in document order

  friend bool operator==(const Article&, const Article&) = default;
};

}  // namespace strata
