// Crash safety (issue 5, point 8): the real `strata crawl` runs as a child process against pages
// served by this test, and is killed with SIGKILL after K requests, for several K. After each
// kill, `strata check` must find nothing inconsistent, and every version the crawl reported on
// stdout ("new (v3)", "changed (v4)") before it died must be in the archive.
//
// The kill comes from the server's request handler, so it lands while the child is somewhere in
// fetching, parsing or writing the pages before the K-th: at a different point each time.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <atomic>
#include <fstream>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "storage/archive.h"
#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"
#include "tools/devserver/local_http_server.h"

namespace strata::storage {
namespace {

constexpr int kPages = 120;

// An article page: `round` changes one paragraph of every third page, so later crawls make new
// versions of some pages and find the others unchanged.
std::string ArticleHtml(int page, int round) {
  const int edition = (page % 3 == round % 3) ? round : 0;
  std::string html =
      "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Article " + std::to_string(page) +
      "</title><meta name=\"author\" content=\"Author " + std::to_string(page % 5) +
      "\"><meta property=\"article:published_time\" content=\"2025-02-14T08:00:00Z\"></head>"
      "<body><article><h1>Article " +
      std::to_string(page) + "</h1>";
  for (int p = 0; p < 8; ++p) {
    html += "<p>Paragraph " + std::to_string(p) + " of article " + std::to_string(page) +
            ", long enough to read as prose about crawling, archiving and diffing pages.";
    if (p == 3) html += " Edition " + std::to_string(edition) + ".";
    html += "</p>";
  }
  html += "<div class=\"views\">阅读数: " + std::to_string(100 + round) + "</div>";
  return html + "</article></body></html>";
}

// A version the crawl said it archived.
struct Reported {
  std::string url;
  int64_t version = 0;
};

std::vector<Reported> ParseReported(const std::string& out) {
  // PrintPageResult (tools/cli/print.h): "new (v1)        URL  Title".
  static const std::regex kLine(R"(^(new|changed) \(v(\d+)\)\s+(\S+))");
  std::vector<Reported> reported;
  size_t start = 0;
  while (start < out.size()) {
    size_t end = out.find('\n', start);
    if (end == std::string::npos) break;  // a line cut by the kill was not reported
    const std::string line = out.substr(start, end - start);
    std::smatch match;
    if (std::regex_search(line, match, kLine)) {
      reported.push_back({match[3].str(), std::stoll(match[2].str())});
    }
    start = end + 1;
  }
  return reported;
}

class CrashSafetyTest : public ::testing::Test {
 protected:
  CrashSafetyTest() {
    std::ofstream urls(dir_.Sub("urls.txt"));
    for (int i = 0; i < kPages; ++i) urls << server_.base_url() << "/p/" << i << "\n";
    // The test's own server: no politeness delays, no robots.txt, no retries.
    std::ofstream config(dir_.Sub("strata.toml"));
    config << "[politeness]\nmin_delay = 0\nper_host_concurrency = 8\nadaptive = false\n"
              "[robots]\nrespect = false\n[retry]\nmax_retries = 0\n";
  }

  devserver::HttpResponse Serve(const devserver::HttpRequest& request) {
    const int served = ++served_;
    if (served == kill_at_.load()) {
      const pid_t child = child_.load();
      if (child > 0) ::kill(child, SIGKILL);
    }
    devserver::HttpResponse response;
    if (!request.target.starts_with("/p/")) {
      response.status = 404;
      return response;
    }
    response.headers = {{"Content-Type", "text/html; charset=utf-8"}};
    response.body = ArticleHtml(std::stoi(request.target.substr(3)), round_.load());
    return response;
  }

  // Runs `strata crawl` until it ends or is killed; returns its stdout and whether it was killed.
  std::pair<std::string, bool> Crawl() {
    const std::string out_path = dir_.Sub("crawl.out");
    const std::vector<std::string> argv = {
        STRATA_PROGRAM,          "--archive", ArchiveDir(), "--config",
        dir_.Sub("strata.toml"), "crawl",     "-i",         dir_.Sub("urls.txt")};
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    posix_spawn_file_actions_addopen(&actions, 2, dir_.Sub("crawl.err").c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    EXPECT_EQ(rc, 0) << "cannot run " << STRATA_PROGRAM;
    if (rc != 0) return {"", false};
    child_ = pid;
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
    }
    child_ = 0;
    const bool killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
    if (!killed) {
      EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
          << testing::ReadWholeFile(dir_.Sub("crawl.err"));
    }
    return {testing::ReadWholeFile(out_path), killed};
  }

  std::string ArchiveDir() const { return dir_.Sub("archive"); }

  testing::TempDir dir_;
  std::atomic<int> served_{0};
  std::atomic<int> kill_at_{0};
  std::atomic<int> round_{0};
  std::atomic<pid_t> child_{0};
  devserver::LocalHttpServer server_{
      [this](const devserver::HttpRequest& request) { return Serve(request); }};
};

TEST_F(CrashSafetyTest, EveryKillLeavesAConsistentArchiveWithEverythingReported) {
  // Kill points, in requests served since the crawl started; 0 lets the crawl finish.
  const std::vector<int> kill_points = {4, 17, 40, 75, 85, 0, 9, 60, 33, 0};
  int kills = 0;
  size_t total_reported = 0;
  for (size_t round = 0; round < kill_points.size(); ++round) {
    SCOPED_TRACE("round " + std::to_string(round) + ", kill after " +
                 std::to_string(kill_points[round]) + " requests");
    round_ = static_cast<int>(round);
    served_ = 0;
    kill_at_ = kill_points[round];
    const auto [out, killed] = Crawl();
    if (killed) ++kills;
    const std::vector<Reported> reported = ParseReported(out);
    total_reported += reported.size();

    const testing::CommandResult check =
        testing::RunCommand({STRATA_PROGRAM, "--archive", ArchiveDir(), "check"}, dir_.path());
    ASSERT_EQ(check.exit_code, 0) << check.out << check.err;

    Result<std::unique_ptr<Archive>> archive = Archive::Open(ArchiveDir());
    ASSERT_TRUE(archive.ok()) << archive.status().ToString();
    for (const Reported& r : reported) {
      Result<Version> version = (*archive)->GetVersion(r.url, r.version);
      EXPECT_TRUE(version.ok()) << r.url << " v" << r.version << ": "
                                << version.status().ToString();
    }
  }
  EXPECT_GE(kills, 5) << "most rounds must really be cut short";
  EXPECT_GT(total_reported, static_cast<size_t>(kPages)) << "first versions and changes";
}

}  // namespace
}  // namespace strata::storage
