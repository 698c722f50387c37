// The read-only queries: list, history, show. They never create an archive; each has --json.
#include "tools/cli/commands.h"
#include "tools/cli/json_output.h"
#include "tools/cli/print.h"
#include "tools/cli/version_ref.h"

namespace strata::tools {
namespace {

// Opens the archive for reading; the error names what is wrong (exit 2 for a bad config).
Result<std::unique_ptr<storage::Archive>> OpenForQuery(const GlobalOptions& global) {
  STRATA_ASSIGN_OR_RETURN(config::Config cfg, LoadConfig(global));
  return OpenArchive(cfg, /*create=*/false);
}

struct ListArgs {
  std::string site;
  std::string author;
  std::string changed_since;
  bool gone = false;
  bool failed = false;
  size_t limit = 0;
  bool json = false;
};

int RunList(const GlobalOptions& global, const ListArgs& args) {
  storage::ListQuery query;
  query.site = args.site;
  query.author = args.author;
  query.only_gone = args.gone;
  query.only_failed = args.failed;
  query.limit = args.limit;
  if (!args.changed_since.empty()) {
    std::optional<UnixMillis> since = ParseTimeArg(args.changed_since, /*end_of_day=*/false);
    if (!since) {
      return Fail("list",
                  "--changed-since wants an ISO 8601 date or date-time (2025-02-14, "
                  "2025-02-14T10:00:00Z), not '" +
                      args.changed_since + "'",
                  kExitUsage);
    }
    query.changed_since = *since;
  }
  auto archive = OpenForQuery(global);
  if (!archive.ok()) return Fail("list", archive.status().message());
  Result<std::vector<storage::ArticleHead>> heads = (*archive)->List(query);
  if (!heads.ok()) return Fail("list", heads.status().message());
  if (args.json) {
    Json json = Json::array();
    for (const storage::ArticleHead& head : *heads) json.push_back(HeadJson(head));
    PrintJson(stdout, json);
  } else {
    PrintList(stdout, *heads);
  }
  return kExitOk;
}

struct HistoryArgs {
  std::string url;
  bool fetches = false;
  bool json = false;
};

int RunHistory(const GlobalOptions& global, const HistoryArgs& args) {
  auto archive = OpenForQuery(global);
  if (!archive.ok()) return Fail("history", archive.status().message());
  const storage::Archive& a = **archive;
  const std::string key = ArchiveKey(args.url);
  Result<storage::ArticleHead> head = a.Head(key);
  if (!head.ok()) return Fail("history", head.status().message());
  // Summaries: an article with many versions must not load every body.
  Result<std::vector<storage::Version>> versions = a.VersionSummaries(key);
  if (!versions.ok()) return Fail("history", versions.status().message());
  Result<std::vector<storage::CounterSample>> counters = a.CounterSeries(key);
  if (!counters.ok()) return Fail("history", counters.status().message());
  std::vector<storage::Observation> fetches;
  if (args.fetches || args.json) {
    Result<std::vector<storage::Observation>> observations = a.Observations(key);
    if (!observations.ok()) return Fail("history", observations.status().message());
    fetches = std::move(*observations);
  }
  if (args.json) {
    PrintJson(stdout, HistoryJson(*head, *versions, *counters, fetches));
  } else {
    PrintHistory(stdout, *head, *versions, *counters, args.fetches ? &fetches : nullptr);
  }
  return kExitOk;
}

struct ShowArgs {
  std::string ref;
  bool json = false;
  bool raw = false;
};

int RunShow(const GlobalOptions& global, const ShowArgs& args) {
  auto archive = OpenForQuery(global);
  if (!archive.ok()) return Fail("show", archive.status().message());
  const storage::Archive& a = **archive;
  const VersionRef ref = ParseVersionRef(args.ref);
  const std::string key = ArchiveKey(ref.url);
  Result<storage::ArticleHead> head = a.Head(key);
  if (!head.ok()) return Fail("show", head.status().message());
  Result<storage::Version> version = ResolveVersion(a, key, ref);
  if (!version.ok()) return Fail("show", version.status().message());
  if (args.raw) {
    if (version->raw_hash.empty()) {
      return Fail("show", key + " v" + std::to_string(version->number) +
                              ": no raw response was kept (keep_raw is off)");
    }
    Result<std::string> body = a.RawBody(version->raw_hash);
    if (!body.ok()) return Fail("show", body.status().message());
    std::fwrite(body->data(), 1, body->size(), stdout);
    return kExitOk;
  }
  if (args.json) {
    Json json = VersionJson(*version, head->latest_version);
    json["url"] = key;
    PrintJson(stdout, json);
  } else {
    PrintVersion(stdout, key, *version, head->latest_version);
  }
  return kExitOk;
}

}  // namespace

void AddListCommand(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto args = std::make_shared<ListArgs>();
  CLI::App* cmd = app.add_subcommand("list", "List the archived articles, by URL");
  cmd->add_option("--site", args->site,
                  "Only this site and its subdomains (example.com matches www.example.com)");
  cmd->add_option("--author", args->author, "Only articles by this author (case-insensitive)");
  cmd->add_option("--changed-since", args->changed_since,
                  "Only articles with a version at or after this date (ISO 8601, UTC unless a "
                  "zone is given)");
  cmd->add_flag("--gone", args->gone, "Only articles whose page is gone (404/410)");
  cmd->add_flag("--failed", args->failed, "Only URLs whose last fetch failed");
  cmd->add_option("--limit", args->limit, "At most this many");
  cmd->add_flag("--json", args->json, "JSON output");
  cmd->callback([&global, args, exit_code] { *exit_code = RunList(global, *args); });
}

void AddHistoryCommand(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto args = std::make_shared<HistoryArgs>();
  CLI::App* cmd = app.add_subcommand(
      "history", "Show an article's versions (what changed, how much) and its counters over time");
  cmd->add_option("url", args->url, "Article URL")->required();
  cmd->add_flag("--fetches", args->fetches, "Also list every fetch (time, status, outcome)");
  cmd->add_flag("--json", args->json, "JSON output (always with the fetches)");
  cmd->callback([&global, args, exit_code] { *exit_code = RunHistory(global, *args); });
}

void AddShowCommand(CLI::App& app, const GlobalOptions& global, int* exit_code) {
  auto args = std::make_shared<ShowArgs>();
  CLI::App* cmd = app.add_subcommand(
      "show",
      "Show an article as archived: URL (latest), URL@N (version N), URL@DATE (the version "
      "current then: 2025-02-14 means at the end of that day, UTC; or a date-time)");
  cmd->add_option("url", args->ref, "Article URL, optionally @N or @DATE")->required();
  cmd->add_flag("--json", args->json, "JSON output (every stored field)");
  cmd->add_flag("--raw", args->raw, "Print the raw response body archived with that version");
  cmd->callback([&global, args, exit_code] { *exit_code = RunShow(global, *args); });
}

}  // namespace strata::tools
