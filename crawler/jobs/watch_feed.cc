#include "crawler/jobs/watch_feed.h"

#include <utility>  // before Asio (Boost 1.74 with C++20 needs std::exchange declared)

#include <boost/asio/io_context.hpp>
#include <optional>
#include <unordered_set>

#include "crawler/fetch_loop.h"
#include "crawler/polite_fetcher.h"
#include "parser/feed.h"

namespace strata::jobs {

FetchedPage FetchOnce(const std::string& url, const config::Config& config, const Clock& clock,
                      KvStore* robots_store) {
  boost::asio::io_context io;
  std::optional<FetchedPage> answer;
  {
    crawler::FetchLoop loop(io, crawler::FetchLoopOptionsFor(config));
    std::unique_ptr<crawler::PoliteFetcher> polite =
        crawler::MakePoliteFetcher(io, loop, config, clock, robots_store);
    crawler::FetchRequest request;
    request.url = url;
    polite->Fetch(std::move(request), [&](FetchedPage page) { answer = std::move(page); });
    // Until the answer: the policy's and libcurl's timers may keep the context busy after it.
    // The fetch timeouts and retry limits bound this.
    while (!answer && io.run_one() > 0) {
    }
    polite.reset();  // the policy before the loop it sits on
  }
  if (answer) return std::move(*answer);
  FetchedPage page;
  page.url = url;
  page.outcome = FetchOutcome::kAborted;
  page.error = "the fetch ended without an answer";
  page.fetched_at_ms = clock.Now();
  return page;
}

Result<std::vector<std::string>> FeedItemLinks(std::string_view xml, std::string_view feed_url,
                                               size_t max_items) {
  STRATA_ASSIGN_OR_RETURN(parser::Feed feed, parser::ParseFeed(xml, feed_url));
  std::vector<std::string> links;
  std::unordered_set<std::string> seen;
  for (parser::ListedPost& entry : feed.entries) {
    if (links.size() >= max_items) break;
    if (seen.insert(entry.url).second) links.push_back(std::move(entry.url));
  }
  return links;
}

}  // namespace strata::jobs
