// CrawlReport: the terminal side of a crawl run, shared by `strata crawl` and `strata
// recrawl`: the start line, the live progress line on stderr, one result line per page on
// stdout (unless quiet), and the count of failed pages. When stdout is the progress line's
// terminal too, the line is cleared before each result line so the two never mix.
//
// Thread-safety: used from one thread (the crawl's calling thread, where the job calls back).
#pragma once

#include <cstdint>
#include <functional>

#include "crawler/jobs/crawl_job.h"
#include "tools/cli/progress.h"

namespace strata::tools {

class CrawlReport {
 public:
  CrawlReport(bool quiet, bool show_progress);

  // Sets the start and progress callbacks of `options`; this report must outlive the run.
  void Attach(jobs::RunOptions* options);
  // The per-page callback to give the job.
  std::function<void(const jobs::PageResult&)> OnPage();
  // Erases the progress line: call before printing the summary.
  void Finish() { progress_.Clear(); }

  int64_t failed() const { return failed_; }

 private:
  const bool quiet_;
  ProgressLine progress_;
  const bool shared_terminal_;
  int64_t failed_ = 0;
};

}  // namespace strata::tools
