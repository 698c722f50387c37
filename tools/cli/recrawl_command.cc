// strata recrawl [--site S] [--author A] [--not-seen-since DATE|DURATION]: revisit what the
// archive already holds (crawler/jobs/recrawl.h), through the crawl job, with the output of
// `strata crawl`. --list only prints what would be revisited.
#include <signal.h>

#include <fmt/format.h>

#include "config/units.h"
#include "crawler/jobs/recrawl.h"
#include "tools/cli/commands.h"
#include "tools/cli/crawl_report.h"
#include "tools/cli/progress.h"

namespace strata::tools {
namespace {

struct RecrawlArgs {
  std::string site;
  std::string author;
  std::string not_seen_since;
  bool include_gone = false;
  size_t limit = 0;
  bool list = false;
  bool quiet = false;
  bool no_progress = false;
};

// "2025-02-14" (a date, start of day UTC, or a full ISO time) or "7d" (that long before now).
std::optional<UnixMillis> ParseSince(const std::string& text, UnixMillis now) {
  if (std::optional<UnixMillis> at = ParseTimeArg(text, /*end_of_day=*/false)) return at;
  if (std::optional<int64_t> ms = config::ParseDurationMs(text); ms && *ms > 0) return now - *ms;
  return std::nullopt;
}

int RunRecrawl(const GlobalOptions& global, const RecrawlArgs& args) {
  const UnixMillis now = SystemClock::Instance().Now();
  jobs::RecrawlFilter filter;
  filter.site = args.site;
  filter.author = args.author;
  filter.include_gone = args.include_gone;
  filter.limit = args.limit;
  if (!args.not_seen_since.empty()) {
    std::optional<UnixMillis> since = ParseSince(args.not_seen_since, now);
    if (!since) {
      return Fail("recrawl",
                  "--not-seen-since takes a date (2025-02-14, 2025-02-14T10:00+08:00) or a "
                  "duration (7d, 12h), not \"" +
                      args.not_seen_since + "\"",
                  kExitUsage);
    }
    filter.not_seen_since = *since;
  }
  // The words the user typed, so that the same command resumes an interrupted recrawl.
  filter.identity =
      fmt::format("site={}\nauthor={}\nnot_seen_since={}\ninclude_gone={}\nlimit={}", args.site,
                  args.author, args.not_seen_since, args.include_gone, args.limit);

  Result<config::Config> cfg = LoadConfig(global);
  if (!cfg.ok()) return Fail("recrawl", cfg.status().message(), kExitUsage);
  Result<std::unique_ptr<storage::Archive>> archive = OpenArchive(*cfg, /*create=*/false);
  if (!archive.ok()) return Fail("recrawl", archive.status().message());

  if (args.list) {
    Result<std::vector<std::string>> urls = jobs::SelectForRecrawl(**archive, filter);
    if (!urls.ok()) return Fail("recrawl", urls.status().message());
    for (const std::string& url : *urls) fmt::print("{}\n", url);
    fmt::print(stderr, "{} article{} would be revisited\n", urls->size(),
               urls->size() == 1 ? "" : "s");
    return kExitOk;
  }

  CrawlReport report(args.quiet, !args.no_progress);
  jobs::RunOptions options;
  options.stop_on_signals = true;
  report.Attach(&options);
  Result<jobs::CrawlSummary> summary =
      jobs::Recrawl(**archive, *cfg, filter, report.OnPage(), options);
  report.Finish();
  if (!summary.ok()) return Fail("recrawl", summary.status().message());
  if (summary->pages == 0 && !summary->resumed) {
    fmt::print(stderr, "nothing to recrawl: no archived article matches\n");
    return kExitOk;
  }
  std::fputs(FormatCrawlSummary(*summary).c_str(), stderr);
  if (summary->stop_signal != 0) return 128 + summary->stop_signal;
  if (report.failed() > 0) {
    return Fail("recrawl", fmt::format("{} of {} URLs failed", report.failed(), summary->pages));
  }
  return kExitOk;
}

}  // namespace

void AddRecrawlCommand(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto args = std::make_shared<RecrawlArgs>();
  CLI::App* cmd = app.add_subcommand(
      "recrawl",
      "Revisit archived articles (conditional GET: a new version only when the content "
      "changed), chosen by site, author and when they were last seen");
  cmd->add_option("--site", args->site, "Only this host or domain (cnblogs.com matches www.)");
  cmd->add_option("--author", args->author, "Only articles by this author (as archived)");
  cmd->add_option("--not-seen-since", args->not_seen_since,
                  "Only articles not seen since DATE (2025-02-14) or for DURATION (7d, 12h)");
  cmd->add_flag("--include-gone", args->include_gone,
                "Also articles whose last answer was 404/410");
  cmd->add_option("--limit", args->limit, "At most N articles, the longest unseen first");
  cmd->add_flag("--list", args->list, "Only print the URLs that would be revisited");
  cmd->add_flag("-q,--quiet", args->quiet, "No per-URL lines and no progress; only the summary");
  cmd->add_flag("--no-progress", args->no_progress, "No live progress line on a terminal");
  cmd->callback([&global, args, exit_code] { *exit_code = RunRecrawl(global, *args); });
}

}  // namespace strata::tools
