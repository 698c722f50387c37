#include "parser/page_index.h"

#include <array>
#include <cstdint>

#include "parser/dom.h"
#include "parser/text_util.h"

namespace strata::parser {
namespace {

// Class and id words that mark an element as holding an author, a date or a count.
enum HintGroup : uint8_t { kAuthorHint = 1, kDateHint = 2, kCountHint = 4 };
struct Hint {
  std::string_view word;  // lower case
  HintGroup group;
};
constexpr std::array<Hint, 19> kHints = {{
    {"author", kAuthorHint}, {"byline", kAuthorHint},  {"nickname", kAuthorHint},
    {"writer", kAuthorHint}, {"creator", kAuthorHint}, {"date", kDateHint},
    {"time", kDateHint},     {"publish", kDateHint},   {"posted", kDateHint},
    {"pubdate", kDateHint},  {"created", kDateHint},   {"view", kCountHint},
    {"read", kCountHint},    {"pv", kCountHint},       {"visit", kCountHint},
    {"hits", kCountHint},    {"click", kCountHint},    {"pageview", kCountHint},
    {"count", kCountHint},
}};

// The groups of the hint words that start a word of `value` (as HasHintWord reads words:
// after a non-alphanumeric byte or at a lower-to-upper case change). One pass over the value,
// where asking HasHintWord for each of the 19 words took 38.
uint8_t HintGroups(std::string_view value) {
  uint8_t groups = 0;
  for (size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (!IsAsciiAlpha(c)) continue;
    if (i > 0) {
      const char before = value[i - 1];
      const bool camel = c >= 'A' && c <= 'Z' && before >= 'a' && before <= 'z';
      if ((IsAsciiAlpha(before) || IsAsciiDigit(before)) && !camel) continue;
    }
    const char lower = AsciiLower(c);
    for (const Hint& hint : kHints) {
      if (hint.word[0] == lower && (groups & hint.group) == 0 &&
          EqualsIgnoreCase(value.substr(i, hint.word.size()), hint.word)) {
        groups |= hint.group;
      }
    }
  }
  return groups;
}

bool IsLdJson(const GumboNode* script) {
  std::string_view type = TrimSpace(Attribute(script, "type"));
  return EqualsIgnoreCase(type, "application/ld+json");
}

// The text of a raw-text element (script, style, title): its text children joined.
std::string_view RawText(const GumboNode* node) {
  for (const GumboNode* child : Children(node)) {
    if (IsText(child)) return child->v.text.text;  // Gumbo gives raw text one child
  }
  return {};
}

}  // namespace

PageIndex IndexPage(const HtmlDocument& doc) {
  PageIndex index;
  index.html_lang = std::string(TrimSpace(Attribute(doc.root(), "lang")));
  if (index.html_lang.empty()) {
    index.html_lang = std::string(TrimSpace(Attribute(doc.root(), "xml:lang")));
  }

  const GumboNode* invisible_root = nullptr;  // the outermost invisible element we are inside
  bool have_title = false;
  Walk(
      doc.root(),
      [&](const GumboNode* node) {
        if (!IsElement(node)) return WalkAction::kSkipChildren;
        const GumboTag tag = Tag(node);
        if (invisible_root == nullptr && (IsNonContentTag(tag) || IsHidden(node))) {
          invisible_root = node;
        }
        const bool visible = invisible_root == nullptr;
        switch (tag) {
          case GUMBO_TAG_META: {
            const std::string_view content = Attribute(node, "content");
            for (const char* key_attr : {"name", "property", "itemprop", "http-equiv"}) {
              if (auto key = FindAttribute(node, key_attr)) index.meta.Add(*key, content);
            }
            break;
          }
          case GUMBO_TAG_TITLE:
            if (!have_title && !IsInclusiveAncestor(doc.body(), node)) {
              index.title = CollapseWhitespace(DecodeStrayEntities(RawText(node)));
              have_title = true;
            }
            break;
          case GUMBO_TAG_BASE:
            if (index.base_href.empty()) {
              index.base_href = std::string(TrimSpace(Attribute(node, "href")));
            }
            break;
          case GUMBO_TAG_LINK:
            if (index.canonical_href.empty() && HasToken(node, "rel", "canonical")) {
              index.canonical_href = std::string(TrimSpace(Attribute(node, "href")));
            }
            break;
          case GUMBO_TAG_SCRIPT:
            if (IsLdJson(node)) {
              index.json_ld.push_back(RawText(node));
            } else if (index.scripts.size() < kMaxScripts && !FindAttribute(node, "src")) {
              const std::string_view text = RawText(node);
              if (!text.empty()) index.scripts.push_back(text);
            }
            break;
          case GUMBO_TAG_H1:
            if (visible) index.h1s.push_back(node);
            break;
          case GUMBO_TAG_TIME:
            if (visible) index.times.push_back(node);
            break;
          case GUMBO_TAG_A:
          case GUMBO_TAG_AREA:
            if (FindAttribute(node, "href")) {
              index.anchors.push_back(node);
              if (HasToken(node, "rel", "author")) index.author_links.push_back(node);
              if (HasToken(node, "rel", "tag")) index.tag_links.push_back(node);
            }
            break;
          default:
            break;
        }
        if (FindAttribute(node, "itemprop")) index.itemprops.push_back(node);
        if (visible && tag != GUMBO_TAG_BODY && tag != GUMBO_TAG_HTML) {
          const ClassId class_id = GetClassId(node);
          if (!class_id.empty()) {
            const uint8_t groups = HintGroups(class_id.class_attr) | HintGroups(class_id.id);
            if (index.author_hints.size() < kMaxHinted && (groups & kAuthorHint) != 0) {
              index.author_hints.push_back(node);
            }
            if (index.date_hints.size() < kMaxHinted && (groups & kDateHint) != 0) {
              index.date_hints.push_back(node);
            }
            if (index.count_hints.size() < kMaxHinted && (groups & kCountHint) != 0) {
              index.count_hints.push_back(node);
            }
          }
        }
        // Non-content elements hold nothing to index except the ones handled above (their
        // contents are raw text), but hidden ones may hold metadata (itemprop, JSON-LD).
        return WalkAction::kContinue;
      },
      [&](const GumboNode* node) {
        if (node == invisible_root) invisible_root = nullptr;
      });
  return index;
}

}  // namespace strata::parser
