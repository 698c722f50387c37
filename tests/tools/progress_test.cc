// The crawl's feedback: the progress line (only on a terminal) and the summary.
#include "tools/cli/progress.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <pty.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>

namespace strata::tools {
namespace {

TEST(ProgressTest, FormatsTheProgressLine) {
  jobs::CrawlProgress p;
  p.done = 1200;
  p.failed = 3;
  p.queued = 450;
  p.in_flight = 64;
  p.bytes = 52 << 20;
  p.elapsed_ms = 2000;
  EXPECT_EQ(FormatProgress(p),
            "1200 done, 3 failed, 450 queued, 64 in flight, 600 pages/s, 52.0 MiB");
  p.elapsed_ms = 0;  // no division by zero at the start
  EXPECT_NE(FormatProgress(p).find("0 pages/s"), std::string::npos);
}

TEST(ProgressTest, SummaryGivesOutcomesBytesTimeAndHowToResume) {
  jobs::CrawlSummary s;
  s.pages = 10;
  s.by_kind[static_cast<int>(storage::RecordKind::kNew)] = 7;
  s.by_kind[static_cast<int>(storage::RecordKind::kFailed)] = 3;
  s.bytes = 2048;
  s.elapsed_ms = 500;
  s.crawl_id = "abc";
  s.finished = true;
  std::string text = FormatCrawlSummary(s);
  EXPECT_NE(text.find("10 pages in 0.5 s (20 pages/s): 7 new, 3 failed; 2.0 KiB received"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("stopped"), std::string::npos);

  s.finished = false;
  s.stop_signal = SIGINT;
  s.queued = 42;
  s.resumed = true;
  s.done_before = 5;
  s.skipped = 2;
  text = FormatCrawlSummary(s);
  EXPECT_NE(text.find("2 disallowed by robots.txt"), std::string::npos) << text;
  EXPECT_NE(text.find("crawl abc resumed: 5 pages were done by earlier runs"), std::string::npos);
  EXPECT_NE(text.find("stopped by SIGINT: 42 URLs still queued"), std::string::npos) << text;
  EXPECT_NE(text.find("--resume"), std::string::npos);
}

TEST(ProgressTest, StartLineOnlyWhenResuming) {
  jobs::CrawlStart start;
  start.crawl_id = "abc";
  EXPECT_EQ(FormatCrawlStart(start), "");
  start.resumed = true;
  start.done_before = 3;
  start.queued = 4;
  EXPECT_EQ(FormatCrawlStart(start), "resuming crawl abc: 3 pages done before, 4 queued\n");
}

TEST(ProgressTest, NothingIsDrawnWhenNotATerminal) {
  std::FILE* file = std::tmpfile();
  ASSERT_NE(file, nullptr);
  {
    ProgressLine line(file, /*enabled=*/true);
    EXPECT_FALSE(line.active());
    line.Update(jobs::CrawlProgress{});
    line.Clear();
  }
  EXPECT_EQ(std::ftell(file), 0L);
  std::fclose(file);
  EXPECT_FALSE(IsTerminal(nullptr));
}

TEST(ProgressTest, DrawsInPlaceOnATerminalAtMostFourTimesASecond) {
  int master = -1, slave = -1;
  ASSERT_EQ(openpty(&master, &slave, nullptr, nullptr, nullptr), 0);
  std::FILE* terminal = fdopen(slave, "w");
  ASSERT_NE(terminal, nullptr);
  jobs::CrawlProgress p;
  p.done = 1;
  {
    ProgressLine line(terminal, /*enabled=*/true);
    EXPECT_TRUE(line.active());
    line.Update(p);
    p.done = 2;
    line.Update(p);  // too soon after the first: not drawn
    line.Clear();
  }
  std::fclose(terminal);
  fcntl(master, F_SETFL, O_NONBLOCK);
  std::string out;
  char buf[4096];
  for (ssize_t n; (n = read(master, buf, sizeof buf)) > 0;) out.append(buf, static_cast<size_t>(n));
  close(master);
  EXPECT_NE(out.find("\r1 done, 0 failed"), std::string::npos) << out;
  EXPECT_NE(out.find("\033[K"), std::string::npos);
  EXPECT_EQ(out.find("2 done"), std::string::npos) << "redrawn within 250 ms";
  EXPECT_EQ(out.substr(out.size() - 4), "\r\033[K") << "cleared at the end";

  ProgressLine disabled(stderr, /*enabled=*/false);
  EXPECT_FALSE(disabled.active());
}

}  // namespace
}  // namespace strata::tools
