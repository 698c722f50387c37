#include "crawler/robots_cache.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace strata::crawler {
namespace {

constexpr std::string_view kKeyPrefix = "robots/";
constexpr std::string_view kFormat = "1";  // first line of a stored entry

std::string StoreKey(std::string_view origin) {
  return std::string(kKeyPrefix) + std::string(origin);
}

std::string OneLine(std::string text) {
  std::replace_if(
      text.begin(), text.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
  return text;
}

// Splits off the text up to the next '\n'; false when there is none.
bool NextLine(std::string_view& rest, std::string_view& line) {
  const size_t end = rest.find('\n');
  if (end == std::string_view::npos) return false;
  line = rest.substr(0, end);
  rest.remove_prefix(end + 1);
  return true;
}

bool ParseInt(std::string_view text, int64_t& out) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

}  // namespace

std::string RobotsEntry::DisallowReason(std::string_view origin,
                                        const RobotsVerdict& verdict) const {
  if (kind == Kind::kUnreachable) {
    return fmt::format(
        "{}/robots.txt is unreachable ({}): the whole site counts as disallowed until {} "
        "(RFC 9309)",
        origin, how, FormatIsoUtc(expires_at));
  }
  std::string reason = fmt::format("disallowed by {}/robots.txt: {}", origin,
                                   verdict.rule != nullptr ? verdict.rule->line : "a rule");
  if (kind == Kind::kStale) reason += fmt::format(" (an older copy: {})", how);
  return reason;
}

RobotsCache::RobotsCache(const config::RobotsOptions& options, const Clock& clock, KvStore* store,
                         size_t max_entries)
    : options_(options),
      clock_(clock),
      store_(store),
      max_entries_(std::max<size_t>(1, max_entries)) {}

std::string RobotsCache::RobotsUrl(std::string_view origin) {
  return std::string(origin) + "/robots.txt";
}

const RobotsEntry* RobotsCache::Find(std::string_view origin) {
  auto it = entries_.find(std::string(origin));
  if (it == entries_.end() && store_ != nullptr) {
    if (std::optional<RobotsEntry> loaded = Load(origin)) {
      it = entries_.emplace(std::string(origin), std::move(*loaded)).first;
      EvictIfFull(origin);
    }
  }
  if (it == entries_.end() || it->second.expires_at <= clock_.Now()) return nullptr;
  return &it->second;
}

const RobotsEntry* RobotsCache::Peek(std::string_view origin) const {
  auto it = entries_.find(std::string(origin));
  return it == entries_.end() ? nullptr : &it->second;
}

const RobotsEntry& RobotsCache::Record(std::string_view origin, const FetchedPage& page) {
  const UnixMillis now = clock_.Now();
  RobotsEntry entry = FromPage(page, now);
  const std::string key(origin);
  if (entry.kind == RobotsEntry::Kind::kUnreachable) {
    // RFC 9309 2.4: an unreachable file may be replaced by the cached copy.
    auto old = entries_.find(key);
    if (old != entries_.end() && (old->second.kind == RobotsEntry::Kind::kRules ||
                                  old->second.kind == RobotsEntry::Kind::kStale)) {
      entry.kind = RobotsEntry::Kind::kStale;
      entry.rules = old->second.rules;
      entry.sitemaps = old->second.sitemaps;
      entry.how +=
          fmt::format("; using the copy fetched at {}", FormatIsoUtc(old->second.fetched_at));
      entry.fetched_at = old->second.fetched_at;
    }
  } else {
    Persist(origin, entry, page.body);
  }
  entries_[key] = std::move(entry);
  EvictIfFull(key);
  return entries_.at(key);
}

RobotsEntry RobotsCache::FromPage(const FetchedPage& page, UnixMillis now) const {
  RobotsEntry entry;
  entry.fetched_at = now;
  entry.how =
      page.ok() ? fmt::format("HTTP {}", page.http_status) : std::string(OutcomeName(page.outcome));
  if (!page.error.empty()) entry.how += ": " + page.error;
  const int status = page.http_status;
  if (page.ok() && status >= 200 && status < 300) {
    entry.kind = RobotsEntry::Kind::kRules;
    RobotsTxt txt = RobotsTxt::Parse(page.body);
    entry.rules = txt.RulesFor(options_.user_agent_token);
    entry.sitemaps = txt.sitemaps();
    if (txt.truncated())
      entry.how += fmt::format(" (only the first {} bytes read)", kRobotsMaxBytes);
  } else if (page.ok() ? (status == 429 || status >= 500)
                       : (page.outcome != FetchOutcome::kTooManyRedirects &&
                          page.outcome != FetchOutcome::kBadUrl)) {
    entry.kind = RobotsEntry::Kind::kUnreachable;
    entry.rules = RobotsRules::DisallowAll();
    entry.expires_at = now + options_.error_ttl_ms;
    return entry;
  } else {
    // 4xx, or a redirect chain that went nowhere (RFC 9309 2.3.1.2/2.3.1.3): no rules.
    entry.kind = RobotsEntry::Kind::kNoFile;
  }
  entry.expires_at = now + options_.cache_ttl_ms;
  return entry;
}

void RobotsCache::Persist(std::string_view origin, const RobotsEntry& entry,
                          std::string_view body) {
  if (store_ == nullptr) return;
  std::string value = fmt::format("{}\n{}\n{}\n{}\n{}\n", kFormat, static_cast<int>(entry.kind),
                                  entry.fetched_at, entry.expires_at, OneLine(entry.how));
  if (entry.kind == RobotsEntry::Kind::kRules) {
    value.append(body.substr(0, kRobotsMaxBytes + 1));  // +1: still marks it as truncated
  }
  // A failed write only costs a refetch in a later run.
  (void)store_->Put(StoreKey(origin), value);
}

std::optional<RobotsEntry> RobotsCache::Load(std::string_view origin) const {
  Result<std::optional<std::string>> got = store_->Get(StoreKey(origin));
  if (!got.ok() || !got->has_value()) return std::nullopt;
  std::string_view rest = **got;
  std::string_view format, kind, fetched_at, expires_at, how;
  if (!NextLine(rest, format) || format != kFormat || !NextLine(rest, kind) ||
      !NextLine(rest, fetched_at) || !NextLine(rest, expires_at) || !NextLine(rest, how)) {
    return std::nullopt;  // unknown or damaged: fetch the file again
  }
  RobotsEntry entry;
  int64_t kind_value = -1;
  if (!ParseInt(kind, kind_value) || !ParseInt(fetched_at, entry.fetched_at) ||
      !ParseInt(expires_at, entry.expires_at)) {
    return std::nullopt;
  }
  entry.how = std::string(how);
  if (kind_value == static_cast<int>(RobotsEntry::Kind::kRules)) {
    entry.kind = RobotsEntry::Kind::kRules;
    RobotsTxt txt = RobotsTxt::Parse(rest);
    entry.rules = txt.RulesFor(options_.user_agent_token);
    entry.sitemaps = txt.sitemaps();
  } else if (kind_value == static_cast<int>(RobotsEntry::Kind::kNoFile)) {
    entry.kind = RobotsEntry::Kind::kNoFile;
  } else {
    return std::nullopt;
  }
  // A longer cache_ttl in an older run must not outlive this run's setting.
  entry.expires_at = std::min(entry.expires_at, entry.fetched_at + options_.cache_ttl_ms);
  return entry;
}

void RobotsCache::EvictIfFull(std::string_view keep) {
  while (entries_.size() > max_entries_) {
    // The entry that expires first is the one least worth keeping. O(n), but only when a new
    // origin arrives at a full cache.
    auto victim = entries_.end();
    for (auto it = entries_.begin(); it != entries_.end(); ++it) {
      if (it->first == keep) continue;
      if (victim == entries_.end() || it->second.expires_at < victim->second.expires_at) {
        victim = it;
      }
    }
    if (victim == entries_.end()) return;
    entries_.erase(victim);
  }
}

}  // namespace strata::crawler
