// strata's settings: plain structs with their defaults inline (each comment gives the default
// and the trade-off), loaded from a TOML file by LoadConfig(). This module knows nothing of the
// others; they take the struct they need.
//
// Thread-safety: plain values; a loaded Config is immutable and may be shared.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/url.h"
#include "config/watch.h"  // [[watch]] and [hooks] (watch helper)

namespace strata::config {

// How single requests are made. Used by crawler::FetchLoop.
struct FetchOptions {
  // Sent with every request; names strata so site operators can identify and contact it.
  std::string user_agent = "strata/0.1 (+https://github.com/strata-archiver/strata; archiver)";
  // Connect timeout. Default 10 s: long enough for a slow TLS handshake far away.
  int64_t connect_timeout_ms = 10'000;
  // Whole-transfer timeout. Default 60 s: a 10 MiB page at 200 KB/s still fits.
  int64_t total_timeout_ms = 60'000;
  // A transfer slower than low_speed_bytes_per_s for low_speed_time_s is cut off (a server that
  // drips bytes must not hold a slot for the whole total timeout). Default 512 B/s over 20 s.
  int64_t low_speed_bytes_per_s = 512;
  int64_t low_speed_time_s = 20;
  // Redirects followed before giving up. Default 10, as browsers allow about 20.
  int max_redirects = 10;
  // Decoded body bytes kept before the transfer is aborted as too large. Default 16 MiB: far
  // above any article page, small enough that an endless response cannot exhaust memory.
  int64_t max_body_bytes = 16 << 20;
  // URLs longer than this are not fetched. Default 8 KiB (RFC 9110 recommends at least 8000).
  int64_t max_url_length = 8192;
  // Connections open at once, in all and to one host (libcurl's own limits).
  int max_connections_total = 64;
  int max_connections_per_host = 2;
  // Accept-Encoding: gzip, deflate, br, as libcurl supports them.
  bool accept_compressed = true;
  // libcurl event loops of a crawl, each on a thread of its own but the first (FetchLoopPool).
  // Default 2: one thread running libcurl is the limit of a re-crawl of many small 304s from a
  // fast host; a crawl bound by parsing or by politeness leaves the second idle. Capped by the
  // connection limits above (each loop needs a share of at least one).
  int threads = 2;
};

// --- Fetch policy (crawler/polite_fetcher.h) ------------------------------------------------
// Per-host politeness. Used by crawler::PoliteFetcher.
struct PolitenessOptions {
  // Requests in flight at once to one host (lower-case host[:port]). Default 2, what most sites
  // tolerate from one client; raise it only for your own sites.
  int per_host_concurrency = 2;
  // Minimum gap between the STARTS of two requests to one host. Default 1 s; 0 for your own
  // sites and benchmarks. A larger robots.txt Crawl-delay wins (up to max_delay).
  int64_t min_delay_ms = 1000;
  // Ceiling of the gap that adaptive throttling or a Crawl-delay may impose. Default 60 s.
  int64_t max_delay_ms = 60'000;
  // Requests in flight at once over all hosts. Default 64.
  int global_concurrency = 64;
  // Grow the gap when a host slows down or fails, shrink it back when healthy. Default on.
  bool adaptive = true;
};

// robots.txt (RFC 9309). Used by crawler::RobotsCache.
struct RobotsOptions {
  // Obey robots.txt. Default true; `strata crawl --ignore-robots` turns it off for one's own
  // sites.
  bool respect = true;
  // How long a fetched robots.txt (or a 4xx "no robots.txt") is trusted. Default 24 h (RFC 9309
  // 2.4 asks for no more).
  int64_t cache_ttl_ms = 24 * 3'600'000LL;
  // How long "unreachable / 5xx: disallow all" lasts before robots.txt is asked again. Default
  // 10 min: short, since it blocks the whole host.
  int64_t error_ttl_ms = 10 * 60'000LL;
  // The product token matched against User-agent lines (case-insensitive). Default "strata".
  std::string user_agent_token = "strata";
};

// Retries of transient failures. Used by crawler::RetryPolicy.
struct RetryOptions {
  // Retries after the first attempt (so at most max_retries + 1 requests). Default 3.
  int max_retries = 3;
  // Back-off before retry n is uniform in [0, min(max_delay, base_delay * 2^(n-1))] ("full
  // jitter"). Defaults 1 s and 60 s.
  int64_t base_delay_ms = 1000;
  int64_t max_delay_ms = 60'000;
  // A Retry-After (on 429/503) longer than this is not waited for: the request fails, and so do
  // the host's other requests until that time. Default 1 h.
  int64_t max_retry_after_ms = 3'600'000;
};
// --- end of fetch policy ---------------------------------------------------------------------

// --- Crawl job and scope (crawler/jobs/crawl_job.h, crawler/scope.h) --------------------------
// Which links a crawl follows ([scope]). Used by crawler::Scope; part of the crawl's identity
// (crawler/jobs/crawl_id.h), so changing it starts a different crawl.
struct ScopeOptions {
  enum class Domain { kHost, kSite, kAny };
  // Hosts whose links are followed, relative to the seed URLs. kHost (default): the seeds' own
  // hosts (any port or scheme); kSite: the seeds' registrable domains and all their subdomains
  // (www.example.com -> *.example.com; crawler/scope.h explains the heuristic); kAny: every host
  // (bound such a crawl with max_pages or patterns).
  Domain domain = Domain::kHost;
  // RE2 patterns searched in the normalised URL of a link. When `allow` is not empty a link must
  // match one of them; a link matching any `deny` pattern is never followed (deny wins). Seeds
  // are always fetched. Default: none.
  std::vector<std::string> allow;
  std::vector<std::string> deny;
  // Skip links whose path ends in an extension that is never an article (images, media,
  // archives, fonts, .css, .js, .pdf). Default true: saves fetching megabytes to record
  // "not HTML".
  bool skip_binary = true;
  // Link hops followed from a seed when following links. -1 (default): no limit.
  int max_depth = -1;
  // Pages fetched by one crawl, counting every resumed run. 0 (default): no limit.
  int64_t max_pages = 0;
};

// How the crawl job runs ([crawl]). Used by jobs::CrawlUrls.
struct CrawlOptions {
  // Follow the links of fetched pages (within [scope]). Default false: fetch the given URLs only
  // (`strata crawl --follow` or `--depth N` turn it on for one run).
  bool follow = false;
  // Threads that extract (parse) pages. 0 (default): one per core; parsing is the costly stage.
  int extract_threads = 0;
  // Pages admitted and not yet stored (in flight, waiting for a parser or for the archive).
  // Bounds memory (~50 KB per page) and the work lost to an abort. Default 256.
  int max_pending_pages = 256;
  // Fetches in flight at once. 0 (default): fetch.max_connections. Politeness still applies
  // per host.
  int max_fetches = 0;
  // Queued URLs read ahead from the archive into memory. Default 1024: the frontier itself
  // lives in the archive, so a crawl of millions of URLs stays in bounded memory.
  int ready_window = 1024;
  // Slots of the in-memory cache that answers "seen before?" without a database read (8 bytes
  // each). Default 262144 (2 MiB).
  int64_t seen_cache_slots = 262'144;
  // Links of one page considered for following. Default 1000: bounds the work a page full of
  // anchors can cause.
  int max_links_per_page = 1000;
};
// --- end of crawl job and scope ---------------------------------------------------------------

// How fetched pages are turned into articles ([extract]).
struct ExtractConfig {
  // Apply site profiles (config/sites/*.toml, shipped in the program, plus the user's own).
  // Default true.
  bool site_profiles = true;
  // The directory of the user's profiles, which add to or replace the shipped ones by file
  // name. "" (default): DefaultSiteProfileDir() ($STRATA_SITES, else ~/.config/strata/sites).
  std::string sites_dir;
  // shell (issue 6): recognise block pages (anti-bot interstitials, tiny 401/403/429 bodies,
  // login walls, empty app shells; parser/block_page.h) and record them as failed fetches
  // (kBlocked) with back-off instead of articles. Default true; false for one's own sites whose
  // pages may legitimately be nearly empty.
  bool block_pages = true;
};

// Everything a run of strata may be told.
struct Config {
  std::string archive_dir;  // "" means the default (DefaultArchiveDir())
  FetchOptions fetch;
  PolitenessOptions politeness;  // [politeness]
  RobotsOptions robots;          // [robots]
  RetryOptions retry;            // [retry]
  UrlNormalizeOptions urls;      // [urls]: drop_params, sort_params (common/url.h)
  CrawlOptions crawl;            // [crawl]
  ScopeOptions scope;            // [scope]
  ExtractConfig extract;         // [extract]
  // --- watch helper: schedules and hooks (config/watch.h) ---
  std::vector<WatchEntry> watch;  // [[watch]]
  HooksOptions hooks;             // [hooks]
  // --- end of watch helper ---
};

// $STRATA_ARCHIVE, else $XDG_DATA_HOME/strata/archive, else ~/.local/share/strata/archive.
std::string DefaultArchiveDir();

// $STRATA_CONFIG, else $XDG_CONFIG_HOME/strata/strata.toml, else ~/.config/strata/strata.toml.
// The file need not exist: without one, every default applies.
std::string DefaultConfigPath();

// Parses TOML text. Errors name the key and the source ("strata.toml: fetch.max_redirects: must
// be between 0 and 50"). Unknown keys are errors too: a typo must not be silently ignored.
Result<Config> ParseConfig(std::string_view toml_text, std::string_view source_name);

// Reads and parses a TOML file.
Result<Config> LoadConfig(const std::string& path);

}  // namespace strata::config
