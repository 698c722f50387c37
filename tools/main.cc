// The `strata` program: everything is in the libraries and tools/cli; main only calls it.
#include "tools/cli/commands.h"

int main(int argc, char** argv) { return strata::tools::RunStrata(argc, argv); }
