// Scope: which discovered links a crawl follows. Built once from the [scope] options and the
// seed URLs; then a pure check per link (host or site of the seeds, RE2 allow/deny patterns,
// binary file extensions, link depth). Seeds themselves are never checked: the user asked for
// them.
//
// "Same site" uses RegistrableDomain(), a small public-suffix heuristic (see there) rather than
// the full Public Suffix List: Debian's libpsl would be exact, and is the upgrade path if the
// heuristic ever groups two owners together.
//
// Thread-safety: a built Scope is immutable; Check() may be called from any thread.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "common/result.h"
#include "config/config.h"

namespace re2 {
class RE2;
}

namespace strata::crawler {

// Why a link is, or is not, followed. Stable names for counting and tests.
enum class ScopeVerdict {
  kIn,
  kOtherHost,   // domain = host: not one of the seeds' hosts
  kOtherSite,   // domain = site: not under one of the seeds' registrable domains
  kBinary,      // skip_binary: an image, archive, stylesheet... by extension
  kDenied,      // matched a deny pattern
  kNotAllowed,  // allow patterns exist and none matched
  kTooDeep,     // beyond max_depth
  kBadUrl,      // not a normalised absolute http(s) URL
};
std::string_view ScopeVerdictName(ScopeVerdict verdict);

// The registrable domain ("site") of a lower-case host name, by a heuristic:
//   - an IP address, a single label ("localhost") or a name of two labels is its own site;
//   - a few shared-hosting suffixes where every subdomain has its own owner (github.io,
//     blogspot.com, wordpress.com, netlify.app, ...) keep three labels: alice.github.io;
//   - a two-letter country TLD after a generic second level (co, com, net, org, gov, edu, ac,
//     ...) keeps three labels: bbc.co.uk, example.com.cn;
//   - otherwise the last two labels: www.cnblogs.com -> cnblogs.com.
std::string RegistrableDomain(std::string_view host);

// The host of a normalised absolute URL ("https://Host:8080/x" gives "host"), without brackets
// for IPv6; "" when there is none. Cheap: no full parse (the URL is already normalised).
std::string_view HostOfNormalizedUrl(std::string_view url);

class Scope {
 public:
  // Compiles the patterns; fails (InvalidArgument, naming "scope.allow" or "scope.deny" and the
  // pattern) when one is not valid RE2. `seed_urls` are normalised URLs.
  static Result<Scope> Create(const config::ScopeOptions& options,
                              const std::vector<std::string>& seed_urls);

  // Whether the link `url` (normalised), found at link depth `depth` (a seed's links have
  // depth 1), is followed.
  ScopeVerdict Check(std::string_view url, int depth) const;

  // True when Check() can never pass at `depth`: the crawl need not look at links at all.
  bool TooDeep(int depth) const { return max_depth_ >= 0 && depth > max_depth_; }

 private:
  struct Patterns;
  Scope() = default;

  config::ScopeOptions::Domain domain_ = config::ScopeOptions::Domain::kHost;
  bool skip_binary_ = true;
  int max_depth_ = -1;
  struct Hash {  // transparent: look up a string_view without building a string
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Set = std::unordered_set<std::string, Hash, std::equal_to<>>;
  Set hosts_;                                 // of the seeds
  Set sites_;                                 // registrable domains of the seeds
  std::shared_ptr<const Patterns> patterns_;  // shared: a Scope is copied, RE2 is not copyable
};

}  // namespace strata::crawler
