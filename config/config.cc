#include "config/config.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "config/toml_reader.h"

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
  t.RejectUnknownKeys();
}

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
  // Debian's toml++ is built with exceptions; they stay inside this function.
  toml::table table;
  try {
    table = toml::parse(toml_text, source_name);
  } catch (const toml::parse_error& e) {
    return Status::InvalidArgument(source + ":" + std::to_string(e.source().begin.line) + ":" +
                                   std::to_string(e.source().begin.column) + ": " +
                                   std::string(e.description()));
  }
  Config config;
  Status error;
  TableReader root(&table, "", source, &error);
  root.String("archive", &config.archive_dir);
  ReadFetch(root.Table("fetch"), &config.fetch);
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
