// The read-only queries: list, history, show. They never create an archive.
#include "tools/cli/commands.h"
#include "tools/cli/print.h"

namespace strata::tools {
namespace {

// Opens the archive for reading, or returns the exit code of the failure.
Result<std::unique_ptr<storage::Archive>> OpenForQuery(const GlobalOptions& global) {
  STRATA_ASSIGN_OR_RETURN(config::Config cfg, LoadConfig(global));
  return OpenArchive(cfg, /*create=*/false);
}

int RunList(const GlobalOptions& global) {
  auto archive = OpenForQuery(global);
  if (!archive.ok()) return Fail("list", archive.status().message());
  Result<std::vector<storage::ArticleHead>> heads = (*archive)->List();
  if (!heads.ok()) return Fail("list", heads.status().message());
  PrintList(stdout, *heads);
  return kExitOk;
}

int RunHistory(const GlobalOptions& global, const std::string& url_arg) {
  auto archive = OpenForQuery(global);
  if (!archive.ok()) return Fail("history", archive.status().message());
  const std::string key = ArchiveKey(url_arg);
  Result<storage::ArticleHead> head = (*archive)->Head(key);
  if (!head.ok()) return Fail("history", head.status().message());
  Result<std::vector<storage::Version>> versions = (*archive)->Versions(key);
  if (!versions.ok()) return Fail("history", versions.status().message());
  Result<std::vector<storage::Observation>> observations = (*archive)->Observations(key);
  if (!observations.ok()) return Fail("history", observations.status().message());
  PrintHistory(stdout, *head, *versions, *observations);
  return kExitOk;
}

int RunShow(const GlobalOptions& global, const std::string& arg) {
  auto archive = OpenForQuery(global);
  if (!archive.ok()) return Fail("show", archive.status().message());
  auto [url, number] = SplitVersionSuffix(arg);
  const std::string key = ArchiveKey(url);
  Result<storage::ArticleHead> head = (*archive)->Head(key);
  if (!head.ok()) return Fail("show", head.status().message());
  if (head->latest_version == 0)
    return Fail("show", key + ": no version archived (only failed fetches)");
  if (number == 0) number = head->latest_version;
  Result<storage::Version> version = (*archive)->GetVersion(key, number);
  if (!version.ok()) return Fail("show", version.status().message());
  PrintVersion(stdout, key, *version, head->latest_version);
  return kExitOk;
}

}  // namespace

void AddListCommand(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  CLI::App* cmd = app.add_subcommand("list", "List the archived articles");
  cmd->callback([&global, exit_code] { *exit_code = RunList(global); });
}

void AddHistoryCommand(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto url = std::make_shared<std::string>();
  CLI::App* cmd =
      app.add_subcommand("history", "Show an article's versions and its observations over time");
  cmd->add_option("url", *url, "Article URL")->required();
  cmd->callback([&global, url, exit_code] { *exit_code = RunHistory(global, *url); });
}

void AddShowCommand(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto url = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("show", "Show an article as archived (URL@N: version N)");
  cmd->add_option("url", *url, "Article URL, optionally @N for version N")->required();
  cmd->callback([&global, url, exit_code] { *exit_code = RunShow(global, *url); });
}

}  // namespace strata::tools
