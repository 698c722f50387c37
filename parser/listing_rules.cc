#include "parser/listing_rules.h"

#include <algorithm>

#include "common/url.h"

namespace strata::parser {
namespace {

std::string KeyPrefix(const config::ListingRule& rule) { return rule.source + ": " + rule.key; }

Status CompileSelector(const config::ListingRule& rule, std::string_view key,
                       const std::string& text, std::optional<Selector>* out) {
  if (text.empty()) return Status::Ok();
  Result<Selector> selector = Selector::Parse(text);
  if (!selector.ok()) {
    return Status::InvalidArgument(KeyPrefix(rule) + "." + std::string(key) + ": " +
                                   selector.status().message());
  }
  *out = std::move(*selector);
  return Status::Ok();
}

Status CompilePath(const config::ListingRule& rule, std::string_view key, const std::string& text,
                   std::optional<JsonPath>* out) {
  if (text.empty()) return Status::Ok();
  Result<JsonPath> path = JsonPath::Parse(text);
  if (!path.ok()) {
    return Status::InvalidArgument(KeyPrefix(rule) + "." + std::string(key) + ": " +
                                   path.status().message());
  }
  *out = std::move(*path);
  return Status::Ok();
}

Result<std::shared_ptr<const CompiledListingRule>> CompileRule(const config::SiteProfile& profile,
                                                               const config::ListingRule& rule) {
  auto compiled = std::make_shared<CompiledListingRule>();
  compiled->rule = rule;
  compiled->profile = profile.name;
  compiled->utc_offset_minutes = profile.utc_offset_minutes;
  Result<config::UrlPattern> match = config::UrlPattern::Compile(rule.match);
  if (!match.ok()) return match.status().WithContext(KeyPrefix(rule) + ".match");
  compiled->match = std::move(*match);
  if (!rule.url_filter.empty()) {
    Result<config::UrlPattern> filter = config::UrlPattern::Compile(rule.url_filter);
    if (!filter.ok()) return filter.status().WithContext(KeyPrefix(rule) + ".url_filter");
    compiled->url_filter = std::move(*filter);
  }
  STRATA_RETURN_IF_ERROR(CompileSelector(rule, "items", rule.items, &compiled->items));
  STRATA_RETURN_IF_ERROR(CompileSelector(rule, "next", rule.next, &compiled->next));
  std::optional<JsonPath> items_path;
  STRATA_RETURN_IF_ERROR(CompilePath(rule, "items.path", rule.items_path, &items_path));
  if (items_path) compiled->items_path = std::move(*items_path);
  STRATA_RETURN_IF_ERROR(CompilePath(rule, "items.url", rule.item.url, &compiled->item_url));
  STRATA_RETURN_IF_ERROR(CompilePath(rule, "items.id", rule.item.id, &compiled->item_id));
  STRATA_RETURN_IF_ERROR(CompilePath(rule, "items.title", rule.item.title, &compiled->item_title));
  STRATA_RETURN_IF_ERROR(
      CompilePath(rule, "items.published", rule.item.published, &compiled->item_published));
  STRATA_RETURN_IF_ERROR(
      CompilePath(rule, "items.modified", rule.item.modified, &compiled->item_modified));
  STRATA_RETURN_IF_ERROR(CompilePath(rule, "items.views", rule.item.views, &compiled->item_views));
  STRATA_RETURN_IF_ERROR(CompilePath(rule, "paging.has_more", rule.has_more, &compiled->has_more));
  STRATA_RETURN_IF_ERROR(
      CompilePath(rule, "paging.next_cursor", rule.next_cursor, &compiled->next_cursor));
  STRATA_RETURN_IF_ERROR(CompilePath(rule, "paging.total", rule.total, &compiled->total));
  for (size_t i = 0; i < rule.lookup.values.size(); ++i) {
    std::optional<JsonPath> path;
    STRATA_RETURN_IF_ERROR(CompilePath(rule, "lookup.values[" + std::to_string(i) + "]",
                                       rule.lookup.values[i].second, &path));
    compiled->lookup_values.emplace_back(rule.lookup.values[i].first, std::move(*path));
  }
  return std::shared_ptr<const CompiledListingRule>(std::move(compiled));
}

}  // namespace

Result<ListingRules> ListingRules::Compile(const std::vector<config::SiteProfile>& profiles) {
  ListingRules rules;
  for (const config::SiteProfile& profile : profiles) {
    for (const config::ListingRule& rule : profile.listing) {
      STRATA_ASSIGN_OR_RETURN(std::shared_ptr<const CompiledListingRule> compiled,
                              CompileRule(profile, rule));
      rules.rules_.push_back(std::move(compiled));
    }
    for (const std::string& host : profile.hosts) rules.hosts_.push_back({host, profile.name});
  }
  return rules;
}

std::optional<ListingMatch> ListingRules::Find(std::string_view profile,
                                               std::string_view url) const {
  for (const auto& rule : rules_) {
    if (rule->profile != profile) continue;
    std::optional<config::TemplateValues> captures = rule->match.Match(url);
    if (captures) return ListingMatch{rule.get(), std::move(*captures)};
  }
  return std::nullopt;
}

std::string ListingRules::ProfileForHost(std::string_view url) const {
  const std::string host = UrlHost(url);
  if (host.empty()) return "";
  for (const HostEntry& entry : hosts_) {
    if (entry.pattern == host) return entry.profile;
  }
  const HostEntry* best = nullptr;
  for (const HostEntry& entry : hosts_) {
    if (!entry.pattern.starts_with("*.")) continue;
    const std::string_view suffix = std::string_view(entry.pattern).substr(1);  // ".cnblogs.com"
    if (host.size() > suffix.size() && host.ends_with(suffix) &&
        (best == nullptr || entry.pattern.size() > best->pattern.size())) {
      best = &entry;
    }
  }
  return best == nullptr ? "" : best->profile;
}

}  // namespace strata::parser
