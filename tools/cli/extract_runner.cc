#include "tools/cli/extract_runner.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "parser/extract.h"
#include "parser/gzip.h"

namespace strata::tools {
namespace {

// Keys keep the documented order in the output.
using Json = nlohmann::ordered_json;

std::string Megabytes(size_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

Json NullIfEmpty(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

Json Count(const std::optional<int64_t>& n) { return n ? Json(*n) : Json(nullptr); }

std::string Dump(const Json& json) {
  // Paths may not be UTF-8 (file names are bytes); replace rather than throw.
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::optional<UnixMillis> ModificationTime(const std::string& path) {
  std::error_code ec;
  const auto written = std::filesystem::last_write_time(path, ec);
  if (ec) return std::nullopt;
  const auto system = std::chrono::file_clock::to_sys(written);
  return std::chrono::duration_cast<std::chrono::milliseconds>(system.time_since_epoch()).count();
}

std::string JoinPath(const std::string& base_dir, const std::string& path) {
  if (path.empty() || path.front() == '/' || base_dir.empty()) return path;
  return (std::filesystem::path(base_dir) / path).string();
}

}  // namespace

Result<std::string> ReadPageFile(const std::string& path, size_t max_bytes) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return Status::NotFound("no such file: " + path);
  if (std::filesystem::is_directory(path, ec)) {
    return Status::InvalidArgument(path + " is a directory");
  }
  const std::uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec) return Status::IOError("cannot read " + path + ": " + ec.message());
  // A gzip file may expand to 1000 times its size; its limit applies after decompression.
  if (size > max_bytes) {
    return Status::InvalidArgument(path + " is larger than " + Megabytes(max_bytes));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in.is_open()) return Status::IOError("cannot open " + path);
  std::string data(static_cast<size_t>(size), '\0');
  in.read(data.data(), static_cast<std::streamsize>(data.size()));
  data.resize(static_cast<size_t>(in.gcount()));
  if (in.bad()) return Status::IOError("cannot read " + path);
  if (!parser::IsGzip(data)) return data;
  Result<std::string> plain = parser::Gunzip(data, max_bytes);
  if (!plain.ok()) return plain.status().WithContext(path);
  return plain;
}

Result<std::vector<ExtractJob>> ParseManifest(std::string_view text, std::string_view source,
                                              const std::string& base_dir) {
  std::vector<ExtractJob> jobs;
  size_t line_number = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
      line.remove_suffix(1);
    }
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (line.empty() || line.front() == '#') continue;
    const std::string where = std::string(source) + ":" + std::to_string(line_number) + ": ";
    const Json entry = Json::parse(line.begin(), line.end(), nullptr, /*allow_exceptions=*/false);
    if (entry.is_discarded() || !entry.is_object()) {
      return Status::InvalidArgument(where + "not a JSON object");
    }
    ExtractJob job;
    for (const auto& [key, value] : entry.items()) {
      if (key == "path" && value.is_string()) {
        job.path = JoinPath(base_dir, value.get<std::string>());
      } else if (key == "url" && (value.is_string() || value.is_null())) {
        if (value.is_string()) job.url = value.get<std::string>();
      } else if (key == "content_type" && value.is_string()) {
        job.content_type = value.get<std::string>();
      } else if (key == "fetched_at" && value.is_number_integer()) {
        job.fetched_at = value.get<int64_t>();
      } else if (key == "fetched_at" && value.is_string()) {
        job.fetched_at = ParseIso8601(value.get<std::string>());
        if (!job.fetched_at) return Status::InvalidArgument(where + "fetched_at: not ISO 8601");
      } else if (key == "path" || key == "url" || key == "content_type" || key == "fetched_at") {
        return Status::InvalidArgument(where + key + ": wrong type");
      }
      // Other keys (labels of an evaluation set, expected values...) are the caller's business.
    }
    if (job.path.empty()) return Status::InvalidArgument(where + "\"path\" is missing");
    jobs.push_back(std::move(job));
  }
  return jobs;
}

Result<std::vector<ExtractJob>> ReadManifest(const std::string& manifest_path) {
  std::ifstream in(manifest_path, std::ios::binary);
  if (!in.is_open()) return Status::NotFound("cannot open manifest " + manifest_path);
  std::ostringstream text;
  text << in.rdbuf();
  const std::string base_dir = std::filesystem::path(manifest_path).parent_path().string();
  return ParseManifest(text.str(), manifest_path, base_dir);
}

