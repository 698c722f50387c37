// strata extract FILE...: run the extractor on saved pages (plain or .gz) and print one JSON
// line per page, in input order: how anyone checks a page by hand, and how evaluations are
// scripted. Thin: flags -> site profiles -> RunExtractJobs (extract_runner.h) -> stdout.
#include <cstdio>
#include <optional>

#include "config/site_profile.h"
#include "parser/profile.h"
#include "tools/cli/commands.h"
#include "tools/cli/extract_runner.h"

namespace strata::tools {
namespace {

struct ExtractArgs {
  std::vector<std::string> files;
  std::string url;
  std::string manifest;
  bool html = false;
  bool markdown = false;
  int jobs = 0;
  std::string fetched_at;
  std::string sites_dir;
  bool no_sites = false;
};

int RunExtract(const ExtractArgs& args) {
  std::vector<ExtractJob> jobs;
  for (const std::string& file : args.files) jobs.push_back({file, "", "", std::nullopt});
  if (!args.url.empty()) {
    if (jobs.size() != 1 || !args.manifest.empty()) {
      return Fail("extract", "--url goes with exactly one FILE (use --manifest for several)",
                  kExitUsage);
    }
    jobs[0].url = args.url;
  }
  if (!args.manifest.empty()) {
    Result<std::vector<ExtractJob>> listed = ReadManifest(args.manifest);
    if (!listed.ok()) return Fail("extract", listed.status().message(), kExitUsage);
    jobs.insert(jobs.end(), listed->begin(), listed->end());
  }
  if (jobs.empty()) return Fail("extract", "give FILE... or --manifest FILE", kExitUsage);

  ExtractRunOptions options;
  options.html = args.html;
  options.markdown = args.markdown;
  options.jobs = args.jobs;
  if (!args.fetched_at.empty()) {
    options.fetched_at = ParseIso8601(args.fetched_at);
    if (!options.fetched_at) {
      return Fail("extract", "--fetched-at: not an ISO 8601 time: " + args.fetched_at, kExitUsage);
    }
  }
  parser::SiteProfiles profiles;
  if (!args.no_sites) {
    const std::string dir =
        args.sites_dir.empty() ? config::DefaultSiteProfileDir() : args.sites_dir;
    Result<std::vector<config::SiteProfile>> loaded = config::LoadSiteProfiles(dir);
    if (!loaded.ok()) return Fail("extract", loaded.status().message(), kExitUsage);
    Result<parser::SiteProfiles> compiled = parser::SiteProfiles::Compile(*loaded);
    if (!compiled.ok()) return Fail("extract", compiled.status().message(), kExitUsage);
    profiles = std::move(*compiled);
    options.site_profiles = &profiles;
  }

  const size_t failures = RunExtractJobs(jobs, options, [](const std::string& line) {
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fputc('\n', stdout);
  });
  std::fflush(stdout);
  if (failures > 0) {
    return Fail("extract", std::to_string(failures) + " of " + std::to_string(jobs.size()) +
                               " page(s) failed (see their \"error\" lines)");
  }
  return kExitOk;
}

}  // namespace

void AddExtractCommand(CLI::App& app, const GlobalOptions& /*global*/, int* exit_code) {
  auto args = std::make_shared<ExtractArgs>();
  CLI::App* cmd = app.add_subcommand(
      "extract",
      "Extract saved pages (HTML, or gzipped HTML) and print one JSON line per page, in order: "
      "path, url, title, author, date, body, views, likes, comments, tags, lang, word_count");
  cmd->add_option("files", args->files, "Saved pages (.html, .gz, any name)");
  cmd->add_option("--url", args->url,
                  "The URL the single FILE was fetched from (selects the site profile, resolves "
                  "links)");
  cmd->add_option("--manifest", args->manifest,
                  "A JSON-lines file of {\"path\", \"url\"} (optional \"content_type\", "
                  "\"fetched_at\"); relative paths are relative to the manifest");
  cmd->add_flag("--html", args->html, "Add body_html: the body as sanitized HTML");
  cmd->add_flag("--markdown", args->markdown, "Add body_markdown: the body as Markdown");
  cmd->add_option("-j,--jobs", args->jobs, "Worker threads (default: one per core)")
      ->check(CLI::Range(0, 256));
  cmd->add_option("--fetched-at", args->fetched_at,
                  "When the pages were fetched (ISO 8601), for relative dates such as \"3 天前\" "
                  "(default: each file's modification time)");
  cmd->add_option("--sites", args->sites_dir,
                  "Directory of site profiles (*.toml) that add to and override the built-in "
                  "ones (default: $STRATA_SITES, else ~/.config/strata/sites)");
  cmd->add_flag("--no-sites", args->no_sites, "Use no site profiles: the generic cascade only");
  cmd->callback([args, exit_code] { *exit_code = RunExtract(*args); });
}

}  // namespace strata::tools
