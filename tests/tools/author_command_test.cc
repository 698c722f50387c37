// `strata author` as a user runs it: the real program against the AuthorSite on 127.0.0.1.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/jobs/author_site.h"
#include "tests/support/run_command.h"
#include "tests/support/temp_dir.h"

namespace strata::tools {
namespace {

using testing::CommandResult;

class AuthorCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    site_.set_base(server_.base_url());
    std::filesystem::create_directories(dir_.Sub("sites"));
    std::ofstream(dir_.Sub("sites/testsite.toml")) << testing::AuthorSite::ApiProfile();
    std::ofstream(dir_.Sub("strata.toml")) << "[politeness]\nmin_delay = 0\n[retry]\n"
                                              "max_retries = 0\n[extract]\nsites_dir = \""
                                           << dir_.Sub("sites") << "\"\n";
  }
  CommandResult Strata(std::vector<std::string> args) {
    args.insert(args.begin(), {STRATA_PROGRAM, "--archive", dir_.Sub("archive"), "--config",
                               dir_.Sub("strata.toml")});
    return testing::RunCommand(args, dir_.path());
  }
  std::string Url(const std::string& path) { return server_.base_url() + path; }

  testing::TempDir dir_;
  testing::AuthorSite site_;
  devserver::LocalHttpServer server_{
      [this](const devserver::HttpRequest& r) { return site_.Handle(r); }};
};

TEST_F(AuthorCommandTest, ArchivesThePostsAndReports) {
  CommandResult r = Strata({"author", Url("/blog/ann/")});
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  EXPECT_NE(r.out.find("new (v1)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(Url("/blog/ann/p/7.html")), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("found 7 post(s)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("completeness: complete"), std::string::npos) << r.out;

  site_.DeleteAnn(5);
  r = Strata({"author", "--json", Url("/blog/ann/")});
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  const nlohmann::json report = nlohmann::json::parse(r.out, nullptr, false);
  ASSERT_FALSE(report.is_discarded()) << r.out;
  EXPECT_EQ(report["method"], "rel-next");
  EXPECT_EQ(report["found"], 6);
  EXPECT_EQ(report["unchanged"], 6);
  ASSERT_EQ(report["missing"].size(), 1u);
  EXPECT_EQ(report["missing"][0]["url"], Url("/blog/ann/p/5.html"));
  EXPECT_EQ(report["missing"][0]["gone"], true);
  EXPECT_EQ(report["completeness"], "complete");
  EXPECT_EQ(report["posts"].size(), 6u);
}

TEST_F(AuthorCommandTest, ListOnlyAndPageCap) {
  CommandResult r = Strata({"author", "--list", Url("/csdn/zed")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(Url("/csdn/zed/article/details/145")), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("the site states 45"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("new (v1)"), std::string::npos) << r.out;

  r = Strata({"author", "-q", "--max-pages", "2", Url("/endless/gus/")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("stopped: page cap"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("completeness: incomplete"), std::string::npos) << r.out;
}

TEST_F(AuthorCommandTest, FailuresAndUsage) {
  CommandResult r = Strata({"author", Url("/no/such/author/")});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_NE(r.err.find("strata author: found no posts"), std::string::npos) << r.err;
  r = Strata({"author", "not a url"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("not an absolute http(s) URL"), std::string::npos) << r.err;
  r = Strata({"author"});
  EXPECT_EQ(r.exit_code, 2);
}

}  // namespace
}  // namespace strata::tools
