#include "config/config.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "config/toml_reader.h"
#include "config/watch_reader.h"  // watch helper

namespace strata::config {
namespace {

void ReadFetch(TableReader t, FetchOptions* f) {
  t.String("user_agent", &f->user_agent);
  if (f->user_agent.empty()) t.Fail("user_agent", "must not be empty");
  t.Duration("connect_timeout", 100, 600'000, &f->connect_timeout_ms);
  t.Duration("timeout", 100, 3'600'000, &f->total_timeout_ms);
  t.Size("low_speed_limit", 0, 1 << 30, &f->low_speed_bytes_per_s);
  int64_t low_speed_ms = f->low_speed_time_s * 1000;
  t.Duration("low_speed_time", 1000, 3'600'000, &low_speed_ms);
  f->low_speed_time_s = low_speed_ms / 1000;
  t.Int("max_redirects", 0, 50, &f->max_redirects);
  t.Size("max_body", 1024, int64_t{1} << 32, &f->max_body_bytes);
  t.Int("max_url_length", int64_t{256}, int64_t{1} << 20, &f->max_url_length);
  t.Int("max_connections", 1, 1024, &f->max_connections_total);
  t.Int("max_connections_per_host", 1, 64, &f->max_connections_per_host);
  t.Bool("compressed", &f->accept_compressed);
  t.Int("threads", 1, 16, &f->threads);
  t.RejectUnknownKeys();
}

// --- Fetch policy sections (politeness helper) ---
void ReadPoliteness(TableReader t, PolitenessOptions* p) {
  t.Int("per_host_concurrency", 1, 64, &p->per_host_concurrency);
  t.Duration("min_delay", 0, 3'600'000, &p->min_delay_ms);
  t.Duration("max_delay", 0, 86'400'000, &p->max_delay_ms);
  t.Int("global_concurrency", 1, 4096, &p->global_concurrency);
  t.Bool("adaptive", &p->adaptive);
  if (p->max_delay_ms < p->min_delay_ms) t.Fail("max_delay", "must not be less than min_delay");
  t.RejectUnknownKeys();
}

void ReadRobots(TableReader t, RobotsOptions* r) {
  t.Bool("respect", &r->respect);
  t.Duration("cache_ttl", 1000, 30 * 86'400'000LL, &r->cache_ttl_ms);
  t.Duration("error_ttl", 1000, 86'400'000, &r->error_ttl_ms);
  t.String("user_agent_token", &r->user_agent_token);
  // RFC 9309 2.2.1: a product token is letters, '-' and '_' only.
  const bool token_ok =
      !r->user_agent_token.empty() &&
      r->user_agent_token.find_first_not_of(
          "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_") == std::string::npos;
  if (!token_ok) t.Fail("user_agent_token", "must be letters, '-' and '_' only (RFC 9309)");
  t.RejectUnknownKeys();
}

void ReadRetry(TableReader t, RetryOptions* r) {
  t.Int("max_retries", 0, 10, &r->max_retries);
  t.Duration("base_delay", 0, 3'600'000, &r->base_delay_ms);
  t.Duration("max_delay", 0, 86'400'000, &r->max_delay_ms);
  t.Duration("max_retry_after", 0, 86'400'000, &r->max_retry_after_ms);
  if (r->max_delay_ms < r->base_delay_ms) t.Fail("max_delay", "must not be less than base_delay");
  t.RejectUnknownKeys();
}

void ReadUrls(TableReader t, UrlNormalizeOptions* u) {
  t.StringList("drop_params", &u->drop_params);
  for (const std::string& param : u->drop_params) {
    if (param.empty() || param == "*") {
      t.Fail("drop_params", "entries must be a parameter name or a prefix followed by '*'");
      break;
    }
  }
  t.Bool("sort_params", &u->sort_params);
  t.RejectUnknownKeys();
}
// --- end of fetch policy sections ---

// --- Crawl job and scope (frontier helper) ---
void ReadCrawl(TableReader t, CrawlOptions* c) {
  t.Bool("follow", &c->follow);
  t.Int("extract_threads", 0, 256, &c->extract_threads);
  t.Int("max_pending_pages", 1, 65'536, &c->max_pending_pages);
  t.Int("max_fetches", 0, 4096, &c->max_fetches);
  t.Int("ready_window", 1, 1'000'000, &c->ready_window);
  t.Int("seen_cache_slots", int64_t{0}, int64_t{1} << 30, &c->seen_cache_slots);
  t.Int("max_links_per_page", 0, 1'000'000, &c->max_links_per_page);
  t.RejectUnknownKeys();
}

void ReadExtract(TableReader t, ExtractConfig* e) {
  t.Bool("site_profiles", &e->site_profiles);
  t.String("sites_dir", &e->sites_dir);
  t.Bool("block_pages", &e->block_pages);  // shell (issue 6)
  t.RejectUnknownKeys();
}

void ReadScope(TableReader t, ScopeOptions* s) {
  std::string domain;
  t.String("domain", &domain);
  if (domain == "host") {
    s->domain = ScopeOptions::Domain::kHost;
  } else if (domain == "site") {
    s->domain = ScopeOptions::Domain::kSite;
  } else if (domain == "any") {
    s->domain = ScopeOptions::Domain::kAny;
  } else if (!domain.empty() || t.Has("domain")) {
    t.Fail("domain", "must be \"host\", \"site\" or \"any\", got \"" + domain + "\"");
  }
  t.StringList("allow", &s->allow);
  t.StringList("deny", &s->deny);
  t.Bool("skip_binary", &s->skip_binary);
  t.Int("max_depth", -1, 1'000'000, &s->max_depth);
  t.Int("max_pages", int64_t{0}, int64_t{1} << 40, &s->max_pages);
  t.RejectUnknownKeys();
}
// --- end of crawl job and scope ---

}  // namespace

std::string DefaultArchiveDir() {
  if (const char* env = std::getenv("STRATA_ARCHIVE"); env != nullptr && *env != '\0') {
    return env;
  }
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && *xdg != '\0') {
    return std::string(xdg) + "/strata/archive";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return std::string(home) + "/.local/share/strata/archive";
  }
  return "strata-archive";
}

std::string DefaultConfigPath() {
  if (const char* env = std::getenv("STRATA_CONFIG"); env != nullptr && *env != '\0') return env;
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg != nullptr && *xdg != '\0') {
    return std::string(xdg) + "/strata/strata.toml";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return std::string(home) + "/.config/strata/strata.toml";
  }
  return "strata.toml";
}

Result<Config> ParseConfig(std::string_view toml_text, std::string_view source_name) {
  const std::string source(source_name);
  STRATA_ASSIGN_OR_RETURN(toml::table table, ParseToml(toml_text, source_name));
  Config config;
  Status error;
  TableReader root(&table, "", source, &error);
  root.String("archive", &config.archive_dir);
  ReadFetch(root.Table("fetch"), &config.fetch);
  ReadPoliteness(root.Table("politeness"), &config.politeness);
  ReadRobots(root.Table("robots"), &config.robots);
  ReadRetry(root.Table("retry"), &config.retry);
  ReadUrls(root.Table("urls"), &config.urls);
  ReadCrawl(root.Table("crawl"), &config.crawl);
  ReadScope(root.Table("scope"), &config.scope);
  ReadExtract(root.Table("extract"), &config.extract);
  ReadWatchEntries(root, &config.watch);          // watch helper: [[watch]]
  ReadHooks(root.Table("hooks"), &config.hooks);  // watch helper: [hooks]
  root.RejectUnknownKeys();
  if (!error.ok()) return error;
  return config;
}

Result<Config> LoadConfig(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot open config file " + path);
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Status::IOError("cannot read config file " + path);
  return ParseConfig(text.str(), path);
}

}  // namespace strata::config
