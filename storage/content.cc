#include "storage/content.h"

#include "storage/coding.h"
#include "storage/sha256.h"

namespace strata::storage {

std::string ContentHash(const Article& article) {
  std::string bytes = "strata-content-v1";
  bytes.push_back('\0');
  PutLengthPrefixed(&bytes, article.title);
  PutLengthPrefixed(&bytes, article.author);
  PutLengthPrefixed(&bytes, article.published);
  PutLengthPrefixed(&bytes, article.body);
  PutVarint64(&bytes, article.tags.size());
  for (const std::string& tag : article.tags) PutLengthPrefixed(&bytes, tag);
  return Sha256Hex(bytes);
}

std::vector<std::string> ChangedContentFields(const Article& from, const Article& to) {
  std::vector<std::string> fields;
  if (from.title != to.title) fields.emplace_back(kFieldTitle);
  if (from.author != to.author) fields.emplace_back(kFieldAuthor);
  if (from.published != to.published) fields.emplace_back(kFieldPublished);
  if (from.body != to.body) fields.emplace_back(kFieldBody);
  if (from.tags != to.tags) fields.emplace_back(kFieldTags);
  return fields;
}

}  // namespace strata::storage
