// `strata recrawl` as a user runs it.
#include <gtest/gtest.h>

#include "tests/tools/watch_cli.h"

namespace strata::tools {
namespace {

using testing::CommandResult;

TEST_F(WatchCliTest, RecrawlRevisitsWhatTheArchiveHolds) {
  WriteConfig("");
  ASSERT_EQ(Strata({"crawl", Url("/a/1.html"), Url("/a/2.html")}).exit_code, 0);

  CommandResult r = Strata({"recrawl", "--list"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Stalest first: the two were fetched concurrently, so either may have been seen first.
  EXPECT_TRUE(r.out == Url("/a/1.html") + "\n" + Url("/a/2.html") + "\n" ||
              r.out == Url("/a/2.html") + "\n" + Url("/a/1.html") + "\n")
      << r.out;
  EXPECT_NE(r.err.find("2 articles would be revisited"), std::string::npos) << r.err;

  site_.set_edition(2);
  r = Strata({"recrawl", "--site", "127.0.0.1", "--limit", "1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("changed (v2)"), std::string::npos) << r.out;
  EXPECT_EQ(RequestsFor("/a/1.html") + RequestsFor("/a/2.html"), 3u);

  // Both were seen a moment ago: nothing is a day stale.
  r = Strata({"recrawl", "--not-seen-since", "1d"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("nothing to recrawl"), std::string::npos) << r.err;
  // Everything was last seen before tomorrow.
  r = Strata({"recrawl", "--not-seen-since", "2999-01-01", "--list"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("2 articles"), std::string::npos) << r.err;
  r = Strata({"recrawl", "--site", "example.org", "--list"});
  EXPECT_NE(r.err.find("0 articles"), std::string::npos) << r.err;
}

TEST_F(WatchCliTest, RecrawlUsageErrors) {
  WriteConfig("");
  CommandResult r = Strata({"recrawl", "--not-seen-since", "soon"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--not-seen-since takes a date"), std::string::npos) << r.err;
  r = Strata({"recrawl"});
  EXPECT_EQ(r.exit_code, 1) << "no archive yet";
  EXPECT_NE(r.err.find("no archive"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace strata::tools
