#include "crawler/jobs/crawl_job.h"

#include <utility>  // before Asio (Boost 1.74 with C++20 needs std::exchange declared)

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <memory>
#include <thread>

#include "common/url.h"
#include "crawler/fetch_loop.h"
#include "parser/extract.h"

namespace strata::jobs {
namespace asio = boost::asio;

namespace {

bool LooksLikeHtml(const FetchedPage& page) {
  const std::string_view type = page.content_type();
  if (type.empty()) return true;  // let the parser sniff it
  return type.find("html") != std::string_view::npos || type.find("xml") != std::string_view::npos;
}

// Extracts (when there is an article to extract) and records one fetch. Runs on a worker.
PageResult Process(const std::string& given_url, const std::string& key, const FetchedPage& page,
                   storage::Archive& archive) {
  PageResult result;
  result.url = given_url;
  result.key = key;
  result.http_status = page.http_status;

  std::optional<Article> article;
  std::string extract_error;
  if (page.ok() && page.http_status == 200) {
    if (LooksLikeHtml(page)) {
      parser::ExtractInput input;
      input.url = page.final_url.empty() ? std::string_view(key) : page.final_url;
      input.body = page.body;
      input.content_type = page.content_type();
      input.fetched_at = page.fetched_at_ms;
      Result<Article> extracted = parser::Extract(input);
      if (extracted.ok()) {
        article = std::move(extracted).value();
      } else {
        extract_error = extracted.status().message();
      }
    } else {
      extract_error = "not an HTML page (" + std::string(page.content_type()) + ")";
    }
  }

  storage::FetchRecord record;
  record.url = key;
  record.page = &page;
  record.article = article ? &*article : nullptr;
  Result<storage::RecordResult> recorded = archive.Record(record);
  if (!recorded.ok()) {
    result.kind = storage::RecordKind::kFailed;
    result.error = "archive: " + recorded.status().ToString();
    return result;
  }
  result.kind = recorded->kind;
  result.version = recorded->version;
  if (article) result.title = article->title;
  if (result.kind == storage::RecordKind::kFailed) {
    if (!page.ok()) {
      result.error = std::string(OutcomeName(page.outcome));
      if (!page.error.empty()) result.error += ": " + page.error;
    } else if (!extract_error.empty()) {
      result.error = extract_error;
    } else {
      result.error = "HTTP " + std::to_string(page.http_status);
    }
  }
  return result;
}

}  // namespace

Result<CrawlSummary> CrawlUrls(const std::vector<std::string>& urls, storage::Archive& archive,
                               const config::Config& config,
                               const std::function<void(const PageResult&)>& on_result,
                               const CrawlOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  CrawlSummary summary;
  auto report = [&](const PageResult& r) {
    ++summary.pages;
    ++summary.by_kind[static_cast<int>(r.kind)];
    on_result(r);
  };

  asio::io_context io;
  crawler::FetchLoop fetcher(io, config.fetch);
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  asio::thread_pool workers(options.extract_threads > 0 ? options.extract_threads : cores);
  auto keep_running = asio::make_work_guard(io);
  size_t pending = 0;  // touched only on the io thread

  auto finish_one = [&](const PageResult& r) {
    report(r);
    if (--pending == 0) keep_running.reset();
  };

  for (const std::string& url : urls) {
    std::optional<std::string> key = NormalizeUrl(url);
    if (!key) {
      PageResult r;
      r.url = url;
      r.error = "not an absolute http(s) URL";
      report(r);
      continue;
    }
    crawler::FetchRequest request;
    request.url = *key;
    // Conditional GET: the validators of the last good fetch let an unchanged page cost a 304.
    if (Result<storage::ArticleHead> head = archive.Head(*key); head.ok()) {
      if (!head->etag.empty()) request.headers.emplace_back("If-None-Match", head->etag);
      if (!head->last_modified.empty()) {
        request.headers.emplace_back("If-Modified-Since", head->last_modified);
      }
    }
    ++pending;
    fetcher.Fetch(std::move(request), [&, url, key = *key](FetchedPage page) {
      summary.bytes += static_cast<int64_t>(page.body.size());
      asio::post(workers, [&, url, key, page = std::move(page)] {
        PageResult r = Process(url, key, page, archive);
        asio::post(io, [&finish_one, r = std::move(r)] { finish_one(r); });
      });
    });
  }
  if (pending == 0) keep_running.reset();
  io.run();
  workers.join();
  summary.elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::steady_clock::now() - started)
                           .count();
  return summary;
}

}  // namespace strata::jobs
