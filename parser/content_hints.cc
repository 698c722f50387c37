#include "parser/content_hints.h"

#include <array>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parser/dom.h"
#include "parser/text_util.h"

namespace strata::parser {
namespace {

// How a hint must sit in the class or id to match.
enum class Fit : uint8_t {
  kSubstring,  // anywhere: "sidebar" in "left-sidebar"
  kPart,       // between start/end, spaces, '-' or '_': "ad" in "top-ad", not in "header"
  kToken,      // a whole space-separated token: "sr-only"
};

struct Hint {
  std::string_view word;  // lower case
  Fit fit;
  HintFlags bits;
};

// Hints of up to three characters are parts (as in "ad"), longer ones substrings, unless the
// list says otherwise.
constexpr Fit DefaultFit(std::string_view word) {
  return word.size() <= 3 ? Fit::kPart : Fit::kSubstring;
}

constexpr std::array<std::string_view, 45> kUnlikely = {
    "banner",  "breadcrumb", "combx",        "comment",   "community",  "disqus",
    "extra",   "foot",       "header",       "legends",   "menu",       "related",
    "remark",  "replies",    "rss",          "shoutbox",  "sidebar",    "skyscraper",
    "social",  "sponsor",    "supplemental", "ad-break",  "agegate",    "pagination",
    "pager",   "popup",      "share",        "subscribe", "newsletter", "promo",
    "cookie",  "recommend",  "toolbar",      "widget",    "modal",      "signup",
    "login",   "ad",         "ads",          "nav",       "navigation", "outbrain",
    "taboola", "consent",    "reply"};

constexpr std::array<std::string_view, 8> kMaybe = {"article", "body", "column", "content",
                                                    "main",    "post", "entry",  "text"};

constexpr std::array<std::string_view, 16> kPositive = {
    "article", "body", "content", "entry", "hentry",   "h-entry", "main",     "page",
    "post",    "text", "blog",    "story", "markdown", "prose",   "richtext", "rich-text"};

constexpr std::array<std::string_view, 38> kNegative = {
    "hidden",     "banner",   "combx",    "comment", "com-",       "contact",    "foot",
    "footnote",   "masthead", "media",    "meta",    "outbrain",   "promo",      "related",
    "scroll",     "share",    "shoutbox", "sidebar", "skyscraper", "sponsor",    "shopping",
    "tags",       "tool",     "widget",   "byline",  "dateline",   "recommend",  "advert",
    "ad",         "ads",      "nav",      "menu",    "breadcrumb", "pagination", "subscribe",
    "newsletter", "social",   "taboola"};

// Containers that blog engines and the communities strata targets use for the article body.
constexpr std::array<std::string_view, 24> kKnownContent = {
    "cnblogs_post_body", "content_views",   "article-root", "js_content",         "entry-content",
    "post-content",      "article-content", "article-body", "articlebody",        "post-body",
    "postbody",          "markdown-body",   "story-body",   "article__body",      "post__content",
    "article_content",   "post_content",    "blog-content", "rich_media_content", "prosemirror",
    "entry-body",        "body-text",       "article-text", "post-text"};

constexpr std::array<std::string_view, 41> kBoilerplate = {
    "comment",    "share",     "social",       "related",    "sidebar",   "advert",  "promo",
    "newsletter", "subscribe", "breadcrumb",   "pagination", "recommend", "toolbar", "widget",
    "copyright",  "cookie",    "signup",       "popup",      "modal",     "ad",      "ads",
    "nav",        "menu",      "navigation",   "outbrain",   "taboola",   "sign-up", "paywall",
    "trending",   "most-read", "most-popular", "read-next",  "recirc",    "consent", "skip-link",
    "cta",        "tooltip",   "popover",      "hovercard",  "rollover",  "reply"};

constexpr std::array<std::string_view, 3> kCaption = {"caption", "credit", "figcaption"};

constexpr std::array<std::string_view, 12> kByline = {
    "byline",    "dateline",     "author",       "timestamp", "posted-on",  "entry-meta",
    "post-meta", "article-meta", "article-info", "post-info", "entry-info", "pubdate"};
// Only as parts: "topic-meta-data" and "post-date", not "metadata" or "update".
constexpr std::array<std::string_view, 3> kBylineParts = {"meta", "date", "time"};

constexpr std::array<std::string_view, 5> kUser = {"user", "avatar", "author", "poster", "byline"};

constexpr std::array<std::string_view, 5> kGallery = {"gallery", "slideshow", "carousel",
                                                      "lightbox", "slider"};

// Whole tokens only: "hidden-xs" and friends are responsive helpers, not hidden text.
constexpr std::array<std::string_view, 9> kScreenReader = {
    "sr-only",   "visually-hidden", "visuallyhidden",    "screen-reader-text", "screen-reader-only",
    "offscreen", "off-screen",      "element-invisible", "a11y-hidden"};

constexpr std::array<std::string_view, 1> kEmbed = {"embed"};
constexpr std::array<std::string_view, 2> kEmbedTokens = {"twitter-tweet", "instagram-media"};

// Whole tokens that mean display:none in common CSS frameworks (Bootstrap, Tailwind...), unless
// a responsive display class shows the element again (checked in ClassifyHints).
constexpr std::array<std::string_view, 7> kHiddenClass = {
    "d-none",         "print-only",    "visible-print", "visible-print-block",
    "show-for-print", "d-print-block", "is-hidden"};

// All hints, bucketed by first letter, each word once with the union of its bits.
class HintTable {
 public:
  HintTable() {
    Add(kUnlikely, kHintUnlikely);
    Add(kMaybe, kHintMaybe);
    Add(kPositive, kHintPositive);
    Add(kNegative, kHintNegative);
    Add(kKnownContent, kHintKnownContent);
    Add(kBoilerplate, kHintBoilerplate);
    Add(kCaption, kHintCaption);
    Add(kByline, kHintByline);
    Add(kBylineParts, kHintByline, Fit::kPart);
    Add(kUser, kHintUser);
    Add(kGallery, kHintGallery);
    Add(kScreenReader, kHintScreenReader, Fit::kToken);
    Add(kEmbed, kHintEmbed);
    Add(kEmbedTokens, kHintEmbed, Fit::kToken);
    Add(kHiddenClass, kHintHiddenClass, Fit::kToken);
  }

