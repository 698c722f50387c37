#include "tools/cli/context.h"

#include <cstdio>
#include <filesystem>

#include "common/url.h"

namespace strata::tools {

Result<config::Config> LoadConfig(const GlobalOptions& global) {
  config::Config cfg;
  if (!global.config_path.empty()) {
    STRATA_ASSIGN_OR_RETURN(cfg, config::LoadConfig(global.config_path));
  } else {
    const std::string path = config::DefaultConfigPath();
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) {
      STRATA_ASSIGN_OR_RETURN(cfg, config::LoadConfig(path));
    }
  }
  if (!global.archive_dir.empty()) cfg.archive_dir = global.archive_dir;
  if (cfg.archive_dir.empty()) cfg.archive_dir = config::DefaultArchiveDir();
  return cfg;
}

Result<std::unique_ptr<storage::Archive>> OpenArchive(const config::Config& cfg, bool create) {
  std::error_code ec;
  if (!create && !std::filesystem::exists(cfg.archive_dir, ec)) {
    return Status::NotFound("no archive at " + cfg.archive_dir +
                            " (run `strata crawl URL` first, or pass --archive DIR)");
  }
  if (create) {
    std::filesystem::create_directories(cfg.archive_dir, ec);
    if (ec) {
      return Status::IOError("cannot create archive directory " + cfg.archive_dir + ": " +
                             ec.message());
    }
  }
  storage::ArchiveOptions options;
  options.create_if_missing = create;
  return storage::Archive::Open(cfg.archive_dir, options);
}

int Fail(std::string_view command, std::string_view message, int code) {
  std::fprintf(stderr, "strata %.*s: %.*s\n", static_cast<int>(command.size()), command.data(),
               static_cast<int>(message.size()), message.data());
  return code;
}

std::pair<std::string, int64_t> SplitVersionSuffix(const std::string& arg) {
  const size_t at = arg.rfind('@');
  if (at == std::string::npos || at + 1 >= arg.size() || at + 12 < arg.size()) return {arg, 0};
  int64_t version = 0;
  for (size_t i = at + 1; i < arg.size(); ++i) {
    if (arg[i] < '0' || arg[i] > '9') return {arg, 0};
    version = version * 10 + (arg[i] - '0');
  }
  return {arg.substr(0, at), version};
}

std::string ArchiveKey(const std::string& url) {
  std::optional<std::string> key = NormalizeUrl(url);
  return key ? *key : url;
}

}  // namespace strata::tools
