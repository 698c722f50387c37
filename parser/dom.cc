#include "parser/dom.h"

#include <cstring>

#include "parser/text_util.h"

namespace strata::parser {

std::span<GumboNode* const> Children(const GumboNode* node) {
  const GumboVector* children = nullptr;
  if (node->type == GUMBO_NODE_DOCUMENT) {
    children = &node->v.document.children;
  } else if (IsElement(node)) {
    children = &node->v.element.children;
  } else {
    return {};
  }
  if (children->length == 0) return {};
  return {reinterpret_cast<GumboNode* const*>(children->data), children->length};
}

std::optional<std::string_view> FindAttribute(const GumboNode* node, const char* name) {
  if (!IsElement(node)) return std::nullopt;
  // Gumbo lower-cases attribute names, so a plain comparison does (gumbo_get_attribute's
  // strcasecmp showed up in profiles: the extractors look up a few attributes per element).
  const GumboVector& attributes = node->v.element.attributes;
  for (unsigned i = 0; i < attributes.length; ++i) {
    const auto* attr = static_cast<const GumboAttribute*>(attributes.data[i]);
    // The first byte settles most comparisons without a call.
    if (attr->name[0] == name[0] && std::strcmp(attr->name, name) == 0) {
      return std::string_view(attr->value);
    }
  }
  return std::nullopt;
}

ClassId GetClassId(const GumboNode* node) {
  ClassId out;
  if (!IsElement(node)) return out;
  const GumboVector& attributes = node->v.element.attributes;
  for (unsigned i = 0; i < attributes.length; ++i) {
    const auto* attr = static_cast<const GumboAttribute*>(attributes.data[i]);
    if (out.class_attr.empty() && std::strcmp(attr->name, "class") == 0)
      out.class_attr = attr->value;
    if (out.id.empty() && std::strcmp(attr->name, "id") == 0) out.id = attr->value;
  }
  return out;
}

std::string_view Attribute(const GumboNode* node, const char* name) {
  return FindAttribute(node, name).value_or(std::string_view());
}

bool HasToken(const GumboNode* node, const char* name, std::string_view token) {
  std::string_view value = Attribute(node, name);
  while (!value.empty()) {
    while (!value.empty() && IsAsciiSpace(value.front())) value.remove_prefix(1);
    size_t end = 0;
    while (end < value.size() && !IsAsciiSpace(value[end])) ++end;
    if (end > 0 && EqualsIgnoreCase(value.substr(0, end), token)) return true;
    value.remove_prefix(end);
  }
  return false;
}

std::string ClassAndId(const GumboNode* node) {
  std::string out = AsciiLowercase(Attribute(node, "class"));
  const std::string_view id = Attribute(node, "id");
  if (!id.empty()) {
    if (!out.empty()) out.push_back(' ');
    out += AsciiLowercase(id);
  }
  return out;
}

namespace {

bool HasWordStart(std::string_view value, std::string_view word) {
  for (size_t i = 0; i + word.size() <= value.size(); ++i) {
    if (AsciiLower(value[i]) != word[0]) continue;
    const bool boundary =
        i == 0 || !(IsAsciiAlpha(value[i - 1]) || IsAsciiDigit(value[i - 1])) ||
        (value[i] >= 'A' && value[i] <= 'Z' && value[i - 1] >= 'a' && value[i - 1] <= 'z');
    if (boundary && EqualsIgnoreCase(value.substr(i, word.size()), word)) return true;
  }
  return false;
}

}  // namespace

bool HasHintWord(const ClassId& class_id, std::string_view word) {
  return HasWordStart(class_id.class_attr, word) || HasWordStart(class_id.id, word);
}

bool HasHintWord(const GumboNode* node, std::string_view word) {
  return HasHintWord(GetClassId(node), word);
}

bool IsNonContentTag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_META:
    case GUMBO_TAG_LINK:
    case GUMBO_TAG_BASE:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_APPLET:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_MAP:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_OPTION:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_DATALIST:
    case GUMBO_TAG_FRAMESET:
    case GUMBO_TAG_NOFRAMES:
    case GUMBO_TAG_NOEMBED:
      return true;
    default:
      return false;
  }
}

namespace {

bool StyleHides(std::string_view style) {
  std::string compact;
  compact.reserve(style.size());
  for (char c : style) {
    if (!IsAsciiSpace(c)) compact.push_back(AsciiLower(c));
  }
  return compact.find("display:none") != std::string::npos ||
         compact.find("visibility:hidden") != std::string::npos;
}

}  // namespace

bool IsHidden(const GumboNode* node) {
  if (!IsElement(node)) return false;
  // One pass over the attributes (every renderer asks this of every element). Gumbo keeps only
  // the first of duplicate attributes, so each name is seen once.
  const GumboVector& attributes = node->v.element.attributes;
  for (unsigned i = 0; i < attributes.length; ++i) {
    const auto* attr = static_cast<const GumboAttribute*>(attributes.data[i]);
    const char* name = attr->name;
    switch (name[0]) {
      case 'h':
        if (std::strcmp(name, "hidden") == 0) return true;
        break;
      case 'a':
        if (std::strcmp(name, "aria-hidden") == 0 && EqualsIgnoreCase(attr->value, "true")) {
          return true;
        }
        break;
      case 't':
        if (Tag(node) == GUMBO_TAG_INPUT && std::strcmp(name, "type") == 0 &&
            EqualsIgnoreCase(attr->value, "hidden")) {
          return true;
        }
        break;
      case 's':
        if (std::strcmp(name, "style") == 0 && StyleHides(attr->value)) return true;
        break;
      default:
        break;
    }
  }
  return false;
}

bool IsRawTextTag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_XMP:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_NOEMBED:
    case GUMBO_TAG_NOFRAMES:
    case GUMBO_TAG_PLAINTEXT:
      return true;
    default:
      return false;
  }
}

bool IsBlockTag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIR:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_LEGEND:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_LISTING:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_P:
    case GUMBO_TAG_PLAINTEXT:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_XMP:
      return true;
    default:
      return false;
  }
}

std::string InlineText(const GumboNode* node) {
  std::string raw;
  Walk(
      node,
      [&raw, node](const GumboNode* n) {
        if (IsText(n)) {
          raw += n->v.text.text;
          return WalkAction::kContinue;
        }
        if (!IsElement(n)) return WalkAction::kSkipChildren;  // comments
        if (n != node && (IsNonContentTag(Tag(n)) || IsHidden(n))) {
          return WalkAction::kSkipChildren;
        }
        if (IsBlockTag(Tag(n))) raw.push_back(' ');
        return WalkAction::kContinue;
      },
      [&raw](const GumboNode* n) {
        if (IsBlockTag(Tag(n))) raw.push_back(' ');
      });
  return CollapseWhitespace(raw);
}

bool IsInclusiveAncestor(const GumboNode* ancestor, const GumboNode* node) {
  for (const GumboNode* n = node; n != nullptr; n = n->parent) {
    if (n == ancestor) return true;
  }
  return false;
}

}  // namespace strata::parser
