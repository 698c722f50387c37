// Applying a site profile to one page: which profile a page gets, and the field values its
// rules read. Internal to the parser (extract.cc is the caller).
//
// Choosing the profile, strongest evidence first (ties go to the profile whose name sorts
// first):
//   1. a host pattern equal to the page's host ("www.cnblogs.com");
//   2. a wildcard pattern ("*.cnblogs.com" matches any subdomain of cnblogs.com, not
//      cnblogs.com itself), the longest pattern first;
//   3. a `generators` entry that starts the page's <meta name="generator"> (any case):
//      WordPress, Ghost and Discourse sites live on every domain;
//   4. a `signatures` selector that matches an element of the page (one walk checks them all).
//
// Reading a field: the rules are tried in order; a rule's selector finds the first matching
// element (every one for tags and body), its value is the attribute named (or the element's
// visible text, whitespace collapsed), narrowed by the rule's regex (first capture group).
// Values are then read as the field needs: titles lose site decoration, authors their "By" /
// "作者：", dates are normalised (relative ones against the fetch time), counters parsed with
// units. A rule that yields nothing usable passes to the next rule, then to the cascade.
//
// Thread-safety: pure functions over immutable inputs.
#pragma once

#include <gumbo.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/article.h"
#include "config/site_profile.h"
#include "parser/date_parse.h"
#include "parser/html_document.h"
#include "parser/main_content.h"
#include "parser/meta_tags.h"
#include "parser/profile.h"
#include "parser/selector.h"

namespace re2 {
class RE2;
}

namespace strata::parser {

struct CompiledRule {
  Selector selector;
  std::string attribute;                  // "" = the element's text
  std::shared_ptr<const re2::RE2> regex;  // null = the value as is
  std::vector<Selector> exclude;          // body only
  std::string key;                        // "fields.title[0]"
};

struct CompiledProfile {
  CompiledProfile() = default;
  // `rules` points into the rule vectors: a copy would point into the original.
  CompiledProfile(const CompiledProfile&) = delete;
  CompiledProfile& operator=(const CompiledProfile&) = delete;

  config::SiteProfile profile;  // as loaded: name, hosts, generators, offsets, site names
  std::vector<Selector> signatures;
  std::vector<CompiledRule> title, author, published, modified, body, views, likes, comments, tags;
  // Every rule above, how many elements each may collect, and their selectors as one set, so
  // that one walk over a page finds what every rule matches (IndexRules fills these).
  std::vector<const CompiledRule*> rules;
  std::vector<size_t> rule_limits;
  std::shared_ptr<const SelectorSet> rule_set;
};

// Fills the rule index of a profile whose rules are final (SiteProfiles::Compile calls it).
void IndexRules(CompiledProfile* profile);

// The profile for a page at `host` (lower case, "" when unknown), or null. `meta` gives the
// generator; `doc` is searched for signatures only when nothing else selected a profile.
const CompiledProfile* SelectProfile(const SiteProfiles& profiles, std::string_view host,
                                     const MetaTags& meta, const HtmlDocument& doc);

// The values a rule reads from the page: one per matching element, at most `limit` (0 = all),
// each after the rule's attribute and regex, whitespace collapsed, empty ones dropped.
std::vector<std::string> RuleValues(const CompiledRule& rule, const HtmlDocument& doc,
                                    size_t limit);

// What a profile found on a page; unset fields are left to the cascade.
struct ProfileFields {
  std::optional<std::string> title;      // raw: decoration is removed with the page's hints
  std::optional<std::string> author;     // cleaned name
  std::optional<std::string> published;  // ISO 8601
  std::optional<std::string> modified;   // ISO 8601
  Counters counters;
  std::vector<std::string> tags;
  std::optional<MainContent> body;  // the containers the body rules chose, and their text
};

// Reads every field the profile describes. `dates` resolves relative dates and zones.
ProfileFields ReadProfileFields(const CompiledProfile& profile, const HtmlDocument& doc,
                                const DateContext& dates);

}  // namespace strata::parser
