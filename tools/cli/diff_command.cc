// strata diff URL [A [B]]: what changed between two versions (default: the last two).
#include "storage/diff.h"
#include "tools/cli/commands.h"

namespace strata::tools {
namespace {

struct DiffArgs {
  std::string url;
  int64_t from = 0;
  int64_t to = 0;
};

int RunDiff(const GlobalOptions& global, const DiffArgs& args) {
  Result<config::Config> cfg = LoadConfig(global);
  if (!cfg.ok()) return Fail("diff", cfg.status().message(), kExitUsage);
  auto archive = OpenArchive(*cfg, /*create=*/false);
  if (!archive.ok()) return Fail("diff", archive.status().message());
  const std::string key = ArchiveKey(args.url);
  Result<storage::ArticleHead> head = (*archive)->Head(key);
  if (!head.ok()) return Fail("diff", head.status().message());
  const int64_t latest = head->latest_version;
  int64_t from = args.from, to = args.to;
  if (from == 0 && to == 0) {
    if (latest < 2)
      return Fail("diff",
                  key + " has " + std::to_string(latest) + " version(s): nothing to compare");
    from = latest - 1;
    to = latest;
  } else if (to == 0) {
    to = latest;
  }
  for (int64_t n : {from, to}) {
    if (n < 1 || n > latest) {
      return Fail("diff",
                  "no version " + std::to_string(n) + " of " + key + " (it has " +
                      std::to_string(latest) + ")",
                  kExitUsage);
    }
  }
  Result<storage::Version> a = (*archive)->GetVersion(key, from);
  if (!a.ok()) return Fail("diff", a.status().message());
  Result<storage::Version> b = (*archive)->GetVersion(key, to);
  if (!b.ok()) return Fail("diff", b.status().message());
  const std::string from_label = key + "@" + std::to_string(from);
  const std::string to_label = key + "@" + std::to_string(to);
  storage::UnifiedDiffOptions options;
  options.from_label = from_label;
  options.to_label = to_label;
  const std::string diff = storage::DiffArticles(a->article, b->article, options);
  if (diff.empty()) {
    std::printf("v%lld and v%lld have the same content\n", static_cast<long long>(from),
                static_cast<long long>(to));
  } else {
    std::fwrite(diff.data(), 1, diff.size(), stdout);
  }
  return kExitOk;
}

}  // namespace

void AddDiffCommand(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto args = std::make_shared<DiffArgs>();
  CLI::App* cmd = app.add_subcommand(
      "diff",
      "Diff two versions of an article (default: the last two; one number: it and the latest)");
  cmd->add_option("url", args->url, "Article URL")->required();
  cmd->add_option("from", args->from, "Older version number");
  cmd->add_option("to", args->to, "Newer version number");
  cmd->callback([&global, args, exit_code] { *exit_code = RunDiff(global, *args); });
}

}  // namespace strata::tools
