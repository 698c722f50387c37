// robots.txt (RFC 9309): parsing a file into groups, choosing the group(s) that apply to one
// crawler, and deciding whether a path may be fetched.
//
//   RobotsTxt::Parse(body)          every group, Sitemap lines; never fails (bad lines skipped)
//     .RulesFor("strata")           the rules of the most specific matching group(s), else `*`
//       .Check("/a/b?x=1")          allowed?  -- longest match wins, Allow wins a tie
//
// Matching follows RFC 9309 2.2.2 and Google's documented precedence:
// - A rule matches a path when its pattern matches a PREFIX of the path; `*` matches any run of
//   octets and a `$` at the very end anchors the pattern to the end of the path.
// - Among matching rules, the one with the most octets in its (canonical) pattern wins; an Allow
//   wins a tie. No match means allowed. "/robots.txt" itself is always allowed.
// - Before comparison both the pattern and the path are put in one canonical form (see
//   CanonicalRobotsPath): "%7E" and "~", "é" and "%C3%A9", "%2f" and "%2F" compare equal.
// - Groups: a run of User-agent lines followed by rules. The crawler's product token is compared
//   case-insensitively with each line's product token (the text up to the first character that
//   is not a letter, '-' or '_', so "Googlebot/2.1" is "googlebot"). The longest token that
//   equals the crawler's token or is a '-'-separated prefix of it wins ("strata-news" uses a
//   "strata-news" group, else a "strata" group, else `*`); all groups naming the winning token
//   are merged (RFC 9309 2.2.1).
// - Crawl-delay (a common extension, seconds, fractions allowed) belongs to its group; merged
//   groups take the largest.
// - Only the first kRobotsMaxBytes of a file are parsed (RFC 9309 2.5 asks for at least 500 KiB);
//   a line cut by the limit is dropped.
//
// Thread-safety: immutable values after Parse(); safe to share between threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace strata::crawler {

inline constexpr size_t kRobotsMaxBytes = 500 * 1024;

struct RobotsRule {
  bool allow = false;
  std::string pattern;  // canonical; '*' wildcards, a trailing '$' anchors
  std::string line;     // as written, for messages ("Disallow: /private")
};

// What Check() decided and why.
struct RobotsVerdict {
  bool allowed = true;
  const RobotsRule* rule = nullptr;  // the deciding rule, nullptr when none matched
};

// The rules that apply to one crawler at one origin.
class RobotsRules {
 public:
  RobotsRules() = default;  // allows everything
  explicit RobotsRules(std::vector<RobotsRule> rules,
                       std::optional<int64_t> crawl_delay_ms = std::nullopt);

  static RobotsRules AllowAll() { return RobotsRules(); }
  static RobotsRules DisallowAll();

  // `path` is the URL's path and query as sent ("/a/b?x=1"; "" counts as "/").
  RobotsVerdict Check(std::string_view path) const;
  bool Allowed(std::string_view path) const { return Check(path).allowed; }

  // The group's Crawl-delay, in ms; nullopt when it gave none.
  std::optional<int64_t> crawl_delay_ms() const { return crawl_delay_ms_; }
  // Most specific first (the order Check() tries them in).
  const std::vector<RobotsRule>& rules() const { return rules_; }

 private:
  std::vector<RobotsRule> rules_;
  std::optional<int64_t> crawl_delay_ms_;
};

struct RobotsGroup {
  std::vector<std::string> agents;  // lower-case product tokens; "*" for the wildcard
  std::vector<RobotsRule> rules;    // in file order
  std::optional<int64_t> crawl_delay_ms;
};

class RobotsTxt {
 public:
  // Parses a robots.txt body (UTF-8; a BOM is skipped; LF, CRLF or CR line ends).
  static RobotsTxt Parse(std::string_view body);

  // The rules for a crawler whose product token is `token` (letters, '-', '_'); allow-all when no
  // group matches and there is no `*` group.
  RobotsRules RulesFor(std::string_view token) const;

  const std::vector<RobotsGroup>& groups() const { return groups_; }
  // Sitemap URLs, in file order (they belong to no group).
  const std::vector<std::string>& sitemaps() const { return sitemaps_; }
  // Whether the body was longer than kRobotsMaxBytes (the rest was ignored).
  bool truncated() const { return truncated_; }

 private:
  std::vector<RobotsGroup> groups_;
  std::vector<std::string> sitemaps_;
  bool truncated_ = false;
};

// The canonical form that rules and paths are compared in: printable ASCII that was
// percent-encoded is decoded (except '%', and '*' and '$' which are pattern operators); every
// other octet (non-ASCII, controls, space) is percent-encoded with upper-case hex; a '%' not
// followed by two hex digits becomes "%25". In a path (`is_pattern` false) literal '*' and '$'
// are encoded too, so they only ever match an encoded "%2A"/"%24" in a pattern. In a pattern a
// '$' that is not the last character is literal and is encoded.
std::string CanonicalRobotsPath(std::string_view text, bool is_pattern);

// Whether `pattern` (canonical) matches a prefix of `path` (canonical), honouring '*' and a
// final '$'.
bool RobotsPatternMatches(std::string_view pattern, std::string_view path);

}  // namespace strata::crawler
