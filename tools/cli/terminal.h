// What only a program on a terminal needs to know: is an output a terminal, should it be
// coloured, how wide is it.
//
// Thread-safety: plain functions over the process's environment.
#pragma once

#include <cstdio>
#include <string>

namespace strata::tools {

// True when `file` is a terminal.
bool IsTerminal(std::FILE* file);

// --color=MODE for stdout: "always", "never", or "auto" (the default: colour on a terminal,
// unless NO_COLOR is set or TERM is "dumb").
bool UseColor(const std::string& mode);

// The width of the terminal on stdout, else $COLUMNS, else 80.
int TerminalWidth();

}  // namespace strata::tools
