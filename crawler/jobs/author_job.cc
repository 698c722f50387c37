#include <signal.h>

#include <utility>  // before Asio (Boost 1.74 with C++20)

#include "crawler/jobs/author_job.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <chrono>
#include <map>
#include <memory>
#include <set>

#include "common/time.h"
#include "common/url.h"
#include "config/site_profile.h"
#include "crawler/fetch_loop.h"
#include "crawler/jobs/author_listing.h"
#include "crawler/jobs/author_state.h"
#include "crawler/jobs/page_work.h"
#include "crawler/polite_fetcher.h"
#include "parser/listing_rules.h"
#include "parser/profile.h"

namespace strata::jobs {
namespace {

namespace asio = boost::asio;

bool IsRepeat(ListingStop stop) {
  return stop == ListingStop::kAllSeen || stop == ListingStop::kCursorRepeated ||
         stop == ListingStop::kUrlRepeated;
}

bool ArchivedOk(storage::RecordKind kind) {
  return kind == storage::RecordKind::kNew || kind == storage::RecordKind::kChanged ||
         kind == storage::RecordKind::kUnchanged || kind == storage::RecordKind::kNotModified;
}

// The profiles (shipped and the user's), compiled for the listing and for markup matching.
struct Profiles {
  parser::SiteProfiles site;
  parser::ListingRules listing;
};

Result<Profiles> LoadProfiles(const config::Config& config) {
  Profiles profiles;
  if (!config.extract.site_profiles) return profiles;
  const std::string dir =
      config.extract.sites_dir.empty() ? config::DefaultSiteProfileDir() : config.extract.sites_dir;
  STRATA_ASSIGN_OR_RETURN(std::vector<config::SiteProfile> loaded, config::LoadSiteProfiles(dir));
  STRATA_ASSIGN_OR_RETURN(profiles.site, parser::SiteProfiles::Compile(loaded));
  STRATA_ASSIGN_OR_RETURN(profiles.listing, parser::ListingRules::Compile(loaded));
  return profiles;
}

// Why a listing page is an anti-bot interstitial, a login wall or a tiny 401/403/429, or "".
std::string DetectBlockedListingPage(const FetchedPage& page) {
  const std::string_view type = page.content_type();
  if (type.find("html") == std::string_view::npos) return "";  // feeds, sitemaps, JSON APIs
  std::string reason = DetectBlockPage(page);
  if (reason.starts_with("empty shell")) return "";
  return reason;
}

// The listing, over the fetch policy stack (robots.txt, politeness, retries), on an io_context
// of its own that lives only as long as the listing.
ListingResult RunListing(const std::string& author_url, storage::Archive& archive,
                         const config::Config& config, const Profiles& profiles,
                         const AuthorOptions& options, const strata::Clock& clock,
                         int* stop_signal) {
  asio::io_context io;
  crawler::FetchLoop fetch_loop(io, crawler::FetchLoopOptionsFor(config));
  crawler::PoliteFetcherOptions policy = crawler::PolicyOptionsFrom(config, &archive.State());
  // A block page in the middle of a listing is a failed fetch (and its host backs off), never
  // the listing's end: an end taken for real would report the posts after it as disappeared.
  // Only the unmistakable kinds: a listing page is not an article (a feed, a sitemap, a JSON
  // answer, a short page of links), so "too little text to be an article" says nothing here.
  if (config.extract.block_pages) policy.detect_block = DetectBlockedListingPage;
  auto polite = std::make_unique<crawler::PoliteFetcher>(io, fetch_loop, std::move(policy), clock);
  bool stopped = false;
  std::optional<asio::signal_set> signals;
  if (options.run.stop_on_signals) {
    signals.emplace(io, SIGINT, SIGTERM);
    signals->async_wait([&](const boost::system::error_code& ec, int signal_number) {
      if (ec) return;
      stopped = true;
      *stop_signal = signal_number;
      polite->Stop();
      // Back to the default action: a second Ctrl-C kills at once (as in the crawl job).
      boost::system::error_code ignored;
      signals->clear(ignored);
    });
  }
  ListingOptions listing_options;
  listing_options.max_pages = options.max_pages;
  listing_options.rules = &profiles.listing;
  listing_options.profiles = &profiles.site;
  listing_options.stopped = [&stopped] { return stopped; };
  Result<ListingResult> listed =
      ListAuthorPosts(author_url, FetchOnIo(*polite, io), listing_options);
  if (signals) {
    boost::system::error_code ignored;
    signals->cancel(ignored);
  }
  polite->Stop();
  // Let the aborted completions run while everything they touch is alive.
  io.restart();
  io.poll();
  signals.reset();
  polite.reset();
  ListingResult result = listed.ok() ? std::move(*listed) : ListingResult{};
  return result;
}

void Judge(AuthorReport* report, int64_t max_items) {
  Completeness verdict = Completeness::kComplete;
  auto at_least = [&verdict](Completeness c) {
    if (static_cast<int>(c) > static_cast<int>(verdict)) verdict = c;
  };
  std::vector<std::string>& reasons = report->reasons;
  if (report->method == ListingMethod::kNone) {
    at_least(Completeness::kIncomplete);
    reasons.push_back("no listing found the author's posts (" + report->stop_detail + ")");
  } else if (IsRepeat(report->stop)) {
    at_least(Completeness::kUnverified);
    reasons.push_back("the listing repeats (" + std::string(ListingStopName(report->stop)) +
                      "): posts past the repeat, if any, were not seen");
  } else if (!IsNaturalEnd(report->stop)) {
    at_least(Completeness::kIncomplete);
    reasons.push_back(
        "the listing stopped before its end: " + std::string(ListingStopName(report->stop)) +
        (report->stop_detail.empty() ? "" : " (" + report->stop_detail + ")"));
  }
  if (report->stated_total && report->found < *report->stated_total) {
    at_least(Completeness::kIncomplete);
    reasons.push_back("the site states " + std::to_string(*report->stated_total) +
                      " posts; the listing found " + std::to_string(report->found));
  }
  if (report->failed > 0) {
    at_least(Completeness::kIncomplete);
    reasons.push_back(std::to_string(report->failed) + " post(s) could not be archived");
  }
  switch (report->method) {
    case ListingMethod::kFeed:
    case ListingMethod::kProfileFeed:
      at_least(Completeness::kUnverified);
      reasons.push_back("a feed may list only the latest posts");
      break;
    case ListingMethod::kSitemap:
      at_least(Completeness::kUnverified);
      reasons.push_back(
          "a sitemap does not say who wrote a page: the posts are the pages under the author's "
          "path");
      break;
    case ListingMethod::kGeneric:
      at_least(Completeness::kUnverified);
      reasons.push_back("the author page has no next page: older posts may be elsewhere");
      break;
    default:
      break;
  }
  if (max_items > 0 && report->found >= max_items) {
    at_least(Completeness::kUnverified);
    reasons.push_back("the site's listing serves at most " + std::to_string(max_items) +
                      " posts: there may be more");
  }
  if (verdict == Completeness::kComplete) {
    reasons.push_back(report->stated_total ? "found the " + std::to_string(*report->stated_total) +
                                                 " posts the site states"
                                           : "the listing reached its end");
  }
  report->completeness = verdict;
}

}  // namespace

std::string_view ListingMethodName(ListingMethod method) {
  switch (method) {
    case ListingMethod::kNone:
      return "none";
    case ListingMethod::kProfileHtml:
      return "profile html";
    case ListingMethod::kProfileApi:
      return "profile api";
    case ListingMethod::kProfileFeed:
      return "profile feed";
    case ListingMethod::kRelNext:
      return "rel-next";
    case ListingMethod::kFeed:
      return "feed";
    case ListingMethod::kSitemap:
      return "sitemap";
    case ListingMethod::kGeneric:
      return "generic";
  }
  return "none";
}

std::string_view ListingStopName(ListingStop stop) {
  switch (stop) {
    case ListingStop::kEnd:
      return "end of listing";
    case ListingStop::kEmptyPage:
      return "empty page";
    case ListingStop::kPageNotFound:
      return "page not found";
    case ListingStop::kTotalReached:
      return "stated total reached";
    case ListingStop::kAllSeen:
      return "page repeats";
    case ListingStop::kCursorRepeated:
      return "cursor repeats";
    case ListingStop::kUrlRepeated:
      return "next page repeats";
    case ListingStop::kPageCap:
      return "page cap";
    case ListingStop::kFetchFailed:
      return "fetch failed";
    case ListingStop::kBadResponse:
      return "bad response";
    case ListingStop::kStopped:
      return "stopped";
  }
  return "?";
}

bool IsNaturalEnd(ListingStop stop) {
  return stop == ListingStop::kEnd || stop == ListingStop::kEmptyPage ||
         stop == ListingStop::kPageNotFound || stop == ListingStop::kTotalReached;
}

std::string_view CompletenessName(Completeness completeness) {
  switch (completeness) {
    case Completeness::kComplete:
      return "complete";
    case Completeness::kUnverified:
      return "unverified";
    case Completeness::kIncomplete:
      return "incomplete";
  }
  return "?";
}

Result<AuthorReport> ArchiveAuthor(const std::string& author_url, storage::Archive& archive,
                                   const config::Config& config,
                                   const std::function<void(const PageResult&)>& on_result,
                                   const AuthorOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const strata::Clock& clock =
      options.run.clock != nullptr ? *options.run.clock : SystemClock::Instance();
  std::optional<std::string> normal =
      IsHttpUrl(author_url) ? NormalizeUrl(author_url) : std::nullopt;
  if (!normal) {
    return Status::InvalidArgument("'" + author_url + "' is not an absolute http(s) URL");
  }
  AuthorReport report;
  report.author_url = *normal;
  report.author_id = AuthorId(*normal);
  STRATA_ASSIGN_OR_RETURN(Profiles profiles, LoadProfiles(config));
  // Read the state first: a damaged store fails the job before any request.
  KvStore& state = archive.State();
  STRATA_ASSIGN_OR_RETURN(auto known, LoadKnownPosts(state, report.author_id));
  STRATA_ASSIGN_OR_RETURN(std::optional<AuthorRunSummary> last,
                          LoadAuthorSummary(state, report.author_id));
  report.first_run = !last.has_value() && known.empty();

  // 1. The listing.
  ListingResult listing =
      RunListing(*normal, archive, config, profiles, options, clock, &report.stop_signal);
  report.profile = listing.profile;
  report.method = listing.method;
  report.listing_pages = listing.pages;
  report.stop = listing.stop;
  report.stop_detail = listing.stop_detail;
  report.stated_total = listing.stated_total;
  report.found = static_cast<int64_t>(listing.posts.size());
  report.notes = listing.notes;
  report.posts = listing.posts;
  auto finish = [&]() -> Result<AuthorReport> {
    report.elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - started)
                            .count();
    return std::move(report);
  };
  if (options.list_only || listing.stop == ListingStop::kStopped) {
    Judge(&report, listing.max_items);
    return finish();
  }

