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
};

// Everything a run of strata may be told.
struct Config {
  std::string archive_dir;  // "" means the default (DefaultArchiveDir())
  FetchOptions fetch;
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
