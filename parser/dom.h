// Helpers over Gumbo's DOM: element tests, attribute lookup, class/id hints, visibility, and an
// iterative tree walk. Every traversal in the parser goes through Walk() (an explicit stack,
// never recursion), so no document can overflow the call stack.
//
// Thread-safety: pure functions over an immutable tree.
#pragma once

#include <gumbo.h>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace strata::parser {

inline bool IsElement(const GumboNode* node) {
  return node != nullptr && (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE);
}
inline bool IsText(const GumboNode* node) {
  return node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
         node->type == GUMBO_NODE_CDATA;
}
// REQUIRES: IsElement(node).
inline GumboTag Tag(const GumboNode* node) { return node->v.element.tag; }
inline bool IsTag(const GumboNode* node, GumboTag tag) {
  return IsElement(node) && Tag(node) == tag;
}

// The children of an element or the document; empty for text nodes.
std::span<GumboNode* const> Children(const GumboNode* node);

// The value of attribute `name` (lower case: Gumbo lower-cases attribute names), or nullopt
// when absent.
std::optional<std::string_view> FindAttribute(const GumboNode* node, const char* name);
// The value of attribute `name`, or "" when absent.
std::string_view Attribute(const GumboNode* node, const char* name);

// True when the whitespace-separated attribute `name` (class, rel) holds `token` (ASCII
// case-insensitive).
bool HasToken(const GumboNode* node, const char* name, std::string_view token);

// The class and id attributes joined by a space, lower case: what class/id hints match.
std::string ClassAndId(const GumboNode* node);

// The class and id attributes as written ("" when absent): what class/id hints match. Read
// once per element; each lookup scans the attribute list.
struct ClassId {
  std::string_view class_attr;
  std::string_view id;
  bool empty() const { return class_attr.empty() && id.empty(); }
};
ClassId GetClassId(const GumboNode* node);

// True when the class or id has `word` (lower case) at the start of a word: after the start, a
// non-alphanumeric character or a lower-to-upper case change. "view" matches
// "post_view_count", "viewCount", "postViewCount" and "views", not "review" or "preview".
bool HasHintWord(const ClassId& class_id, std::string_view word);
bool HasHintWord(const GumboNode* node, std::string_view word);

// True for elements that never hold readable content: script, style, noscript, template,
// head-only elements (title, meta, link, base), embedded objects and form controls.
bool IsNonContentTag(GumboTag tag);

// True when the author hid the element: the hidden attribute, aria-hidden="true",
// style="display:none" / "visibility:hidden", <input type=hidden>.
bool IsHidden(const GumboNode* node);

// True for elements that break lines when rendered (p, div, li, h1-h6, tr, br, ...).
bool IsBlockTag(GumboTag tag);

// True for the HTML elements whose content the tokenizer reads as text up to their end tag
// (script, style, textarea, title, xmp, iframe, noembed, noframes, plaintext).
bool IsRawTextTag(GumboTag tag);

enum class WalkAction { kContinue, kSkipChildren, kStop };

// Visits `root` and its descendants in document order without recursion. `enter(node)` runs
// before a node's children and returns what to do next; `leave(node)` runs after them (for
// elements whose children were visited or skipped, not for text nodes).
template <typename Enter, typename Leave>
void Walk(const GumboNode* root, Enter&& enter, Leave&& leave) {
  struct Frame {
    const GumboNode* node;
    size_t next_child;
  };
  std::vector<Frame> stack;
  if (root == nullptr) return;
  const WalkAction first = enter(root);
  if (first == WalkAction::kStop) return;
  if (first == WalkAction::kSkipChildren || Children(root).empty()) {
    if (IsElement(root)) leave(root);
    return;
  }
  stack.push_back({root, 0});
  while (!stack.empty()) {
    Frame& top = stack.back();
    const std::span<GumboNode* const> children = Children(top.node);
    if (top.next_child >= children.size()) {
      const GumboNode* done = top.node;
      stack.pop_back();
      if (IsElement(done)) leave(done);
      continue;
    }
    const GumboNode* child = children[top.next_child++];
    const WalkAction action = enter(child);
    if (action == WalkAction::kStop) return;
    if (!IsElement(child)) continue;
    if (action == WalkAction::kSkipChildren || Children(child).empty()) {
      leave(child);
      continue;
    }
    stack.push_back({child, 0});  // may invalidate `top`; not used below
  }
}

template <typename Enter>
void Walk(const GumboNode* root, Enter&& enter) {
  Walk(root, std::forward<Enter>(enter), [](const GumboNode*) {});
}

// The visible text of a subtree with whitespace collapsed into single spaces and trimmed
// (block boundaries become spaces too): for short elements such as <title>, <h1>, <a>.
std::string InlineText(const GumboNode* node);

// True when `ancestor` is `node` or one of its ancestors.
bool IsInclusiveAncestor(const GumboNode* ancestor, const GumboNode* node);

}  // namespace strata::parser
