#include "crawler/jobs/crawl_job.h"

#include <signal.h>

#include <utility>  // before Asio (Boost 1.74 with C++20 needs std::exchange declared)

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "common/time.h"
#include "common/url.h"
#include "config/site_profile.h"
#include "crawler/fetch_loop_pool.h"
#include "crawler/frontier.h"
#include "crawler/jobs/crawl_id.h"
#include "crawler/jobs/detail_api.h"  // shell
#include "crawler/jobs/page_work.h"
#include "crawler/polite_fetcher.h"
#include "crawler/scope.h"
#include "parser/block_page.h"  // shell
#include "parser/profile.h"

namespace strata::jobs {
namespace asio = boost::asio;

namespace {

using Clock = std::chrono::steady_clock;

int64_t MillisSince(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

// Records stored in one archive write at most: enough to amortise LevelDB's per-write cost,
// small enough that results keep flowing.
constexpr size_t kMaxRecordsPerWrite = 64;
// Queue entries worth a read of the store while the fetches in flight keep the crawl busy.
constexpr size_t kQueueReadBatch = 32;
// Seeds queued per state-store write.
constexpr size_t kSeedsPerWrite = 10'000;

// One URL from admission to its archive record. Handed between threads only through
// asio::post (which orders the accesses); never touched by two threads at once.
struct Page {
  crawler::FrontierEntry entry;
  std::string given;         // as the user gave it (seeds), else entry.url
  bool wants_links = false;  // following links, and this page's are within max depth
  crawler::FetchRequest request;
  std::optional<storage::HeadSnapshot> known_head;  // as read for the request (for the record)
  std::string expected_body_hash;  // the head's last_body_hash: equal bytes need no parse
  FetchedPage page;
  bool body_unchanged = false;  // the bytes hash to expected_body_hash: not extracted
  ExtractedPage extracted;
  // Kept from an earlier fetch (304, same bytes): views into stored_links_text, and their
  // Frontier::HashOf, computed on the worker that read them.
  std::string stored_links_text;
  std::vector<std::string_view> stored_links;
  std::vector<uint64_t> stored_link_hashes;
  Status links_error;                    // reading them failed
  bool links_missing = false;            // none were kept: fetch again unconditionally
  bool unconditional = false;            // no validators, no body-hash shortcut
  bool record = true;                    // false: only the frontier is written (robots.txt said no)
  crawler::FrontierUpdate done_update;   // this URL done (+ links/<url>)
  crawler::FrontierUpdate links_update;  // the links it queued
  KvBatch also;                          // both, for the archive record's batch
  // The archive's costly part of recording (hashes, compression), done on the worker that
  // extracted the page so that the one writer only assembles and writes.
  std::optional<storage::PreparedFetch> prepared;
  Result<storage::RecordResult> recorded = Status::Unavailable("not recorded yet");
  Status state_written;  // for record == false
  // --- shell (issue 6): JSON APIs and block pages ---
  int64_t archived_version = 0;  // the head's latest version with content (0: none, or gone)
  PageApis apis;                 // the page's [api] / [counters] calls (crawler/jobs/detail_api.h)
  size_t follow_ups_done = 0;    // apis.follow_ups made so far
  std::string api_error;         // the API request could not be built: the fetch fails with it
  // --- end shell ---
};
using PagePtr = std::shared_ptr<Page>;

// One run of CrawlUrls. Every member without a comment saying otherwise is touched only on
// the io thread (the caller's thread, which runs io_).
class CrawlRun {
 public:
  CrawlRun(storage::Archive& archive, const config::Config& config, const RunOptions& options,
           const std::function<void(const PageResult&)>& on_result)
      : archive_(archive),
        config_(config),
        options_(options),
        on_result_(on_result),
        follow_(config.crawl.follow),
        max_pages_(config.scope.max_pages),
        max_pending_(std::max(1, config.crawl.max_pending_pages)),
        max_fetches_(config.crawl.max_fetches > 0
                         ? config.crawl.max_fetches
                         : std::max(1, config.fetch.max_connections_total)),
        workers_(ThreadCount(config, options)),
        work_(asio::make_work_guard(io_)) {
    extract_settings_.collect_links = follow_;
    extract_settings_.max_links = static_cast<size_t>(std::max(0, config.crawl.max_links_per_page));
    extract_settings_.url_options = &config.urls;
    extract_settings_.block_pages = config.extract.block_pages;  // shell
  }

  Result<CrawlSummary> Run(const std::vector<std::string>& urls);

 private:
  static unsigned ThreadCount(const config::Config& config, const RunOptions& options) {
    if (options.extract_threads > 0) return static_cast<unsigned>(options.extract_threads);
    if (config.crawl.extract_threads > 0)
      return static_cast<unsigned>(config.crawl.extract_threads);
    return std::max(1u, std::thread::hardware_concurrency());
  }

  // watch helper: RunOptions::clock, else the system's.
  const strata::Clock& WallClock() const {
    return options_.clock != nullptr ? *options_.clock : SystemClock::Instance();
  }
  Status Prepare(const std::vector<std::string>& urls);
  Status LoadSiteProfiles();
  void ScheduleAdmit();
  void Admit();
  void PrepareRequest(Page& p) const;
  void StartFetch(const PagePtr& p);
  void OnFetched(const PagePtr& p);
  void Digest(const PagePtr& p);
  void LoadKeptLinks(Page& p) const;
  void PrepareRecord(Page& p) const;
  void OnExtracted(const PagePtr& p);
  void CheckBlocked(Page& p) const;         // shell: block pages found by parsing
  bool StartApiFollowUp(const PagePtr& p);  // shell: [api] use = "with", [counters]
  Status QueueLinks(const PagePtr& p);
  // Queues those of `links` (strings or views) that are new and in scope.
  // `hashes`: Frontier::HashOf of each link, or empty to compute them here.
  template <typename Links>
  Status QueueLinksOf(const Links& links, const std::vector<uint64_t>& hashes, const PagePtr& p);
  void Store(PagePtr p);
  void StartWriter();
  void OnStored(std::vector<PagePtr> pages);
  void Finished(const PagePtr& p);
  void Report(const PageResult& result);
  void StopRun(int signal_number);
  void Fail(Status status);
  void DeleteGarbage();
  void CheckDone();
  void Tick();
  CrawlProgress Progress() const;

  storage::Archive& archive_;
  const config::Config& config_;
  const RunOptions& options_;
  const std::function<void(const PageResult&)>& on_result_;
  const bool follow_;
  const int64_t max_pages_;
  const int max_pending_;
  const int max_fetches_;
  ExtractSettings extract_settings_;
  parser::SiteProfiles site_profiles_;  // read by the workers; set before the first fetch
  parser::ApiProfiles api_profiles_;    // shell: the profiles' [api] / [counters]; likewise
  const Clock::time_point started_ = Clock::now();

  asio::io_context io_;
  asio::thread_pool workers_;  // extraction, and the archive writer (one task at a time)
  asio::executor_work_guard<asio::io_context::executor_type> work_;
  std::unique_ptr<crawler::FetchLoopPool> fetch_loop_;
  std::unique_ptr<crawler::Fetcher> polite_;  // over fetch_loop_: destroyed first
  crawler::Fetcher* fetcher_ = nullptr;       // the top of the stack
  std::optional<asio::signal_set> signals_;
  std::optional<asio::steady_timer> progress_timer_;

  std::unique_ptr<crawler::Frontier> frontier_;
  std::optional<crawler::Scope> scope_;
  std::unordered_map<std::string, std::string> given_;  // seed key -> as given, when different

  int in_fetch_ = 0;     // fetches in flight
  int outstanding_ = 0;  // pages admitted and not yet stored (or dropped)
  int64_t admitted_ = 0;
  bool exhausted_ = false;  // the last Next() found nothing, and no links were queued since
  bool stopping_ = false;
  bool done_ = false;
  Status fatal_;
  std::vector<PagePtr> to_store_;  // waiting for the writer
  bool writer_busy_ = false;
  bool admit_scheduled_ = false;
  bool garbage_pending_ = false;  // earlier runs' seen sets being deleted by a worker
  bool garbage_deleted_ = false;
  std::atomic<bool> garbage_cancelled_{false};  // stopping: the worker leaves the rest
  std::vector<PagePtr> light_;                  // fetched pages with only kept links to read

  CrawlSummary summary_;
  int64_t done_before_ = 0;
};

Status CrawlRun::Prepare(const std::vector<std::string>& urls) {
  std::vector<std::string> keys;
  std::unordered_set<std::string> seed_keys;
  for (const std::string& url : urls) {
    std::optional<std::string> key = NormalizeUrl(url, config_.urls);
    if (!key) {
      PageResult r;
      r.url = url;
      r.error = "not an absolute http(s) URL";
      Report(r);
      continue;
    }
    if (!seed_keys.insert(*key).second) continue;  // a duplicate seed: fetched once
    if (*key != url) given_.emplace(*key, url);
    keys.push_back(std::move(*key));
  }

  // Bad patterns and profiles are reported before any state is written.
  STRATA_RETURN_IF_ERROR(crawler::Scope::Create(config_.scope, {}).status());
  STRATA_RETURN_IF_ERROR(LoadSiteProfiles());

  const std::string id =
      options_.crawl_id.empty() ? DeriveCrawlId(keys, follow_, config_.scope) : options_.crawl_id;
  if (!crawler::IsValidCrawlId(id)) {
    return Status::InvalidArgument("bad crawl id \"" + id + "\": use 1 to 64 of A-Z a-z 0-9 . _ -");
  }
  KvStore& state = archive_.State();
  if (options_.resume == ResumeMode::kRestart) {
    STRATA_RETURN_IF_ERROR(crawler::Frontier::Discard(&state, id));
  } else if (options_.resume == ResumeMode::kRequire) {
    STRATA_ASSIGN_OR_RETURN(bool exists, crawler::Frontier::Exists(state, id));
    if (!exists) {
      return Status::NotFound("no unfinished crawl " + id +
                              " to resume (it finished, or was never started with these "
                              "seeds and options)");
    }
  }
  crawler::FrontierOptions frontier_options;
  frontier_options.ready_window = static_cast<size_t>(std::max(1, config_.crawl.ready_window));
  frontier_options.seen_cache_slots =
      static_cast<size_t>(std::max<int64_t>(0, config_.crawl.seen_cache_slots));
  STRATA_ASSIGN_OR_RETURN(
      frontier_, crawler::Frontier::Open(&state, id, DescribeCrawl(keys, follow_, config_.scope),
                                         WallClock().Now(), frontier_options));
  // The scope's hosts are the seeds' (a run resumed by crawl id alone names none itself).
  std::vector<std::string> scope_seeds = keys;
  scope_seeds.insert(scope_seeds.end(), frontier_->resumed_seeds().begin(),
                     frontier_->resumed_seeds().end());
  config::ScopeOptions scope = config_.scope;
  if (!follow_) scope.max_depth = 0;
  STRATA_ASSIGN_OR_RETURN(crawler::Scope built, crawler::Scope::Create(scope, scope_seeds));
  scope_.emplace(std::move(built));

  DeleteGarbage();

  summary_.crawl_id = id;
  summary_.resumed = frontier_->resumed();
  done_before_ = frontier_->done();
  summary_.done_before = done_before_;

  // Seeds already seen (a resumed crawl) are skipped by Add itself.
  crawler::FrontierUpdate update;
  for (const std::string& key : keys) {
    STRATA_RETURN_IF_ERROR(frontier_->Add(key, 0, &update).status());
    if (update.added() >= kSeedsPerWrite) {
      STRATA_RETURN_IF_ERROR(frontier_->Write(std::move(update)));
      update = crawler::FrontierUpdate();
    }
  }
  STRATA_RETURN_IF_ERROR(frontier_->Write(std::move(update)));

  // The fetch stack: libcurl on io_ and on fetch.threads - 1 threads of its own
  // (FetchLoopPool), under the policy layer (robots.txt, per-host politeness, retries; its
  // robots.txt answers kept in the archive's state store). The job only ever talks to the
  // Fetcher interface.
  const config::FetchOptions fetch_options = crawler::FetchLoopOptionsFor(config_);
  fetch_loop_ = std::make_unique<crawler::FetchLoopPool>(
      io_, fetch_options, static_cast<size_t>(std::max(1, fetch_options.threads)));
  {
    crawler::PoliteFetcherOptions policy = crawler::PolicyOptionsFrom(config_, &archive_.State());
    // shell (issue 6): block pages are failed fetches, and their host backs off.
    if (config_.extract.block_pages) policy.detect_block = DetectBlockPage;
    polite_ =
        std::make_unique<crawler::PoliteFetcher>(io_, *fetch_loop_, std::move(policy), WallClock());
  }
  fetcher_ = polite_.get();

  if (options_.on_start) {
    CrawlStart start;
    start.crawl_id = id;
    start.resumed = frontier_->resumed();
    start.done_before = done_before_;
    start.queued = frontier_->queued();
    options_.on_start(start);
  }
  return Status::Ok();
}

Status CrawlRun::LoadSiteProfiles() {
  if (!config_.extract.site_profiles) return Status::Ok();
  const std::string dir = config_.extract.sites_dir.empty() ? config::DefaultSiteProfileDir()
                                                            : config_.extract.sites_dir;
  STRATA_ASSIGN_OR_RETURN(std::vector<config::SiteProfile> loaded, config::LoadSiteProfiles(dir));
  STRATA_ASSIGN_OR_RETURN(site_profiles_, parser::SiteProfiles::Compile(loaded));
  extract_settings_.site_profiles = &site_profiles_;
  STRATA_ASSIGN_OR_RETURN(api_profiles_, parser::ApiProfiles::Compile(loaded));  // shell
  return Status::Ok();
}

Result<CrawlSummary> CrawlRun::Run(const std::vector<std::string>& urls) {
  if (options_.stop_on_signals) {
    // Before anything is written: a signal from here on is a clean stop (handled once io_
    // runs), never the default action in the middle of preparing the crawl.
    signals_.emplace(io_, SIGINT, SIGTERM);
    signals_->async_wait([this](const boost::system::error_code& ec, int signal_number) {
      if (!ec) StopRun(signal_number);
    });
  }
  if (Status s = Prepare(urls); !s.ok()) {
    signals_.reset();
    work_.reset();
    workers_.join();
    return s;
  }
  if (options_.on_progress) {
    progress_timer_.emplace(io_);
    Tick();
  }
  ScheduleAdmit();
  io_.run();
  workers_.join();

  if (!fatal_.ok()) return fatal_;
  summary_.queued = summary_.finished ? 0 : frontier_->queued();
  summary_.elapsed_ms = MillisSince(started_);
  return summary_;
}

// Admission runs once per burst of events rather than after each: the pages it admits then go
// to a worker in one task, and the threads wake each other up less often.
void CrawlRun::ScheduleAdmit() {
  if (admit_scheduled_) return;
  admit_scheduled_ = true;
  asio::post(io_, [this] {
    admit_scheduled_ = false;
    Admit();
  });
}

void CrawlRun::Admit() {
  std::vector<PagePtr> admitted;
  while (!stopping_ && in_fetch_ < max_fetches_ && outstanding_ < max_pending_) {
    if (max_pages_ > 0 && done_before_ + admitted_ >= max_pages_) break;
    // With many fetches in flight, new links wait for a batch: each read of the queue costs
    // the conductor a LevelDB iterator (a re-crawl answered by 304s commits a few links at a
    // time, thousands of times a second).
    const size_t min_batch = in_fetch_ > max_fetches_ / 2 ? kQueueReadBatch : 1;
    Result<std::optional<crawler::FrontierEntry>> next = frontier_->Next(min_batch);
    if (!next.ok()) {
      Fail(next.status().WithContext("crawl " + frontier_->crawl_id() + ": read the queue"));
      break;
    }
    if (!*next) {
      exhausted_ = true;
      break;
    }
    exhausted_ = false;
    auto p = std::make_shared<Page>();
    p->entry = std::move(**next);
    auto given = given_.find(p->entry.url);
    p->given = given == given_.end() ? p->entry.url : given->second;
    p->wants_links = follow_ && !scope_->TooDeep(p->entry.depth + 1);
    ++in_fetch_;
    ++outstanding_;
    ++admitted_;
    admitted.push_back(std::move(p));
  }
  if (!admitted.empty()) {
    // The archive reads a request needs happen on a worker: the conductor thread is the
    // crawl's one sequential part, and at thousands of pages a second (a re-crawl answered by
    // 304s) its time is what limits the crawl.
    asio::post(workers_, [this, pages = std::move(admitted)]() mutable {
      for (const PagePtr& p : pages) PrepareRequest(*p);
      asio::post(io_, [this, pages = std::move(pages)] {
        for (const PagePtr& p : pages) StartFetch(p);
      });
    });
  }
  CheckDone();
}

// Runs on a worker.
void CrawlRun::PrepareRequest(Page& p) const {
  p.request = {};
  p.request.url = p.entry.url;
  p.expected_body_hash.clear();
  p.api_error.clear();
  // --- shell (issue 6): an article read from its JSON API is requested there; follow-up
  // calls (use = "with", [counters]) need the page parsed every time.
  p.apis = FindPageApis(&api_profiles_, p.entry.url);
  p.follow_ups_done = 0;
  if (p.apis.instead) {
    Result<crawler::FetchRequest> api = ApiRequestFor(*p.apis.instead);
    if (api.ok()) {
      p.request = std::move(*api);
    } else {
      p.api_error = api.status().message();
    }
  }
  // Kept for the record of the fetch, which then need not read the head again.
  p.known_head.reset();
  if (Result<storage::HeadSnapshot> snapshot = archive_.SnapshotHead(p.entry.url); snapshot.ok()) {
    p.known_head = std::move(*snapshot);
  }
  const storage::ArticleHead* head =
      p.known_head && p.known_head->head ? &*p.known_head->head : nullptr;
  if (head != nullptr) p.archived_version = head->gone ? 0 : head->content_version;
  if (p.unconditional || !p.apis.follow_ups.empty()) return;
  // --- end shell ---
  if (head == nullptr) return;  // never archived (or unreadable: the fetch records the error)
  // Conditional GET: the validators of the last good fetch let an unchanged page cost a 304,
  // and bytes equal to the last ones need no parse. Either way the page's links come from the
  // ones kept last time (links/<url>); when there are none, it is fetched again in full.
  p.expected_body_hash = head->last_body_hash;
  if (p.apis.instead) return;  // shell: an API answer has no validators of the page's
  if (!head->etag.empty()) p.request.headers.emplace_back("If-None-Match", head->etag);
  if (!head->last_modified.empty()) {
    p.request.headers.emplace_back("If-Modified-Since", head->last_modified);
  }
}

void CrawlRun::StartFetch(const PagePtr& p) {
  if (stopping_) {  // stopped while the request was prepared: it stays queued
    --in_fetch_;
    --outstanding_;
    ScheduleAdmit();
    return;
  }
  if (!p->api_error.empty()) {  // shell: the API request could not be built: nothing to send
    p->page = {};
    p->page.url = p->entry.url;
    p->page.outcome = FetchOutcome::kBadUrl;
    p->page.error = p->api_error;
    p->page.fetched_at_ms = WallClock().Now();
    asio::post(io_, [this, p] { OnFetched(p); });
    return;
  }
  fetcher_->Fetch(std::move(p->request), [this, p](FetchedPage page) {
    p->page = std::move(page);
    // Fetchers say where `done` runs; the conductor's state lives on io_.
    asio::post(io_, [this, p] { OnFetched(p); });
  });
}

void CrawlRun::OnFetched(const PagePtr& p) {
  --in_fetch_;
  summary_.bytes += static_cast<int64_t>(p->page.body.size());
  // watch helper: the fetch loop stamps pages with the system clock; an injected clock wins.
  if (options_.clock != nullptr) p->page.fetched_at_ms = options_.clock->Now();
  ScheduleAdmit();
  if (p->page.outcome == FetchOutcome::kAborted && stopping_) {
    // Stopped before it was fetched: not recorded, so it stays queued for the next run.
    --outstanding_;
    return;
  }
  if (NeedsExtraction(p->page)) {
    Digest(p);
  } else if (p->wants_links && p->page.ok() && p->page.http_status == 304) {
    // Only the kept links to read: cheap work, gathered into one task per burst.
    light_.push_back(p);
    if (light_.size() == 1) {
      asio::post(io_, [this] {
        std::vector<PagePtr> pages;
        pages.swap(light_);
        asio::post(workers_, [this, pages = std::move(pages)]() mutable {
          for (const PagePtr& page : pages) LoadKeptLinks(*page);
          asio::post(io_, [this, pages = std::move(pages)] {
            for (const PagePtr& page : pages) OnExtracted(page);
          });
        });
      });
    }
  } else {
    OnExtracted(p);
  }
}

// On a worker: extract the page, or find that its bytes are the ones archived last time (and
// then read the links kept from the fetch that had them).
void CrawlRun::Digest(const PagePtr& p) {
  asio::post(workers_, [this, p] {
    if (!p->expected_body_hash.empty() &&
        storage::BodyHash(p->page.body) == p->expected_body_hash) {
      p->body_unchanged = true;  // the same bytes as last time: nothing new to parse
      if (p->wants_links) LoadKeptLinks(*p);
    } else if (p->apis.instead) {  // shell: the answer of the article's JSON API
      p->extracted = ExtractFromApi(p->page, p->entry.url, *p->apis.instead->api);
      CheckBlocked(*p);
    } else {
      p->extracted = ExtractPage(p->page, p->entry.url, extract_settings_);
      ApplyScriptData(&api_profiles_, p->page, p->entry.url, &p->extracted);  // shell
      CheckBlocked(*p);                                                       // shell
    }
    PrepareRecord(*p);
    asio::post(io_, [this, p] { OnExtracted(p); });
  });
}

// The record the archive gets for a fetched page.
storage::FetchRecord RecordOf(Page& p) {
  storage::FetchRecord record;
  record.url = p.entry.url;
  record.page = &p.page;
  record.article = p.extracted.article ? &*p.extracted.article : nullptr;
  record.also = &p.also;  // filled later on the io thread; only read when written
  record.body_unchanged = p.body_unchanged;
  record.known_head = p.known_head ? &*p.known_head : nullptr;
  return record;
}

// On a worker. A record Prepare rejects is left to the writer, which reports the same error.
void CrawlRun::PrepareRecord(Page& p) const {
  p.prepared.reset();
  Result<storage::PreparedFetch> prepared = archive_.Prepare(RecordOf(p));
  if (prepared.ok()) p.prepared = std::move(prepared).value();
}

// On a worker: the links kept from the last fetch of the page that had a body to parse.
void CrawlRun::LoadKeptLinks(Page& p) const {
  Result<std::optional<std::string>> stored = archive_.State().Get(crawler::LinksKey(p.entry.url));
  if (!stored.ok()) {
    p.links_error = stored.status();
    return;
  }
  if (!*stored) {
    p.links_missing = true;  // archived by a crawl that did not follow links: fetch it again
    return;
  }
  // Damaged links are no reason to stop: the page just leads nowhere this time.
  Result<std::vector<std::string_view>> decoded =
      crawler::DecodeLinks(**stored, &p.stored_links_text);
  if (!decoded.ok()) return;
  p.stored_links = std::move(*decoded);
  p.stored_link_hashes.clear();
  p.stored_link_hashes.reserve(p.stored_links.size());
  for (std::string_view link : p.stored_links) {
    p.stored_link_hashes.push_back(crawler::Frontier::HashOf(link));
  }
}

void CrawlRun::OnExtracted(const PagePtr& p) {
  if (p->links_missing) {
    if (stopping_) {  // recording it without its links would lose them: it stays queued
      --outstanding_;
      ScheduleAdmit();
      return;
    }
    // No links kept for a page the archive already knew: one unconditional fetch to find them.
    p->links_missing = false;
    p->unconditional = true;
    p->body_unchanged = false;
    p->page = {};
    ++in_fetch_;
    asio::post(workers_, [this, p] {
      PrepareRequest(*p);
      asio::post(io_, [this, p] { StartFetch(p); });
    });
    return;
  }
  // --- shell (issue 6): a block page found by parsing backs its host off; an article with API
  // calls to make after its page makes them first.
  if (!p->extracted.blocked.empty() && fetcher_ != nullptr) fetcher_->ReportBlocked(p->entry.url);
  if (StartApiFollowUp(p)) return;
  // --- end shell ---
  if (p->page.outcome == FetchOutcome::kDisallowedByRobots && p->entry.depth > 0) {
    // A discovered link robots.txt forbids: not an article to keep, only a URL not to try again.
    p->record = false;
    frontier_->MarkSkipped(p->entry, &p->done_update);
  } else {
    frontier_->MarkDone(p->entry, &p->done_update);
  }
  if (Status s = QueueLinks(p); !s.ok()) {
    Fail(s.WithContext("crawl " + frontier_->crawl_id() + ": queue the links of " + p->entry.url));
  }
  p->also.Append(p->done_update.batch());
  p->also.Append(p->links_update.batch());
  Store(p);
}

// --- shell (issue 6): block pages and JSON API follow-ups ---

// On a worker, after extraction: a block page found by parsing (a login wall's teaser), or an
// extraction with almost no text where the archive holds a version with text (an empty shell,
// or a block page the response check missed): a failed fetch, never a version.
void CrawlRun::CheckBlocked(Page& p) const {
  if (!extract_settings_.block_pages) return;
  if (!p.extracted.blocked.empty()) {
    MarkBlocked(p.extracted.blocked, &p.page, &p.extracted);
    return;
  }
  if (!p.extracted.article || p.archived_version <= 0 ||
      !parser::MayHaveLostArticle(*p.extracted.article)) {
    return;
  }
  Result<storage::Version> last = archive_.GetVersion(p.entry.url, p.archived_version);
  if (!last.ok()) return;
  if (std::optional<std::string> lost =
          parser::DetectLostArticle(*p.extracted.article, last->article, p.archived_version)) {
    MarkBlocked(*lost, &p.page, &p.extracted);
  }
}

// The next API call to make after the page (use = "with", [counters]), through the same
// fetcher as the page. True when one was started: its answer is applied on a worker, then
// OnExtracted runs again.
bool CrawlRun::StartApiFollowUp(const PagePtr& p) {
  if (stopping_ || !p->extracted.article || !p->page.ok()) return false;
  while (p->follow_ups_done < p->apis.follow_ups.size()) {
    const ApiFollowUp& follow_up = p->apis.follow_ups[p->follow_ups_done++];
    Result<crawler::FetchRequest> request = ApiRequestFor(follow_up.match, p->page.body);
    if (!request.ok()) {
      ApplyFollowUpError(follow_up, request.status(), &p->page, &p->extracted);
      // What was prepared points at the article as it was: the writer records it afresh.
      p->prepared.reset();
      if (!p->extracted.article) return false;
      continue;
    }
    ++in_fetch_;
    fetcher_->Fetch(std::move(*request), [this, p, &follow_up](FetchedPage answer) {
      asio::post(io_, [this, p, &follow_up, answer = std::move(answer)]() mutable {
        --in_fetch_;
        summary_.bytes += static_cast<int64_t>(answer.body.size());
        ScheduleAdmit();
        if (answer.outcome == FetchOutcome::kAborted && stopping_) {
          --outstanding_;  // not recorded: the URL stays queued for the next run
          CheckDone();
          return;
        }
        asio::post(workers_, [this, p, &follow_up, answer = std::move(answer)] {
          ApplyFollowUp(follow_up, answer, &p->page, &p->extracted);
          PrepareRecord(*p);  // the article changed since it was prepared
          asio::post(io_, [this, p] { OnExtracted(p); });
        });
      });
    });
    return true;
  }
  return false;
}
// --- end shell ---

Status CrawlRun::QueueLinks(const PagePtr& p) {
  if (!follow_) return Status::Ok();
  STRATA_RETURN_IF_ERROR(p->links_error);
  if (!p->extracted.article) return QueueLinksOf(p->stored_links, p->stored_link_hashes, p);
  const std::vector<std::string>& links = p->extracted.article->links;
  // Kept for later re-crawls answered by 304 (or with unchanged bytes), which carry none.
  p->done_update.mutable_batch()->Put(crawler::LinksKey(p->entry.url), crawler::EncodeLinks(links));
  return QueueLinksOf(links, {}, p);
}

template <typename Links>
Status CrawlRun::QueueLinksOf(const Links& links, const std::vector<uint64_t>& hashes,
                              const PagePtr& p) {
  if (!p->wants_links) return Status::Ok();
  const int depth = p->entry.depth + 1;
  const bool hashed = hashes.size() == links.size();
  if (hashed) {
    for (uint64_t hash : hashes) frontier_->Prefetch(hash);
  }
  for (size_t i = 0; i < links.size(); ++i) {
    const std::string_view link = links[i];
    if (max_pages_ > 0 && frontier_->planned() >= max_pages_) break;
    // Most links of a site point to pages seen already: the cheap answer first.
    const uint64_t hash = hashed ? hashes[i] : crawler::Frontier::HashOf(link);
    if (frontier_->SeenRecently(link, hash)) continue;
    if (scope_->Check(link, depth) != crawler::ScopeVerdict::kIn) continue;
    STRATA_RETURN_IF_ERROR(frontier_->Add(link, depth, &p->links_update).status());
  }
  return Status::Ok();
}

void CrawlRun::Store(PagePtr p) {
  to_store_.push_back(std::move(p));
  if (!writer_busy_) StartWriter();
}

// The archive's writes are serialised anyway (one read-compare-write at a time): one writer
// task runs at a time, taking every record waiting, and stores them in one batch.
void CrawlRun::StartWriter() {
  if (to_store_.empty()) return;
  writer_busy_ = true;
  std::vector<PagePtr> pages;
  if (to_store_.size() <= kMaxRecordsPerWrite) {
    pages.swap(to_store_);
  } else {
    pages.assign(std::make_move_iterator(to_store_.begin()),
                 std::make_move_iterator(to_store_.begin() + kMaxRecordsPerWrite));
    to_store_.erase(to_store_.begin(), to_store_.begin() + kMaxRecordsPerWrite);
  }
  asio::post(workers_, [this, pages = std::move(pages)]() mutable {
    std::vector<storage::PreparedFetch> records;
    std::vector<Page*> recorded;
    for (const PagePtr& p : pages) {
      if (!p->record) {
        p->state_written = archive_.State().Write(p->also);
        continue;
      }
      records.push_back(p->prepared ? *p->prepared : storage::PreparedFetch{RecordOf(*p), {}});
      recorded.push_back(p.get());
    }
    if (!records.empty()) {
      std::vector<Result<storage::RecordResult>> results = archive_.RecordPrepared(records);
      for (size_t i = 0; i < recorded.size(); ++i) {
        recorded[i]->recorded = i < results.size()
                                    ? std::move(results[i])
                                    : Result<storage::RecordResult>(Status::IOError("no result"));
      }
    }
    asio::post(io_, [this, pages = std::move(pages)]() mutable { OnStored(std::move(pages)); });
  });
}

void CrawlRun::OnStored(std::vector<PagePtr> pages) {
  writer_busy_ = false;
  StartWriter();
  for (PagePtr& p : pages) {
    const bool ok = p->record ? p->recorded.ok() : p->state_written.ok();
    if (ok) {
      // New entries: a queue found empty before is not any more. Without this, a CheckDone
      // before the next Admit (the garbage deletion's, when it ends first) took the stale
      // flag for the end of the crawl, after the seed alone.
      if (p->links_update.added() > 0) exhausted_ = false;
      frontier_->Commit(std::move(p->done_update));
      frontier_->Commit(std::move(p->links_update));
      Finished(p);
      continue;
    }
    frontier_->Abandon(std::move(p->done_update));
    frontier_->Abandon(std::move(p->links_update));
    p->also.Clear();
    if (p->record && p->body_unchanged &&
        p->recorded.status().code() == Status::Code::kFailedPrecondition) {
      // The stored article moved on since the head was read: extract and record for real.
      p->body_unchanged = false;
      p->expected_body_hash.clear();
      p->done_update = {};
      p->links_update = {};
      p->stored_links.clear();
      p->stored_link_hashes.clear();
      p->stored_links_text.clear();
      Digest(p);
      continue;
    }
    // The archive failed to store it: the URL stays queued for a later run. Its links were
    // not queued either (they belonged to the same batch), which is consistent: the next run
    // fetches the page again and finds them.
    Finished(p);
  }
  ScheduleAdmit();
}

void CrawlRun::Finished(const PagePtr& p) {
  --outstanding_;
  if (!p->record) {
    ++summary_.skipped;
    if (!p->state_written.ok()) {
      Fail(p->state_written.WithContext("crawl " + frontier_->crawl_id()));
    }
    return;
  }
  PageResult result = DescribePage(p->given, p->entry.url, p->page, p->extracted, p->recorded);
  result.depth = p->entry.depth;
  if (p->body_unchanged && result.title.empty() && p->recorded.ok()) {
    // Not parsed: the title is the archived one.
    if (Result<storage::ArticleHead> head = archive_.Head(p->entry.url); head.ok()) {
      result.title = head->title;
    }
  }
  Report(result);
}

void CrawlRun::Report(const PageResult& result) {
  ++summary_.pages;
  ++summary_.by_kind[static_cast<int>(result.kind)];
  on_result_(result);
}

void CrawlRun::StopRun(int signal_number) {
  if (stopping_) return;
  stopping_ = true;
  garbage_cancelled_.store(true);
  summary_.stop_signal = signal_number;
  // Back to the default action: a second Ctrl-C kills at once, which the frontier survives.
  if (signals_) {
    boost::system::error_code ignored;
    signals_->clear(ignored);
  }
  if (fetcher_ != nullptr) fetcher_->Stop();  // in-flight fetches come back as kAborted
  CheckDone();
}

void CrawlRun::Fail(Status status) {
  if (fatal_.ok()) fatal_ = std::move(status);
  if (!stopping_) {
    stopping_ = true;
    garbage_cancelled_.store(true);
    if (fetcher_ != nullptr) fetcher_->Stop();
  }
}

// The seen sets the crawl's earlier runs left (Frontier::garbage) are deleted by a worker while
// this run crawls: at the end of a run, that deletion was a serial pass over all its URLs.
void CrawlRun::DeleteGarbage() {
  crawler::Frontier::Garbage garbage = frontier_->garbage();
  if (garbage.empty()) {
    garbage_deleted_ = true;
    return;
  }
  garbage_pending_ = true;
  asio::post(workers_, [this, garbage = std::move(garbage)] {
    const bool deleted = garbage.Delete(&garbage_cancelled_).ok();  // else the next run tries
    asio::post(io_, [this, deleted] {
      garbage_pending_ = false;
      garbage_deleted_ = deleted;
      CheckDone();
    });
  });
}

void CrawlRun::CheckDone() {
  if (done_ || outstanding_ > 0 || !to_store_.empty() || writer_busy_ || garbage_pending_) return;
  const bool limit_reached = max_pages_ > 0 && done_before_ + admitted_ >= max_pages_;
  if (!stopping_ && !limit_reached && !(exhausted_ && !frontier_->has_uncommitted())) return;
  done_ = true;
  if (!stopping_ && fatal_.ok()) {
    // Nothing left to fetch (or the page limit reached): the crawl is over, and running it
    // again starts a new pass rather than resuming this one.
    if (Status s = frontier_->Finish(garbage_deleted_); !s.ok()) {
      fatal_ = s.WithContext("crawl " + frontier_->crawl_id() + ": remove the finished state");
    } else {
      summary_.finished = true;
    }
  }
  if (signals_) {
    boost::system::error_code ignored;
    signals_->cancel(ignored);
  }
  if (progress_timer_) progress_timer_->cancel();
  // Nothing in flight: release the fetch stack (top first) while io_ still runs.
  fetcher_ = nullptr;
  polite_.reset();
  fetch_loop_.reset();
  work_.reset();
}

CrawlProgress CrawlRun::Progress() const {
  CrawlProgress progress;
  progress.done = summary_.pages;
  progress.failed = summary_.by_kind[static_cast<int>(storage::RecordKind::kFailed)];
  progress.queued = frontier_ ? frontier_->queued() : 0;
  progress.in_flight = outstanding_;
  progress.bytes = summary_.bytes;
  progress.elapsed_ms = MillisSince(started_);
  return progress;
}

void CrawlRun::Tick() {
  if (done_) return;
  options_.on_progress(Progress());
  progress_timer_->expires_after(std::chrono::milliseconds(options_.progress_interval_ms));
  progress_timer_->async_wait([this](const boost::system::error_code& ec) {
    if (!ec) Tick();
  });
}

}  // namespace

Result<CrawlSummary> CrawlUrls(const std::vector<std::string>& urls, storage::Archive& archive,
                               const config::Config& config,
                               const std::function<void(const PageResult&)>& on_result,
                               const RunOptions& options) {
  CrawlRun run(archive, config, options, on_result);
  return run.Run(urls);
}

}  // namespace strata::jobs
