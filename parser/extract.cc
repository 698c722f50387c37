#include "parser/extract.h"

#include <initializer_list>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "common/url.h"
#include "parser/author.h"
#include "parser/body_filter.h"
#include "parser/charset.h"
#include "parser/content_hints.h"
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
#include "parser/profile.h"
#include "parser/profile_apply.h"
#include "parser/sanitize_raw_text.h"
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

// The twitter:dataN whose twitter:labelN is one of `labels` (any case), or "".
std::string_view TwitterLabeledData(const MetaTags& meta,
                                    std::initializer_list<std::string_view> labels) {
  for (char n = '1'; n <= '4'; ++n) {
    const std::string suffix(1, n);
    const std::string_view label = meta.Get("twitter:label" + suffix);
    for (std::string_view wanted : labels) {
      if (EqualsIgnoreCase(TrimSpace(label), wanted)) return meta.Get("twitter:data" + suffix);
    }
  }
  return {};
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
  // Microdata next, outside comments and sidebars (their posts carry itemprop=author too).
  std::vector<const GumboNode*> itemprops;
  for (const GumboNode* node : page.index.itemprops) {
    if (!InOffContentBlock(node)) itemprops.push_back(node);
  }
  std::string name = AuthorFromElements(itemprops, {}, {});
  if (!name.empty()) return name;
  const MetaTags& meta = page.index.meta;
  for (std::string_view key :
       {"author", "article:author", "og:article:author", "parsely-author", "sailthru.author",
        "dc.creator", "dcterms.creator", "citation_author", "byl"}) {
    for (std::string_view value : meta.All(key)) {
      if (IsUrlLike(value)) continue;  // article:author is often a profile URL
      name = key == "byl" ? CleanByline(value) : TidyDeclaredAuthor(value);
      if (!name.empty()) return name;
    }
  }
  // Twitter's label/data pairs: twitter:label1 = "Written by", twitter:data1 = "Jane Doe"
  // (Yoast on WordPress, Medium).
  name = TidyDeclaredAuthor(TwitterLabeledData(meta, {"written by", "author", "作者"}));
  if (!name.empty() && !IsUrlLike(name)) return name;
  name = AuthorFromElements({}, page.index.author_links, page.index.author_hints);
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

// Meta keys that name the publication date, most specific first.
constexpr std::string_view kPublishedMetaKeys[] = {"article:published_time",
                                                   "og:article:published_time",
                                                   "datepublished",
                                                   "pubdate",
                                                   "publishdate",
                                                   "publish_date",
                                                   "publish-date",
                                                   "article.published",
                                                   "article_date_original",
                                                   "sailthru.date",
                                                   "parsely-pub-date",
                                                   "dc.date.issued",
                                                   "dcterms.issued",
                                                   "dc.date",
                                                   "dcterms.created",
                                                   "dc.date.created",
                                                   "citation_publication_date",
                                                   "citation_date",
                                                   "og:published_time",
                                                   "article:published",
                                                   "og:release_date",
                                                   "weibo:article:create_at",
                                                   "bytedance:published_time",
                                                   "date",
                                                   "created"};

// Dates the visible page shows in dated elements and labelled lines, read with `ctx`.
std::optional<std::string> DateInVisibleElements(const Page& page, const DateContext& ctx) {
  // <time>: one marked as the publication time first, then the first one.
  for (const GumboNode* node : page.index.times) {
    if (FindAttribute(node, "pubdate") || ContainsIgnoreCase(ClassAndId(node), "publish")) {
      if (auto date = DateOfElement(node, ctx)) return date;
    }
  }
  for (const GumboNode* node : page.index.times) {
    if (auto date = DateOfElement(node, ctx)) return date;
  }
  // Elements whose class names a date, except modification dates and comments.
  for (const GumboNode* node : page.index.date_hints) {
    const std::string hints = ClassAndId(node);
    if (hints.find("modif") != std::string::npos || hints.find("update") != std::string::npos ||
        hints.find("comment") != std::string::npos) {
      continue;
    }
    if (auto date = DateOfElement(node, ctx)) return date;
  }
  // Lines that say they hold the publication date.
  for (const std::string& line : page.lines) {
    for (std::string_view word :
         {"发布", "发表", "posted", "published", "更新于", "日期", "时间"}) {
      if (ContainsIgnoreCase(line, word)) {
        if (auto date = FindDateInText(line, ctx)) return date;
        break;
      }
    }
  }
  return std::nullopt;
}

std::string ChoosePublished(const Page& page) {
  const DateContext& ctx = page.dates;
  if (page.json_ld && !page.json_ld->date_published.empty()) {
    if (auto date = NormalizeDate(page.json_ld->date_published, ctx)) return *date;
  }
  for (std::string_view key : kPublishedMetaKeys) {
    for (std::string_view value : page.index.meta.All(key)) {
      if (auto date = NormalizeDate(value, ctx)) return *date;
    }
  }
  for (const GumboNode* node : page.index.itemprops) {
    if (Tag(node) != GUMBO_TAG_META && ItempropIs(node, "datePublished")) {
      if (auto date = DateOfElement(node, ctx)) return *date;
    }
  }
  // Absolute dates first: a relative "3 天前" or a yearless "2月14日" is less precise than a
  // date in a script variable or the URL, and may belong to a comment.
  DateContext absolute = ctx;
  absolute.now = 0;
  if (auto date = DateInVisibleElements(page, absolute)) return *date;
  for (std::string_view script : page.index.scripts) {
    if (auto date = FindDateInScript(script, ScriptDateKind::kPublished, ctx)) return *date;
  }
  if (auto date = DateFromUrl(page.url)) return *date;
  for (const std::string& line : page.lines) {
    if (line.size() > 80) continue;
    if (auto date = FindDateInText(line, absolute)) return *date;
  }
  // Then relative and yearless dates, resolved against the fetch time.
  if (ctx.now > 0) {
    if (auto date = DateInVisibleElements(page, ctx)) return *date;
    for (const std::string& line : page.lines) {
      if (line.size() > 80) continue;
      if (auto date = FindDateInText(line, ctx)) return *date;
    }
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
  for (std::string_view script : page.index.scripts) {
    if (auto date = FindDateInScript(script, ScriptDateKind::kModified, ctx)) return *date;
  }
  return "";
}

Counters ChooseCounters(const Page& page) {
  Counters counters;
  if (page.json_ld) counters = page.json_ld->counters;
  MergeCounters(FindCountersInMicrodata(page.index.itemprops), &counters);
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
    for (std::string_view key : {"keywords", "news_keywords", "parsely-tags", "sailthru.tags"}) {
      for (const std::string& k : SplitList(page.index.meta.Get(key), {",", "，", ";", "、"})) {
        add(k);
      }
    }
  }
  return tags;
}

// itemprop="headline": a visible element's text, else a <meta itemprop> content.
std::string MicrodataHeadline(const Page& page) {
  for (const GumboNode* node : page.index.itemprops) {
    if (Tag(node) != GUMBO_TAG_META && ItempropIs(node, "headline") && !InOffContentBlock(node)) {
      std::string text = InlineText(node);
      if (!text.empty() && text.size() <= 1000) return text;
    }
  }
  return std::string(page.index.meta.Get("headline"));
}

// `profile_title`: what the page's site profile found, if anything; it wins over the cascade
// and loses its decoration the same way.
std::string ChooseTitleField(const Page& page, const Article& article,
                             const CompiledProfile* profile,
                             const std::optional<std::string>& profile_title) {
  const MetaTags& meta = page.index.meta;
  TitleSources sources;
  if (page.json_ld) sources.json_ld_headline = page.json_ld->headline;
  const std::string microdata_headline = MicrodataHeadline(page);
  sources.microdata_headline = microdata_headline;
  sources.og_title = meta.First({"og:title", "twitter:title", "parsely-title", "sailthru.title",
                                 "dc.title", "dcterms.title", "citation_title"});
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
  if (profile != nullptr) sources.extra_site_names = profile->profile.site_names;
  if (profile_title) {
    std::string title = StripSiteDecoration(*profile_title, sources);
    if (!title.empty()) return title;
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
  // Gumbo never sees the bodies of inline scripts, styles and svgs (parser/sanitize_raw_text.h:
  // about half of a page's bytes); the scripts' text is handed to the index for the date search.
  std::string blanked_storage;
  const BlankedHtml blanked = BlankScriptsAndStyles(decoded.text(), &blanked_storage);
  const HtmlDocument doc = HtmlDocument::Parse(blanked.html);
  PageIndex index = IndexPage(doc);
  for (std::string_view script : blanked.scripts) {
    if (index.scripts.size() >= kMaxScripts) break;
    index.scripts.push_back(script);
  }
  const std::optional<JsonLdArticle> json_ld = ReadJsonLd(index.json_ld);
  const std::vector<std::string> lines = MetadataLines(doc);
  Article article;
  article.url = std::string(input.url);
  article.site = UrlHost(input.url);
  const CompiledProfile* profile =
      options.site_profiles == nullptr
          ? nullptr
          : SelectProfile(*options.site_profiles, article.site, index.meta, doc);
  DateContext dates;
  dates.now = input.fetched_at;
  dates.default_offset_minutes = options.default_utc_offset_minutes;
  if (!dates.default_offset_minutes && profile != nullptr) {
    dates.default_offset_minutes = profile->profile.utc_offset_minutes;
  }
  const Page page{index, json_ld, lines, input.url, dates};
  // The profile's fields override the cascade's one by one; what it does not find, the cascade
  // does.
  ProfileFields found;
  if (profile != nullptr) found = ReadProfileFields(*profile, doc, dates);

  const std::string base = BaseUrl(input.url, index.base_href);
  article.canonical_url = CanonicalUrl(index.canonical_href, index.meta.Get("og:url"), base);
  if (options.collect_links) article.links = CollectLinks(index.anchors, base, options.max_links);

  // Body (parser/main_content.h): text, and the same selection as sanitized HTML and Markdown.
  BodyOptions body_options;
  body_options.base_url = base;
  body_options.markdown = options.markdown;
  MainContent content = found.body ? std::move(*found.body) : FindMainContent(doc, body_options);
  RenderHtmlAndMarkdown(body_options, &content);  // a profile's body comes as text only
  article.body = DropCounterLines(content.text);
  article.body_html = std::move(content.html);
  article.body_markdown = std::move(content.markdown);
  article.author = found.author ? *found.author : ChooseAuthor(page);
  article.tags = !found.tags.empty() ? std::move(found.tags) : ChooseTags(page);
  article.title = ChooseTitleField(page, article, profile, found.title);
  article.published = found.published ? *found.published : ChoosePublished(page);
  article.modified = found.modified ? *found.modified : ChooseModified(page);
  article.counters = found.counters;
  if (!article.counters.views || !article.counters.likes || !article.counters.comments) {
    MergeCounters(ChooseCounters(page), &article.counters);
  }
  article.description =
      std::string(index.meta.First({"og:description", "description", "twitter:description"}));
  if (article.description.empty() && json_ld) article.description = json_ld->description;
  article.lang = ChooseLanguage(page, article);
  article.word_count = CountWords(article.body);
  return article;
}

}  // namespace strata::parser
