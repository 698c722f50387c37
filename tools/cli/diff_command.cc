// strata diff URL [A [B]]: what changed between two versions (default: the last two; A and B
// are version numbers or dates). The choice of versions, the diff and every output format live
// in storage/ (diff_versions.h, diff.h, diff_render.h); this file maps flags onto them and
// decides what only a program can: is stdout a terminal, and how wide is it.
#include <cstdio>
#include <cstdlib>
#include <optional>

#include "storage/change_analysis.h"
#include "storage/diff.h"
#include "storage/diff_render.h"
#include "storage/diff_versions.h"
#include "tools/cli/commands.h"
#include "tools/cli/terminal.h"

namespace strata::tools {
namespace {

struct DiffArgs {
  std::string url;
  std::string from;  // "" when not given
  std::string to;
  std::string format = "unified";
  bool json = false;
  std::string granularity = "auto";
  std::string color = "auto";
  int context = 3;
  int width = 0;  // 0: the terminal's
};

int RunDiff(const GlobalOptions& global, const DiffArgs& args) {
  const std::string format = args.json ? "json" : args.format;
  const std::optional<storage::Granularity> granularity =
      storage::ParseGranularity(args.granularity);
  if (!granularity) {
    return Fail("diff", "--granularity must be line, word, char or auto", kExitUsage);
  }
  Result<config::Config> cfg = LoadConfig(global);
  if (!cfg.ok()) return Fail("diff", cfg.status().message(), kExitUsage);
  auto archive = OpenArchive(*cfg, /*create=*/false);
  if (!archive.ok()) return Fail("diff", archive.status().message());
  const std::string key = ArchiveKey(args.url);

  const auto ref = [](const std::string& s) {
    return s.empty() ? std::nullopt : std::optional<std::string>(s);
  };
  Result<storage::VersionPair> pair =
      storage::SelectVersionsToDiff(**archive, key, ref(args.from), ref(args.to));
  if (!pair.ok()) {
    return Fail("diff", pair.status().message(),
                pair.status().IsInvalidArgument() ? kExitUsage : kExitFailure);
  }
  Result<storage::Version> a = (*archive)->GetVersion(key, pair->from);
  if (!a.ok()) return Fail("diff", a.status().message());
  Result<storage::Version> b = (*archive)->GetVersion(key, pair->to);
  if (!b.ok()) return Fail("diff", b.status().message());

  storage::DiffOptions diff_options;
  diff_options.granularity = *granularity;
  const storage::ArticleDiff diff = storage::CompareArticles(a->article, b->article, diff_options);
  const storage::ChangeAnalysis analysis = storage::AnalyzeChange(a->article, b->article);

  storage::RenderOptions options;
  options.from_label = key + "@" + std::to_string(pair->from);
  options.to_label = key + "@" + std::to_string(pair->to);
  options.context = args.context;
  options.analysis = &analysis;
  std::string out;
  if (format == "json") {
    out = storage::RenderJson(diff, options);
  } else if (format == "html") {
    out = storage::RenderHtml(diff, options);
  } else {
    options.color = UseColor(args.color);
    if (format == "side-by-side") {
      options.width = args.width > 0 ? args.width : TerminalWidth();
      out = storage::RenderSideBySide(diff, options);
    } else {
      out = storage::RenderUnified(diff, options);
    }
    if (diff.identical()) {
      out = "v" + std::to_string(pair->from) + " and v" + std::to_string(pair->to) +
            " have the same content\n";
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitOk;
}

}  // namespace

void AddDiffCommand(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto args = std::make_shared<DiffArgs>();
  CLI::App* cmd = app.add_subcommand(
      "diff",
      "Diff two versions of an article (default: the last two; one given: it and the latest). "
      "A and B are version numbers or dates (2025-02-14: as it was at the end of that day; "
      "2025-02-14T10:00:00+08:00)");
  cmd->add_option("url", args->url, "Article URL")->required();
  cmd->add_option("from", args->from, "Older version: number or date");
  cmd->add_option("to", args->to, "Newer version: number or date (default: the latest)");
  cmd->add_option("--format", args->format, "Output: unified, side-by-side, json or html")
      ->check(CLI::IsMember({"unified", "side-by-side", "json", "html"}))
      ->capture_default_str();
  cmd->add_flag("--json", args->json, "Same as --format json");
  cmd->add_option("--granularity", args->granularity,
                  "Inside edited paragraphs: line, word, char or auto (CJK per character, "
                  "other text per word)")
      ->check(CLI::IsMember({"line", "word", "char", "auto"}))
      ->capture_default_str();
  cmd->add_option("--color", args->color, "Colours: auto (on a terminal), always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  cmd->add_option("--context", args->context, "Unchanged paragraphs shown around each change")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  cmd->add_option("--width", args->width,
                  "Side by side: total width in columns (default: the terminal's)")
      ->check(CLI::PositiveNumber);
  cmd->callback([&global, args, exit_code] { *exit_code = RunDiff(global, *args); });
}

}  // namespace strata::tools
