// Reading `[[watch]]` and `[hooks]` out of the config file: the TOML side of config/watch.h.
// Internal to config/ (config.cc calls it); errors name the key, as everywhere in the config.
//
// Thread-safety: like TableReader, one reader per thread.
#pragma once

#include <vector>

#include "config/toml_reader.h"
#include "config/watch.h"

namespace strata::config {

// Reads every `[[watch]]` table of `root` into `entries`: defaults resolved (name, jitter,
// adaptive bounds), values validated, names unique.
void ReadWatchEntries(TableReader& root, std::vector<WatchEntry>* entries);

// Reads the `[hooks]` table.
void ReadHooks(TableReader hooks, HooksOptions* options);

}  // namespace strata::config