  // 2. What to fetch: the listed posts (unless the listing says they did not change), and the
  // known posts the listing no longer names, when the listing can be trusted to name them all.
  std::set<std::string> listed_urls;
  std::vector<std::string> to_fetch;
  for (const parser::ListedPost& post : listing.posts) {
    listed_urls.insert(post.url);
    const auto it = known.find(post.url);
    if (it == known.end()) ++report.newly_listed;
    if (options.skip_unmodified && it != known.end() && !post.modified.empty() &&
        it->second.modified == post.modified && it->second.state != KnownPostState::kGone) {
      Result<storage::ArticleHead> head =
          archive.Head(NormalizeUrl(post.url, config.urls).value_or(post.url));
      if (head.ok() && head->latest_version > 0 && !head->gone && head->last_error.empty()) {
        ++report.skipped_unmodified;
        continue;
      }
    }
    to_fetch.push_back(post.url);
  }
  const std::set<std::string> listed_to_fetch(to_fetch.begin(), to_fetch.end());
  const bool whole_listing =
      (IsNaturalEnd(listing.stop) || IsRepeat(listing.stop)) &&
      (listing.method == ListingMethod::kProfileHtml ||
       listing.method == ListingMethod::kProfileApi || listing.method == ListingMethod::kRelNext ||
       listing.method == ListingMethod::kSitemap);
  std::map<std::string, size_t> missing_index;
  if (whole_listing) {
    for (const auto& [url, post] : known) {
      if (listed_urls.contains(url) || post.state == KnownPostState::kGone) continue;
      missing_index.emplace(url, report.missing.size());
      report.missing.push_back({url, false, storage::RecordKind::kFailed});
      to_fetch.push_back(url);
    }
  } else if (!known.empty()) {
    report.notes.push_back(
        "posts not listed this time were not checked: the listing may not name them all");
  }