  // Ors into *bits the hints found in `value`, already lower case.
  void Match(std::string_view value, HintFlags* bits) const {
    const size_t n = value.size();
    for (size_t i = 0; i + 1 < n; ++i) {
      const int key = Key(value[i], value[i + 1]);
      if (key < 0) continue;
      for (const Hint& hint : buckets_[static_cast<size_t>(key)]) {
        const size_t len = hint.word.size();
        if (i + len > n || value.compare(i, len, hint.word) != 0) continue;
        if (hint.fit != Fit::kSubstring && !Fits(value, i, i + len, hint.fit)) continue;
        *bits |= hint.bits;
      }
    }
  }

 private:
  // Hints are bucketed by their first two characters: a letter, then a letter, digit, '-' or
  // '_'. -1 for pairs no hint starts with.
  static constexpr int kSecond = 26 + 10 + 2;
  static int Key(char a, char b) {
    if (a < 'a' || a > 'z') return -1;
    int second;
    if (b >= 'a' && b <= 'z') {
      second = b - 'a';
    } else if (b >= '0' && b <= '9') {
      second = 26 + (b - '0');
    } else if (b == '-') {
      second = 36;
    } else if (b == '_') {
      second = 37;
    } else {
      return -1;
    }
    return (a - 'a') * kSecond + second;
  }

