// The real `strata crawl --follow` program, stopped mid-crawl: by kill -9 (nothing runs on the
// way out) and by SIGINT (a clean stop). Then the same crawl is run again, and the server's own
// request log shows that nothing archived before the stop was fetched again, while the archive
// ends up with every page exactly once.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "crawler/fetch_loop.h"
#include "storage/archive.h"
#include "tests/jobs/child_process.h"
#include "tests/jobs/tree_site.h"
#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"

namespace strata::jobs {
namespace {

constexpr int kPages = 255;      // a full binary tree of depth 7
constexpr int64_t kStopAt = 40;  // page requests served before the crawl is stopped

class CrawlResumeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Full speed until the stop, then slow: the crawl is certainly unfinished when it is
    // stopped, and the pages fetched just before are still being parsed and stored.
    site_.set_delay_hook([](int64_t count) -> int64_t { return count > kStopAt ? 20 : 0; });
    std::ofstream config(dir_.Sub("strata.toml"));
    config << "[crawl]\nmax_fetches = 8\n"
           << "[scope]\ndeny = [\"/private/\"]\n"
           << "[politeness]\nmin_delay = 0\nper_host_concurrency = 8\n"
           << "[robots]\nrespect = false\n";
  }

  std::vector<std::string> CrawlArgs() const {
    return {STRATA_PROGRAM,
            "--archive",
            dir_.Sub("archive"),
            "--config",
            dir_.Sub("strata.toml"),
            "crawl",
            "--follow",
            server_.base_url() + testing::TreeSite::PagePath(1)};
  }

  // Waits until the server has answered `count` page requests, or the child has ended.
  void WaitForPages(testing::ChildProcess& child, int64_t count) {
    // A guard against a hang only (never a performance assertion): generous on a loaded box.
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(90);
    while (site_.page_requests() < count && child.Running() &&
           std::chrono::steady_clock::now() < give_up) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }

  // The normalised URLs archived so far (the child must have exited: it holds the lock).
  std::set<std::string> Archived() {
    std::set<std::string> urls;
    auto archive = storage::Archive::Open(dir_.Sub("archive"));
    EXPECT_TRUE(archive.ok()) << archive.status().ToString();
    if (!archive.ok()) return urls;
    auto heads = (*archive)->List();
    EXPECT_TRUE(heads.ok());
    if (!heads.ok()) return urls;
    for (const storage::ArticleHead& head : *heads) {
      EXPECT_EQ(head.observation_count, 1) << head.url << " was recorded twice";
      urls.insert(head.url);
    }
    return urls;
  }

  // The URLs of the per-URL lines a run printed ("new (v1)   URL  Title").
  std::set<std::string> Printed(const std::string& out) const {
    std::set<std::string> urls;
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line);) {
      const size_t at = line.find(server_.base_url());
      if (at != std::string::npos) urls.insert(line.substr(at, line.find(' ', at) - at));
    }
    return urls;
  }

  // After a second, complete run: it fetched none of `archived_before` and the archive holds
  // every page once.
  void ExpectResumedWithoutRefetching(const std::set<std::string>& archived_before,
                                      size_t requests_before) {
    testing::CommandResult rerun = testing::RunCommand(CrawlArgs(), dir_.path());
    ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
    EXPECT_NE(rerun.err.find("resuming crawl"), std::string::npos) << rerun.err;
    const auto requests = server_.requests();
    ASSERT_GT(requests.size(), requests_before);
    for (size_t i = requests_before; i < requests.size(); ++i) {
      EXPECT_FALSE(archived_before.contains(server_.base_url() + requests[i].target))
          << requests[i].target << " was archived before the stop and fetched again";
    }
    const std::set<std::string> archived = Archived();
    EXPECT_EQ(archived.size(), static_cast<size_t>(kPages));
    for (const std::string& url : Printed(rerun.out)) {
      EXPECT_FALSE(archived_before.contains(url)) << url;
    }
  }

  crawler::CurlGlobal curl_;
  testing::TempDir dir_;
  testing::TreeSite site_{kPages};
  devserver::LocalHttpServer server_{
      [this](const devserver::HttpRequest& r) { return site_.Handle(r); }};
};

TEST_F(CrawlResumeTest, KillDashNineMidCrawlThenResume) {
  testing::ChildProcess child(CrawlArgs(), dir_.path(), "killed");
  ASSERT_TRUE(child.started());
  WaitForPages(child, kStopAt);
  ASSERT_TRUE(child.Running()) << "the crawl ended before it could be killed: " << child.Wait().err;
  child.Signal(SIGKILL);
  testing::CommandResult killed = child.Wait();
  ASSERT_EQ(killed.exit_code, 128 + SIGKILL);
  const size_t requests_before = server_.requests().size();

  // What the killed run reported is archived (it prints a line after its record is written);
  // it may have archived a few pages more that it did not get to print.
  const std::set<std::string> archived_before = Archived();
  const std::set<std::string> printed = Printed(killed.out);
  for (const std::string& url : printed) {
    EXPECT_TRUE(archived_before.contains(url)) << url << " was reported but is not archived";
  }
  EXPECT_LT(archived_before.size(), static_cast<size_t>(kPages));
  ExpectResumedWithoutRefetching(archived_before, requests_before);
}

TEST_F(CrawlResumeTest, SigintStopsCleanlyThenResume) {
  testing::ChildProcess child(CrawlArgs(), dir_.path(), "interrupted");
  ASSERT_TRUE(child.started());
  WaitForPages(child, kStopAt);
  ASSERT_TRUE(child.Running()) << "the crawl ended before it could be stopped: "
                               << child.Wait().err;
  child.Signal(SIGINT);
  testing::CommandResult stopped = child.Wait();
  EXPECT_EQ(stopped.exit_code, 130) << stopped.err;
  EXPECT_NE(stopped.err.find("stopped by SIGINT"), std::string::npos) << stopped.err;
  EXPECT_NE(stopped.err.find(" pages in "), std::string::npos) << "the summary: " << stopped.err;
  const size_t requests_before = server_.requests().size();

  // A clean stop reports exactly what it archived.
  const std::set<std::string> archived_before = Archived();
  EXPECT_EQ(Printed(stopped.out), archived_before);
  EXPECT_LT(archived_before.size(), static_cast<size_t>(kPages));
  ExpectResumedWithoutRefetching(archived_before, requests_before);
}

TEST_F(CrawlResumeTest, ResumeFlagWithoutAnUnfinishedCrawlIsAUsageError) {
  std::vector<std::string> args = CrawlArgs();
  args.push_back("--resume");
  testing::CommandResult r = testing::RunCommand(args, dir_.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no unfinished crawl"), std::string::npos) << r.err;
  EXPECT_EQ(site_.page_requests(), 0);
}

}  // namespace
}  // namespace strata::jobs
