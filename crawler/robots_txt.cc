#include "crawler/robots_txt.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace strata::crawler {
namespace {

constexpr char kHexDigits[] = "0123456789ABCDEF";
// Crawl-delay values above a day are nonsense (or hostile); they are clamped here and the
// politeness layer clamps further to its own ceiling.
constexpr int64_t kMaxCrawlDelayMs = 86'400'000;

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void AppendEncoded(std::string& out, unsigned char octet) {
  out += '%';
  out += kHexDigits[octet >> 4];
  out += kHexDigits[octet & 15];
}

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), AsciiLower);
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool IsTokenChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
}

// The product token of a User-agent value: "Googlebot/2.1 (+http://...)" -> "googlebot".
std::string ProductToken(std::string_view value) {
  if (!value.empty() && value.front() == '*') return "*";
  size_t end = 0;
  while (end < value.size() && IsTokenChar(value[end])) ++end;
  return Lower(value.substr(0, end));
}

enum class Key { kUserAgent, kAllow, kDisallow, kCrawlDelay, kSitemap, kOther };

// Keys are case-insensitive; a few misspellings seen in the wild are accepted, as major crawlers
// do, because the site's intent is plain.
Key ClassifyKey(std::string_view raw) {
  const std::string key = Lower(raw);
  if (key == "user-agent" || key == "useragent" || key == "user agent") return Key::kUserAgent;
  if (key == "allow") return Key::kAllow;
  if (key == "disallow" || key == "dissallow" || key == "dissalow" || key == "disalow" ||
      key == "diasllow" || key == "disallaw") {
    return Key::kDisallow;
  }
  if (key == "crawl-delay" || key == "crawldelay" || key == "crawl delay") return Key::kCrawlDelay;
  if (key == "sitemap" || key == "site-map") return Key::kSitemap;
  return Key::kOther;
}

// Seconds (fractions allowed) to ms; nullopt when not a non-negative number.
std::optional<int64_t> ParseCrawlDelayMs(std::string_view value) {
  double seconds = 0;
  auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (ec != std::errc() || ptr != value.data() + value.size() || !std::isfinite(seconds) ||
      seconds < 0) {
    return std::nullopt;
  }
  return static_cast<int64_t>(std::min(seconds * 1000.0, static_cast<double>(kMaxCrawlDelayMs)));
}

// Splits "key: value" (or "key value", which some files use); false when the line has no key.
bool SplitLine(std::string_view line, std::string_view& key, std::string_view& value) {
  size_t colon = line.find(':');
  if (colon != std::string_view::npos) {
    key = Trim(line.substr(0, colon));
    value = Trim(line.substr(colon + 1));
    return !key.empty();
  }
  const size_t space = line.find_first_of(" \t");
  if (space == std::string_view::npos) return false;
  key = Trim(line.substr(0, space));
  value = Trim(line.substr(space + 1));
  return !key.empty() && !value.empty();
}

}  // namespace

std::string CanonicalRobotsPath(std::string_view text, bool is_pattern) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const auto octet = static_cast<unsigned char>(c);
    if (c == '%') {
      const bool two_more = i + 2 < text.size();
      const int hi = two_more ? HexValue(text[i + 1]) : -1;
      const int lo = two_more ? HexValue(text[i + 2]) : -1;
      if (hi < 0 || lo < 0) {
        out += "%25";  // a stray '%' is a literal percent sign
        continue;
      }
      const auto decoded = static_cast<unsigned char>(hi * 16 + lo);
      if (decoded > 0x20 && decoded < 0x7F && decoded != '%' && decoded != '*' && decoded != '$') {
        out += static_cast<char>(decoded);
      } else {
        AppendEncoded(out, decoded);
      }
      i += 2;
      continue;
    }
    if (is_pattern && c == '*') {
      out += '*';
    } else if (is_pattern && c == '$' && i + 1 == text.size()) {
      out += '$';
    } else if (octet <= 0x20 || octet >= 0x7F || c == '*' || c == '$') {
      AppendEncoded(out, octet);
    } else {
      out += c;
    }
  }
  return out;
}

