#include "parser/meta_tags.h"

#include "parser/text_util.h"

namespace strata::parser {

void MetaTags::Add(std::string_view key, std::string_view value) {
  std::string collapsed = CollapseWhitespace(DecodeStrayEntities(value));
  std::string lower_key = AsciiLowercase(TrimSpace(key));
  if (collapsed.empty() || lower_key.empty()) return;
  pairs_.emplace_back(std::move(lower_key), std::move(collapsed));
}

std::string_view MetaTags::Get(std::string_view key) const {
  for (const auto& [k, v] : pairs_) {
    if (k == key) return v;
  }
  return {};
}

std::string_view MetaTags::First(std::initializer_list<std::string_view> keys) const {
  for (std::string_view key : keys) {
    std::string_view value = Get(key);
    if (!value.empty()) return value;
  }
  return {};
}

std::vector<std::string_view> MetaTags::All(std::string_view key) const {
  std::vector<std::string_view> out;
  for (const auto& [k, v] : pairs_) {
    if (k == key) out.push_back(v);
  }
  return out;
}

}  // namespace strata::parser
