// strata crawl URL...: fetch, extract and archive; one line per URL.
#include <fstream>

#include "crawler/jobs/crawl_job.h"
#include "tools/cli/commands.h"
#include "tools/cli/print.h"

namespace strata::tools {
namespace {

struct CrawlArgs {
  std::vector<std::string> urls;
  std::string input_file;
  bool quiet = false;
};

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
  if (urls.empty())
    return Fail("crawl", "no URL given (strata crawl URL... or -i FILE)", kExitUsage);

  Result<config::Config> cfg = LoadConfig(global);
  if (!cfg.ok()) return Fail("crawl", cfg.status().message(), kExitUsage);
  Result<std::unique_ptr<storage::Archive>> archive = OpenArchive(*cfg, /*create=*/true);
  if (!archive.ok()) return Fail("crawl", archive.status().message());

  int64_t failed = 0;
  Result<jobs::CrawlSummary> summary =
      jobs::CrawlUrls(urls, **archive, *cfg, [&](const jobs::PageResult& r) {
        if (r.kind == storage::RecordKind::kFailed) ++failed;
        PrintPageResult(stdout, r);
        std::fflush(stdout);
      });
  if (!summary.ok()) return Fail("crawl", summary.status().message());
  if (!args.quiet) PrintSummary(stderr, *summary);
  if (failed > 0) {
    return Fail("crawl",
                std::to_string(failed) + " of " + std::to_string(summary->pages) + " URLs failed");
  }
  return kExitOk;
}

}  // namespace

void AddCrawlCommand(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto args = std::make_shared<CrawlArgs>();
  CLI::App* cmd = app.add_subcommand("crawl",
                                     "Fetch URLs, extract the articles, archive them "
                                     "(a new version only when the content changed)");
  cmd->add_option("urls", args->urls, "Article URLs");
  cmd->add_option("-i,--input", args->input_file, "Read URLs from a file, one per line");
  cmd->add_flag("-q,--quiet", args->quiet, "No summary line on stderr");
  cmd->callback([&global, args, exit_code] { *exit_code = RunCrawl(global, *args); });
}

}  // namespace strata::tools