  // 3. Archive them, through the crawl job.
  std::map<std::string, storage::RecordKind> outcome;
  if (!to_fetch.empty()) {
    config::Config crawl_config = config;
    crawl_config.crawl.follow = false;
    RunOptions run = options.run;
    run.crawl_id = "author-" + report.author_id;
    run.resume = ResumeMode::kRestart;  // each run lists afresh: an old queue means nothing
    auto count = [&](const PageResult& result) {
      outcome[result.url] = result.kind;
      if (auto it = missing_index.find(result.url); it != missing_index.end()) {
        MissingPost& missing = report.missing[it->second];
        missing.kind = result.kind;
        missing.gone = result.kind == storage::RecordKind::kGone;
      } else {
        switch (result.kind) {
          case storage::RecordKind::kNew:
            ++report.new_posts;
            break;
          case storage::RecordKind::kChanged:
            ++report.changed;
            break;
          case storage::RecordKind::kUnchanged:
          case storage::RecordKind::kNotModified:
            ++report.unchanged;
            break;
          case storage::RecordKind::kGone:
          case storage::RecordKind::kFailed:
            ++report.failed;  // a listed post that is gone or failing is not archived
            break;
        }
      }
      if (on_result) on_result(result);
    };
    STRATA_ASSIGN_OR_RETURN(CrawlSummary summary,
                            CrawlUrls(to_fetch, archive, crawl_config, count, run));
    if (summary.stop_signal != 0) {
      report.stop_signal = summary.stop_signal;
      report.notes.push_back("stopped by a signal before every post was archived");
    }
  }
  if (report.stop_signal != 0) {
    // Posts not fetched are neither archived nor failed: count them as failed for the verdict,
    // and leave the state as it was so that the next run checks them again.
    report.failed += static_cast<int64_t>(to_fetch.size() - outcome.size());
  }

