#include "tools/cli/progress.h"

#include <fmt/core.h>
#include <signal.h>
#include <unistd.h>

namespace strata::tools {
namespace {

std::string FormatBytes(int64_t bytes) {
  const double b = static_cast<double>(bytes);
  if (b >= 1024.0 * 1024 * 1024) return fmt::format("{:.2f} GiB", b / (1024.0 * 1024 * 1024));
  if (b >= 1024.0 * 1024) return fmt::format("{:.1f} MiB", b / (1024.0 * 1024));
  if (b >= 1024.0) return fmt::format("{:.1f} KiB", b / 1024.0);
  return fmt::format("{} B", bytes);
}

double PerSecond(int64_t count, int64_t elapsed_ms) {
  return elapsed_ms > 0 ? static_cast<double>(count) * 1000.0 / static_cast<double>(elapsed_ms)
                        : 0.0;
}

std::string SignalName(int signal_number) {
  if (signal_number == SIGINT) return "SIGINT";
  if (signal_number == SIGTERM) return "SIGTERM";
  return "signal " + std::to_string(signal_number);
}

}  // namespace

std::string FormatProgress(const jobs::CrawlProgress& p) {
  return fmt::format("{} done, {} failed, {} queued, {} in flight, {:.0f} pages/s, {}", p.done,
                     p.failed, p.queued, p.in_flight, PerSecond(p.done, p.elapsed_ms),
                     FormatBytes(p.bytes));
}

std::string FormatCrawlStart(const jobs::CrawlStart& start) {
  if (!start.resumed) return "";
  return fmt::format("resuming crawl {}: {} pages done before, {} queued\n", start.crawl_id,
                     start.done_before, start.queued);
}

std::string FormatCrawlSummary(const jobs::CrawlSummary& s) {
  using storage::RecordKind;
  std::string kinds;
  for (int k = 0; k < 6; ++k) {
    if (s.by_kind[k] == 0) continue;
    if (!kinds.empty()) kinds += ", ";
    kinds +=
        fmt::format("{} {}", s.by_kind[k], storage::RecordKindName(static_cast<RecordKind>(k)));
  }
  if (s.skipped > 0) {
    kinds += fmt::format("{}{} disallowed by robots.txt", kinds.empty() ? "" : ", ", s.skipped);
  }
  std::string out =
      fmt::format("{} pages in {:.1f} s ({:.0f} pages/s): {}; {} received\n", s.pages,
                  static_cast<double>(s.elapsed_ms) / 1000.0, PerSecond(s.pages, s.elapsed_ms),
                  kinds.empty() ? "nothing to do" : kinds, FormatBytes(s.bytes));
  if (s.resumed) {
    out += fmt::format("crawl {} resumed: {} pages were done by earlier runs\n", s.crawl_id,
                       s.done_before);
  }
  if (s.stop_signal != 0) {
    out += fmt::format(
        "stopped by {}: {} URLs still queued; run the same command again (or with --resume) to "
        "continue crawl {}\n",
        SignalName(s.stop_signal), s.queued, s.crawl_id);
  }
  return out;
}

ProgressLine::ProgressLine(std::FILE* out, bool enabled)
    : out_(out), active_(enabled && IsTerminal(out)) {}

void ProgressLine::Update(const jobs::CrawlProgress& progress) {
  if (!active_) return;
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_draw_ < std::chrono::milliseconds(250)) return;
  last_draw_ = now;
  // \r back to column 0, then the line, then erase whatever a longer earlier line left.
  fmt::print(out_, "\r{}\033[K", FormatProgress(progress));
  std::fflush(out_);
  drawn_ = true;
}

void ProgressLine::Clear() {
  if (!active_ || !drawn_) return;
  fmt::print(out_, "\r\033[K");
  std::fflush(out_);
  drawn_ = false;
}

}  // namespace strata::tools
