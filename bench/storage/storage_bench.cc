// storage_bench: what the archive costs on disk and how fast it takes writes (issue 5, point 9).
//
//   storage_bench --site DIR [--n 1000] [--work DIR] [--changed-percent 10] [--repeat 3]
//
// DIR is a site written by /work/shared/bench/mksite.py (its paths.txt and www/article/*.html).
// Pages are extracted once, before anything is timed; then, for each LevelDB configuration, a
// fresh archive records every page (the first crawl), and the default configuration also
// records an unchanged re-crawl (extracted again, and with extraction skipped: body_unchanged),
// and a re-crawl where some pages changed. Sizes are the files in the archive directory after
// closing and reopening it (which turns LevelDB's log into a table), and again after a full
// compaction. The baselines are computed, not written: one file per version of the raw HTML,
// of the raw HTML zstd-compressed, and of the extracted text, with sizes rounded up to 4 KiB
// blocks as a file system stores them.
//
// Prints Markdown tables (bench/README.md, "Storage").
#include <leveldb/db.h>
#include <leveldb/filter_policy.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <zstd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "parser/extract.h"
#include "storage/archive.h"

namespace {

using strata::Article;
using strata::FetchedPage;
namespace storage = strata::storage;
namespace fs = std::filesystem;

constexpr int64_t kBlock = 4096;
constexpr strata::UnixMillis kT0 = 1'739'527'200'000;  // 2025-02-14T10:00:00Z

struct Page {
  std::string url;
  std::string html;
  Article article;
};

struct DiskSize {
  int64_t apparent = 0;   // sum of file sizes
  int64_t allocated = 0;  // blocks the file system allocated
};

DiskSize SizeOf(const std::string& dir) {
  DiskSize size;
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(dir)) {
    struct stat st {};
    if (!entry.is_regular_file() || ::stat(entry.path().c_str(), &st) != 0) continue;
    size.apparent += st.st_size;
    size.allocated += static_cast<int64_t>(st.st_blocks) * 512;
  }
  return size;
}

int64_t RoundToBlock(int64_t bytes) { return (bytes + kBlock - 1) / kBlock * kBlock; }

std::string Mb(int64_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / 1e6);
  return buf;
}

std::string Kb(double bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f KB", bytes / 1e3);
  return buf;
}

std::string Pct(double part, double whole) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * part / whole);
  return buf;
}

double Seconds(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

// CPU seconds of the whole process (every thread, LevelDB's compaction thread included): on a
// shared machine wall-clock time measures the neighbours too.
double CpuSeconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

struct Timing {
  double wall = 0;
  double cpu = 0;
};

std::vector<Page> LoadAndExtract(const std::string& site, size_t n) {
  std::ifstream paths(site + "/paths.txt");
  std::vector<Page> pages;
  for (std::string path; pages.size() < n && std::getline(paths, path);) {
    std::ifstream in(site + "/www" + path, std::ios::binary);
    std::stringstream html;
    html << in.rdbuf();
    pages.push_back({"http://bench.example" + path, html.str(), {}});
  }
  // Extraction is not what is measured: spread it over the cores.
  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (size_t i = t; i < pages.size(); i += threads) {
        strata::parser::ExtractInput input;
        input.url = pages[i].url;
        input.body = pages[i].html;
        input.content_type = "text/html; charset=utf-8";
        strata::Result<Article> article = strata::parser::Extract(input);
        if (article.ok()) pages[i].article = std::move(*article);
      }
    });
  }
  for (std::thread& worker : workers) worker.join();
  return pages;
}

// A page's body with one paragraph edited (a changed version: new bytes, new content).
void Edit(Page* page, int round) {
  const std::string mark = "</p>";
  const size_t at = page->article.body.find('\n');
  const std::string note = " (edited, round " + std::to_string(round) + ")";
  page->article.body.insert(at == std::string::npos ? page->article.body.size() : at, note);
  const size_t p = page->html.find(mark);
  if (p != std::string::npos) page->html.insert(p, note);
}

FetchedPage Fetched(const Page& page, strata::UnixMillis at) {
  FetchedPage fetched;
  fetched.url = fetched.final_url = page.url;
  fetched.http_status = 200;
  fetched.fetched_at_ms = at;
  fetched.body = page.html;
  fetched.request_headers = {{"User-Agent", "strata/0.1 (bench)"}, {"Accept-Encoding", "gzip"}};
  fetched.response_headers = {{"Content-Type", "text/html; charset=utf-8"},
                              {"Server", "nginx/1.22.1"},
                              {"Date", "Fri, 14 Feb 2025 10:00:00 GMT"}};
  return fetched;
}

enum class Mode { kExtracted, kSameBody };