  template <size_t N>
  void Add(const std::array<std::string_view, N>& words, HintFlags bits,
           std::optional<Fit> fit = std::nullopt) {
    for (std::string_view word : words) {
      const Fit f = fit.value_or(DefaultFit(word));
      std::vector<Hint>& bucket = buckets_[static_cast<size_t>(Key(word[0], word[1]))];
      bool merged = false;
      for (Hint& hint : bucket) {
        if (hint.word == word && hint.fit == f) {
          hint.bits |= bits;
          merged = true;
        }
      }
      if (!merged) bucket.push_back({word, f, bits});
    }
  }

  static bool Fits(std::string_view value, size_t begin, size_t end, Fit fit) {
    const auto boundary = [fit](char c) {
      return IsAsciiSpace(c) || (fit == Fit::kPart && (c == '-' || c == '_'));
    };
    return (begin == 0 || boundary(value[begin - 1])) &&
           (end == value.size() || boundary(value[end]));
  }

  std::array<std::vector<Hint>, 26 * kSecond> buckets_;
};

const HintTable& Table() {
  static const HintTable table;
  return table;
}

// Lower-cases `value` into `buffer` (reused) and matches it.
void MatchAttribute(std::string_view value, std::string* buffer, HintFlags* bits) {
  if (value.empty()) return;
  buffer->resize(value.size());
  for (size_t i = 0; i < value.size(); ++i) (*buffer)[i] = AsciiLower(value[i]);
  Table().Match(*buffer, bits);
}

// True when a class list (lower case) holds a responsive display class that shows the element
// on some screens: Bootstrap "d-md-block", Tailwind "md:block".
bool ShownAgain(std::string_view classes) {
  size_t pos = 0;
  while (pos < classes.size()) {
    while (pos < classes.size() && IsAsciiSpace(classes[pos])) ++pos;
    size_t end = pos;
    while (end < classes.size() && !IsAsciiSpace(classes[end])) ++end;
    const std::string_view token = classes.substr(pos, end - pos);
    pos = end;
    if (token.find(':') != std::string_view::npos && !token.ends_with(":hidden")) return true;
    for (std::string_view prefix : {"d-sm-", "d-md-", "d-lg-", "d-xl-", "d-xxl-"}) {
      if (token.starts_with(prefix) && !token.ends_with("-none")) return true;
    }
  }
  return false;
}

bool IsUnlikelyRole(std::string_view role) {
  for (std::string_view r : {"navigation", "menu", "menubar", "complementary", "banner",
                             "contentinfo", "alert", "alertdialog", "dialog", "search"}) {
    if (EqualsIgnoreCase(role, r)) return true;
  }
  return false;
}

}  // namespace

HintFlags ClassifyHints(const GumboNode* node) {
  if (!IsElement(node)) return 0;
  std::string_view class_attr, id, role;
  const GumboVector& attributes = node->v.element.attributes;
  for (unsigned i = 0; i < attributes.length; ++i) {
    const auto* attr = static_cast<const GumboAttribute*>(attributes.data[i]);
    const char* name = attr->name;
    if (class_attr.empty() && std::strcmp(name, "class") == 0) class_attr = attr->value;
    if (id.empty() && std::strcmp(name, "id") == 0) id = attr->value;
    if (role.empty() && std::strcmp(name, "role") == 0) role = attr->value;
  }
  HintFlags bits = 0;
  if (!class_attr.empty() || !id.empty()) {
    thread_local std::string buffer;
    MatchAttribute(class_attr, &buffer, &bits);
    if ((bits & kHintHiddenClass) && ShownAgain(buffer)) bits &= ~kHintHiddenClass;
    MatchAttribute(id, &buffer, &bits);
  }
  if (!role.empty() && IsUnlikelyRole(TrimSpace(role))) bits |= kHintUnlikelyRole;
  return bits;
}

bool IsUnlikelyCandidate(GumboTag tag, HintFlags hints) {
  if (tag == GUMBO_TAG_BODY || tag == GUMBO_TAG_HTML || tag == GUMBO_TAG_ARTICLE ||
      tag == GUMBO_TAG_MAIN || tag == GUMBO_TAG_A) {
    return false;
  }
  if (hints & kHintUnlikelyRole) return true;
  return (hints & kHintUnlikely) && !(hints & (kHintMaybe | kHintEmbed));
}

bool IsUnlikelyCandidate(const GumboNode* node) {
  if (!IsElement(node)) return false;
  return IsUnlikelyCandidate(Tag(node), ClassifyHints(node));
}

int ClassWeight(HintFlags hints) {
  int weight = 0;
  if (hints & kHintKnownContent) weight += 50;
  if (hints & kHintPositive) weight += 25;
  if (hints & kHintNegative) weight -= 25;
  return weight;
}

int ClassWeight(const GumboNode* node) { return ClassWeight(ClassifyHints(node)); }

bool IsCounterWidget(const GumboNode* node) {
  const ClassId class_id = GetClassId(node);
  if (class_id.empty()) return false;
  for (std::string_view word : {"views", "viewcount", "view-count", "view_count", "post-views",
                                "pageview", "read-count", "readcount", "read_count", "counter",
                                "hits", "likes", "like-count", "rating", "reactions"}) {
    if (HasHintWord(class_id, word)) return true;
  }
  return false;
}

bool IsBoilerplate(GumboTag tag, HintFlags hints) {
  switch (tag) {
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_LABEL:
    case GUMBO_TAG_FIELDSET:
      return true;
    default:
      break;
  }
  if (hints & kHintUnlikelyRole) return true;
  return (hints & kHintBoilerplate) && !(hints & (kHintKnownContent | kHintEmbed));
}

bool IsAdLabelText(std::string_view text) {
  text = TrimSpace(text);
  while (!text.empty() && (text.back() == ':' || text.back() == '.' || text.back() == '-')) {
    text.remove_suffix(1);
    text = TrimSpace(text);
  }
  if (text.empty() || text.size() > 40) return false;
  // Case is folded for ASCII only: the other scripts' labels are listed as pages write them.
  for (std::string_view label : {"advertisement",
                                 "advertisements",
                                 "advert",
                                 "adverts",
                                 "advertising",
                                 "ad",
                                 "ads",
                                 "sponsored",
                                 "sponsored content",
                                 "paid content",
                                 "promoted",
                                 "anzeige",
                                 "werbung",
                                 "publicité",
                                 "Publicité",
                                 "PUBLICITÉ",
                                 "publicidad",
                                 "pubblicità",
                                 "Pubblicità",
                                 "PUBBLICITÀ",
                                 "publicidade",
                                 "reklama",
                                 "реклама",
                                 "Реклама",
                                 "РЕКЛАМА",
                                 "广告",
                                 "廣告",
                                 "広告",
                                 "광고",
                                 "advertisement - scroll to continue",
                                 "scroll to continue with content",
                                 "story continues below advertisement",
                                 "article continues below advertisement"}) {
    if (EqualsIgnoreCase(text, label)) return true;
  }
  return false;
}

bool IsBoilerplate(const GumboNode* node) {
  if (!IsElement(node)) return false;
  return IsBoilerplate(Tag(node), ClassifyHints(node));
}

bool IsOffContentBlock(const GumboNode* node) {
  if (!IsElement(node)) return false;
  const GumboTag tag = Tag(node);
  if (!IsBlockTag(tag)) return false;
  const HintFlags hints = ClassifyHints(node);
  return IsUnlikelyCandidate(tag, hints) || IsBoilerplate(tag, hints);
}

bool InOffContentBlock(const GumboNode* node) {
  for (const GumboNode* n = node; IsElement(n); n = n->parent) {
    if (IsOffContentBlock(n)) return true;
  }
  return false;
}

}  // namespace strata::parser