  // 4. Remember what was listed, for the next run.
  const int64_t now = clock.Now();
  KvBatch batch;
  for (const parser::ListedPost& post : listing.posts) {
    const auto it = known.find(post.url);
    KnownPost entry;
    entry.url = post.url;
    entry.title = post.title;
    entry.first_listed_ms = it == known.end() ? now : it->second.first_listed_ms;
    entry.last_listed_ms = now;
    const auto fetched = outcome.find(post.url);
    const bool skipped = !listed_to_fetch.contains(post.url);
    if (skipped || (fetched != outcome.end() && ArchivedOk(fetched->second))) {
      entry.modified = post.modified;
    } else {
      entry.modified = it == known.end() ? "" : it->second.modified;  // retried next run
    }
    entry.state = fetched != outcome.end() && fetched->second == storage::RecordKind::kGone
                      ? KnownPostState::kGone
                      : KnownPostState::kListed;
    PutKnownPost(report.author_id, entry, &batch);
  }
  for (const MissingPost& missing : report.missing) {
    const auto fetched = outcome.find(missing.url);
    if (fetched == outcome.end() || missing.kind == storage::RecordKind::kFailed) continue;
    KnownPost entry = known.at(missing.url);
    entry.state = missing.gone ? KnownPostState::kGone : KnownPostState::kUnlisted;
    PutKnownPost(report.author_id, entry, &batch);
  }
  Judge(&report, listing.max_items);
  AuthorRunSummary summary;
  summary.author_url = report.author_url;
  summary.last_run_ms = now;
  summary.runs = (last ? last->runs : 0) + 1;
  summary.method = std::string(ListingMethodName(report.method));
  summary.stop = std::string(ListingStopName(report.stop));
  summary.completeness = std::string(CompletenessName(report.completeness));
  summary.found = report.found;
  summary.stated_total = report.stated_total;
  summary.failed = report.failed;
  PutAuthorSummary(report.author_id, summary, &batch);
  STRATA_RETURN_IF_ERROR(
      state.Write(batch).WithContext("author " + report.author_url + ": save the known posts"));
  return finish();
}

}  // namespace strata::jobs
