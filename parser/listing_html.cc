#include "parser/listing_html.h"

#include <algorithm>
#include <initializer_list>
#include <set>

#include "common/url.h"
#include "parser/charset.h"
#include "parser/content_type.h"
#include "parser/dom.h"
#include "parser/html_document.h"
#include "parser/links.h"
#include "parser/listing_links.h"
#include "parser/meta_tags.h"
#include "parser/profile.h"
#include "parser/profile_apply.h"

namespace strata::parser {
namespace {

// Links read per page at most: bounds the work a hostile page full of anchors can cause.
constexpr size_t kMaxLinks = 5000;

bool IsHeading(GumboTag tag) {
  return tag == GUMBO_TAG_H1 || tag == GUMBO_TAG_H2 || tag == GUMBO_TAG_H3 || tag == GUMBO_TAG_H4;
}

// True when a class token or the id of `node` starts with one of `words` (ASCII case
// ignored): "sidebar-block", "sideBar", "navbar-main", "widget_recent_entries". Prefixes only,
// so that a page container such as "has-sidebar" is not taken for the sidebar itself.
bool HasTokenStarting(const GumboNode* node, std::initializer_list<std::string_view> words) {
  auto starts = [&](std::string_view token) {
    for (std::string_view word : words) {
      if (token.size() < word.size()) continue;
      bool same = true;
      for (size_t i = 0; i < word.size() && same; ++i) {
        same = std::tolower(static_cast<unsigned char>(token[i])) == word[i];
      }
      if (same) return true;
    }
    return false;
  };
  const ClassId class_id = GetClassId(node);
  if (!class_id.id.empty() && starts(class_id.id)) return true;
  std::string_view classes = class_id.class_attr;
  while (!classes.empty()) {
    const size_t start = classes.find_first_not_of(" \t\n\r\f");
    if (start == std::string_view::npos) break;
    classes.remove_prefix(start);
    const size_t end = std::min(classes.find_first_of(" \t\n\r\f"), classes.size());
    if (starts(classes.substr(0, end))) return true;
    classes.remove_prefix(end);
  }
  return false;
}

// Elements whose links are the page's furniture. <header> and <footer> count only outside an
// article: a post's own header holds its title link.
bool IsChrome(const GumboNode* node, bool in_article) {
  const GumboTag tag = Tag(node);
  if (tag == GUMBO_TAG_NAV || tag == GUMBO_TAG_ASIDE) return true;
  if (!in_article && (tag == GUMBO_TAG_HEADER || tag == GUMBO_TAG_FOOTER)) return true;
  if (HasTokenStarting(node,
                       {"nav", "menu", "sidebar", "side-bar", "pagination", "pager", "breadcrumb",
                        "widget", "comment", "related", "tagcloud", "toolbar"})) {
    return true;
  }
  return !in_article && HasTokenStarting(node, {"header", "footer"});
}

bool IsArticleLike(const GumboNode* node) {
  if (Tag(node) == GUMBO_TAG_ARTICLE) return true;
  const ClassId class_id = GetClassId(node);
  if (class_id.empty()) return false;
  for (std::string_view word : {"post", "entry", "article", "item", "story", "blog"}) {
    if (HasHintWord(class_id, word)) return true;
  }
  return false;
}

class UrlResolver {
 public:
  explicit UrlResolver(std::string base) : base_(std::move(base)) {}
  // The normalised absolute http(s) URL of `href`, or "".
  std::string Resolve(std::string_view href) const {
    while (!href.empty() && (href.front() == ' ' || href.front() == '\n' || href.front() == '\t')) {
      href.remove_prefix(1);
    }
    if (href.empty() || href.front() == '#') return "";
    std::optional<std::string> absolute = ResolveUrl(base_, href);
    if (!absolute || !IsHttpUrl(*absolute)) return "";
    return NormalizeUrl(*absolute).value_or("");
  }

