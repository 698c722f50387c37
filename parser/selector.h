// CSS selectors over Gumbo's DOM: what site profiles (config/sites/*.toml) use to point at a
// page's title, author, date, counters and body.
//
// The supported subset, enough for real site markup and small enough to test completely:
//   type selectors (`h1`, `time`, `*`), `#id`, `.class`, attribute tests `[a]`, `[a=v]`,
//   `[a^=v]`, `[a$=v]`, `[a*=v]`, `[a~=v]`, `[a|=v]` (values quoted or bare, an ` i` flag for
//   ASCII case-insensitive values), the combinators descendant (space), child `>`, next
//   sibling `+` and later sibling `~`, groups `a, b`, and the structural pseudo-classes
//   `:first-child`, `:last-child`, `:only-child`, `:first-of-type`, `:last-of-type`,
//   `:nth-child(an+b)`, `:nth-of-type(an+b)` (also `odd` / `even`), and `:not(compound)`.
// Anything else (`::before`, `:hover`, `:has()`, namespaces) is a parse error rather than a
// selector that silently never matches: a typo in a profile must show up when it is loaded.
//
// A selector is parsed once into a compiled form (Selector::Parse) and matched right to left,
// as browsers do. Type and attribute names are ASCII case-insensitive (Gumbo lower-cases
// them); ids, classes and attribute values are case-sensitive, as in an HTML document in
// standards mode.
//
// Thread-safety: a Selector is immutable after Parse and may be shared by many threads.
#pragma once

#include <gumbo.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace strata::parser {

class Selector {
 public:
  // Parses `text` (a selector group). Fails with InvalidArgument naming the selector, the
  // offset and what was expected: "bad selector 'h1[': expected an attribute name at 3".
  static Result<Selector> Parse(std::string_view text);

  // True when the element matches one of the group's selectors. False for non-elements.
  bool Matches(const GumboNode* element) const;

  // The elements under `root` that match, in document order (`root` itself excluded, unless
  // it is the document node, whose <html> child then counts), at most `limit` (0 = all).
  std::vector<const GumboNode*> QueryAll(const GumboNode* root, size_t limit = 0) const;
  // The first of QueryAll, or null.
  const GumboNode* QueryFirst(const GumboNode* root) const;

  const std::string& text() const { return text_; }

  // The compiled form; public so that the parser in selector.cc can build it.
  struct AttributeTest {
    enum class Op { kExists, kEquals, kPrefix, kSuffix, kContains, kWord, kDashPrefix };
    std::string name;  // lower case
    Op op = Op::kExists;
    std::string value;
    bool ignore_case = false;
  };
  struct Compound;
  struct Pseudo {
    enum class Kind { kNthChild, kNthLastChild, kNthOfType, kNthLastOfType, kOnlyChild, kNot };
    Kind kind = Kind::kNthChild;
    int a = 0, b = 1;               // an+b: the element's 1-based position p satisfies p = an+b
    std::vector<Compound> negated;  // kNot: matches when none of these match
  };
  struct Compound {
    bool any_tag = true;
    GumboTag tag = GUMBO_TAG_UNKNOWN;
    std::string tag_name;  // lower case; compared for tags Gumbo does not know
    std::string id;
    std::vector<std::string> classes;
    std::vector<AttributeTest> attributes;
    std::vector<Pseudo> pseudos;
  };
  enum class Combinator { kDescendant, kChild, kNextSibling, kLaterSibling };
  // compounds[0] is the leftmost; combinators[i] joins compounds[i] and compounds[i + 1].
  struct Complex {
    std::vector<Compound> compounds;
    std::vector<Combinator> combinators;
  };

 private:
  friend class SelectorSet;
  Selector() = default;
  std::string text_;
  std::vector<Complex> alternatives_;
};

// The ids, classes and tags of the elements above the current one in a walk, as a counting
// hash filter (browsers' "ancestor Bloom filter"): a selector such as ".byline .author a" can
// be rejected for an <a> without walking its ancestors when no ancestor has class "byline".
// False positives only cost the full check; there are no false negatives. The walker pushes an
// element after matching it and pops it when leaving it.
//
// Thread-safety: one per walk.
class AncestorFilter {
 public:
  // REQUIRES: pushes and pops nest as a walk's enters and leaves do.
  void Push(const GumboNode* element);
  void Pop();
  bool MightContain(uint32_t key_hash) const { return counts_[key_hash % kSlots] != 0; }

  // The hashes of the keys an element can be found by: "#id", ".class", and its tag.
  static uint32_t HashOfId(std::string_view id);
  static uint32_t HashOfClass(std::string_view name);
  static uint32_t HashOfTag(GumboTag tag, std::string_view unknown_name);

 private:
  static constexpr size_t kSlots = 4096;
  std::vector<uint16_t> counts_ = std::vector<uint16_t>(kSlots, 0);
  std::vector<uint32_t> pushed_;        // the hashes of the pushed elements, in order
  std::vector<uint32_t> pushed_sizes_;  // how many hashes each pushed element added
};

// Many selectors matched against every element of one walk, as site profiles need (a dozen
// field rules, a few signatures): the selectors are bucketed by the id, first class or tag
// their rightmost part requires (how browsers hash style rules), so each element is tested
// only against the selectors that could match it, and, given the walk's AncestorFilter, only
// when every ancestor they require may be there. Not owning: the selectors must outlive it.
//
// Thread-safety: immutable after construction.
class SelectorSet {
 public:
  explicit SelectorSet(const std::vector<const Selector*>& selectors);

  // Calls `matched(i)` once for each selectors[i] that matches `element`, in increasing i.
  // `ancestors` (optional) holds the element's ancestors.
  template <typename Fn>
  void ForEachMatch(const GumboNode* element, Fn&& matched,
                    const AncestorFilter* ancestors = nullptr) const {
    std::vector<size_t>& hits = CandidatesOf(element, ancestors);
    for (size_t i : hits) matched(i);
  }

  size_t size() const { return size_; }
  // False when no selector requires an ancestor: walkers can skip the AncestorFilter.
  bool uses_ancestors() const { return uses_ancestors_; }

 private:
  struct Entry {
    size_t selector;
    const Selector::Complex* complex;
    std::vector<uint32_t> ancestor_keys;  // hashes every match needs among the ancestors
  };
  // The indexes of the selectors that match `element`, sorted, without duplicates (a scratch
  // vector per thread: no allocation per element).
  std::vector<size_t>& CandidatesOf(const GumboNode* element,
                                    const AncestorFilter* ancestors) const;

  size_t size_ = 0;
  bool uses_ancestors_ = false;
  std::vector<Entry> universal_;                                     // no id, class or tag required
  std::vector<std::pair<GumboTag, std::vector<Entry>>> by_tag_;      // known tags
  std::vector<std::pair<std::string, std::vector<Entry>>> by_name_;  // "#id", ".class", "tag"
};

}  // namespace strata::parser
