#include "crawler/jobs/recrawl.h"

#include <algorithm>
#include <cstdio>
#include <utility>

namespace strata::jobs {

Result<std::vector<std::string>> SelectForRecrawl(const storage::Archive& archive,
                                                  const RecrawlFilter& filter) {
  storage::ListQuery query;
  query.site = filter.site;
  query.author = filter.author;
  std::vector<std::pair<UnixMillis, std::string>> chosen;  // (last_seen, url)
  STRATA_RETURN_IF_ERROR(archive.ScanHeads(query, [&](const storage::ArticleHead& head) {
    if (head.gone && !filter.include_gone) return true;
    if (filter.not_seen_since > 0 && head.last_seen >= filter.not_seen_since) return true;
    chosen.emplace_back(head.last_seen, head.url);
    return true;
  }));
  std::sort(chosen.begin(), chosen.end());
  if (filter.limit > 0 && chosen.size() > filter.limit) chosen.resize(filter.limit);
  std::vector<std::string> urls;
  urls.reserve(chosen.size());
  for (auto& [seen, url] : chosen) urls.push_back(std::move(url));
  return urls;
}

std::string RecrawlCrawlId(const RecrawlFilter& filter) {
  uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a
  for (char c : filter.identity) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return std::string("recrawl-") + hex;
}

Result<CrawlSummary> Recrawl(storage::Archive& archive, const config::Config& config,
                             const RecrawlFilter& filter,
                             const std::function<void(const PageResult&)>& on_result,
                             RunOptions options) {
  STRATA_ASSIGN_OR_RETURN(std::vector<std::string> urls, SelectForRecrawl(archive, filter));
  if (options.crawl_id.empty()) options.crawl_id = RecrawlCrawlId(filter);
  config::Config revisit = config;
  revisit.crawl.follow = false;  // what the archive holds, not what it links to
  return CrawlUrls(urls, archive, revisit, on_result, options);
}

}  // namespace strata::jobs
