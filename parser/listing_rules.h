// ListingRules: the [listing] sections of the site profiles (config/site_profile_listing.h),
// compiled once: CSS selectors parsed, JSON paths parsed, URL patterns compiled. Bad ones are
// reported with the profile's "file: key: message" errors. Then, for an author URL, the rule
// that applies and the values its `match` captures.
//
// Which profile an author URL gets: by host (the profile's `hosts`) without fetching anything;
// for platforms that live on every domain (WordPress, Ghost: `generators`, `signatures`), by
// the author page once fetched (ProfileForPage in parser/listing_html.h).
//
// Thread-safety: immutable after Compile; share freely.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"
#include "config/api_request.h"
#include "config/site_profile.h"
#include "parser/json_path.h"
#include "parser/selector.h"

namespace strata::parser {

struct CompiledListingRule {
  config::ListingRule rule;               // as loaded (templates, kinds, numbers)
  std::string profile;                    // the profile's name
  std::optional<int> utc_offset_minutes;  // the profile's zone, for dates in listings
  config::UrlPattern match;
  std::optional<config::UrlPattern> url_filter;
  std::optional<Selector> items;  // html
  std::optional<Selector> next;   // html
  // api: every path is optional except items_path (the root when the rule gives none).
  JsonPath items_path;
  std::optional<JsonPath> item_url, item_id, item_title, item_published, item_modified, item_views;
  std::optional<JsonPath> has_more, next_cursor, total;
  std::vector<std::pair<std::string, JsonPath>> lookup_values;  // name, path
};

// A rule that applies to an author URL, and the values its pattern captured.
struct ListingMatch {
  const CompiledListingRule* rule = nullptr;
  config::TemplateValues captures;
};

class ListingRules {
 public:
  ListingRules() = default;  // no rules: every author goes to the generic fallbacks

  // Compiles the listing rules of `profiles`. Fails with InvalidArgument on the first bad
  // selector or JSON path: "config/sites/x.toml (built in): listing.items: bad selector ...".
  static Result<ListingRules> Compile(const std::vector<config::SiteProfile>& profiles);

  // The first rule of profile `profile` whose `match` matches `url`; nullopt when none does.
  std::optional<ListingMatch> Find(std::string_view profile, std::string_view url) const;

  // The name of the profile whose `hosts` select `url`'s host (exact first, then the longest
  // wildcard), or "" when none: the profile an author URL gets before any page is fetched.
  std::string ProfileForHost(std::string_view url) const;

  // The number of rules over all profiles.
  size_t size() const { return rules_.size(); }

 private:
  struct HostEntry {
    std::string pattern;  // "www.cnblogs.com" or "*.cnblogs.com"
    std::string profile;
  };
  std::vector<std::shared_ptr<const CompiledListingRule>> rules_;  // profile order, rule order
  std::vector<HostEntry> hosts_;
};

}  // namespace strata::parser
