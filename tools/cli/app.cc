#include <cstdio>

#include "crawler/fetch_loop.h"
#include "tools/cli/commands.h"

namespace strata::tools {

int RunStrata(int argc, char** argv) {
  crawler::CurlGlobal curl;  // before any thread starts
  CLI::App app{"strata: crawl blogs and developer communities, keep every revision, diff them"};
  app.set_help_all_flag("--help-all", "Show help for every subcommand");
  app.require_subcommand(1);
  app.fallthrough();  // global flags may follow the subcommand: `strata list --archive DIR`

  GlobalOptions global;
  app.add_option("--archive", global.archive_dir,
                 "Archive directory (default: $STRATA_ARCHIVE, else "
                 "~/.local/share/strata/archive)");
  app.add_option("--config", global.config_path,
                 "Config file (default: ~/.config/strata/strata.toml when it exists)");

  int exit_code = kExitOk;
  AddCrawlCommand(app, global, &exit_code);
  AddListCommand(app, global, &exit_code);
  AddHistoryCommand(app, global, &exit_code);
  AddShowCommand(app, global, &exit_code);
  AddCheckCommand(app, global, &exit_code);
  AddDiffCommand(app, global, &exit_code);
  AddBlameCommand(app, global, &exit_code);
  AddDemoCommand(app, global, &exit_code);
  AddExtractCommand(app, global, &exit_code);
  AddAuthorCommand(app, global, &exit_code);   // author helper (issue 6)
  AddWatchCommand(app, global, &exit_code);    // watch helper (issue 6)
  AddRecrawlCommand(app, global, &exit_code);  // watch helper
  AddStatusCommand(app, global, &exit_code);   // watch helper

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  return exit_code;
}

}  // namespace strata::tools
