#include "parser/selector.h"

#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "parser/dom.h"
#include "parser/text_util.h"

namespace strata::parser {
namespace {

using AttributeTest = Selector::AttributeTest;
using Combinator = Selector::Combinator;
using Complex = Selector::Complex;
using Compound = Selector::Compound;
using Pseudo = Selector::Pseudo;

// Profiles are written by people; a selector longer than this is a mistake or an attack.
constexpr size_t kMaxSelectorBytes = 4096;
// :not(:not(:not(...))) nesting allowed; real selectors use one level.
constexpr int kMaxNotDepth = 4;

bool IsNameChar(char c) {
  return IsAsciiAlpha(c) || IsAsciiDigit(c) || c == '-' || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// A recursive-descent parser over the selector text. Errors stop the parse; the first one is
// reported.
class Parser {
 public:
  explicit Parser(std::string_view text) : s_(text) {}

  Status ParseGroup(std::vector<Complex>* out) {
    SkipSpace();
    if (AtEnd()) return Error("empty selector");
    while (true) {
      Complex complex;
      STRATA_RETURN_IF_ERROR(ParseComplex(&complex));
      out->push_back(std::move(complex));
      SkipSpace();
      if (AtEnd()) return Status::Ok();
      if (Peek() != ',') return Error("expected ',' or the end");
      ++pos_;
      SkipSpace();
      if (AtEnd()) return Error("expected a selector after ','");
    }
  }

 private:
  bool AtEnd() const { return pos_ >= s_.size(); }
  char Peek() const { return AtEnd() ? '\0' : s_[pos_]; }
  void SkipSpace() {
    while (!AtEnd() && IsAsciiSpace(s_[pos_])) ++pos_;
  }

  Status Error(std::string_view what) const {
    return Status::InvalidArgument("bad selector '" + std::string(s_) + "': " + std::string(what) +
                                   " at " + std::to_string(pos_));
  }

  Status ParseComplex(Complex* out) {
    Compound first;
    STRATA_RETURN_IF_ERROR(ParseCompound(&first, 0));
    out->compounds.push_back(std::move(first));
    while (true) {
      const size_t before = pos_;
      SkipSpace();
      const bool had_space = pos_ > before;
      if (AtEnd() || Peek() == ',') return Status::Ok();
      Combinator combinator = Combinator::kDescendant;
      if (Peek() == '>' || Peek() == '+' || Peek() == '~') {
        combinator = Peek() == '>'   ? Combinator::kChild
                     : Peek() == '+' ? Combinator::kNextSibling
                                     : Combinator::kLaterSibling;
        ++pos_;
        SkipSpace();
        if (AtEnd() || Peek() == ',') return Error("expected a selector after the combinator");
      } else if (!had_space) {
        return Error("unexpected character '" + std::string(1, Peek()) + "'");
      }
      Compound next;
      STRATA_RETURN_IF_ERROR(ParseCompound(&next, 0));
      out->combinators.push_back(combinator);
      out->compounds.push_back(std::move(next));
    }
  }

  // A name: letters, digits, '-', '_', non-ASCII, and backslash escapes of one character.
  bool ReadName(std::string* out) {
    out->clear();
    while (!AtEnd()) {
      const char c = s_[pos_];
      if (c == '\\' && pos_ + 1 < s_.size()) {
        out->push_back(s_[pos_ + 1]);
        pos_ += 2;
      } else if (IsNameChar(c)) {
        out->push_back(c);
        ++pos_;
      } else {
        break;
      }
    }
    return !out->empty();
  }

  Status ParseCompound(Compound* out, int not_depth) {
    const size_t start = pos_;
    if (Peek() == '*') {
      ++pos_;
    } else if (IsNameChar(Peek()) || Peek() == '\\') {
      std::string name;
      ReadName(&name);
      out->tag_name = AsciiLowercase(name);
      out->tag = gumbo_tag_enum(out->tag_name.c_str());
      out->any_tag = false;
    }
    while (!AtEnd()) {
      const char c = Peek();
      if (c == '#') {
        ++pos_;
        if (!ReadName(&out->id)) return Error("expected an id after '#'");
      } else if (c == '.') {
        ++pos_;
        std::string name;
        if (!ReadName(&name)) return Error("expected a class name after '.'");
        out->classes.push_back(std::move(name));
      } else if (c == '[') {
        ++pos_;
        AttributeTest test;
        STRATA_RETURN_IF_ERROR(ParseAttribute(&test));
        out->attributes.push_back(std::move(test));
      } else if (c == ':') {
        ++pos_;
        if (Peek() == ':') return Error("pseudo-elements are not supported");
        STRATA_RETURN_IF_ERROR(ParsePseudo(out, not_depth));
      } else {
        break;
      }
    }
    if (pos_ == start) {
      return AtEnd() ? Error("expected a selector")
                     : Error("unexpected character '" + std::string(1, Peek()) + "'");
    }
    return Status::Ok();
  }

  Status ParseAttribute(AttributeTest* out) {
    SkipSpace();
    std::string name;
    if (!ReadName(&name)) return Error("expected an attribute name");
    out->name = AsciiLowercase(name);
    SkipSpace();
    if (Peek() == ']') {
      ++pos_;
      out->op = AttributeTest::Op::kExists;
      return Status::Ok();
    }
    using Op = AttributeTest::Op;
    if (Peek() == '=') {
      out->op = Op::kEquals;
      ++pos_;
    } else {
      const char c = Peek();
      if (pos_ + 1 >= s_.size() || s_[pos_ + 1] != '=') {
        return Error("expected ']' or an operator (=, ^=, $=, *=, ~=, |=)");
      }
      switch (c) {
        case '^':
          out->op = Op::kPrefix;
          break;
        case '$':
          out->op = Op::kSuffix;
          break;
        case '*':
          out->op = Op::kContains;
          break;
        case '~':
          out->op = Op::kWord;
          break;
        case '|':
          out->op = Op::kDashPrefix;
          break;
        default:
          return Error("expected ']' or an operator (=, ^=, $=, *=, ~=, |=)");
      }
      pos_ += 2;
    }
    SkipSpace();
    if (Peek() == '"' || Peek() == '\'') {
      const char quote = s_[pos_++];
      std::string value;
      while (!AtEnd() && s_[pos_] != quote) {
        if (s_[pos_] == '\\' && pos_ + 1 < s_.size()) ++pos_;
        value.push_back(s_[pos_++]);
      }
      if (AtEnd()) return Error("unterminated string");
      ++pos_;
      out->value = std::move(value);
    } else if (!ReadName(&out->value)) {
      return Error("expected an attribute value");
    }
    SkipSpace();
    if (Peek() == 'i' || Peek() == 'I' || Peek() == 's' || Peek() == 'S') {
      out->ignore_case = AsciiLower(Peek()) == 'i';
      ++pos_;
      SkipSpace();
    }
    if (Peek() != ']') return Error("expected ']'");
    ++pos_;
    return Status::Ok();
  }

  // "2n+1", "-n+3", "odd", "even", "3", "n".
  Status ParseNth(Pseudo* out) {
    SkipSpace();
    std::string expr;
    while (!AtEnd() && Peek() != ')') {
      if (!IsAsciiSpace(Peek())) expr.push_back(AsciiLower(Peek()));
      ++pos_;
    }
    if (expr == "odd") {
      out->a = 2;
      out->b = 1;
      return Status::Ok();
    }
    if (expr == "even") {
      out->a = 2;
      out->b = 0;
      return Status::Ok();
    }
    auto read_int = [](std::string_view s, int* value) {
      if (s.empty() || s.size() > 6) return false;
      int v = 0;
      for (char c : s) {
        if (!IsAsciiDigit(c)) return false;
        v = v * 10 + (c - '0');
      }
      *value = v;
      return true;
    };
    const size_t n = expr.find('n');
    if (n == std::string::npos) {
      std::string_view digits = expr;
      int sign = 1;
      if (!digits.empty() && (digits[0] == '+' || digits[0] == '-')) {
        sign = digits[0] == '-' ? -1 : 1;
        digits.remove_prefix(1);
      }
      if (!read_int(digits, &out->b)) return Error("expected an+b, odd or even");
      out->a = 0;
      out->b *= sign;
      return Status::Ok();
    }
    std::string_view a_part = std::string_view(expr).substr(0, n);
    std::string_view b_part = std::string_view(expr).substr(n + 1);
    if (a_part.empty() || a_part == "+") {
      out->a = 1;
    } else if (a_part == "-") {
      out->a = -1;
    } else {
      int sign = 1;
      if (a_part[0] == '+' || a_part[0] == '-') {
        sign = a_part[0] == '-' ? -1 : 1;
        a_part.remove_prefix(1);
      }
      if (!read_int(a_part, &out->a)) return Error("expected an+b, odd or even");
      out->a *= sign;
    }
    out->b = 0;
    if (!b_part.empty()) {
      if (b_part[0] != '+' && b_part[0] != '-') return Error("expected an+b, odd or even");
      const int sign = b_part[0] == '-' ? -1 : 1;
      if (!read_int(b_part.substr(1), &out->b)) return Error("expected an+b, odd or even");
      out->b *= sign;
    }
    return Status::Ok();
  }

  Status ParsePseudo(Compound* out, int not_depth) {
    std::string name;
    if (!ReadName(&name)) return Error("expected a pseudo-class name after ':'");
    name = AsciiLowercase(name);
    Pseudo pseudo;
    using Kind = Pseudo::Kind;
    auto simple = [&](Kind kind, int a, int b) {
      pseudo.kind = kind;
      pseudo.a = a;
      pseudo.b = b;
      out->pseudos.push_back(pseudo);
      return Status::Ok();
    };
    if (name == "first-child") return simple(Kind::kNthChild, 0, 1);
    if (name == "last-child") return simple(Kind::kNthLastChild, 0, 1);
    if (name == "first-of-type") return simple(Kind::kNthOfType, 0, 1);
    if (name == "last-of-type") return simple(Kind::kNthLastOfType, 0, 1);
    if (name == "only-child") return simple(Kind::kOnlyChild, 0, 1);
    if (Peek() != '(') return Error("unsupported pseudo-class ':" + name + "'");
    ++pos_;
    if (name == "nth-child" || name == "nth-last-child" || name == "nth-of-type" ||
        name == "nth-last-of-type") {
      pseudo.kind = name == "nth-child"        ? Kind::kNthChild
                    : name == "nth-last-child" ? Kind::kNthLastChild
                    : name == "nth-of-type"    ? Kind::kNthOfType
                                               : Kind::kNthLastOfType;
      STRATA_RETURN_IF_ERROR(ParseNth(&pseudo));
    } else if (name == "not") {
      if (not_depth >= kMaxNotDepth) return Error(":not() nested too deeply");
      pseudo.kind = Kind::kNot;
      while (true) {
        SkipSpace();
        Compound negated;
        STRATA_RETURN_IF_ERROR(ParseCompound(&negated, not_depth + 1));
        pseudo.negated.push_back(std::move(negated));
        SkipSpace();
        if (Peek() != ',') break;
        ++pos_;
      }
    } else {
      return Error("unsupported pseudo-class ':" + name + "()'");
    }
    SkipSpace();
    if (Peek() != ')') return Error("expected ')'");
    ++pos_;
    out->pseudos.push_back(std::move(pseudo));
    return Status::Ok();
  }

  std::string_view s_;
  size_t pos_ = 0;
};

// ---- Matching ----

const GumboNode* ParentElement(const GumboNode* node) {
  const GumboNode* parent = node->parent;
  return IsElement(parent) ? parent : nullptr;
}

// The element's tag name as the page wrote it, lower case: for tags Gumbo does not know.
std::string TagName(const GumboNode* element) {
  if (Tag(element) != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(Tag(element));
  GumboStringPiece piece = element->v.element.original_tag;
  if (piece.length == 0) return "";
  gumbo_tag_from_original_text(&piece);
  return AsciiLowercase(std::string_view(piece.data, piece.length));
}

bool SameType(const GumboNode* a, const GumboNode* b) {
  if (Tag(a) != Tag(b)) return false;
  return Tag(a) != GUMBO_TAG_UNKNOWN || TagName(a) == TagName(b);
}

bool HasClass(std::string_view value, std::string_view name) {
  while (!value.empty()) {
    while (!value.empty() && IsAsciiSpace(value.front())) value.remove_prefix(1);
    size_t end = 0;
    while (end < value.size() && !IsAsciiSpace(value[end])) ++end;
    if (end > 0 && value.substr(0, end) == name) return true;
    value.remove_prefix(end);
  }
  return false;
}

bool Equal(std::string_view a, std::string_view b, bool ignore_case) {
  return ignore_case ? EqualsIgnoreCase(a, b) : a == b;
}

bool MatchesAttribute(const GumboNode* node, const AttributeTest& test) {
  const std::optional<std::string_view> found = FindAttribute(node, test.name.c_str());
  if (!found) return false;
  const std::string_view v = *found;
  const std::string_view want = test.value;
  const bool ic = test.ignore_case;
  using Op = AttributeTest::Op;
  switch (test.op) {
    case Op::kExists:
      return true;
    case Op::kEquals:
      return Equal(v, want, ic);
    case Op::kPrefix:
      return !want.empty() && v.size() >= want.size() && Equal(v.substr(0, want.size()), want, ic);
    case Op::kSuffix:
      return !want.empty() && v.size() >= want.size() &&
             Equal(v.substr(v.size() - want.size()), want, ic);
    case Op::kContains:
      if (want.empty()) return false;
      return ic ? ContainsIgnoreCase(v, want) : v.find(want) != std::string_view::npos;
    case Op::kWord: {
      if (want.empty() || want.find_first_of(" \t\n\r\f") != std::string_view::npos) return false;
      std::string_view rest = v;
      while (!rest.empty()) {
        while (!rest.empty() && IsAsciiSpace(rest.front())) rest.remove_prefix(1);
        size_t end = 0;
        while (end < rest.size() && !IsAsciiSpace(rest[end])) ++end;
        if (end > 0 && Equal(rest.substr(0, end), want, ic)) return true;
        rest.remove_prefix(end);
      }
      return false;
    }
    case Op::kDashPrefix:
      return Equal(v, want, ic) || (v.size() > want.size() && v[want.size()] == '-' &&
                                    Equal(v.substr(0, want.size()), want, ic));
  }
  return false;
}

// True when `position` (1-based) is a*n + b for some n >= 0.
bool NthMatches(int a, int b, int position) {
  if (a == 0) return position == b;
  const int diff = position - b;
  return diff % a == 0 && diff / a >= 0;
}

// The element's 1-based position among its element siblings (of its type, when `of_type`),
// counted from the start or (with `from_end`) from the end.
int SiblingPosition(const GumboNode* node, bool of_type, bool from_end) {
  const GumboNode* parent = node->parent;
  if (parent == nullptr) return 1;
  const std::span<GumboNode* const> siblings = Children(parent);
  int position = 0;
  auto count = [&](const GumboNode* sibling) {
    if (IsElement(sibling) && (!of_type || SameType(sibling, node))) ++position;
    return sibling == node;
  };
  if (from_end) {
    for (auto it = siblings.rbegin(); it != siblings.rend(); ++it) {
      if (count(*it)) break;
    }
  } else {
    for (const GumboNode* sibling : siblings) {
      if (count(sibling)) break;
    }
  }
  return position;
}

bool MatchesCompound(const GumboNode* node, const Compound& c);

bool MatchesPseudo(const GumboNode* node, const Pseudo& p) {
  using Kind = Pseudo::Kind;
  switch (p.kind) {
    case Kind::kNthChild:
      return NthMatches(p.a, p.b, SiblingPosition(node, false, false));
    case Kind::kNthLastChild:
      return NthMatches(p.a, p.b, SiblingPosition(node, false, true));
    case Kind::kNthOfType:
      return NthMatches(p.a, p.b, SiblingPosition(node, true, false));
    case Kind::kNthLastOfType:
      return NthMatches(p.a, p.b, SiblingPosition(node, true, true));
    case Kind::kOnlyChild:
      return SiblingPosition(node, false, false) == 1 && SiblingPosition(node, false, true) == 1;
    case Kind::kNot:
      for (const Compound& negated : p.negated) {
        if (MatchesCompound(node, negated)) return false;
      }
      return true;
  }
  return false;
}

bool MatchesCompound(const GumboNode* node, const Compound& c) {
  if (!c.any_tag) {
    if (c.tag != GUMBO_TAG_UNKNOWN) {
      if (Tag(node) != c.tag) return false;
    } else if (Tag(node) != GUMBO_TAG_UNKNOWN || TagName(node) != c.tag_name) {
      return false;
    }
  }
  if (!c.id.empty() && Attribute(node, "id") != c.id) return false;
  if (!c.classes.empty()) {
    const std::string_view class_attr = Attribute(node, "class");  // read once for all
    for (const std::string& name : c.classes) {
      if (!HasClass(class_attr, name)) return false;
    }
  }
  for (const AttributeTest& test : c.attributes) {
    if (!MatchesAttribute(node, test)) return false;
  }
  for (const Pseudo& pseudo : c.pseudos) {
    if (!MatchesPseudo(node, pseudo)) return false;
  }
  return true;
}

const GumboNode* PreviousElementSibling(const GumboNode* node) {
  const GumboNode* parent = node->parent;
  if (parent == nullptr) return nullptr;
  const std::span<GumboNode* const> siblings = Children(parent);
  for (size_t i = node->index_within_parent; i > 0; --i) {
    if (i - 1 < siblings.size() && IsElement(siblings[i - 1])) return siblings[i - 1];
  }
  return nullptr;
}

// How a match attempt failed, so that the loops over ancestors and siblings stop as soon as no
// further candidate can succeed (the classic result codes of browser selector engines). Without
// this, "a b c d" on a deep tree backtracks over every combination of ancestors.
enum class Match {
  kMatched,
  kFailsLocally,      // this element does not fit; another candidate might
  kFailsAllSiblings,  // no earlier sibling can fit either; an ancestor might
  kFailsCompletely,   // nothing further up can fit: the whole attempt fails
};

// Matches compounds[0..index] with compounds[index] on `node`, right to left. The recursion is
// as deep as the selector has compounds; the loops walk ancestors or siblings.
Match MatchFrom(const Complex& complex, size_t index, const GumboNode* node) {
  if (!MatchesCompound(node, complex.compounds[index])) return Match::kFailsLocally;
  if (index == 0) return Match::kMatched;
  switch (complex.combinators[index - 1]) {
    case Combinator::kChild: {
      const GumboNode* parent = ParentElement(node);
      if (parent == nullptr) return Match::kFailsCompletely;
      return MatchFrom(complex, index - 1, parent);
    }
    case Combinator::kDescendant:
      for (const GumboNode* a = ParentElement(node); a != nullptr; a = ParentElement(a)) {
        const Match m = MatchFrom(complex, index - 1, a);
        // A farther ancestor only sees a subset of what this one saw above it.
        if (m == Match::kMatched || m == Match::kFailsCompletely) return m;
      }
      return Match::kFailsCompletely;
    case Combinator::kNextSibling: {
      const GumboNode* previous = PreviousElementSibling(node);
      if (previous == nullptr) return Match::kFailsAllSiblings;
      return MatchFrom(complex, index - 1, previous);
    }
    case Combinator::kLaterSibling:
      for (const GumboNode* s = PreviousElementSibling(node); s != nullptr;
           s = PreviousElementSibling(s)) {
        const Match m = MatchFrom(complex, index - 1, s);
        if (m != Match::kFailsLocally) return m;
      }
      return Match::kFailsAllSiblings;
  }
  return Match::kFailsCompletely;
}

bool MatchesComplex(const Complex& complex, const GumboNode* element) {
  return MatchFrom(complex, complex.compounds.size() - 1, element) == Match::kMatched;
}

}  // namespace

namespace {

// FNV-1a over a one-byte kind and the name.
uint32_t KeyHash(char kind, std::string_view name) {
  uint32_t h = 2166136261u;
  auto mix = [&h](unsigned char c) {
    h ^= c;
    h *= 16777619u;
  };
  mix(static_cast<unsigned char>(kind));
  for (char c : name) mix(static_cast<unsigned char>(c));
  return h;
}

// The key a compound certainly requires of its element, as a hash (0 when it requires none):
// its id, else its first class, else its tag.
uint32_t RequiredKey(const Compound& c) {
  if (!c.id.empty()) return AncestorFilter::HashOfId(c.id);
  if (!c.classes.empty()) return AncestorFilter::HashOfClass(c.classes.front());
  if (!c.any_tag) return AncestorFilter::HashOfTag(c.tag, c.tag_name);
  return 0;
}

}  // namespace

uint32_t AncestorFilter::HashOfId(std::string_view id) { return KeyHash('#', id) | 1; }
uint32_t AncestorFilter::HashOfClass(std::string_view name) { return KeyHash('.', name) | 1; }
uint32_t AncestorFilter::HashOfTag(GumboTag tag, std::string_view unknown_name) {
  if (tag != GUMBO_TAG_UNKNOWN) {
    const char number[2] = {static_cast<char>(tag & 0xff), static_cast<char>(tag >> 8)};
    return KeyHash('<', std::string_view(number, 2)) | 1;
  }
  return KeyHash('?', unknown_name) | 1;
}

void AncestorFilter::Push(const GumboNode* element) {
  const size_t before = pushed_.size();
  if (IsElement(element)) {
    pushed_.push_back(
        HashOfTag(Tag(element), Tag(element) == GUMBO_TAG_UNKNOWN ? TagName(element) : ""));
    const ClassId class_id = GetClassId(element);
    if (!class_id.id.empty()) pushed_.push_back(HashOfId(class_id.id));
    std::string_view classes = class_id.class_attr;
    while (!classes.empty()) {
      while (!classes.empty() && IsAsciiSpace(classes.front())) classes.remove_prefix(1);
      size_t end = 0;
      while (end < classes.size() && !IsAsciiSpace(classes[end])) ++end;
      if (end > 0) pushed_.push_back(HashOfClass(classes.substr(0, end)));
      classes.remove_prefix(end);
    }
  }
  for (size_t i = before; i < pushed_.size(); ++i) ++counts_[pushed_[i] % kSlots];
  pushed_sizes_.push_back(static_cast<uint32_t>(pushed_.size() - before));
}

void AncestorFilter::Pop() {
  if (pushed_sizes_.empty()) return;
  const size_t n = pushed_sizes_.back();
  pushed_sizes_.pop_back();
  for (size_t i = pushed_.size() - n; i < pushed_.size(); ++i) --counts_[pushed_[i] % kSlots];
  pushed_.resize(pushed_.size() - n);
}

SelectorSet::SelectorSet(const std::vector<const Selector*>& selectors) : size_(selectors.size()) {
  std::map<GumboTag, std::vector<Entry>> by_tag;
  std::map<std::string, std::vector<Entry>> by_name;
  for (size_t i = 0; i < selectors.size(); ++i) {
    for (const Complex& complex : selectors[i]->alternatives_) {
      const Compound& last = complex.compounds.back();
      Entry entry{i, &complex, {}};
      // The compounds reached from the rightmost through '>' and ' ' only are ancestors of any
      // element that matches; the first sibling combinator ends the chain.
      for (size_t k = complex.combinators.size(); k > 0; --k) {
        const Combinator combinator = complex.combinators[k - 1];
        if (combinator != Combinator::kChild && combinator != Combinator::kDescendant) break;
        if (const uint32_t key = RequiredKey(complex.compounds[k - 1]); key != 0) {
          entry.ancestor_keys.push_back(key);
        }
      }
      if (!entry.ancestor_keys.empty()) uses_ancestors_ = true;
      // The most selective key the rightmost part requires: an id, a class, a tag.
      if (!last.id.empty()) {
        by_name["#" + last.id].push_back(entry);
      } else if (!last.classes.empty()) {
        by_name["." + last.classes.front()].push_back(entry);
      } else if (!last.any_tag && last.tag != GUMBO_TAG_UNKNOWN) {
        by_tag[last.tag].push_back(entry);
      } else if (!last.any_tag) {
        by_name[last.tag_name].push_back(entry);
      } else {
        universal_.push_back(entry);
      }
    }
  }
  by_tag_.assign(by_tag.begin(), by_tag.end());
  by_name_.assign(by_name.begin(), by_name.end());
}

std::vector<size_t>& SelectorSet::CandidatesOf(const GumboNode* element,
                                               const AncestorFilter* ancestors) const {
  thread_local std::vector<size_t> hits;
  thread_local std::vector<const std::vector<Entry>*> buckets;
  thread_local std::string key;
  hits.clear();
  buckets.clear();
  if (!IsElement(element)) return hits;
  // The buckets are sorted by key: binary search.
  auto add = [](const auto& sorted, const auto& wanted) {
    const auto it =
        std::lower_bound(sorted.begin(), sorted.end(), wanted,
                         [](const auto& bucket, const auto& k) { return bucket.first < k; });
    if (it != sorted.end() && it->first == wanted) buckets.push_back(&it->second);
  };
  buckets.push_back(&universal_);
  add(by_tag_, Tag(element));
  if (!by_name_.empty()) {
    const ClassId class_id = GetClassId(element);
    if (!class_id.id.empty()) {
      key.assign("#").append(class_id.id);
      add(by_name_, key);
    }
    std::string_view classes = class_id.class_attr;
    while (!classes.empty()) {
      while (!classes.empty() && IsAsciiSpace(classes.front())) classes.remove_prefix(1);
      size_t end = 0;
      while (end < classes.size() && !IsAsciiSpace(classes[end])) ++end;
      if (end > 0) {
        key.assign(".").append(classes.substr(0, end));
        add(by_name_, key);
      }
      classes.remove_prefix(end);
    }
    if (Tag(element) == GUMBO_TAG_UNKNOWN) {
      key = TagName(element);
      add(by_name_, key);
    }
  }
  for (const std::vector<Entry>* bucket : buckets) {
    for (const Entry& entry : *bucket) {
      if (ancestors != nullptr &&
          !std::all_of(entry.ancestor_keys.begin(), entry.ancestor_keys.end(),
                       [ancestors](uint32_t key) { return ancestors->MightContain(key); })) {
        continue;
      }
      if (MatchesComplex(*entry.complex, element)) hits.push_back(entry.selector);
    }
  }
  std::sort(hits.begin(), hits.end());
  hits.erase(std::unique(hits.begin(), hits.end()), hits.end());
  return hits;
}

Result<Selector> Selector::Parse(std::string_view text) {
  if (text.size() > kMaxSelectorBytes) {
    return Status::InvalidArgument("bad selector: longer than " +
                                   std::to_string(kMaxSelectorBytes) + " bytes");
  }
  Selector selector;
  selector.text_ = std::string(text);
  Parser parser(text);
  if (Status status = parser.ParseGroup(&selector.alternatives_); !status.ok()) return status;
  return selector;
}

bool Selector::Matches(const GumboNode* element) const {
  if (!IsElement(element)) return false;
  for (const Complex& complex : alternatives_) {
    if (MatchFrom(complex, complex.compounds.size() - 1, element) == Match::kMatched) return true;
  }
  return false;
}

std::vector<const GumboNode*> Selector::QueryAll(const GumboNode* root, size_t limit) const {
  std::vector<const GumboNode*> found;
  if (root == nullptr) return found;
  Walk(root, [&](const GumboNode* node) {
    if (!IsElement(node)) return node == root ? WalkAction::kContinue : WalkAction::kSkipChildren;
    if (node != root && Matches(node)) {
      found.push_back(node);
      if (limit != 0 && found.size() >= limit) return WalkAction::kStop;
    }
    return WalkAction::kContinue;
  });
  return found;
}

const GumboNode* Selector::QueryFirst(const GumboNode* root) const {
  const std::vector<const GumboNode*> found = QueryAll(root, 1);
  return found.empty() ? nullptr : found.front();
}

}  // namespace strata::parser
