// The subcommands of `strata`, one file each. Each Add*Command registers its flags on `app` and
// a callback that stores the command's exit code in `*exit_code`.
#pragma once

#include <CLI/CLI.hpp>

#include "tools/cli/context.h"

namespace strata::tools {

void AddCrawlCommand(CLI::App& app, const GlobalOptions& global, int* exit_code);
void AddListCommand(CLI::App& app, const GlobalOptions& global, int* exit_code);
void AddHistoryCommand(CLI::App& app, const GlobalOptions& global, int* exit_code);
void AddShowCommand(CLI::App& app, const GlobalOptions& global, int* exit_code);
void AddCheckCommand(CLI::App& app, const GlobalOptions& global, int* exit_code);
void AddDiffCommand(CLI::App& app, const GlobalOptions& global, int* exit_code);
void AddBlameCommand(CLI::App& app, const GlobalOptions& global, int* exit_code);
void AddDemoCommand(CLI::App& app, const GlobalOptions& global, int* exit_code);
void AddExtractCommand(CLI::App& app, const GlobalOptions& global, int* exit_code);
// author helper (issue 6): strata author URL
void AddAuthorCommand(CLI::App& app, const GlobalOptions& global, int* exit_code);
// watch helper (issue 6): schedules, revisits, what is due.
void AddWatchCommand(CLI::App& app, const GlobalOptions& global, int* exit_code);
void AddRecrawlCommand(CLI::App& app, const GlobalOptions& global, int* exit_code);
void AddStatusCommand(CLI::App& app, const GlobalOptions& global, int* exit_code);

// Runs the whole program: parses argv, dispatches, returns the exit code.
int RunStrata(int argc, char** argv);

}  // namespace strata::tools
