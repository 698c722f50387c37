// frontier_bench: drives the persistent frontier (crawler/frontier.h) through a crawl that
// discovers N URLs (default 1,000,000) on a real archive (LevelDB), without any network: each
// "page" taken from the queue is marked done and links to 20 new URLs and 5 already seen ones,
// all in one state-store batch, as the crawl job does. Prints, at checkpoints, the URLs
// discovered, the frontier's resident entries and the process's peak RSS, to show that memory
// does not grow with the crawl.
//
//   frontier_bench [-n URLS] [-w READY_WINDOW] ARCHIVE_DIR   (ARCHIVE_DIR must not exist)
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "crawler/frontier.h"
#include "storage/archive.h"

namespace {

long PeakRssKb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

std::string Url(int64_t n) {
  // ~60 bytes, like real article URLs.
  return "https://www.example.com/blog/2025/02/some-article-title-" + std::to_string(n) + ".html";
}

}  // namespace

int main(int argc, char** argv) {
  int64_t urls = 1'000'000;
  size_t window = 1024;
  for (int opt; (opt = getopt(argc, argv, "n:w:")) != -1;) {
    if (opt == 'n') {
      urls = std::atoll(optarg);
    } else if (opt == 'w') {
      window = static_cast<size_t>(std::atoll(optarg));
    } else {
      std::fprintf(stderr, "usage: %s [-n URLS] [-w WINDOW] ARCHIVE_DIR\n", argv[0]);
      return 2;
    }
  }
  if (optind >= argc) {
    std::fprintf(stderr, "usage: %s [-n URLS] [-w WINDOW] ARCHIVE_DIR\n", argv[0]);
    return 2;
  }
  auto archive = strata::storage::Archive::Open(argv[optind]);
  if (!archive.ok()) {
    std::fprintf(stderr, "%s\n", archive.status().ToString().c_str());
    return 1;
  }
  strata::crawler::FrontierOptions options;
  options.ready_window = window;
  auto frontier =
      strata::crawler::Frontier::Open(&(*archive)->State(), "bench", "frontier_bench", 0, options);
  if (!frontier.ok()) {
    std::fprintf(stderr, "%s\n", frontier.status().ToString().c_str());
    return 1;
  }
  strata::crawler::Frontier& f = **frontier;
  const auto start = std::chrono::steady_clock::now();
  auto fail = [](const strata::Status& s) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 1;
  };
  {
    strata::crawler::FrontierUpdate seed;
    if (auto added = f.Add(Url(0), 0, &seed); !added.ok()) return fail(added.status());
    if (auto s = f.Write(std::move(seed)); !s.ok()) return fail(s);
  }
  int64_t discovered = 1, pages = 0, next_check = 1000;
  size_t max_resident = 0;
  std::printf("%12s %12s %10s %10s %12s\n", "discovered", "pages", "resident", "rss_kb",
              "pages_per_s");
  for (;;) {
    auto next = f.Next();
    if (!next.ok()) return fail(next.status());
    if (!*next) break;
    strata::crawler::FrontierUpdate update;
    f.MarkDone(**next, &update);
    for (int i = 0; i < 20 && discovered < urls; ++i) {
      if (auto added = f.Add(Url(discovered++), (*next)->depth + 1, &update); !added.ok()) {
        return fail(added.status());
      }
    }
    for (int i = 2; i < 7; ++i) {  // links to pages seen long ago and just now
      if (auto added = f.Add(Url(discovered / i), (*next)->depth + 1, &update); !added.ok()) {
        return fail(added.status());
      }
    }
    if (f.resident() > max_resident) max_resident = f.resident();
    if (auto s = f.Write(std::move(update)); !s.ok()) return fail(s);
    ++pages;
    if (pages == next_check) {
      const double secs =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::printf("%12lld %12lld %10zu %10ld %12.0f\n", static_cast<long long>(discovered),
                  static_cast<long long>(pages), max_resident, PeakRssKb(), pages / secs);
      std::fflush(stdout);
      next_check *= 10;
    }
  }
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("done: discovered=%lld pages=%lld max_resident=%zu peak_rss_kb=%ld seconds=%.1f\n",
              static_cast<long long>(discovered), static_cast<long long>(pages), max_resident,
              PeakRssKb(), secs);
  return f.done() == pages ? 0 : 1;
}