// Records every page once at time `at`, in batches of `batch` (1: one Record per page).
// Returns the seconds it took.
Timing RecordAll(storage::Archive& archive, const std::vector<Page>& pages, strata::UnixMillis at,
                 size_t batch, Mode mode) {
  const auto start = std::chrono::steady_clock::now();
  const double cpu_start = CpuSeconds();
  std::vector<FetchedPage> fetched;
  std::vector<storage::FetchRecord> records;
  for (size_t i = 0; i < pages.size(); i += batch) {
    const size_t end = std::min(pages.size(), i + batch);
    fetched.clear();
    records.clear();
    fetched.reserve(end - i);
    for (size_t j = i; j < end; ++j) fetched.push_back(Fetched(pages[j], at + j));
    for (size_t j = i; j < end; ++j) {
      storage::FetchRecord record{pages[j].url, &fetched[j - i],
                                  mode == Mode::kExtracted ? &pages[j].article : nullptr};
      record.body_unchanged = mode == Mode::kSameBody;
      records.push_back(record);
    }
    for (const strata::Result<storage::RecordResult>& r : archive.RecordMany(records)) {
      if (!r.ok()) {
        std::fprintf(stderr, "record: %s\n", r.status().ToString().c_str());
        std::exit(1);
      }
    }
  }
  return {Seconds(std::chrono::steady_clock::now() - start), CpuSeconds() - cpu_start};
}

std::unique_ptr<storage::Archive> OpenArchive(const std::string& dir,
                                              const storage::ArchiveOptions& options) {
  strata::Result<std::unique_ptr<storage::Archive>> archive = storage::Archive::Open(dir, options);
  if (!archive.ok()) {
    std::fprintf(stderr, "open %s: %s\n", dir.c_str(), archive.status().ToString().c_str());
    std::exit(1);
  }
  return std::move(*archive);
}

// Closed and reopened: LevelDB turns its log into a level-0 table, so the size no longer counts
// the log and the table for the same records.
DiskSize Settled(const std::string& dir, const storage::ArchiveOptions& options) {
  OpenArchive(dir, options).reset();
  return SizeOf(dir);
}

// After a full compaction: what the records cost once overwritten heads are dropped.
DiskSize Compacted(const std::string& dir, const storage::ArchiveOptions& options) {
  std::unique_ptr<const leveldb::FilterPolicy> filter(leveldb::NewBloomFilterPolicy(10));
  leveldb::Options db_options;
  db_options.filter_policy = filter.get();
  db_options.block_size = options.block_size;
  db_options.write_buffer_size = options.write_buffer_size;
  db_options.max_file_size = options.max_file_size;
  db_options.compression =
      options.compress_blocks ? leveldb::kSnappyCompression : leveldb::kNoCompression;
  leveldb::DB* raw = nullptr;
  if (!leveldb::DB::Open(db_options, dir, &raw).ok()) std::exit(1);
  std::unique_ptr<leveldb::DB> db(raw);
  db->CompactRange(nullptr, nullptr);
  db.reset();
  return SizeOf(dir);
}

struct Config {
  std::string name;
  storage::ArchiveOptions options;
  size_t batch = 1;
};

