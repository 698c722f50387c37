// Site profiles: what strata knows about one site's (or one platform's) markup, as data. One
// TOML file per site (config/sites/<name>.toml, format in docs/site-profiles.md): which pages
// the profile applies to (hosts, generator meta, markup signatures) and, per article field, a
// CSS selector with an optional attribute and regular expression. Adding a site is adding a
// file; no code changes.
//
// This module loads and validates the files' structure (keys, types, hosts, zones) and knows
// no HTML: parser/profile.h compiles the selectors and regular expressions (reporting bad ones
// with the same "file: key: message" errors) and applies them to pages.
//
// The shipped profiles are compiled into the program at build time (a CMake step turns
// config/sites/*.toml into string literals), so `strata` works from any directory; a user
// directory (DefaultSiteProfileDir()) adds profiles and overrides shipped ones by file name.
//
// Thread-safety: plain values and pure functions (LoadSiteProfiles reads files).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "config/site_profile_api.h"      // shell: the [api] and [counters] sections
#include "config/site_profile_listing.h"  // author: the [listing] section

namespace strata::config {

// Where one field of an article is on the site's pages. Several rules for one field are
// candidates, tried in order until one yields a value.
struct FieldRule {
  std::string selector;   // CSS selector (the subset in parser/selector.h); never empty
  std::string attribute;  // read this attribute of the element; "" = the element's text
  // RE2 applied to the value: the first capture group is kept (the whole match when the
  // expression has no group); no match = no value from this rule. "" = the value as is.
  std::string regex;
  std::vector<std::string> exclude;  // body only: selectors of parts to leave out of the body
  std::string key;  // where the rule was written, e.g. "fields.published[1]": for messages
};

// The rules per field; an empty list leaves the field to the generic cascade.
struct FieldRules {
  std::vector<FieldRule> title;
  std::vector<FieldRule> author;
  std::vector<FieldRule> published;
  std::vector<FieldRule> modified;
  std::vector<FieldRule> body;  // the article's container(s): every element the rule matches
  std::vector<FieldRule> views;
  std::vector<FieldRule> likes;
  std::vector<FieldRule> comments;
  std::vector<FieldRule> tags;  // every element the rule matches is one tag

  bool empty() const;
};

struct SiteProfile {
  std::string name;    // the file name without ".toml": what a user file overrides
  std::string source;  // "config/sites/cnblogs.toml (built in)" or a path: for messages
  std::string description;

  // What selects the profile for a page (see parser/profile.h for the precedence).
  std::vector<std::string> hosts;       // "www.cnblogs.com", "*.cnblogs.com"; lower case
  std::vector<std::string> generators;  // prefixes of <meta name="generator">, any case
  std::vector<std::string> signatures;  // CSS selectors: the profile applies if one matches

  // The zone of the times the site prints without one, in minutes east of UTC (+480 for
  // "+08:00"). Unset: such times stay zone-less.
  std::optional<int> utc_offset_minutes;
  // Names the site puts in its <title> ("博客园"): removed from titles as decoration.
  std::vector<std::string> site_names;

  FieldRules fields;

  // author (issue 6): [listing] / [[listing]], how to find every post of an author; empty when
  // the profile has none (config/site_profile_listing.h).
  std::vector<ListingRule> listing;

  // shell (issue 6): [api] / [[api]] (an article's data from a JSON API) and [counters] (counters
  // filled by AJAX); empty when the profile has none (config/site_profile_api.h).
  SiteApis apis;

  // Sections reserved for later versions ("listing", "api": how to find an author's posts;
  // issue 6), present in the file. Accepted without validation so that profiles written for a
  // newer strata still load; any other unknown key is an error.
  std::vector<std::string> reserved_sections;
};

// The text of one shipped profile file.
struct SiteProfileText {
  std::string_view name;  // file name without ".toml"
  std::string_view text;
};

// The profiles compiled into the program (config/sites/*.toml when it was built), by name.
std::span<const SiteProfileText> ShippedSiteProfileTexts();

// Parses one profile file. `name` is the file name without ".toml" (lower-case letters,
// digits, '-', '_'); `source` names the file in messages. Errors are InvalidArgument:
// "cnblogs.toml: fields.title.atribute: unknown key".
Result<SiteProfile> ParseSiteProfile(std::string_view toml_text, std::string_view name,
                                     std::string_view source);

// $STRATA_SITES, else $XDG_CONFIG_HOME/strata/sites, else ~/.config/strata/sites. The
// directory need not exist.
std::string DefaultSiteProfileDir();

// The shipped profiles, then every *.toml file of `user_dir`: a user file replaces the
// shipped profile of the same name, other user files add profiles. `user_dir` "" or missing:
// the shipped profiles alone. Sorted by name. Fails on the first bad file (the message names
// it), or with IOError when the directory cannot be read.
Result<std::vector<SiteProfile>> LoadSiteProfiles(const std::string& user_dir);

}  // namespace strata::config
