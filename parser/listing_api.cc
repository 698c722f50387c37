#include "parser/listing_api.h"

#include <nlohmann/json.hpp>

#include "common/url.h"
#include "parser/date_parse.h"

namespace strata::parser {
namespace {

using Json = nlohmann::json;

Result<Json> ParseJson(std::string_view body, std::string_view what) {
  Json doc = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    std::string start(body.substr(0, 60));
    for (char& c : start) {
      if (c == '\n' || c == '\r') c = ' ';
    }
    return Status::Corruption(std::string(what) + " is not JSON (it starts: " + start + ")");
  }
  return doc;
}

std::string ScalarAt(const std::optional<JsonPath>& path, const Json& item) {
  if (!path) return "";
  const Json* value = path->Find(item);
  if (value == nullptr) return "";
  return JsonScalarText(*value).value_or("");
}

std::string DateAt(const std::optional<JsonPath>& path, const Json& item,
                   const DateContext& context) {
  const std::string text = ScalarAt(path, item);
  if (text.empty()) return "";
  return NormalizeDate(text, context).value_or("");
}

}  // namespace

Result<ApiListingPage> ParseApiListing(std::string_view body, const CompiledListingRule& rule,
                                       const config::TemplateValues& values,
                                       std::string_view request_url) {
  STRATA_ASSIGN_OR_RETURN(Json doc, ParseJson(body, "the listing's answer"));
  STRATA_ASSIGN_OR_RETURN(const Json* items, rule.items_path.Select(doc));
  if (!items->is_array()) {
    return Status::NotFound(
        (rule.items_path.text().empty() ? std::string("the answer") : rule.items_path.text()) +
        " is " + std::string(JsonTypeName(*items)) + ", not an array of items");
  }
  ApiListingPage page;
  DateContext dates;
  dates.default_offset_minutes = rule.utc_offset_minutes;
  for (const Json& item : *items) {
    ++page.raw_items;
    ListedPost post;
    post.id = ScalarAt(rule.item_id, item);
    std::string url = ScalarAt(rule.item_url, item);
    if (url.empty() && !post.id.empty() && !rule.rule.post_url.empty()) {
      config::TemplateValues with_id = values;
      with_id.insert_or_assign("id", post.id);
      Result<std::string> expanded = config::ExpandTemplate(rule.rule.post_url, with_id,
                                                            config::TemplateEscape::kUrlComponent);
      if (!expanded.ok()) {
        if (page.problem.empty()) page.problem = "post_url: " + expanded.status().message();
        continue;
      }
      url = std::move(*expanded);
    }
    std::optional<std::string> absolute = url.empty() ? std::nullopt : ResolveUrl(request_url, url);
    std::optional<std::string> normal =
        absolute && IsHttpUrl(*absolute) ? NormalizeUrl(*absolute) : std::nullopt;
    if (!normal) {
      if (page.problem.empty()) {
        page.problem = "item " + std::to_string(page.raw_items) + " has no usable URL" +
                       (url.empty() ? std::string() : " ('" + url + "')");
      }
      continue;
    }
    if (rule.url_filter && !rule.url_filter->Match(*normal)) continue;
    post.url = std::move(*normal);
    post.title = ScalarAt(rule.item_title, item);
    post.published = DateAt(rule.item_published, item, dates);
    post.modified = DateAt(rule.item_modified, item, dates);
    if (rule.item_views) {
      if (const Json* views = rule.item_views->Find(item)) post.views = JsonInteger(*views);
    }
    page.items.push_back(std::move(post));
  }
  if (rule.has_more) {
    if (const Json* flag = rule.has_more->Find(doc)) page.has_more = JsonBool(*flag);
  }
  if (rule.next_cursor) {
    if (const Json* cursor = rule.next_cursor->Find(doc)) {
      if (std::optional<std::string> text = JsonScalarText(*cursor)) page.next_cursor = *text;
    }
  }
  if (rule.total) {
    if (const Json* total = rule.total->Find(doc)) page.total = JsonInteger(*total);
  }
  return page;
}

Result<config::TemplateValues> ParseListingLookup(std::string_view body,
                                                  const CompiledListingRule& rule) {
  STRATA_ASSIGN_OR_RETURN(Json doc, ParseJson(body, "the lookup's answer"));
  config::TemplateValues values;
  for (const auto& [name, path] : rule.lookup_values) {
    STRATA_ASSIGN_OR_RETURN(const Json* value, path.Select(doc));
    std::optional<std::string> text = JsonScalarText(*value);
    if (!text || text->empty()) {
      return Status::NotFound(path.text() + " is " + std::string(JsonTypeName(*value)) +
                              ", not a value for {" + name + "}");
    }
    values.emplace(name, std::move(*text));
  }
  return values;
}

}  // namespace strata::parser
