// Feedback of `strata crawl`: a live progress line on a terminal, and the final summary.
// Presentation only: the numbers come from the crawl job.
//
// Thread-safety: a ProgressLine is used from one thread (the crawl's calling thread, where the
// job calls its callbacks).
#pragma once

#include <chrono>
#include <cstdio>
#include <string>

#include "crawler/jobs/crawl_job.h"
#include "tools/cli/terminal.h"

namespace strata::tools {

// "1234 done, 5 failed, 678 queued, 64 in flight, 812 pages/s, 52.1 MiB"
std::string FormatProgress(const jobs::CrawlProgress& progress);

// The summary lines (each ending in '\n'): pages and time, per outcome, bytes, and how the
// crawl ended (finished; stopped by a signal with what is left and how to resume).
std::string FormatCrawlSummary(const jobs::CrawlSummary& summary);

// "resuming crawl 3f2a...: 120 pages done before, 30 queued\n", or "" for a new crawl.
std::string FormatCrawlStart(const jobs::CrawlStart& start);

// A status line redrawn in place ("\r...\033[K") on a terminal, at most ~4 times a second.
// Draws nothing at all when `out` is not a terminal (or it is disabled), so logs and pipes
// never see it.
class ProgressLine {
 public:
  ProgressLine(std::FILE* out, bool enabled);
  ~ProgressLine() { Clear(); }
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  bool active() const { return active_; }

  // Redraws the line, unless the last draw was less than 250 ms ago.
  void Update(const jobs::CrawlProgress& progress);
  // Erases the line (before something else is printed to the same terminal); the next
  // Update() draws it again.
  void Clear();

 private:
  std::FILE* out_;
  bool active_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace strata::tools
