// strata blame URL[@N|@DATE]: for each paragraph of the latest version (or of version N, or of
// the version current at DATE), the version and time it first appeared, and the version its
// wording comes from. The tracking is storage/blame.h; this file maps flags onto it and prints.
#include <cstdio>
#include <cstdlib>

#include "storage/blame.h"
#include "storage/blame_render.h"
#include "tools/cli/commands.h"
#include "tools/cli/terminal.h"
#include "tools/cli/version_ref.h"

namespace strata::tools {
namespace {

struct BlameArgs {
  std::string url;
  bool json = false;
  std::string color = "auto";
};

int RunBlame(const GlobalOptions& global, const BlameArgs& args) {
  Result<config::Config> cfg = LoadConfig(global);
  if (!cfg.ok()) return Fail("blame", cfg.status().message(), kExitUsage);
  auto archive = OpenArchive(*cfg, /*create=*/false);
  if (!archive.ok()) return Fail("blame", archive.status().message());
  const VersionRef ref = ParseVersionRef(args.url);
  const std::string key = ArchiveKey(ref.url);
  int64_t version = 0;  // the latest with content
  if (ref.number != 0 || ref.at) {
    Result<storage::Version> named = ResolveVersion(**archive, key, ref);
    if (!named.ok()) return Fail("blame", named.status().message());
    version = named->number;
  }
  Result<storage::Blame> blame = storage::BlameArticle(**archive, key, version);
  if (!blame.ok()) return Fail("blame", blame.status().message());
  const std::string out = args.json ? storage::RenderBlameJson(*blame, key)
                                    : storage::RenderBlameText(*blame, UseColor(args.color));
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

}  // namespace

void AddBlameCommand(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto args = std::make_shared<BlameArgs>();
  CLI::App* cmd = app.add_subcommand(
      "blame",
      "For each paragraph of an article (URL@N: of version N; URL@DATE: of the version current "
      "then), the version and time it first appeared, and ~vN when its wording comes from a "
      "later version");
  cmd->add_option("url", args->url,
                  "Article URL, optionally @N or @DATE (2025-02-14: the end of that day)")
      ->required();
  cmd->add_flag("--json", args->json, "Print JSON");
  cmd->add_option("--color", args->color, "Colours: auto (on a terminal), always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  cmd->callback([&global, args, exit_code] { *exit_code = RunBlame(global, *args); });
}

}  // namespace strata::tools
