#include "parser/extract.h"

#include <string>
#include <unordered_set>
#include <vector>

#include "common/url.h"
#include "parser/author.h"
#include "parser/body_filter.h"
#include "parser/charset.h"
#include "parser/content_type.h"
#include "parser/counters.h"
#include "parser/date_parse.h"
#include "parser/dom.h"
#include "parser/html_document.h"
#include "parser/json_ld.h"
#include "parser/links.h"
#include "parser/main_content.h"
#include "parser/page_index.h"
#include "parser/page_lines.h"
#include "parser/text_stats.h"
#include "parser/text_util.h"
#include "parser/title.h"

namespace strata::parser {
namespace {

constexpr size_t kMaxTags = 50;

// Everything the field cascades read, gathered once per page.
struct Page {
  const PageIndex& index;
  const std::optional<JsonLdArticle>& json_ld;
  const std::vector<std::string>& lines;
  std::string_view url;
  DateContext dates;
};

bool IsUrlLike(std::string_view s) {
  return StartsWithIgnoreCase(s, "http://") || StartsWithIgnoreCase(s, "https://") ||
         s.starts_with("/");
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

std::string ChooseAuthor(const Page& page) {
  if (page.json_ld && !page.json_ld->authors.empty()) {
    std::vector<std::string> names;
    for (const std::string& author : page.json_ld->authors) {
      std::string name = TidyDeclaredAuthor(author);
      if (!name.empty()) names.push_back(std::move(name));
    }
    if (!names.empty()) return JoinNames(names);
  }
  const MetaTags& meta = page.index.meta;
  for (std::string_view key : {"author", "article:author", "parsely-author", "sailthru.author",
                               "dc.creator", "dcterms.creator", "byl"}) {
    for (std::string_view value : meta.All(key)) {
      if (IsUrlLike(value)) continue;  // article:author is often a profile URL
      std::string name = key == "byl" ? CleanByline(value) : TidyDeclaredAuthor(value);
      if (!name.empty()) return name;
    }
  }
  std::string name =
      AuthorFromElements(page.index.itemprops, page.index.author_links, page.index.author_hints);
  if (!name.empty()) return name;
  for (const std::string& line : page.lines) {
    name = FindBylineInText(line);
    if (!name.empty()) return name;
  }
  return "";
}

// A date from an element: its datetime/content attribute, else a date in its text.
std::optional<std::string> DateOfElement(const GumboNode* node, const DateContext& context) {
  for (const char* attr : {"datetime", "content"}) {
    const std::string_view value = Attribute(node, attr);
    if (!value.empty()) {
      if (std::optional<std::string> date = NormalizeDate(value, context)) return date;
    }
  }
  const std::string text = InlineText(node);
  if (text.size() > kMaxMetadataLineBytes) return std::nullopt;
  return FindDateInText(text, context);
}

bool ItempropIs(const GumboNode* node, std::string_view name) {
  return HasToken(node, "itemprop", name);
}

std::string ChoosePublished(const Page& page) {
  const DateContext& ctx = page.dates;
  if (page.json_ld && !page.json_ld->date_published.empty()) {
    if (auto date = NormalizeDate(page.json_ld->date_published, ctx)) return *date;
  }
  for (std::string_view key :
       {"article:published_time", "og:article:published_time", "datepublished", "pubdate",
        "publishdate", "publish_date", "publish-date", "article.published", "article_date_original",
        "sailthru.date", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.created",
        "parsely-pub-date", "og:published_time", "article:published", "date", "created"}) {
    for (std::string_view value : page.index.meta.All(key)) {
      if (auto date = NormalizeDate(value, ctx)) return *date;
    }
  }
  for (const GumboNode* node : page.index.itemprops) {
    if (Tag(node) != GUMBO_TAG_META && ItempropIs(node, "datePublished")) {
      if (auto date = DateOfElement(node, ctx)) return *date;
    }
  }
  // <time>: one marked as the publication time first, then the first one.
  for (const GumboNode* node : page.index.times) {
    if (FindAttribute(node, "pubdate") || ContainsIgnoreCase(ClassAndId(node), "publish")) {
      if (auto date = DateOfElement(node, ctx)) return *date;
    }
  }
  for (const GumboNode* node : page.index.times) {
    if (auto date = DateOfElement(node, ctx)) return *date;
  }
  // Elements whose class names a date, except modification dates and comments.
  for (const GumboNode* node : page.index.date_hints) {
    const std::string hints = ClassAndId(node);
    if (hints.find("modif") != std::string::npos || hints.find("update") != std::string::npos ||
        hints.find("comment") != std::string::npos) {
      continue;
    }
    if (auto date = DateOfElement(node, ctx)) return *date;
  }
  // Lines that say they hold the publication date, then the URL, then short lines with a date.
  for (const std::string& line : page.lines) {
    for (std::string_view word :
         {"发布", "发表", "posted", "published", "更新于", "日期", "时间"}) {
      if (ContainsIgnoreCase(line, word)) {
        if (auto date = FindDateInText(line, ctx)) return *date;
        break;
      }
    }
  }
  if (auto date = DateFromUrl(page.url)) return *date;
  for (const std::string& line : page.lines) {
    if (line.size() > 80) continue;
    if (auto date = FindDateInText(line, ctx)) return *date;
  }
  return "";
}

std::string ChooseModified(const Page& page) {
  const DateContext& ctx = page.dates;
  if (page.json_ld && !page.json_ld->date_modified.empty()) {
    if (auto date = NormalizeDate(page.json_ld->date_modified, ctx)) return *date;
  }
  for (std::string_view key : {"article:modified_time", "og:updated_time", "datemodified",
                               "last-modified", "dcterms.modified", "article:modified"}) {
    for (std::string_view value : page.index.meta.All(key)) {
      if (auto date = NormalizeDate(value, ctx)) return *date;
    }
  }
  for (const GumboNode* node : page.index.itemprops) {
    if (Tag(node) != GUMBO_TAG_META && ItempropIs(node, "dateModified")) {
      if (auto date = DateOfElement(node, ctx)) return *date;
    }
  }
  return "";
}

Counters ChooseCounters(const Page& page) {
  Counters counters;
  if (page.json_ld) counters = page.json_ld->counters;
  MergeCounters(FindCountersInElements(page.index.count_hints), &counters);
  for (const std::string& line : page.lines) {
    if (counters.views && counters.likes && counters.comments) break;
    MergeCounters(FindCountersInText(line), &counters);
  }
  return counters;
}

std::vector<std::string> ChooseTags(const Page& page) {
  std::vector<std::string> tags;
  std::unordered_set<std::string> seen;
  auto add = [&](std::string_view tag) {
    std::string clean = CollapseWhitespace(tag);
    if (clean.empty() || clean.size() > 100 || tags.size() >= kMaxTags) return;
    if (seen.insert(clean).second) tags.push_back(std::move(clean));
  };
  if (page.json_ld) {
    for (const std::string& k : page.json_ld->keywords) add(k);
  }
  for (std::string_view value : page.index.meta.All("article:tag")) add(value);
  for (const GumboNode* link : page.index.tag_links) add(InlineText(link));
  if (tags.empty()) {
    for (std::string_view key : {"keywords", "news_keywords"}) {
      for (const std::string& k : SplitList(page.index.meta.Get(key), {",", "，", ";", "、"})) {
        add(k);
      }
    }
  }
  return tags;
}

std::string ChooseTitleField(const Page& page, const Article& article) {
  const MetaTags& meta = page.index.meta;
  TitleSources sources;
  if (page.json_ld) sources.json_ld_headline = page.json_ld->headline;
  sources.og_title = meta.First({"og:title", "twitter:title"});
  sources.html_title = page.index.title;
  for (const GumboNode* h1 : page.index.h1s) {
    if (sources.h1s.size() >= 8) break;
    std::string text = InlineText(h1);
    if (!text.empty()) sources.h1s.push_back(std::move(text));
  }
  sources.site_name =
      meta.First({"og:site_name", "application-name", "apple-mobile-web-app-title"});
  if (sources.site_name.empty() && page.json_ld) sources.site_name = page.json_ld->publisher;
  sources.host = article.site;
  sources.author = article.author;
  sources.categories = article.tags;
  if (page.json_ld && !page.json_ld->section.empty()) {
    sources.categories.push_back(page.json_ld->section);
  }
  for (std::string_view section : meta.All("article:section")) {
    sources.categories.emplace_back(section);
  }
  return ChooseTitle(sources);
}

std::string ChooseLanguage(const Page& page, const Article& article) {
  std::string lang = LanguageFromTag(page.index.html_lang);
  if (lang.empty() && page.json_ld) lang = LanguageFromTag(page.json_ld->in_language);
  if (lang.empty()) {
    lang = LanguageFromTag(
        page.index.meta.First({"content-language", "og:locale", "dc.language", "language"}));
  }
  if (lang.empty()) lang = GuessLanguage(article.body.empty() ? article.title : article.body);
  return lang;
}

}  // namespace

Result<Article> Extract(const ExtractInput& input, const ExtractOptions& options) {
  const ContentType type = ParseContentType(input.content_type);
  if (Status status = CheckHtmlInput(type, input.body); !status.ok()) {
    return status.WithContext("extract " + std::string(input.url));
  }
  const DecodedHtml decoded = DecodeHtml(input.body, type.charset);
  const HtmlDocument doc = HtmlDocument::Parse(decoded.text());
  const PageIndex index = IndexPage(doc);
  const std::optional<JsonLdArticle> json_ld = ReadJsonLd(index.json_ld);
  const std::vector<std::string> lines = MetadataLines(doc);
  DateContext dates;
  dates.now = input.fetched_at;
  dates.default_offset_minutes = options.default_utc_offset_minutes;
  const Page page{index, json_ld, lines, input.url, dates};

  Article article;
  article.url = std::string(input.url);
  article.site = UrlHost(input.url);
  const std::string base = BaseUrl(input.url, index.base_href);
  article.canonical_url = CanonicalUrl(index.canonical_href, index.meta.Get("og:url"), base);
  if (options.collect_links) article.links = CollectLinks(index.anchors, base, options.max_links);

  MainContent content = FindMainContent(doc);
  article.body = DropCounterLines(content.text);
  article.author = ChooseAuthor(page);
  article.tags = ChooseTags(page);
  article.title = ChooseTitleField(page, article);
  article.published = ChoosePublished(page);
  article.modified = ChooseModified(page);
  article.counters = ChooseCounters(page);
  article.description =
      std::string(index.meta.First({"og:description", "description", "twitter:description"}));
  if (article.description.empty() && json_ld) article.description = json_ld->description;
  article.lang = ChooseLanguage(page, article);
  article.word_count = CountWords(article.body);
  return article;
}

}  // namespace strata::parser
