#include "crawler/jobs/watch_runner.h"

#include <cstdio>

#include "crawler/jobs/author_job.h"
#include "crawler/jobs/watch_feed.h"

namespace strata::jobs {

void WatchRunReport::Count(const PageResult& result) {
  ++pages;
  ++by_kind[static_cast<int>(result.kind)];
  if (result.kind == storage::RecordKind::kNew || result.kind == storage::RecordKind::kChanged) {
    changes.push_back(result);
  }
  if (result.kind == storage::RecordKind::kFailed && first_failure.empty()) {
    first_failure = result.url + ": " + (result.error.empty() ? "failed" : result.error);
  }
}

std::string WatchCrawlId(std::string_view entry_name) {
  uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a: stable, and the name is not adversarial
  for (char c : entry_name) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return std::string("watch-") + hex;
}

JobRunner::JobRunner(storage::Archive& archive, const config::Config& config,
                     JobRunnerOptions options)
    : archive_(archive), config_(config), options_(options) {}

WatchRunReport JobRunner::Run(const config::WatchEntry& entry,
                              const std::function<void(const PageResult&)>& on_result) {
  switch (entry.kind) {
    case config::WatchEntry::Kind::kUrl: {
      config::Config config = config_;
      if (entry.follow) config.crawl.follow = *entry.follow;
      if (entry.max_depth) config.scope.max_depth = *entry.max_depth;
      if (entry.max_pages) config.scope.max_pages = *entry.max_pages;
      return RunUrls(entry, {entry.target}, config, on_result);
    }
    case config::WatchEntry::Kind::kFeed:
      return RunFeed(entry, on_result);
    case config::WatchEntry::Kind::kAuthor:
      return RunAuthor(entry, on_result);
  }
  WatchRunReport report;
  report.error = "unknown kind of entry";
  return report;
}

WatchRunReport JobRunner::RunUrls(const config::WatchEntry& entry,
                                  const std::vector<std::string>& urls,
                                  const config::Config& config,
                                  const std::function<void(const PageResult&)>& on_result) {
  WatchRunReport report;
  RunOptions options;
  options.crawl_id = WatchCrawlId(entry.name);
  options.clock = options_.clock;
  options.stop_on_signals = options_.stop_on_signals;
  options.extract_threads = options_.extract_threads;
  Result<CrawlSummary> summary = CrawlUrls(
      urls, archive_, config,
      [&](const PageResult& result) {
        report.Count(result);
        if (on_result) on_result(result);
      },
      options);
  if (!summary.ok()) {
    report.error = summary.status().message();
  } else {
    report.stop_signal = summary->stop_signal;
  }
  return report;
}

WatchRunReport JobRunner::RunFeed(const config::WatchEntry& entry,
                                  const std::function<void(const PageResult&)>& on_result) {
  const Clock& clock = options_.clock != nullptr ? *options_.clock : SystemClock::Instance();
  const FetchedPage feed = FetchOnce(entry.target, config_, clock, &archive_.State());
  WatchRunReport report;
  if (!feed.ok()) {
    report.error = "feed " + entry.target + ": " + std::string(OutcomeName(feed.outcome)) +
                   (feed.error.empty() ? "" : " (" + feed.error + ")");
    return report;
  }
  if (feed.http_status != 200) {
    report.error = "feed " + entry.target + ": HTTP " + std::to_string(feed.http_status);
    return report;
  }
  const std::string base = feed.final_url.empty() ? entry.target : feed.final_url;
  Result<std::vector<std::string>> links =
      FeedItemLinks(feed.body, base, static_cast<size_t>(entry.max_items));
  if (!links.ok()) {
    report.error = "feed " + entry.target + ": " + links.status().message();
    return report;
  }
  config::Config config = config_;
  config.crawl.follow = false;  // the items are the articles
  WatchRunReport crawled = RunUrls(entry, *links, config, on_result);
  crawled.items = static_cast<int64_t>(links->size());
  return crawled;
}

WatchRunReport JobRunner::RunAuthor(const config::WatchEntry& entry,
                                    const std::function<void(const PageResult&)>& on_result) {
  WatchRunReport report;
  AuthorOptions options;
  options.run.clock = options_.clock;
  options.run.stop_on_signals = options_.stop_on_signals;
  options.run.extract_threads = options_.extract_threads;
  Result<AuthorReport> author = ArchiveAuthor(
      entry.target, archive_, config_,
      [&](const PageResult& result) {
        report.Count(result);
        if (on_result) on_result(result);
      },
      options);
  if (!author.ok()) {
    report.error = "author " + entry.target + ": " + author.status().message();
    return report;
  }
  report.items = author->found;
  report.stop_signal = author->stop_signal;
  if (author->found == 0 && author->stop == ListingStop::kFetchFailed) {
    // Not one post: the author page itself could not be read.
    report.error = "author " + entry.target + ": " + std::string(ListingStopName(author->stop)) +
                   (author->stop_detail.empty() ? "" : " (" + author->stop_detail + ")");
  }
  return report;
}

}  // namespace strata::jobs
