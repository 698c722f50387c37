// RobotsCache: what is known about each origin's robots.txt, with expiry, and how a fetch of
// /robots.txt turns into rules (RFC 9309 2.3.1):
//
//   2xx                              the file's rules for our product token     cache_ttl (24 h)
//   4xx (not 429), a 3xx left        allow all ("unavailable")                   cache_ttl
//   unfollowed, too many redirects,
//   a redirect to a non-http URL
//   5xx, 429, no connection,         disallow all ("unreachable"), or the rules  error_ttl (10 min)
//   timeout, too large               of an older copy when one is known (2.4)
//
// The cache does not fetch: PoliteFetcher fetches RobotsUrl(origin) through the same host queue,
// politeness and retries as any request (a robots.txt request is a request to that host), then
// calls Record() with the final page. With a KvStore, entries from 2xx and 4xx answers are also
// kept under "robots/<origin>" (the raw file, re-parsed on load, so a changed product token
// applies), and a later run does not fetch them again before they expire; "unreachable" entries
// are short-lived and kept in memory only. A store that fails only costs a refetch.
//
// Thread-safety: none. PoliteFetcher uses it on its strand.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/fetched_page.h"
#include "common/kv_store.h"
#include "common/time.h"
#include "config/config.h"
#include "crawler/robots_txt.h"

namespace strata::crawler {

struct RobotsEntry {
  // DO NOT CHANGE THESE VALUES: they are stored (robots/<origin>).
  enum class Kind : unsigned char {
    kRules = 0,        // a robots.txt was fetched; its rules apply
    kNoFile = 1,       // 4xx and the like: everything is allowed
    kUnreachable = 2,  // 5xx or no answer: everything is disallowed for now
    kStale = 3,        // unreachable now, so an older copy's rules apply (never stored)
  };

  Kind kind = Kind::kNoFile;
  RobotsRules rules;
  std::vector<std::string> sitemaps;
  UnixMillis fetched_at = 0;
  UnixMillis expires_at = 0;
  std::string how;  // how it was learnt, for messages: "HTTP 200", "HTTP 503 (gave up after...)"

  // Why `path` may not be fetched, for FetchedPage::error; names the rule or the failure.
  std::string DisallowReason(std::string_view origin, const RobotsVerdict& verdict) const;
};

class RobotsCache {
 public:
  // `store` may be null (memory only); otherwise it must outlive the cache.
  RobotsCache(const config::RobotsOptions& options, const Clock& clock, KvStore* store = nullptr,
              size_t max_entries = 10'000);

  // "<origin>/robots.txt".
  static std::string RobotsUrl(std::string_view origin);

  // The entry in force for `origin`, or nullptr when there is none or it expired (fetch
  // RobotsUrl(origin), then Record()). The pointer is valid until the next call on the cache.
  const RobotsEntry* Find(std::string_view origin);

  // Records the final page of fetching RobotsUrl(origin), after retries, and returns the entry
  // now in force (valid until the next call). REQUIRES: page.outcome != kAborted (an aborted
  // fetch says nothing about the site).
  const RobotsEntry& Record(std::string_view origin, const FetchedPage& page);

  // The entry known for `origin`, expired or not (memory only; nullptr when none). The pointer
  // is valid until the next call on the cache.
  const RobotsEntry* Peek(std::string_view origin) const;

  size_t size() const { return entries_.size(); }

 private:
  RobotsEntry FromPage(const FetchedPage& page, UnixMillis now) const;
  void Persist(std::string_view origin, const RobotsEntry& entry, std::string_view body);
  std::optional<RobotsEntry> Load(std::string_view origin) const;
  // Drops the entries that expire first until the cache fits, never `keep`.
  void EvictIfFull(std::string_view keep);

  const config::RobotsOptions options_;
  const Clock& clock_;
  KvStore* const store_;
  const size_t max_entries_;
  // Expired entries stay until evicted: they are the "older copy" of the table above.
  std::unordered_map<std::string, RobotsEntry> entries_;
};

}  // namespace strata::crawler
