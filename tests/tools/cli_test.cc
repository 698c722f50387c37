// The `strata` program as a user runs it: subcommands, output lines, exit codes, stderr.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "common/time.h"
#include "crawler/fetch_loop.h"
#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"
#include "tools/demo/demo_site.h"

namespace strata::tools {
namespace {

using testing::CommandResult;

class CliTest : public ::testing::Test {
 protected:
  CommandResult Strata(std::vector<std::string> args) {
    args.insert(args.begin(), {STRATA_PROGRAM, "--archive", dir_.Sub("archive")});
    return testing::RunCommand(args, dir_.path());
  }
  std::string Url(const std::string& path) { return server_.base_url() + path; }

  testing::TempDir dir_;
  demo::DemoSite site_;
  devserver::LocalHttpServer server_{
      [this](const devserver::HttpRequest& r) { return site_.Handle(r); }};
};

TEST_F(CliTest, CrawlHistoryShowDiff) {
  const std::string edited = Url(demo::DemoSite::EditedArticlePath());
  CommandResult r = Strata({"crawl", edited});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("new (v1)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(edited), std::string::npos);

  r = Strata({"crawl", edited});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("unchanged (v1)"), std::string::npos) << r.out;

  site_.Advance();
  r = Strata({"crawl", edited});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("changed (v2)"), std::string::npos) << r.out;

  r = Strata({"list"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(edited), std::string::npos) << r.out;

  r = Strata({"history", edited});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("v1"), std::string::npos);
  EXPECT_NE(r.out.find("v2"), std::string::npos);
  EXPECT_NE(r.out.find("views=160"), std::string::npos) << r.out;

  r = Strata({"show", edited + "@1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("version:   1 of 2"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("关闭顺序"), std::string::npos) << "v1 must not hold the v2 paragraph";

  r = Strata({"diff", edited});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("@@"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("+更新：关闭顺序"), std::string::npos) << r.out;
}

// Two versions of the edited article, then every output of diff and blame on them.
TEST_F(CliTest, DiffFormatsAndBlame) {
  const std::string edited = Url(demo::DemoSite::EditedArticlePath());
  ASSERT_EQ(Strata({"crawl", edited}).exit_code, 0);
  site_.Advance();
  ASSERT_EQ(Strata({"crawl", edited}).exit_code, 0);

  CommandResult r = Strata({"diff", "--json", edited});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json diff = nlohmann::json::parse(r.out, nullptr, /*allow_exceptions=*/false);
  ASSERT_FALSE(diff.is_discarded()) << r.out;
  EXPECT_EQ(diff["body_changed"], true) << r.out;
  EXPECT_FALSE(diff["paragraphs"].empty());

  r = Strata({"diff", "--format", "html", edited, "1", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("<ins"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("<script"), std::string::npos) << "an HTML diff carries no script";

  r = Strata({"diff", "--format", "side-by-side", "--color", "never", edited});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("关闭顺序"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("\x1b["), std::string::npos) << "no colour when told never";

  // Blame: the added paragraph comes from v2, the first paragraph from v1.
  r = Strata({"blame", "--color", "never", edited});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("v2"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("v1"), std::string::npos) << r.out;
  r = Strata({"blame", "--json", edited});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json blame = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(blame.is_discarded()) << r.out;
  EXPECT_EQ(blame["version"], 2);
  bool from_v1 = false, from_v2 = false;
  for (const auto& p : blame["paragraphs"]) {
    from_v1 |= p["since_version"] == 1;
    from_v2 |= p["since_version"] == 2 &&
               p["text"].get<std::string>().find("关闭顺序") != std::string::npos;
  }
  EXPECT_TRUE(from_v1 && from_v2) << r.out;

  // URL@DATE: the version current at the end of that day (today: the latest).
  const std::string today = FormatIsoUtc(SystemClock::Instance().Now()).substr(0, 10);
  r = Strata({"blame", "--json", edited + "@" + today});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out, nullptr, false)["version"], 2) << r.out;
  r = Strata({"blame", edited + "@1999-01-01"});
  EXPECT_NE(r.exit_code, 0) << "nothing was archived in 1999";
}

TEST_F(CliTest, FailuresHaveExitCodeAndOneLineReason) {
  CommandResult r = Strata({"crawl", Url("/nothing-here"), "ftp://x.org/file"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("failed"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("strata crawl: "), std::string::npos) << r.err;

  r = Strata({"history", "https://never.example/crawled"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err.find("strata history: "), 0u) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;

  r = Strata({"diff", Url(demo::DemoSite::EditedArticlePath()), "1", "7"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_FALSE(r.err.empty());

  r = Strata({"frobnicate"});
  EXPECT_EQ(r.exit_code, 2);
}

TEST_F(CliTest, QueriesDoNotCreateAnArchive) {
  CommandResult r = Strata({"list"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no archive"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir_.Sub("archive")));
}

TEST_F(CliTest, HelpOnEverySubcommand) {
  for (const char* sub :
       {"crawl", "list", "history", "show", "diff", "blame", "check", "extract", "demo"}) {
    CommandResult r = Strata({sub, "--help"});
    EXPECT_EQ(r.exit_code, 0) << sub;
    EXPECT_NE(r.out.find("Usage"), std::string::npos) << sub << ": " << r.out;
  }
}

TEST_F(CliTest, BadConfigNamesTheKey) {
  const std::string config = dir_.Sub("bad.toml");
  std::FILE* f = std::fopen(config.c_str(), "w");
  ASSERT_NE(f, nullptr);
  std::fputs("[fetch]\nmax_redirects = 500\n", f);
  std::fclose(f);
  CommandResult r = Strata({"--config", config, "crawl", Url("/")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("fetch.max_redirects"), std::string::npos) << r.err;
}

TEST_F(CliTest, DemoRunsOffline) {
  CommandResult r = Strata({"demo"});
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  EXPECT_NE(r.out.find("changed (v2)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("gone"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("+更新：关闭顺序"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("\x1b["), std::string::npos) << "no colour when stdout is not a terminal";
}

}  // namespace
}  // namespace strata::tools
