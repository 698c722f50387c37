#include "parser/sanitize.h"

#include "common/url.h"
#include "parser/dom.h"
#include "parser/text_util.h"

namespace strata::parser {
namespace {

// Removes what browsers ignore in URLs: leading/trailing C0 controls and spaces, and tabs and
// newlines anywhere. nullopt when other control characters remain (they never make a usable
// URL, and some would hide a scheme).
std::optional<std::string> CleanUrl(std::string_view value) {
  while (!value.empty() && static_cast<unsigned char>(value.front()) <= ' ') value.remove_prefix(1);
  while (!value.empty() && static_cast<unsigned char>(value.back()) <= ' ') value.remove_suffix(1);
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (c == '\t' || c == '\n' || c == '\r') continue;
    if (u < 0x20 || u == 0x7F) return std::nullopt;
    out.push_back(c);
  }
  return out;
}

// The scheme of a URL, lower case, or "" when it has none (a relative reference).
std::string SchemeOf(std::string_view url) {
  for (size_t i = 0; i < url.size(); ++i) {
    const char c = url[i];
    if (c == ':') return i == 0 ? std::string("?") : AsciiLowercase(url.substr(0, i));
    const bool scheme_char =
        IsAsciiAlpha(c) || (i > 0 && (IsAsciiDigit(c) || c == '+' || c == '-' || c == '.'));
    if (!scheme_char) return "";
  }
  return "";
}

bool AllowedScheme(std::string_view scheme, UrlUse use) {
  if (scheme == "http" || scheme == "https") return true;
  return use == UrlUse::kLink && scheme == "mailto";
}

bool IsPlaceholderSource(std::string_view src) {
  src = TrimSpace(src);
  return src.empty() || StartsWithIgnoreCase(src, "data:") || src == "#" ||
         StartsWithIgnoreCase(src, "about:");
}

// The first URL of a srcset ("a.jpg 1x, b.jpg 2x" gives "a.jpg").
std::string_view FirstSrcsetCandidate(std::string_view srcset) {
  srcset = TrimSpace(srcset);
  size_t end = 0;
  while (end < srcset.size() && !IsAsciiSpace(srcset[end]) && srcset[end] != ',') ++end;
  return srcset.substr(0, end);
}

std::string LanguageFromClass(std::string_view classes) {
  size_t pos = 0;
  while (pos < classes.size()) {
    while (pos < classes.size() && IsAsciiSpace(classes[pos])) ++pos;
    size_t end = pos;
    while (end < classes.size() && !IsAsciiSpace(classes[end])) ++end;
    std::string_view token = classes.substr(pos, end - pos);
    pos = end;
    for (std::string_view prefix : {"language-", "lang-", "highlight-source-", "brush:"}) {
      if (!StartsWithIgnoreCase(token, prefix)) continue;
      token.remove_prefix(prefix.size());
      std::string lang;
      for (char c : token) {
        if (IsAsciiAlpha(c) || IsAsciiDigit(c) || c == '+' || c == '#' || c == '-' || c == '_' ||
            c == '.') {
          lang.push_back(AsciiLower(c));
        } else {
          break;
        }
      }
      if (!lang.empty() && lang.size() <= 32) return lang;
    }
  }
  return "";
}

}  // namespace