 private:
  std::string base_;
};

// The href of `element`, or of its first descendant <a href>.
std::string_view HrefOf(const GumboNode* element) {
  if (auto href = FindAttribute(element, "href")) return *href;
  std::string_view found;
  Walk(element, [&](const GumboNode* node) {
    if (!IsElement(node)) return WalkAction::kSkipChildren;
    if (IsTag(node, GUMBO_TAG_A)) {
      if (auto href = FindAttribute(node, "href")) {
        found = *href;
        return WalkAction::kStop;
      }
    }
    return WalkAction::kContinue;
  });
  return found;
}

}  // namespace

HtmlListingPage ParseHtmlListing(const ListingPageInput& input, const CompiledListingRule* rule,
                                 std::string_view author_url, const SiteProfiles* profiles) {
  HtmlListingPage page;
  const ContentType type = ParseContentType(input.content_type);
  if (!CheckHtmlInput(type, input.body).ok()) return page;
  const DecodedHtml decoded = DecodeHtml(input.body, type.charset);
  const HtmlDocument doc = HtmlDocument::Parse(decoded.text());

  // Head: <base>, <meta>, <link rel=next>, feeds.
  std::string base_href;
  MetaTags meta;
  std::vector<std::string> head_next;
  struct RawFeed {
    std::string href, type, title;
  };
  std::vector<RawFeed> raw_feeds;
  Walk(doc.root(), [&](const GumboNode* node) {
    if (!IsElement(node)) return WalkAction::kSkipChildren;
    const GumboTag tag = Tag(node);
    if (tag == GUMBO_TAG_BASE && base_href.empty()) {
      base_href = std::string(Attribute(node, "href"));
    } else if (tag == GUMBO_TAG_META) {
      if (auto name = FindAttribute(node, "name")) meta.Add(*name, Attribute(node, "content"));
    } else if (tag == GUMBO_TAG_LINK) {
      if (HasToken(node, "rel", "next")) head_next.emplace_back(Attribute(node, "href"));
      if (HasToken(node, "rel", "alternate")) {
        std::string feed_type(Attribute(node, "type"));
        std::transform(feed_type.begin(), feed_type.end(), feed_type.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (feed_type == "application/rss+xml" || feed_type == "application/atom+xml") {
          raw_feeds.push_back({std::string(Attribute(node, "href")), feed_type,
                               std::string(Attribute(node, "title"))});
        }
      }
    } else if (tag == GUMBO_TAG_BODY) {
      return WalkAction::kSkipChildren;  // <link> and <meta> belong to the head
    }
    return WalkAction::kContinue;
  });
  const UrlResolver resolver(BaseUrl(input.url, base_href));
  const std::string self = NormalizeUrl(input.url).value_or(std::string(input.url));

  if (profiles != nullptr && !profiles->empty()) {
    if (const CompiledProfile* profile = SelectProfile(*profiles, UrlHost(input.url), meta, doc)) {
      page.profile = profile->profile.name;
    }
  }

  auto keep_item = [&](const std::string& url) {
    return !url.empty() && url != self &&
           (rule == nullptr || !rule->url_filter || rule->url_filter->Match(url));
  };
  std::set<std::string> seen_items;
  auto add_item = [&](std::string url, std::string title) {
    if (!keep_item(url) || !seen_items.insert(url).second) return;
    page.items.push_back(std::move(url));
    page.item_titles.push_back(std::move(title));
  };

  // Items by the rule's selector.
  if (rule != nullptr && rule->items) {
    page.items_by_rule = true;
    for (const GumboNode* element : rule->items->QueryAll(doc.document(), kMaxLinks)) {
      add_item(resolver.Resolve(HrefOf(element)), InlineText(element));
    }
  }

  // One walk of the body: link candidates with their context, and next links.
  std::vector<LinkCandidate> candidates;
  std::vector<std::string> rel_next, text_next;
  struct Context {
    int chrome = 0, article = 0, heading = 0;
  };
  std::vector<Context> stack = {{}};
  std::vector<bool> pushed;  // per entered element: whether it pushed a context
  Walk(
      doc.body() != nullptr ? doc.body() : doc.root(),
      [&](const GumboNode* node) {
        if (!IsElement(node)) return WalkAction::kSkipChildren;
        const GumboTag tag = Tag(node);
        if (IsNonContentTag(tag) && tag != GUMBO_TAG_SVG) {
          pushed.push_back(false);
          return WalkAction::kSkipChildren;
        }
        Context context = stack.back();
        const bool article_like = IsArticleLike(node);
        if (IsChrome(node, context.article > 0 || article_like)) ++context.chrome;
        if (article_like) ++context.article;
        if (IsHeading(tag)) ++context.heading;
        stack.push_back(context);
        pushed.push_back(true);
        if (tag == GUMBO_TAG_A && candidates.size() < kMaxLinks) {
          const auto href = FindAttribute(node, "href");
          if (!href) return WalkAction::kContinue;
          std::string url = resolver.Resolve(*href);
          if (url.empty()) return WalkAction::kContinue;
          std::string text = InlineText(node);
          const GumboNode* parent = node->parent;
          const bool next_class = HasToken(node, "class", "next") ||
                                  (IsElement(parent) && Tag(parent) != GUMBO_TAG_BODY &&
                                   HasToken(parent, "class", "next"));
          std::string aria(Attribute(node, "aria-label"));
          if (HasToken(node, "rel", "next")) {
            rel_next.push_back(url);
          } else if (IsNextLinkText(text) || next_class || IsNextLinkText(aria)) {
            text_next.push_back(url);
          }
          candidates.push_back({std::move(url), std::move(text), context.chrome > 0,
                                context.article > 0, context.heading > 0});
        }
        return WalkAction::kContinue;
      },
      [&](const GumboNode*) {
        if (pushed.empty()) return;
        if (pushed.back()) stack.pop_back();
        pushed.pop_back();
      });

  if (!page.items_by_rule) {
    for (std::string& url : DetectPostLinks(candidates, input.url, author_url)) {
      const auto it = std::find_if(candidates.begin(), candidates.end(),
                                   [&](const LinkCandidate& c) { return c.url == url; });
      add_item(std::move(url), it == candidates.end() ? "" : it->text);
    }
  }

  // Next page candidates, best first.
  std::set<std::string> seen_next;
  auto add_next = [&](const std::string& url) {
    if (url.empty() || url == self || !seen_next.insert(url).second) return;
    page.next_urls.push_back(url);
  };
  if (rule != nullptr && rule->next) {
    for (const GumboNode* element : rule->next->QueryAll(doc.document(), 16)) {
      add_next(resolver.Resolve(HrefOf(element)));
    }
  }
  for (const std::string& href : head_next) add_next(resolver.Resolve(href));
  for (const std::string& url : rel_next) add_next(url);
  for (const std::string& url : text_next) add_next(url);

  // Feeds: the author's own first.
  std::string author_path;
  std::string author_name;
  if (std::optional<UrlParts> author = ParseUrl(author_url)) {
    author_path = author->path;
    while (author_path.size() > 1 && author_path.back() == '/') author_path.pop_back();
    author_name = author_path.substr(author_path.rfind('/') + 1);
    if (author_path == "/") author_path.clear();
  }
  std::vector<FeedLink> own, others;
  std::set<std::string> seen_feeds;
  for (RawFeed& raw : raw_feeds) {
    std::string url = resolver.Resolve(raw.href);
    if (url.empty() || !seen_feeds.insert(url).second) continue;
    const std::string path = ParseUrl(url) ? ParseUrl(url)->path : "";
    const bool is_own = (!author_path.empty() && path.starts_with(author_path + "/")) ||
                        (!author_name.empty() && author_name.size() >= 3 &&
                         (path.find("/" + author_name + "/") != std::string::npos ||
                          path.ends_with("/" + author_name)));
    (is_own ? own : others).push_back({std::move(url), std::move(raw.type), std::move(raw.title)});
  }
  page.feeds = std::move(own);
  page.feeds.insert(page.feeds.end(), others.begin(), others.end());
  return page;
}

}  // namespace strata::parser
