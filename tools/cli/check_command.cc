// strata check [--repair]: verifies the archive (storage/archive_check.h says what is checked).
// One line per problem on stdout, a summary on stderr; exit 0 when the archive is consistent
// (after the repair, if one ran), 1 when problems were found or remain.
#include "tools/cli/commands.h"
#include "tools/cli/json_output.h"
#include "tools/cli/print.h"

namespace strata::tools {
namespace {

struct CheckArgs {
  bool repair = false;
  bool json = false;
};

int RunCheck(const GlobalOptions& global, const CheckArgs& args) {
  Result<config::Config> cfg = LoadConfig(global);
  if (!cfg.ok()) return Fail("check", cfg.status().message(), kExitUsage);
  Result<std::unique_ptr<storage::Archive>> archive = OpenArchive(*cfg, /*create=*/false);
  if (!archive.ok()) return Fail("check", archive.status().message());
  storage::CheckOptions options;
  options.repair = args.repair;
  Result<storage::CheckReport> report = (*archive)->Check(options);
  if (!report.ok()) return Fail("check", report.status().message());
  if (args.json) {
    PrintJson(stdout, CheckReportJson(*report));
  } else {
    PrintCheckProblems(stdout, report->problems);
    PrintCheckSummary(stderr, *report);
  }
  return report->clean() ? kExitOk : kExitFailure;
}

}  // namespace

void AddCheckCommand(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto args = std::make_shared<CheckArgs>();
  CLI::App* cmd = app.add_subcommand(
      "check",
      "Verify the archive: every record decodes, versions have their raw responses, heads agree "
      "with versions and fetches, indexes agree with heads (exit 0: consistent, 1: problems)");
  cmd->add_flag("--repair,--rebuild-indexes", args->repair,
                "Rebuild the indexes and counter series from the records when they disagree");
  cmd->add_flag("--json", args->json, "JSON output");
  cmd->callback([&global, args, exit_code] { *exit_code = RunCheck(global, *args); });
}

}  // namespace strata::tools