storage::ArchiveOptions Options(size_t write_buffer, size_t block, size_t file, bool snappy) {
  storage::ArchiveOptions options;
  options.write_buffer_size = write_buffer;
  options.block_size = block;
  options.max_file_size = file;
  options.compress_blocks = snappy;
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  std::string site;
  std::string work = "/tmp/strata-storage-bench";
  size_t n = 1000;
  int changed_percent = 10;
  int repeat = 3;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--site") site = argv[i + 1];
    if (flag == "--n") n = std::stoul(argv[i + 1]);
    if (flag == "--work") work = argv[i + 1];
    if (flag == "--changed-percent") changed_percent = std::stoi(argv[i + 1]);
    if (flag == "--repeat") repeat = std::max(1, std::stoi(argv[i + 1]));
  }
  if (site.empty()) {
    std::fprintf(stderr,
                 "usage: storage_bench --site DIR [--n 1000] [--work DIR] "
                 "[--changed-percent 10] [--repeat 3]\n(DIR from /work/shared/bench/mksite.py)\n");
    return 2;
  }

  std::fprintf(stderr, "loading and extracting %zu pages from %s...\n", n, site.c_str());
  std::vector<Page> pages = LoadAndExtract(site, n);
  int64_t html_bytes = 0, html_files = 0, zstd_files = 0, text_files = 0;
  for (const Page& page : pages) {
    html_bytes += static_cast<int64_t>(page.html.size());
    html_files += RoundToBlock(static_cast<int64_t>(page.html.size()));
    std::string compressed(ZSTD_compressBound(page.html.size()), '\0');
    const size_t size =
        ZSTD_compress(compressed.data(), compressed.size(), page.html.data(), page.html.size(), 3);
    zstd_files += RoundToBlock(static_cast<int64_t>(size));
    text_files += RoundToBlock(static_cast<int64_t>(page.article.body.size()));
  }
  const double count = static_cast<double>(pages.size());
  std::printf("%zu pages, raw HTML %s (%s a page)\n\n", pages.size(), Mb(html_bytes).c_str(),
              Kb(html_bytes / count).c_str());

  // --- 1. The first crawl under each configuration: throughput and bytes. ---
  const std::vector<Config> configs = {
      {"LevelDB defaults: 4 MiB buffer, 4 KiB blocks, 2 MiB files; one write per page",
       Options(4 << 20, 4 << 10, 2 << 20, true), 1},
      {"LevelDB defaults, batches of 100", Options(4 << 20, 4 << 10, 2 << 20, true), 100},
      {"16 MiB buffer, 16 KiB blocks, 8 MiB files; one write per page",
       Options(16 << 20, 16 << 10, 8 << 20, true), 1},
      {"16 MiB buffer, 16 KiB blocks, 8 MiB files; batches of 100",
       Options(16 << 20, 16 << 10, 8 << 20, true), 100},
      {"64 MiB buffer, 16 KiB blocks, 8 MiB files; batches of 100 (strata)",
       Options(64 << 20, 16 << 10, 8 << 20, true), 100},
      {"16 MiB buffer, 64 KiB blocks, 8 MiB files; batches of 100",
       Options(16 << 20, 64 << 10, 8 << 20, true), 100},
      {"16 MiB buffer, 16 KiB blocks, 8 MiB files, no Snappy; batches of 100",
       Options(16 << 20, 16 << 10, 8 << 20, false), 100},
  };
  std::printf(
      "| first crawl: configuration (median of %d runs) | wall s | CPU s | raw HTML MB per CPU s "
      "| pages per CPU s | on disk (settled) | compacted | per page | vs raw HTML |\n"
      "|---|---|---|---|---|---|---|---|---|\n",
      repeat);
  for (const Config& config : configs) {
    const std::string dir = work + "/config";
    // The median of `repeat` runs: on a shared machine one run can be off by a fifth.
    std::vector<Timing> timings;
    for (int run = 0; run < repeat; ++run) {
      fs::remove_all(dir);
      std::unique_ptr<storage::Archive> archive = OpenArchive(dir, config.options);
      timings.push_back(RecordAll(*archive, pages, kT0, config.batch, Mode::kExtracted));
    }
    std::sort(timings.begin(), timings.end(),
              [](const Timing& a, const Timing& b) { return a.cpu < b.cpu; });
    const Timing timing = timings[timings.size() / 2];
    const DiskSize settled = Settled(dir, config.options);
    const DiskSize compacted = Compacted(dir, config.options);
    std::printf(
        "| %s | %.2f | %.2f | %.0f | %.0f | %s | %s | %s | %s |\n", config.name.c_str(),
        timing.wall, timing.cpu, static_cast<double>(html_bytes) / 1e6 / timing.cpu,
        count / timing.cpu, Mb(settled.allocated).c_str(), Mb(compacted.allocated).c_str(),
        Kb(compacted.allocated / count).c_str(),
        Pct(static_cast<double>(compacted.allocated), static_cast<double>(html_bytes)).c_str());
    std::fflush(stdout);
  }

  // --- 2. Re-crawls with strata's configuration. ---
  const storage::ArchiveOptions options;
  const std::string dir = work + "/recrawl";
  fs::remove_all(dir);
  std::unique_ptr<storage::Archive> archive = OpenArchive(dir, options);
  RecordAll(*archive, pages, kT0, 100, Mode::kExtracted);
  archive.reset();
  // Each stage is measured compacted: the steady state, not where compaction happened to be.
  const DiskSize first = Compacted(dir, options);

  archive = OpenArchive(dir, options);
  const double unchanged_s = RecordAll(*archive, pages, kT0 + 3'600'000, 100, Mode::kExtracted).cpu;
  archive.reset();
  // What the re-crawl wrote (its log), before a compaction drops the heads it replaced.
  const int64_t unchanged_written = SizeOf(dir).apparent - first.apparent;
  const DiskSize unchanged = Compacted(dir, options);

  archive = OpenArchive(dir, options);
  const double same_body_s = RecordAll(*archive, pages, kT0 + 7'200'000, 100, Mode::kSameBody).cpu;
  archive.reset();
  const int64_t same_body_written = SizeOf(dir).apparent - unchanged.apparent;
  const DiskSize same_body = Compacted(dir, options);

  std::vector<Page> changed_pages;
  for (size_t i = 0; i < pages.size(); ++i) {
    if (static_cast<int>(i % 100) < changed_percent) {
      changed_pages.push_back(pages[i]);
      Edit(&changed_pages.back(), 1);
    }
  }
  archive = OpenArchive(dir, options);
  const double changed_s =
      RecordAll(*archive, changed_pages, kT0 + 10'800'000, 100, Mode::kExtracted).cpu;
  strata::Result<storage::ArchiveStats> stats = archive->Stats();
  archive.reset();
  const DiskSize changed = Compacted(dir, options);

  const double changed_count = static_cast<double>(changed_pages.size());
  std::printf(
      "\n| strata's archive (64 MiB buffer, 16 KiB blocks, batches of 100; sizes after "
      "a compaction) | on disk | growth | per page | growth vs first crawl | written (before "
      "compaction) |\n|---|---|---|---|---|---|\n");
  std::printf("| first crawl, %zu pages | %s | %s | %s | | |\n", pages.size(),
              Mb(first.allocated).c_str(), Mb(first.allocated).c_str(),
              Kb(first.allocated / count).c_str());
  std::printf(
      "| unchanged re-crawl, extracted (%.0f pages per CPU s) | %s | %s | %s | %s | %s "
      "(%s) |\n",
      count / unchanged_s, Mb(unchanged.allocated).c_str(),
      Mb(unchanged.allocated - first.allocated).c_str(),
      Kb((unchanged.allocated - first.allocated) / count).c_str(),
      Pct(static_cast<double>(unchanged.allocated - first.allocated),
          static_cast<double>(first.allocated))
          .c_str(),
      Mb(unchanged_written).c_str(),
      Pct(static_cast<double>(unchanged_written), static_cast<double>(first.apparent)).c_str());
  std::printf(
      "| unchanged re-crawl, extraction skipped (body_unchanged, %.0f pages per CPU s) | "
      "%s | %s | %s | %s | %s (%s) |\n",
      count / same_body_s, Mb(same_body.allocated).c_str(),
      Mb(same_body.allocated - unchanged.allocated).c_str(),
      Kb((same_body.allocated - unchanged.allocated) / count).c_str(),
      Pct(static_cast<double>(same_body.allocated - unchanged.allocated),
          static_cast<double>(first.allocated))
          .c_str(),
      Mb(same_body_written).c_str(),
      Pct(static_cast<double>(same_body_written), static_cast<double>(first.apparent)).c_str());
  std::printf(
      "| re-crawl of %zu changed pages (one paragraph edited; %.0f pages per CPU s, "
      "change analysis included) | %s | %s | %s per version | | |\n",
      changed_pages.size(), changed_count / changed_s, Mb(changed.allocated).c_str(),
      Mb(changed.allocated - same_body.allocated).c_str(),
      Kb((changed.allocated - same_body.allocated) / changed_count).c_str());
  if (stats.ok()) {
    std::printf(
        "\nrecords (keys + values, before Snappy): heads %s, versions %s (%lld), "
        "observations %s (%lld), counter samples %s, blobs %s (%lld), indexes %s\n",
        Mb(stats->head_bytes).c_str(), Mb(stats->version_bytes).c_str(),
        static_cast<long long>(stats->versions), Mb(stats->observation_bytes).c_str(),
        static_cast<long long>(stats->observations), Mb(stats->counter_bytes).c_str(),
        Mb(stats->blob_bytes).c_str(), static_cast<long long>(stats->blobs),
        Mb(stats->index_bytes).c_str());
  }

  // --- 3. Baselines: one file per version. ---
  int64_t changed_html_files = 0, changed_zstd_files = 0, changed_text_files = 0;
  for (const Page& page : changed_pages) {
    changed_html_files += RoundToBlock(static_cast<int64_t>(page.html.size()));
    std::string compressed(ZSTD_compressBound(page.html.size()), '\0');
    changed_zstd_files += RoundToBlock(static_cast<int64_t>(ZSTD_compress(
        compressed.data(), compressed.size(), page.html.data(), page.html.size(), 3)));
    changed_text_files += RoundToBlock(static_cast<int64_t>(page.article.body.size()));
  }
  std::printf(
      "\n| one file per version (4 KiB blocks) | first crawl | per page | unchanged "
      "re-crawl | %zu changed versions |\n|---|---|---|---|---|\n",
      changed_pages.size());
  std::printf("| raw HTML | %s | %s | 0 (or %s when every fetch is kept) | %s |\n",
              Mb(html_files).c_str(), Kb(html_files / count).c_str(), Mb(html_files).c_str(),
              Mb(changed_html_files).c_str());
  std::printf("| raw HTML, zstd -3 | %s | %s | 0 | %s |\n", Mb(zstd_files).c_str(),
              Kb(zstd_files / count).c_str(), Mb(changed_zstd_files).c_str());
  std::printf("| extracted text (body only) | %s | %s | 0 | %s |\n", Mb(text_files).c_str(),
              Kb(text_files / count).c_str(), Mb(changed_text_files).c_str());
  fs::remove_all(work);
  return 0;
}
