// strata demo: a local site on 127.0.0.1 that changes, crawled twice; prints the history and
// the diff. Needs no network and takes seconds.
#include <filesystem>

#include "crawler/jobs/crawl_job.h"
#include "storage/change_analysis.h"
#include "storage/diff.h"
#include "storage/diff_render.h"
#include "tools/cli/commands.h"
#include "tools/cli/print.h"
#include "tools/cli/terminal.h"
#include "tools/demo/demo_site.h"

namespace strata::tools {
namespace {

namespace fs = std::filesystem;

// A state key that marks an archive as the demo's, so that re-running the demo may wipe it
// (and never a directory that holds anything else).
constexpr const char* kDemoMarker = "demo/marker";

std::string DefaultDemoDir() {
  fs::path archive(config::DefaultArchiveDir());
  return (archive.parent_path() / "demo-archive").string();
}

bool IsDemoArchive(const std::string& dir) {
  storage::ArchiveOptions options;
  options.create_if_missing = false;
  Result<std::unique_ptr<storage::Archive>> archive = storage::Archive::Open(dir, options);
  if (!archive.ok()) return false;
  Result<std::optional<std::string>> marker = (*archive)->State().Get(kDemoMarker);
  return marker.ok() && marker->has_value();
}

// Empties `dir` when it is absent, empty or an earlier demo's archive; refuses anything else.
Status PrepareDemoDir(const std::string& dir) {
  std::error_code ec;
  if (fs::exists(dir, ec)) {
    const bool empty = fs::is_directory(dir, ec) && fs::is_empty(dir, ec);
    if (!empty && !IsDemoArchive(dir)) {
      return Status::InvalidArgument(dir +
                                     " exists and is not a demo archive; choose another "
                                     "--archive (the demo starts from an empty one)");
    }
    fs::remove_all(dir, ec);
    if (ec) return Status::IOError("cannot clear " + dir + ": " + ec.message());
  }
  return Status::Ok();
}

void Heading(const std::string& text) { std::printf("\n== %s ==\n", text.c_str()); }

int RunDemo(const GlobalOptions& global) {
  const std::string dir = global.archive_dir.empty() ? DefaultDemoDir() : global.archive_dir;
  if (Status s = PrepareDemoDir(dir); !s.ok()) return Fail("demo", s.message());

  config::Config cfg;  // the demo's own site: defaults, never the user's config
  cfg.archive_dir = dir;
  // Polite still, but quick: the site is ours, on loopback.
  cfg.politeness.min_delay_ms = 100;
  Result<std::unique_ptr<storage::Archive>> archive = OpenArchive(cfg, /*create=*/true);
  if (!archive.ok()) return Fail("demo", archive.status().message());
  if (Status s = (*archive)->State().Put(kDemoMarker, "created by `strata demo`"); !s.ok()) {
    return Fail("demo", s.message());
  }

  demo::DemoSite site;
  devserver::LocalHttpServer server(
      [&site](const devserver::HttpRequest& r) { return site.Handle(r); });
  std::vector<std::string> urls;
  for (const std::string& path : demo::DemoSite::ArticlePaths()) {
    urls.push_back(server.base_url() + path);
  }
  std::printf("strata demo: a local community site at %s, archive in %s\n",
              server.base_url().c_str(), dir.c_str());

  auto crawl = [&]() -> bool {
    Result<jobs::CrawlSummary> summary = jobs::CrawlUrls(
        urls, **archive, cfg, [](const jobs::PageResult& r) { PrintPageResult(stdout, r); });
    if (!summary.ok()) {
      Fail("demo", summary.status().message());
      return false;
    }
    PrintSummary(stdout, *summary);
    return true;
  };

  Heading("1. first crawl: four articles (Chinese and English)");
  if (!crawl()) return kExitFailure;

  Heading("2. the site changes: one article edited, counters move, one post deleted");
  site.Advance();
  std::printf("edited  %s%s\ndeleted %s%s\n", server.base_url().c_str(),
              demo::DemoSite::EditedArticlePath().c_str(), server.base_url().c_str(),
              demo::DemoSite::DeletedArticlePath().c_str());

  Heading("3. second crawl: a version only where the content changed");
  if (!crawl()) return kExitFailure;

  const std::string edited = ArchiveKey(server.base_url() + demo::DemoSite::EditedArticlePath());
  storage::Archive& a = **archive;
  Heading("4. strata history " + edited);
  Result<storage::ArticleHead> head = a.Head(edited);
  Result<std::vector<storage::Version>> summaries = a.VersionSummaries(edited);
  Result<std::vector<storage::CounterSample>> counters = a.CounterSeries(edited);
  if (!head.ok() || !summaries.ok() || !counters.ok()) {
    return Fail("demo", "the edited article is missing from the archive");
  }
  PrintHistory(stdout, *head, *summaries, *counters, /*fetches=*/nullptr);

  Heading("5. strata diff " + edited + " 1 2");
  Result<storage::Version> before = a.GetVersion(edited, 1);
  Result<storage::Version> after = a.GetVersion(edited, 2);
  if (!before.ok() || !after.ok())
    return Fail("demo", "expected two versions of the edited article");
  const storage::ArticleDiff diff = storage::CompareArticles(before->article, after->article, {});
  const storage::ChangeAnalysis analysis = storage::AnalyzeChange(before->article, after->article);
  storage::RenderOptions options;
  options.from_label = edited + "@1";
  options.to_label = edited + "@2";
  options.color = UseColor("auto");
  options.analysis = &analysis;
  const std::string rendered = storage::RenderUnified(diff, options);
  std::fwrite(rendered.data(), 1, rendered.size(), stdout);

  Heading("explore the archive");
  std::printf(
      "strata --archive %s list\nstrata --archive %s show %s@1\nstrata --archive %s diff "
      "--format side-by-side %s\nstrata --archive %s blame %s\n",
      dir.c_str(), dir.c_str(), edited.c_str(), dir.c_str(), edited.c_str(), dir.c_str(),
      edited.c_str());
  return kExitOk;
}

}  // namespace

void AddDemoCommand(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  CLI::App* cmd = app.add_subcommand(
      "demo",
      "Crawl a bundled local site twice as it changes, then show history and diff "
      "(no network; archive in ~/.local/share/strata/demo-archive unless --archive)");
  cmd->callback([&global, exit_code] { *exit_code = RunDemo(global); });
}

}  // namespace strata::tools
