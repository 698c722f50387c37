// ContentTree: the elements under <body> as a flat array in document (pre-)order, with what
// main-content detection needs to know about each, gathered in ONE walk: tag, class/id/role
// hints (content_hints.h), whether it is visible, and the visible text directly inside it.
//
// Why flat: every later step (scoring, choosing, pruning) is a pass over this array instead of
// another walk over Gumbo's tree that would match class names again. Children come after their
// parent and a subtree is the range [i, end), so bottom-up sums are one reverse loop and
// skipping a subtree is a jump.
//
// Invisible elements (script, style, hidden, screen-reader-only...) are entries without
// children: nothing inside them is indexed or measured.
//
// Thread-safety: a plain value built once per page; node pointers point into the document.
#pragma once

#include <gumbo.h>

#include <cstdint>
#include <vector>

#include "parser/content_hints.h"

namespace strata::parser {

inline constexpr uint32_t kNoElement = UINT32_MAX;

struct ContentElement {
  const GumboNode* node = nullptr;
  uint32_t parent = kNoElement;  // index of the parent; kNoElement for the root
  uint32_t end = 0;              // one past the index of the last descendant
  GumboTag tag = GUMBO_TAG_UNKNOWN;
  HintFlags hints = 0;
  bool block = false;      // breaks lines (dom.h IsBlockTag)
  bool invisible = false;  // not rendered: non-content tag, hidden, screen-reader only
  bool in_link = false;    // is or is inside an <a>
  // Visible text in this element's own text children (not in child elements).
  int64_t direct_text = 0;    // non-space bytes
  int64_t direct_commas = 0;  // ',', '，' and '、': a sign of prose
  int32_t direct_images = 0;  // <img> children
};

class ContentTree {
 public:
  // Indexes `root` (normally <body>) and its descendants. An empty tree for a null root.
  static ContentTree Build(const GumboNode* root);

  size_t size() const { return elements_.size(); }
  bool empty() const { return elements_.empty(); }
  const ContentElement& operator[](uint32_t i) const { return elements_[i]; }
  const std::vector<ContentElement>& elements() const { return elements_; }

  // The index of `node`, or kNoElement when it is not indexed (outside the root, a text node,
  // or inside an invisible element). A linear search: for tests and diagnostics.
  uint32_t IndexOf(const GumboNode* node) const;

 private:
  std::vector<ContentElement> elements_;
};

// Sums over subtrees, for one choice of which subtrees to leave out. Each vector has one entry
// per element of the tree.
struct SubtreeStats {
  std::vector<int64_t> text;         // visible non-space bytes
  std::vector<int64_t> link;         // of which inside <a>
  std::vector<int64_t> inline_text;  // not inside a nested block element: a paragraph's own
  std::vector<int64_t> inline_link;  // of which inside <a>
  std::vector<int64_t> inline_commas;
};

// Measures every subtree, leaving out the subtrees of elements with `excluded[i]` (their own
// totals are still measured, but do not count for their ancestors). An element's subtree
// includes itself.
SubtreeStats MeasureSubtrees(const ContentTree& tree, const std::vector<bool>& excluded);

}  // namespace strata::parser