bool RobotsPatternMatches(std::string_view pattern, std::string_view path) {
  const bool anchored = !pattern.empty() && pattern.back() == '$';
  if (anchored) pattern.remove_suffix(1);
  // Greedy wildcard matching with backtracking to the last '*': linear for typical patterns,
  // O(pattern * path) at worst, and both are bounded (500 KiB file, URL length cap).
  size_t p = 0, s = 0;
  size_t star = std::string_view::npos, resume = 0;
  while (s < path.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = s;
      continue;
    }
    if (p < pattern.size() && pattern[p] == path[s]) {
      ++p;
      ++s;
      continue;
    }
    if (p == pattern.size() && !anchored) return true;  // a prefix of the path matched
    if (star == std::string_view::npos) return false;
    p = star + 1;
    s = ++resume;
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

RobotsRules::RobotsRules(std::vector<RobotsRule> rules, std::optional<int64_t> crawl_delay_ms)
    : rules_(std::move(rules)), crawl_delay_ms_(crawl_delay_ms) {
  // Most octets first, Allow before Disallow on a tie: the first match is then the decision.
  std::stable_sort(rules_.begin(), rules_.end(), [](const RobotsRule& a, const RobotsRule& b) {
    if (a.pattern.size() != b.pattern.size()) return a.pattern.size() > b.pattern.size();
    return a.allow && !b.allow;
  });
}

RobotsRules RobotsRules::DisallowAll() {
  return RobotsRules({RobotsRule{.allow = false, .pattern = "/", .line = "Disallow: /"}});
}

RobotsVerdict RobotsRules::Check(std::string_view path) const {
  const std::string canonical = CanonicalRobotsPath(path.empty() ? "/" : path, false);
  if (canonical == "/robots.txt") return {};  // RFC 9309 2.2.2: implicitly allowed
  for (const RobotsRule& rule : rules_) {
    if (RobotsPatternMatches(rule.pattern, canonical)) return {rule.allow, &rule};
  }
  return {};
}

RobotsTxt RobotsTxt::Parse(std::string_view body) {
  RobotsTxt txt;
  if (body.size() > kRobotsMaxBytes) {
    txt.truncated_ = true;
    body = body.substr(0, kRobotsMaxBytes);
    // The last line was probably cut: a cut "Disallow: /private" would read as "/pri".
    const size_t last_end = body.find_last_of("\r\n");
    body = last_end == std::string_view::npos ? std::string_view() : body.substr(0, last_end);
  }
  if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);

  bool in_agent_list = false;  // the previous meaningful line was a User-agent line
  size_t start = 0;
  while (start < body.size()) {
    size_t end = body.find_first_of("\r\n", start);
    if (end == std::string_view::npos) end = body.size();
    std::string_view line = body.substr(start, end - start);
    start = end + 1;
    if (const size_t hash = line.find('#'); hash != std::string_view::npos) {
      line = line.substr(0, hash);
    }
    line = Trim(line);
    std::string_view key, value;
    if (line.empty() || !SplitLine(line, key, value)) continue;

    switch (ClassifyKey(key)) {
      case Key::kUserAgent: {
        if (!in_agent_list) txt.groups_.emplace_back();
        in_agent_list = true;
        std::string token = ProductToken(value);
        if (!token.empty()) txt.groups_.back().agents.push_back(std::move(token));
        break;
      }
      case Key::kAllow:
      case Key::kDisallow: {
        if (txt.groups_.empty()) break;  // rules before any User-agent belong to nobody
        in_agent_list = false;
        if (value.empty()) break;  // "Disallow:" (nothing) is no rule at all
        const bool allow = ClassifyKey(key) == Key::kAllow;
        txt.groups_.back().rules.push_back(
            RobotsRule{.allow = allow,
                       .pattern = CanonicalRobotsPath(value, true),
                       .line = std::string(allow ? "Allow: " : "Disallow: ") + std::string(value)});
        break;
      }
      case Key::kCrawlDelay: {
        if (txt.groups_.empty()) break;
        in_agent_list = false;
        if (std::optional<int64_t> ms = ParseCrawlDelayMs(value)) {
          std::optional<int64_t>& delay = txt.groups_.back().crawl_delay_ms;
          delay = std::max(delay.value_or(0), *ms);
        }
        break;
      }
      case Key::kSitemap:
        if (!value.empty()) txt.sitemaps_.emplace_back(value);
        break;
      case Key::kOther:
        break;
    }
  }
  return txt;
}

RobotsRules RobotsTxt::RulesFor(std::string_view token) const {
  const std::string crawler = Lower(token);
  // The longest group token that is the crawler's token or a '-'-separated prefix of it.
  std::string best;
  for (const RobotsGroup& group : groups_) {
    for (const std::string& agent : group.agents) {
      if (agent == "*" || agent.size() <= best.size()) continue;
      const bool exact = agent == crawler;
      const bool prefix = crawler.size() > agent.size() && crawler.starts_with(agent) &&
                          crawler[agent.size()] == '-';
      if (exact || prefix) best = agent;
    }
  }
  const std::string wanted = best.empty() ? "*" : best;
  std::vector<RobotsRule> rules;
  std::optional<int64_t> crawl_delay;
  for (const RobotsGroup& group : groups_) {
    if (std::find(group.agents.begin(), group.agents.end(), wanted) == group.agents.end()) {
      continue;
    }
    rules.insert(rules.end(), group.rules.begin(), group.rules.end());
    if (group.crawl_delay_ms)
      crawl_delay = std::max(crawl_delay.value_or(0), *group.crawl_delay_ms);
  }
  return RobotsRules(std::move(rules), crawl_delay);
}

}  // namespace strata::crawler
