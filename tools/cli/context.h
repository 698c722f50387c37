// What every subcommand shares: the global flags, and opening the config and the archive from
// them. Only tools/ prints and decides exit codes.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "common/result.h"
#include "config/config.h"
#include "storage/archive.h"

namespace strata::tools {

// Exit codes. 0: done; 1: the work failed (a URL failed, a lookup found nothing);
// 2: the command line or the config is wrong.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

struct GlobalOptions {
  std::string archive_dir;  // --archive; "" = from config, else the default
  std::string config_path;  // --config; "" = DefaultConfigPath() when it exists
};

// Loads the config named by --config (which must exist), or the default file when present,
// else defaults. --archive overrides the config's archive.
Result<config::Config> LoadConfig(const GlobalOptions& global);

// Opens the archive the config names. With `create` false, a missing archive is NotFound
// (queries must not create empty archives as a side effect).
Result<std::unique_ptr<storage::Archive>> OpenArchive(const config::Config& config, bool create);

// Prints "strata <command>: <message>" to stderr and returns `code`.
int Fail(std::string_view command, std::string_view message, int code = kExitFailure);

// Splits "URL@N" (a version number) off a URL. URLs may contain '@' (medium.com/@user), so only
// a final "@<digits>" counts. Returns the URL and the version (0 when none was given).
std::pair<std::string, int64_t> SplitVersionSuffix(const std::string& arg);

// The archive key of a URL the user typed: its normalised form, or the text as typed when it
// does not normalise (so the lookup reports "not in the archive").
std::string ArchiveKey(const std::string& url);

}  // namespace strata::tools