TagPolicy HtmlTagPolicy(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_CODE:
    case GUMBO_TAG_KBD:
    case GUMBO_TAG_SAMP:
    case GUMBO_TAG_VAR:
    case GUMBO_TAG_EM:
    case GUMBO_TAG_STRONG:
    case GUMBO_TAG_B:
    case GUMBO_TAG_I:
    case GUMBO_TAG_U:
    case GUMBO_TAG_S:
    case GUMBO_TAG_DEL:
    case GUMBO_TAG_INS:
    case GUMBO_TAG_SUB:
    case GUMBO_TAG_SUP:
    case GUMBO_TAG_MARK:
    case GUMBO_TAG_SMALL:
    case GUMBO_TAG_ABBR:
    case GUMBO_TAG_CITE:
    case GUMBO_TAG_Q:
    case GUMBO_TAG_DFN:
    case GUMBO_TAG_TIME:
    case GUMBO_TAG_A:
    case GUMBO_TAG_IMG:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_RUBY:
    case GUMBO_TAG_RT:
    case GUMBO_TAG_RP:
    case GUMBO_TAG_WBR:
      return TagPolicy::kKeep;
    case GUMBO_TAG_SOURCE:
    case GUMBO_TAG_TRACK:
    case GUMBO_TAG_PARAM:
    case GUMBO_TAG_FRAME:
    case GUMBO_TAG_AREA:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_KEYGEN:
    case GUMBO_TAG_MENUITEM:
    case GUMBO_TAG_OPTGROUP:
    case GUMBO_TAG_BGSOUND:
    case GUMBO_TAG_MARQUEE:
    case GUMBO_TAG_PLAINTEXT:
    case GUMBO_TAG_XMP:
    case GUMBO_TAG_IMAGE:
      return TagPolicy::kDrop;
    default:
      return IsNonContentTag(tag) ? TagPolicy::kDrop : TagPolicy::kUnwrap;
  }
}

std::optional<std::string> SafeUrl(std::string_view value, std::string_view base_url, UrlUse use) {
  std::optional<std::string> cleaned = CleanUrl(value);
  if (!cleaned || cleaned->empty()) return std::nullopt;
  std::string url = std::move(*cleaned);
  if (!base_url.empty()) {
    std::optional<std::string> resolved = ResolveUrl(base_url, url);
    if (!resolved) return std::nullopt;
    url = std::move(*resolved);
  }
  const std::string scheme = SchemeOf(url);
  if (scheme.empty()) {
    // Relative: only without a base (with one, everything resolves to absolute). A leading
    // "//" keeps the page's scheme, http(s) for every page strata fetches.
    return base_url.empty() ? std::optional<std::string>(std::move(url)) : std::nullopt;
  }
  if (!AllowedScheme(scheme, use)) return std::nullopt;
  return url;
}

std::string_view ImageSource(const GumboNode* img) {
  const std::string_view src = Attribute(img, "src");
  if (!IsPlaceholderSource(src)) return TrimSpace(src);
  for (const char* name : {"data-src", "data-original", "data-lazy-src", "data-url"}) {
    const std::string_view value = Attribute(img, name);
    if (!IsPlaceholderSource(value)) return TrimSpace(value);
  }
  for (const char* name : {"srcset", "data-srcset"}) {
    const std::string_view candidate = FirstSrcsetCandidate(Attribute(img, name));
    if (!IsPlaceholderSource(candidate)) return candidate;
  }
  return {};
}

std::string CodeLanguage(const GumboNode* node) {
  std::string lang = LanguageFromClass(Attribute(node, "class"));
  if (!lang.empty()) return lang;
  for (const GumboNode* child : Children(node)) {
    if (IsTag(child, GUMBO_TAG_CODE)) return LanguageFromClass(Attribute(child, "class"));
  }
  return "";
}

void AppendEscapedText(std::string_view text, std::string* out) {
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c != '&' && c != '<' && c != '>') continue;
    out->append(text.data() + start, i - start);
    out->append(c == '&' ? "&amp;" : c == '<' ? "&lt;" : "&gt;");
    start = i + 1;
  }
  out->append(text.data() + start, text.size() - start);
}

void AppendEscapedAttribute(std::string_view value, std::string* out) {
  for (char c : value) {
    switch (c) {
      case '&':
        out->append("&amp;");
        break;
      case '<':
        out->append("&lt;");
        break;
      case '>':
        out->append("&gt;");
        break;
      case '"':
        out->append("&quot;");
        break;
      case '\'':
        out->append("&#39;");
        break;
      default:
        out->push_back(c);
    }
  }
}

}  // namespace strata::parser
