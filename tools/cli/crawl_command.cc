// strata crawl URL...: fetch, extract and archive (and follow links with --follow / --depth);
// one line per URL on stdout, a progress line on a terminal, a summary on stderr. Thin: flags
// become a Config and RunOptions for jobs::CrawlUrls (crawler/jobs/crawl_job.h).
#include <signal.h>

#include <fstream>
#include <optional>

#include "crawler/jobs/crawl_job.h"
#include "tools/cli/commands.h"
#include "tools/cli/crawl_report.h"
#include "tools/cli/progress.h"

namespace strata::tools {
namespace {

// 128 + the signal number, as shells report a process killed by it.
constexpr int kExitInterrupted = 128 + SIGINT;
constexpr int kExitTerminated = 128 + SIGTERM;

struct CrawlArgs {
  std::vector<std::string> urls;
  std::string input_file;
  bool quiet = false;
  bool no_progress = false;
  bool follow = false;
  std::optional<int> depth;
  std::optional<int64_t> max_pages;
  std::string domain;
  std::vector<std::string> allow;
  std::vector<std::string> deny;
  std::string crawl_id;
  bool resume = false;
  bool restart = false;
  bool ignore_robots = false;
};

Status ApplyFlags(const CrawlArgs& args, config::Config* cfg) {
  if (args.follow) cfg->crawl.follow = true;
  if (args.depth) {
    cfg->crawl.follow = true;
    cfg->scope.max_depth = *args.depth;
  }
  if (args.max_pages) cfg->scope.max_pages = *args.max_pages;
  if (args.domain == "host") {
    cfg->scope.domain = config::ScopeOptions::Domain::kHost;
  } else if (args.domain == "site") {
    cfg->scope.domain = config::ScopeOptions::Domain::kSite;
  } else if (args.domain == "any") {
    cfg->scope.domain = config::ScopeOptions::Domain::kAny;
  } else if (!args.domain.empty()) {
    return Status::InvalidArgument("--domain must be host, site or any, not " + args.domain);
  }
  cfg->scope.allow.insert(cfg->scope.allow.end(), args.allow.begin(), args.allow.end());
  cfg->scope.deny.insert(cfg->scope.deny.end(), args.deny.begin(), args.deny.end());
  if (args.ignore_robots) cfg->robots.respect = false;
  return Status::Ok();
}

int RunCrawl(const GlobalOptions& global, const CrawlArgs& args) {
  std::vector<std::string> urls = args.urls;
  if (!args.input_file.empty()) {
    std::ifstream in(args.input_file);
    if (!in) return Fail("crawl", "cannot open " + args.input_file, kExitUsage);
    for (std::string line; std::getline(in, line);) {
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
      if (!line.empty() && line[0] != '#') urls.push_back(line);
    }
  }
  if (urls.empty() && !(args.resume && !args.crawl_id.empty())) {
    return Fail("crawl",
                "no URL given (strata crawl URL... or -i FILE; --resume --crawl-id ID needs "
                "none)",
                kExitUsage);
  }
  if (args.resume && args.restart) {
    return Fail("crawl", "--resume and --restart exclude each other", kExitUsage);
  }

  Result<config::Config> cfg = LoadConfig(global);
  if (!cfg.ok()) return Fail("crawl", cfg.status().message(), kExitUsage);
  if (Status s = ApplyFlags(args, &*cfg); !s.ok()) return Fail("crawl", s.message(), kExitUsage);
  Result<std::unique_ptr<storage::Archive>> archive = OpenArchive(*cfg, /*create=*/true);
  if (!archive.ok()) return Fail("crawl", archive.status().message());

  CrawlReport report(args.quiet, !args.no_progress);
  jobs::RunOptions options;
  options.crawl_id = args.crawl_id;
  options.resume = args.resume    ? jobs::ResumeMode::kRequire
                   : args.restart ? jobs::ResumeMode::kRestart
                                  : jobs::ResumeMode::kAuto;
  options.stop_on_signals = true;
  report.Attach(&options);
  Result<jobs::CrawlSummary> summary =
      jobs::CrawlUrls(urls, **archive, *cfg, report.OnPage(), options);
  report.Finish();
  if (!summary.ok()) {
    const bool usage = summary.status().code() == Status::Code::kInvalidArgument ||
                       summary.status().code() == Status::Code::kNotFound;
    return Fail("crawl", summary.status().message(), usage ? kExitUsage : kExitFailure);
  }
  std::fputs(FormatCrawlSummary(*summary).c_str(), stderr);
  if (summary->stop_signal == SIGINT) return kExitInterrupted;
  if (summary->stop_signal != 0) return kExitTerminated;
  if (report.failed() > 0) {
    return Fail("crawl", std::to_string(report.failed()) + " of " + std::to_string(summary->pages) +
                             " URLs failed");
  }
  return kExitOk;
}

}  // namespace

void AddCrawlCommand(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto args = std::make_shared<CrawlArgs>();
  CLI::App* cmd = app.add_subcommand("crawl",
                                     "Fetch URLs (and, with --follow, the pages they link to), "
                                     "extract the articles, archive them (a new version only "
                                     "when the content changed)");
  cmd->add_option("urls", args->urls, "Seed URLs");
  cmd->add_option("-i,--input", args->input_file, "Read URLs from a file, one per line");
  cmd->add_flag("-q,--quiet", args->quiet, "No per-URL lines and no progress; only the summary");
  cmd->add_flag("--no-progress", args->no_progress, "No live progress line on a terminal");
  cmd->add_flag("--follow", args->follow, "Follow links within the scope ([scope] in the config)");
  cmd->add_option("--depth", args->depth,
                  "Follow links up to N hops from a seed (implies --follow)")
      ->check(CLI::Range(0, 1'000'000));
  cmd->add_option("--max-pages", args->max_pages, "Fetch at most N pages in this crawl")
      ->check(CLI::Range(int64_t{0}, int64_t{1} << 40));
  cmd->add_option("--domain", args->domain,
                  "Hosts to follow links to: host (the seeds' hosts), site (their registrable "
                  "domains), any");
  cmd->add_option("--allow", args->allow, "Follow only links matching this RE2 (repeatable)");
  cmd->add_option("--deny", args->deny, "Never follow links matching this RE2 (repeatable)");
  cmd->add_option("--crawl-id", args->crawl_id,
                  "Name the crawl (default: derived from the seeds and scope); the same name "
                  "resumes it");
  cmd->add_flag("--resume", args->resume,
                "Continue the unfinished crawl with these seeds and options (fail if none)");
  cmd->add_flag("--restart", args->restart,
                "Discard the unfinished crawl with these seeds and options and start over");
  cmd->add_flag("--ignore-robots", args->ignore_robots,
                "Do not obey robots.txt (for your own sites only)");
  cmd->callback([&global, args, exit_code] { *exit_code = RunCrawl(global, *args); });
}

}  // namespace strata::tools
