#include "config/site_profile_listing.h"

#include <algorithm>

#include "config/site_profile_listing_reader.h"

namespace strata::config {
namespace {

bool IsPlaceholderName(std::string_view name) {
  if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

std::string Trim(std::string s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.erase(0, 1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
  return s;
}

// Fails `key` of `reader` when `text` uses a placeholder outside `available`.
void CheckTemplate(TableReader& reader, std::string_view key, const std::string& text,
                   const std::vector<std::string>& available) {
  for (const std::string& name : TemplatePlaceholders(text)) {
    if (std::find(available.begin(), available.end(), name) != available.end()) continue;
    std::string list;
    for (const std::string& a : available) list += (list.empty() ? "" : ", ") + a;
    reader.Fail(key, "unknown placeholder {" + name +
                         "} (available: " + (list.empty() ? "none" : list) + ")");
    return;
  }
}

// The request table `key` of `reader`, with its placeholders checked against `available`.
ApiRequest ReadRequest(TableReader& reader, std::string_view key, const std::string& source,
                       const std::vector<std::string>& available) {
  TableReader table = reader.Table(key);
  ApiRequest request = ReadApiRequest(table);
  request.source = source;
  CheckTemplate(table, "url", request.url, available);
  const char* body_key = request.body_kind == BodyKind::kJson   ? "json"
                         : request.body_kind == BodyKind::kForm ? "form"
                                                                : "body";
  CheckTemplate(table, body_key, request.body, available);
  for (size_t i = 0; i < request.headers.size(); ++i) {
    CheckTemplate(table, "headers[" + std::to_string(i) + "]", request.headers[i].second,
                  available);
  }
  return request;
}

void ReadPaging(TableReader paging, ListingRule* rule) {
  std::string kind = "none";
  paging.String("kind", &kind);
  if (kind == "page") {
    rule->paging = PagingKind::kPage;
  } else if (kind == "offset") {
    rule->paging = PagingKind::kOffset;
  } else if (kind == "cursor") {
    rule->paging = PagingKind::kCursor;
  } else if (kind == "none") {
    rule->paging = PagingKind::kNone;
  } else {
    paging.Fail("kind", "must be \"page\", \"offset\", \"cursor\" or \"none\"");
  }
  paging.Int("first_page", int64_t{0}, int64_t{1'000'000}, &rule->first_page);
  paging.Int("first_offset", int64_t{0}, int64_t{1'000'000'000}, &rule->first_offset);
  paging.String("first_cursor", &rule->first_cursor);
  paging.Int("size", int64_t{1}, int64_t{1000}, &rule->page_size);
  paging.String("has_more", &rule->has_more);
  paging.String("next_cursor", &rule->next_cursor);
  paging.String("total", &rule->total);
  if (rule->paging == PagingKind::kCursor && rule->next_cursor.empty()) {
    paging.Fail("next_cursor", "required with kind = \"cursor\": the JSON path of the next cursor");
  }
  if (rule->paging != PagingKind::kCursor && paging.Has("next_cursor")) {
    paging.Fail("next_cursor", "only for kind = \"cursor\"");
  }
  paging.RejectUnknownKeys();
}

void ReadItemPaths(TableReader items, ListingRule* rule) {
  items.String("path", &rule->items_path);
  items.String("url", &rule->item.url);
  items.String("id", &rule->item.id);
  items.String("title", &rule->item.title);
  items.String("published", &rule->item.published);
  items.String("modified", &rule->item.modified);
  items.String("views", &rule->item.views);
  items.RejectUnknownKeys();
}

ListingRule ReadRule(TableReader reader, const toml::table& table, const std::string& key,
                     const std::string& source) {
  ListingRule rule;
  rule.key = key;
  rule.source = source;

  reader.String("match", &rule.match);
  if (rule.match.empty()) {
    reader.Fail("match",
                "required: a regular expression for the author pages the listing applies to");
  } else if (Result<UrlPattern> pattern = UrlPattern::Compile(rule.match); !pattern.ok()) {
    reader.Fail("match", pattern.status().message());
  } else {
    rule.captures = pattern->names();
  }

  // Which kind: [listing.api] makes an API listing, feed_url a feed, anything else HTML.
  const bool is_api = table.contains("api");
  const bool is_feed = table.contains("feed_url");
  const toml::node* items = table.get("items");
  rule.kind = is_api ? ListingKind::kApi : is_feed ? ListingKind::kFeed : ListingKind::kHtml;
  if (is_api && is_feed) reader.Fail("feed_url", "a listing is an API ([listing.api]) or a feed");
  for (std::string_view html_key : {"next", "page_url", "page_step"}) {
    if (rule.kind != ListingKind::kHtml && reader.Has(html_key)) {
      reader.Fail(html_key, "only for HTML listings (not with [listing.api] or feed_url)");
    }
  }
  if (rule.kind == ListingKind::kHtml) {
    reader.String("items", &rule.items);
    reader.String("next", &rule.next);
    reader.String("page_url", &rule.page_url);
    reader.Int("first_page", int64_t{0}, int64_t{1'000'000}, &rule.first_page);
    reader.Int("page_step", int64_t{1}, int64_t{1000}, &rule.page_step);
    if (items != nullptr && !items->is_string()) {
      reader.Fail("items", "must be a CSS selector (a [listing.items] table needs [listing.api])");
    }
    if (rule.items.empty() && rule.next.empty() && rule.page_url.empty()) {
      reader.Fail("items",
                  "give items, next or page_url (an HTML listing), [listing.api] (a JSON API) or "
                  "feed_url (a feed)");
    }
    const std::vector<std::string> page_names = TemplatePlaceholders(rule.page_url);
    if (!rule.page_url.empty() &&
        std::find(page_names.begin(), page_names.end(), "page") == page_names.end()) {
      reader.Fail("page_url", "must hold {page}");
    }
  } else if (rule.kind == ListingKind::kFeed) {
    reader.String("feed_url", &rule.feed_url);
    if (reader.Has("items")) reader.Fail("items", "not for feeds: a feed lists its own items");
  } else {
    if (items == nullptr || !items->is_table()) {
      reader.Fail("items", "required with [listing.api]: a [listing.items] table of JSON paths");
    } else {
      ReadItemPaths(reader.Table("items"), &rule);
    }
    ReadPaging(reader.Table("paging"), &rule);
    if (rule.item.url.empty() && rule.item.id.empty()) {
      reader.Fail("items", "give url (the post's URL) or id (with listing.post_url)");
    }
  }
  reader.String("post_url", &rule.post_url);
  reader.String("url_filter", &rule.url_filter);
  if (!rule.url_filter.empty()) {
    if (Result<UrlPattern> filter = UrlPattern::Compile(rule.url_filter); !filter.ok()) {
      reader.Fail("url_filter", filter.status().message());
    }
  }
  reader.Int("max_items", int64_t{0}, int64_t{1'000'000'000}, &rule.max_items);
  reader.Int("max_pages", int64_t{0}, int64_t{1'000'000}, &rule.max_pages);
  if (rule.kind == ListingKind::kApi && rule.item.url.empty() && !rule.item.id.empty() &&
      rule.post_url.empty()) {
    reader.Fail("post_url", "required when the items give an id and no url");
  }

  // [listing.lookup]: one request first, its answer gives more placeholders.
  if (reader.Has("lookup")) {
    TableReader lookup = reader.Table("lookup");
    rule.has_lookup = true;
    rule.lookup.request = ReadRequest(lookup, "api", source, rule.captures);
    std::vector<std::string> lines;
    lookup.StringList("values", &lines);
    for (size_t i = 0; i < lines.size(); ++i) {
      const size_t eq = lines[i].find('=');
      std::string name = Trim(eq == std::string::npos ? "" : lines[i].substr(0, eq));
      std::string path = Trim(eq == std::string::npos ? "" : lines[i].substr(eq + 1));
      if (!IsPlaceholderName(name) || path.empty()) {
        lookup.Fail("values[" + std::to_string(i) + "]",
                    "'" + lines[i] + "' is not \"name = json.path\"");
        continue;
      }
      rule.lookup.values.emplace_back(std::move(name), std::move(path));
    }
    if (rule.lookup.values.empty()) {
      lookup.Fail("values", "required: the placeholders the lookup's answer gives");
    }
    if (!lookup.Has("api")) lookup.Fail("api", "required: the [listing.lookup.api] request");
    lookup.RejectUnknownKeys();
  }

  // Placeholders, now that every name is known.
  const std::vector<std::string> available = rule.ListingPlaceholders();
  if (rule.kind == ListingKind::kApi) {
    rule.api = ReadRequest(reader, "api", source, available);
  }
  CheckTemplate(reader, "page_url", rule.page_url, available);
  std::vector<std::string> for_feed = rule.captures;
  for (const auto& [name, path] : rule.lookup.values) for_feed.push_back(name);
  CheckTemplate(reader, "feed_url", rule.feed_url, for_feed);
  std::vector<std::string> for_post = for_feed;
  for_post.push_back("id");
  CheckTemplate(reader, "post_url", rule.post_url, for_post);
  reader.RejectUnknownKeys();
  return rule;
}

}  // namespace

std::string_view ListingKindName(ListingKind kind) {
  switch (kind) {
    case ListingKind::kHtml:
      return "html";
    case ListingKind::kApi:
      return "api";
    case ListingKind::kFeed:
      return "feed";
  }
  return "?";
}

std::string_view PagingKindName(PagingKind kind) {
  switch (kind) {
    case PagingKind::kNone:
      return "none";
    case PagingKind::kPage:
      return "page";
    case PagingKind::kOffset:
      return "offset";
    case PagingKind::kCursor:
      return "cursor";
  }
  return "?";
}

std::vector<std::string> ListingRule::ListingPlaceholders() const {
  std::vector<std::string> names = captures;
  for (const auto& [name, path] : lookup.values) names.push_back(name);
  for (const char* paging_name : {"page", "offset", "cursor", "size"}) {
    names.emplace_back(paging_name);
  }
  return names;
}

std::vector<ListingRule> ReadListingSection(TableReader& root, const toml::node* node,
                                            const std::string& source) {
  std::vector<ListingRule> rules;
  if (node == nullptr) return rules;
  if (const toml::array* array = node->as_array();
      array != nullptr && array->is_array_of_tables()) {
    std::vector<TableReader> tables = root.Tables("listing");
    for (size_t i = 0; i < tables.size(); ++i) {
      rules.push_back(ReadRule(tables[i], *array->get(i)->as_table(),
                               "listing[" + std::to_string(i) + "]", source));
    }
    if (array->empty()) root.Fail("listing", "must not be empty");
  } else if (const toml::table* table = node->as_table()) {
    rules.push_back(ReadRule(root.Table("listing"), *table, "listing", source));
  } else {
    root.Table("listing");  // reports "listing: must be a table"
  }
  return rules;
}

}  // namespace strata::config
