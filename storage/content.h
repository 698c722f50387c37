// What counts as an article's content, for versioning: the fields whose change makes a new
// version (title, author, published, body, tags; see common/article.h), their hash, and which of
// them differ between two articles. Counters, links and derived fields (HTML, Markdown,
// description...) never count.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/article.h"

namespace strata::storage {

// Names of the content fields, as stored in ChangeSummary::fields. DO NOT CHANGE THEM: they are
// written into the archive.
inline constexpr std::string_view kFieldTitle = "title";
inline constexpr std::string_view kFieldAuthor = "author";
inline constexpr std::string_view kFieldPublished = "published";
inline constexpr std::string_view kFieldBody = "body";
inline constexpr std::string_view kFieldTags = "tags";

// Hex SHA-256 over the content fields, each length-prefixed (so that moving text from one field
// to another changes the hash), after a scheme tag. Changing what goes in here changes every
// hash, and each article's next fetch would then look changed: bump the tag and say so.
std::string ContentHash(const Article& article);

// The names of the content fields that differ, in the order title, author, published, body,
// tags.
std::vector<std::string> ChangedContentFields(const Article& from, const Article& to);

}  // namespace strata::storage
