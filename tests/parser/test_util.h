// Helpers shared by the parser tests: fixture loading and parsing a snippet.
#pragma once

#include <gumbo.h>

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "parser/dom.h"
#include "parser/html_document.h"

namespace strata::parser::testing {

// The bytes of tests/parser/data/<name>; fails the test when the file is missing.
inline std::string ReadFixture(const std::string& name) {
  std::ifstream in(std::string(STRATA_TEST_DATA_DIR) + "/" + name, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The first element with id="id" under `root`, or null.
inline const GumboNode* FindById(const GumboNode* root, std::string_view id) {
  const GumboNode* found = nullptr;
  Walk(root, [&](const GumboNode* node) {
    if (IsElement(node) && Attribute(node, "id") == id) {
      found = node;
      return WalkAction::kStop;
    }
    return WalkAction::kContinue;
  });
  return found;
}

// The first element with tag `tag` under `root`, or null.
inline const GumboNode* FindByTag(const GumboNode* root, GumboTag tag) {
  const GumboNode* found = nullptr;
  Walk(root, [&](const GumboNode* node) {
    if (IsTag(node, tag)) {
      found = node;
      return WalkAction::kStop;
    }
    return WalkAction::kContinue;
  });
  return found;
}

// How many times `needle` starts in `haystack` (overlapping starts counted).
inline int CountOccurrences(std::string_view haystack, std::string_view needle) {
  int count = 0;
  for (size_t pos = haystack.find(needle); pos != std::string_view::npos;
       pos = haystack.find(needle, pos + 1)) {
    ++count;
  }
  return count;
}

}  // namespace strata::parser::testing
