#include "parser/content_hints.h"

#include <array>
#include <string_view>

#include "parser/dom.h"
#include "parser/text_util.h"

namespace strata::parser {
namespace {

// Matches `hints` (lower case) in the class and id, ignoring case: a hint of up to three
// characters must be a whole token or a '-'/'_' separated part of one ("ad" matches "ad" and
// "top-ad", not "header"), a longer hint may appear anywhere ("sidebar" in "left-sidebar").
bool MatchesIn(std::string_view value, std::string_view hint) {
  if (hint.size() > 3) return FindIgnoreCase(value, hint) != std::string_view::npos;
  const auto is_boundary = [](char c) { return IsAsciiSpace(c) || c == '-' || c == '_'; };
  size_t pos = 0;
  while ((pos = FindIgnoreCase(value, hint, pos)) != std::string_view::npos) {
    const size_t end = pos + hint.size();
    if ((pos == 0 || is_boundary(value[pos - 1])) &&
        (end == value.size() || is_boundary(value[end]))) {
      return true;
    }
    pos = end;
  }
  return false;
}

template <size_t N>
bool Matches(const ClassId& class_id, const std::array<std::string_view, N>& hints) {
  for (std::string_view hint : hints) {
    if (MatchesIn(class_id.class_attr, hint) || MatchesIn(class_id.id, hint)) return true;
  }
  return false;
}

constexpr std::array<std::string_view, 40> kUnlikely = {
    "banner",     "breadcrumb", "combx",      "comment",    "community", "disqus",  "extra",
    "foot",       "header",     "legends",    "menu",       "related",   "remark",  "replies",
    "rss",        "shoutbox",   "sidebar",    "skyscraper", "social",    "sponsor", "supplemental",
    "ad-break",   "agegate",    "pagination", "pager",      "popup",     "share",   "subscribe",
    "newsletter", "promo",      "cookie",     "recommend",  "toolbar",   "widget",  "modal",
    "signup",     "login",      "ad",         "ads",        "nav"};

constexpr std::array<std::string_view, 8> kMaybe = {"article", "body", "column", "content",
                                                    "main",    "post", "entry",  "text"};

constexpr std::array<std::string_view, 16> kPositive = {
    "article", "body", "content", "entry", "hentry",   "h-entry", "main",     "page",
    "post",    "text", "blog",    "story", "markdown", "prose",   "richtext", "rich-text"};

constexpr std::array<std::string_view, 37> kNegative = {
    "hidden",     "banner",   "combx",    "comment", "com-",       "contact",    "foot",
    "footnote",   "masthead", "media",    "meta",    "outbrain",   "promo",      "related",
    "scroll",     "share",    "shoutbox", "sidebar", "skyscraper", "sponsor",    "shopping",
    "tags",       "tool",     "widget",   "byline",  "dateline",   "recommend",  "advert",
    "ad",         "ads",      "nav",      "menu",    "breadcrumb", "pagination", "subscribe",
    "newsletter", "social"};

// Containers that blog engines and the communities strata targets use for the article body.
constexpr std::array<std::string_view, 24> kKnownContent = {
    "cnblogs_post_body", "content_views",   "article-root", "js_content",         "entry-content",
    "post-content",      "article-content", "article-body", "articlebody",        "post-body",
    "postbody",          "markdown-body",   "story-body",   "article__body",      "post__content",
    "article_content",   "post_content",    "blog-content", "rich_media_content", "prosemirror",
    "entry-body",        "body-text",       "article-text", "post-text"};

constexpr std::array<std::string_view, 23> kBoilerplate = {
    "comment", "share",      "social",    "related",    "sidebar",    "advert",
    "promo",   "newsletter", "subscribe", "breadcrumb", "pagination", "recommend",
    "toolbar", "widget",     "copyright", "cookie",     "signup",     "popup",
    "modal",   "ad",         "ads",       "nav",        "menu"};

bool HasUnlikelyRole(const GumboNode* node) {
  const std::string_view role = Attribute(node, "role");
  if (role.empty()) return false;
  for (std::string_view r : {"navigation", "menu", "menubar", "complementary", "banner",
                             "contentinfo", "alert", "alertdialog", "dialog", "search"}) {
    if (EqualsIgnoreCase(role, r)) return true;
  }
  return false;
}

}  // namespace

bool IsUnlikelyCandidate(const GumboNode* node) {
  if (!IsElement(node)) return false;
  const GumboTag tag = Tag(node);
  if (tag == GUMBO_TAG_BODY || tag == GUMBO_TAG_HTML || tag == GUMBO_TAG_ARTICLE ||
      tag == GUMBO_TAG_MAIN || tag == GUMBO_TAG_A) {
    return false;
  }
  if (HasUnlikelyRole(node)) return true;
  const ClassId hints = GetClassId(node);
  if (hints.empty()) return false;
  return Matches(hints, kUnlikely) && !Matches(hints, kMaybe);
}

int ClassWeight(const GumboNode* node) {
  const ClassId hints = GetClassId(node);
  if (hints.empty()) return 0;
  int weight = 0;
  if (Matches(hints, kKnownContent)) weight += 50;
  if (Matches(hints, kPositive)) weight += 25;
  if (Matches(hints, kNegative)) weight -= 25;
  return weight;
}

bool IsCounterWidget(const GumboNode* node) {
  const ClassId class_id = GetClassId(node);
  for (std::string_view word : {"views", "viewcount", "view-count", "view_count", "post-views",
                                "pageview", "read-count", "readcount", "read_count", "counter",
                                "hits", "likes", "like-count", "rating", "reactions"}) {
    if (HasHintWord(class_id, word)) return true;
  }
  return false;
}

bool IsBoilerplate(const GumboNode* node) {
  if (!IsElement(node)) return false;
  switch (Tag(node)) {
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_LABEL:
    case GUMBO_TAG_FIELDSET:
      return true;
    default:
      break;
  }
  if (HasUnlikelyRole(node)) return true;
  const ClassId hints = GetClassId(node);
  return !hints.empty() && Matches(hints, kBoilerplate) && !Matches(hints, kKnownContent);
}

}  // namespace strata::parser
