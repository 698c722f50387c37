#include "tools/cli/crawl_report.h"

#include <cstdio>

#include "tools/cli/print.h"
#include "tools/cli/terminal.h"

namespace strata::tools {

CrawlReport::CrawlReport(bool quiet, bool show_progress)
    : quiet_(quiet),
      progress_(stderr, !quiet && show_progress),
      shared_terminal_(progress_.active() && IsTerminal(stdout)) {}

void CrawlReport::Attach(jobs::RunOptions* options) {
  options->on_start = [](const jobs::CrawlStart& start) {
    std::fputs(FormatCrawlStart(start).c_str(), stderr);
  };
  if (progress_.active()) {
    options->on_progress = [this](const jobs::CrawlProgress& p) { progress_.Update(p); };
  }
}

std::function<void(const jobs::PageResult&)> CrawlReport::OnPage() {
  return [this](const jobs::PageResult& r) {
    if (r.kind == storage::RecordKind::kFailed) ++failed_;
    if (quiet_) return;
    if (shared_terminal_) progress_.Clear();
    PrintPageResult(stdout, r);
    // Line by line, so that what a killed crawl reported is exactly what it archived.
    std::fflush(stdout);
  };
}

}  // namespace strata::tools
