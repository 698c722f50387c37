// strata author URL: find every post of an author, archive each one, and say how complete the
// result is. One line per post on stdout (as `strata crawl`), then the completeness report;
// with --json, one JSON object instead. Thin: flags become AuthorOptions for
// jobs::ArchiveAuthor (crawler/jobs/author_job.h).
#include <signal.h>

#include <nlohmann/json.hpp>
#include <optional>

#include "crawler/jobs/author_job.h"
#include "tools/cli/commands.h"
#include "tools/cli/print.h"

namespace strata::tools {
namespace {

constexpr int kExitInterrupted = 128 + SIGINT;
constexpr int kExitTerminated = 128 + SIGTERM;

struct AuthorArgs {
  std::string url;
  std::optional<int64_t> max_pages;
  bool json = false;
  bool quiet = false;
  bool list_only = false;
  bool refetch_all = false;
  bool ignore_robots = false;
};

std::string FormatReport(const jobs::AuthorReport& r) {
  std::string out = "author " + r.author_url;
  out += " (" + std::string(jobs::ListingMethodName(r.method));
  if (!r.profile.empty()) out += ", profile " + r.profile;
  out += ")\n";
  out += "listing: " + std::to_string(r.listing_pages) +
         " request(s), stopped: " + std::string(jobs::ListingStopName(r.stop));
  if (!r.stop_detail.empty()) out += " (" + r.stop_detail + ")";
  out += "\n";
  out += "found " + std::to_string(r.found) + " post(s)";
  if (r.stated_total) out += "; the site states " + std::to_string(*r.stated_total);
  if (!r.first_run) out += "; " + std::to_string(r.newly_listed) + " newly listed";
  out += "\n";
  out += "posts: " + std::to_string(r.new_posts) + " new, " + std::to_string(r.changed) +
         " changed, " + std::to_string(r.unchanged) + " unchanged, " +
         std::to_string(r.skipped_unmodified) + " not fetched (unmodified in the listing), " +
         std::to_string(r.failed) + " failed\n";
  if (!r.missing.empty()) {
    int64_t gone = 0;
    for (const jobs::MissingPost& m : r.missing) gone += m.gone ? 1 : 0;
    out += "no longer listed: " + std::to_string(r.missing.size()) + " (" + std::to_string(gone) +
           " gone, recorded as tombstones)\n";
    for (const jobs::MissingPost& m : r.missing) {
      out += "  " +
             std::string(m.gone                                   ? "gone     "
                         : m.kind == storage::RecordKind::kFailed ? "failed   "
                                                                  : "unlisted ") +
             m.url + "\n";
    }
  }
  for (const std::string& note : r.notes) out += "note: " + note + "\n";
  out += "completeness: " + std::string(jobs::CompletenessName(r.completeness));
  for (size_t i = 0; i < r.reasons.size(); ++i) {
    out += (i == 0 ? " (" : "; ") + r.reasons[i];
  }
  if (!r.reasons.empty()) out += ")";
  out += "\n";
  return out;
}

nlohmann::json ReportJson(const jobs::AuthorReport& r,
                          const std::vector<jobs::PageResult>& results) {
  nlohmann::json json = {
      {"author_url", r.author_url},
      {"author_id", r.author_id},
      {"profile", r.profile},
      {"method", jobs::ListingMethodName(r.method)},
      {"listing_requests", r.listing_pages},
      {"stop", jobs::ListingStopName(r.stop)},
      {"stop_detail", r.stop_detail},
      {"found", r.found},
      {"new", r.new_posts},
      {"changed", r.changed},
      {"unchanged", r.unchanged},
      {"skipped_unmodified", r.skipped_unmodified},
      {"failed", r.failed},
      {"newly_listed", r.newly_listed},
      {"first_run", r.first_run},
      {"completeness", jobs::CompletenessName(r.completeness)},
      {"reasons", r.reasons},
      {"notes", r.notes},
      {"elapsed_ms", r.elapsed_ms},
  };
  json["stated_total"] = r.stated_total ? nlohmann::json(*r.stated_total) : nlohmann::json();
  nlohmann::json missing = nlohmann::json::array();
  for (const jobs::MissingPost& m : r.missing) {
    missing.push_back(
        {{"url", m.url}, {"gone", m.gone}, {"recorded", storage::RecordKindName(m.kind)}});
  }
  json["missing"] = std::move(missing);
  nlohmann::json listed = nlohmann::json::array();
  for (const parser::ListedPost& p : r.posts) {
    nlohmann::json post = {{"url", p.url}};
    if (!p.title.empty()) post["title"] = p.title;
    if (!p.published.empty()) post["published"] = p.published;
    if (!p.modified.empty()) post["modified"] = p.modified;
    if (p.views) post["views"] = *p.views;
    listed.push_back(std::move(post));
  }
  json["posts"] = std::move(listed);
  nlohmann::json fetched = nlohmann::json::array();
  for (const jobs::PageResult& p : results) {
    nlohmann::json one = {{"url", p.url},
                          {"recorded", storage::RecordKindName(p.kind)},
                          {"version", p.version},
                          {"http_status", p.http_status}};
    if (!p.title.empty()) one["title"] = p.title;
    if (!p.error.empty()) one["error"] = p.error;
    fetched.push_back(std::move(one));
  }
  json["fetched"] = std::move(fetched);
  return json;
}

int RunAuthor(const GlobalOptions& global, const AuthorArgs& args) {
  Result<config::Config> cfg = LoadConfig(global);
  if (!cfg.ok()) return Fail("author", cfg.status().message(), kExitUsage);
  if (args.ignore_robots) cfg->robots.respect = false;
  Result<std::unique_ptr<storage::Archive>> archive = OpenArchive(*cfg, /*create=*/true);
  if (!archive.ok()) return Fail("author", archive.status().message());

  jobs::AuthorOptions options;
  if (args.max_pages) options.max_pages = *args.max_pages;
  options.list_only = args.list_only;
  options.skip_unmodified = !args.refetch_all;
  options.run.stop_on_signals = true;

  std::vector<jobs::PageResult> results;
  Result<jobs::AuthorReport> report = jobs::ArchiveAuthor(
      args.url, **archive, *cfg,
      [&](const jobs::PageResult& r) {
        if (args.json) {
          results.push_back(r);
          return;
        }
        if (args.quiet) return;
        PrintPageResult(stdout, r);
        std::fflush(stdout);
      },
      options);
  if (!report.ok()) {
    const bool usage = report.status().code() == Status::Code::kInvalidArgument;
    return Fail("author", report.status().message(), usage ? kExitUsage : kExitFailure);
  }
  if (args.json) {
    std::fputs((ReportJson(*report, results)
                    .dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
                "\n")
                   .c_str(),
               stdout);
  } else {
    if (args.list_only && !args.quiet) {
      for (const parser::ListedPost& p : report->posts) {
        std::fprintf(stdout, "%s%s%s\n", p.url.c_str(), p.title.empty() ? "" : "  ",
                     p.title.c_str());
      }
    }
    std::fputs(FormatReport(*report).c_str(), stdout);
  }
  std::fflush(stdout);
  if (report->stop_signal == SIGINT) return kExitInterrupted;
  if (report->stop_signal != 0) return kExitTerminated;
  if (report->method == jobs::ListingMethod::kNone) {
    return Fail("author", "found no posts: " + report->stop_detail);
  }
  if (report->failed > 0) {
    return Fail("author", std::to_string(report->failed) + " post(s) could not be archived");
  }
  return kExitOk;
}

}  // namespace

void AddAuthorCommand(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto args = std::make_shared<AuthorArgs>();
  CLI::App* cmd = app.add_subcommand(
      "author",
      "Find every post of an author (site profile listings, next links, feeds, sitemaps), "
      "archive each one, report how complete the result is and what disappeared");
  cmd->add_option("url", args->url, "The author's page (or feed)")->required();
  cmd->add_option("--max-pages", args->max_pages,
                  "Listing requests at most (default: the profile's max_pages, else 500)")
      ->check(CLI::Range(int64_t{1}, int64_t{1'000'000}));
  cmd->add_flag("--json", args->json, "Print the report (and each post's outcome) as JSON");
  cmd->add_flag("-q,--quiet", args->quiet, "No per-post lines; only the report");
  cmd->add_flag("--list", args->list_only, "Only list the posts: archive nothing");
  cmd->add_flag("--refetch-all", args->refetch_all,
                "Fetch every post, even those the listing shows unmodified since the last run");
  cmd->add_flag("--ignore-robots", args->ignore_robots,
                "Do not obey robots.txt (for your own sites only)");
  cmd->callback([&global, args, exit_code] { *exit_code = RunAuthor(global, *args); });
}

}  // namespace strata::tools