std::string ExtractLine(const ExtractJob& job, const ExtractRunOptions& options, bool* ok) {
  if (ok != nullptr) *ok = false;
  Json out;
  out["path"] = job.path;
  out["url"] = NullIfEmpty(job.url);
  try {
    Result<std::string> page = ReadPageFile(job.path, options.max_page_bytes);
    if (!page.ok()) {
      out["error"] = page.status().message();
      return Dump(out);
    }
    parser::ExtractInput input;
    input.url = job.url;
    input.body = *page;
    input.content_type = job.content_type;
    std::optional<UnixMillis> fetched_at = job.fetched_at;
    if (!fetched_at) fetched_at = options.fetched_at;
    if (!fetched_at) fetched_at = ModificationTime(job.path);
    input.fetched_at = fetched_at.value_or(0);
    parser::ExtractOptions extract_options;
    extract_options.collect_links = false;
    extract_options.site_profiles = options.site_profiles;
    Result<Article> article = parser::Extract(input, extract_options);
    if (!article.ok()) {
      out["error"] = article.status().message();
      return Dump(out);
    }
    const Article& a = *article;
    out["title"] = NullIfEmpty(a.title);
    out["author"] = NullIfEmpty(a.author);
    out["date"] = NullIfEmpty(a.published);
    out["body"] = NullIfEmpty(a.body);
    out["views"] = Count(a.counters.views);
    out["likes"] = Count(a.counters.likes);
    out["comments"] = Count(a.counters.comments);
    out["tags"] = a.tags.empty() ? Json(nullptr) : Json(a.tags);
    out["lang"] = NullIfEmpty(a.lang);
    out["word_count"] = a.word_count;
    if (options.html) out["body_html"] = NullIfEmpty(a.body_html);
    if (options.markdown) out["body_markdown"] = NullIfEmpty(a.body_markdown);
    if (ok != nullptr) *ok = true;
    return Dump(out);
  } catch (const std::exception& e) {
    // Nothing here should throw; if something does, it is this file's error, not the run's.
    Json error;
    error["path"] = job.path;
    error["url"] = NullIfEmpty(job.url);
    error["error"] = std::string("internal error: ") + e.what();
    return Dump(error);
  }
}

size_t RunExtractJobs(const std::vector<ExtractJob>& jobs, const ExtractRunOptions& options,
                      const std::function<void(const std::string&)>& emit) {
  const size_t n = jobs.size();
  size_t threads = options.jobs > 0 ? static_cast<size_t>(options.jobs)
                                    : std::max(1u, std::thread::hardware_concurrency());
  threads = std::min(threads, n);
  size_t failures = 0;
  if (threads <= 1) {
    for (const ExtractJob& job : jobs) {
      bool ok = false;
      emit(ExtractLine(job, options, &ok));
      failures += ok ? 0 : 1;
    }
    return failures;
  }

  // Workers take the next job; the calling thread prints results in input order. Workers stay
  // at most `window` jobs ahead of the printer, so memory stays bounded however many files.
  const size_t window = threads * 4 + 16;
  std::mutex mu;
  std::condition_variable result_ready, room;
  std::vector<std::optional<std::string>> results(n);
  std::vector<char> ok(n, 0);
  size_t next = 0, printed = 0;
  auto worker = [&] {
    while (true) {
      size_t i = 0;
      {
        std::unique_lock lock(mu);
        room.wait(lock, [&] { return next >= n || next < printed + window; });
        if (next >= n) return;
        i = next++;
      }
      bool line_ok = false;
      std::string line = ExtractLine(jobs[i], options, &line_ok);
      {
        std::lock_guard lock(mu);
        results[i] = std::move(line);
        ok[i] = line_ok ? 1 : 0;
      }
      result_ready.notify_all();
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(threads);
  for (size_t t = 0; t < threads; ++t) pool.emplace_back(worker);
  for (size_t i = 0; i < n; ++i) {
    std::string line;
    bool line_ok = false;
    {
      std::unique_lock lock(mu);
      result_ready.wait(lock, [&] { return results[i].has_value(); });
      line = std::move(*results[i]);
      results[i].reset();
      line_ok = ok[i] != 0;
      printed = i + 1;
    }
    room.notify_all();
    emit(line);
    failures += line_ok ? 0 : 1;
  }
  for (std::thread& t : pool) t.join();
  return failures;
}

}  // namespace strata::tools
