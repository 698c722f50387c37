// The fixture of the `strata watch`, `status` and `recrawl` program tests: the watch test site on
// 127.0.0.1, a scratch directory with an archive and a config file written by the test, and the
// real `strata` program run on them.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "crawler/fetch_loop.h"
#include "tests/jobs/watch_site.h"
#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"

namespace strata::tools {

class WatchCliTest : public ::testing::Test {
 protected:
  // Writes the config: `toml` with {base} replaced by the site's URL and {dir} by the scratch
  // directory, after a [politeness] section for our own loopback site.
  void WriteConfig(std::string toml) {
    for (size_t at; (at = toml.find("{base}")) != std::string::npos;) {
      toml.replace(at, 6, server_.base_url());
    }
    for (size_t at; (at = toml.find("{dir}")) != std::string::npos;) {
      toml.replace(at, 5, dir_.path());
    }
    std::ofstream(config_path()) << "[politeness]\nmin_delay = 0\n[retry]\nmax_retries = 0\n"
                                 << toml;
  }

  std::string config_path() const { return dir_.Sub("strata.toml"); }
  std::vector<std::string> Argv(std::vector<std::string> args) const {
    args.insert(args.begin(),
                {STRATA_PROGRAM, "--archive", dir_.Sub("archive"), "--config", config_path()});
    return args;
  }
  testing::CommandResult Strata(const std::vector<std::string>& args) {
    return testing::RunCommand(Argv(args), dir_.path());
  }
  std::string Url(const std::string& path) const { return server_.base_url() + path; }
  size_t RequestsFor(const std::string& path) const {
    size_t n = 0;
    for (const devserver::HttpRequest& r : server_.requests()) n += r.target == path;
    return n;
  }

  testing::TempDir dir_;
  testing::WatchSite site_;
  devserver::LocalHttpServer server_{
      [this](const devserver::HttpRequest& r) { return site_.Handle(r); }};
};

}  // namespace strata::tools
