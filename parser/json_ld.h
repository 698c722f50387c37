// JSON-LD (schema.org) reader: finds the article node in a page's
// <script type="application/ld+json"> blocks and reads the fields strata extracts.
//
// Pages get JSON-LD wrong in many small ways, so the reader is tolerant: it repairs what can be
// repaired cheaply (comments, trailing commas, raw line breaks inside strings, HTML comment or
// CDATA wrappers), skips blocks that still do not parse, and accepts every shape schema.org
// allows for a value (a string, an object with "name", an array of either, an "@id"
// reference to another node of the page).
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/article.h"

namespace strata::parser {

struct JsonLdArticle {
  std::string type;  // the schema.org type that matched, e.g. "BlogPosting"
  std::string headline;
  std::vector<std::string> authors;  // names, in order
  std::string date_published;        // as written; normalise with NormalizeDate
  std::string date_modified;
  std::string description;
  std::string url;  // "url", else "mainEntityOfPage"
  std::vector<std::string> keywords;
  std::string section;      // articleSection
  std::string in_language;  // "zh-CN", "en"...
  std::string publisher;    // the publisher's name (often the site's name)
  Counters counters;        // interactionStatistic, commentCount
};

// Returns the page's article node, searched through top-level arrays, "@graph" and nested
// objects ("mainEntity"...). Article types are Article and its kinds (NewsArticle,
// TechArticle, ...), BlogPosting and the other *Posting types; a WebPage that carries a
// headline or datePublished is taken when no article node exists. nullopt when nothing fits.
std::optional<JsonLdArticle> ReadJsonLd(const std::vector<std::string_view>& blocks);

// The repairs described above, exposed for tests. The result may still be invalid JSON.
std::string RepairJson(std::string_view text);

}  // namespace strata::parser
