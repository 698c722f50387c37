#include "storage/diff_versions.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/storage/archive_test_util.h"

namespace strata::storage {
namespace {

constexpr UnixMillis kDay = 24 * 3600 * 1000;
constexpr UnixMillis kFeb14 = 1739491200000;  // 2025-02-14T00:00:00Z

class DiffVersionsTest : public testing::MemArchiveTest {
 protected:
  const std::string url_ = "https://example.com/a";

  // Versions at Feb 14 10:00, Feb 15 10:00 and Feb 17 10:00 (UTC).
  void Three() {
    int n = 0;
    for (UnixMillis at :
         {kFeb14 + 10 * 3600000, kFeb14 + kDay + 10 * 3600000, kFeb14 + 3 * kDay + 10 * 3600000}) {
      const std::string body = "version " + std::to_string(++n) + "\n";
      const FetchedPage page = testing::Page(url_, at, 200, "<p>" + body);
      const Article article = testing::MakeArticle(url_, "T", body);
      Rec(page, &article);
    }
  }

  int64_t Ref(const std::string& ref) {
    Result<int64_t> n = ResolveVersionRef(*archive_, url_, ref);
    EXPECT_TRUE(n.ok()) << ref << ": " << n.status().ToString();
    return n.value_or(-1);
  }
};

TEST_F(DiffVersionsTest, NumbersAndDates) {
  Three();
  EXPECT_EQ(Ref("2"), 2);
  EXPECT_EQ(Ref("2025-02-14"), 1);  // by the end of that day
  EXPECT_EQ(Ref("2025-02-15"), 2);
  EXPECT_EQ(Ref("2025-02-16"), 2);            // nothing new that day
  EXPECT_EQ(Ref("2025-02-15T09:00:00Z"), 1);  // before the second fetch
  EXPECT_EQ(Ref("2025-02-15T18:30:00+08:00"), 2);
  EXPECT_EQ(Ref("2030-01-01"), 3);
}

TEST_F(DiffVersionsTest, BadReferences) {
  Three();
  EXPECT_TRUE(ResolveVersionRef(*archive_, url_, "4").status().IsNotFound());
  EXPECT_TRUE(ResolveVersionRef(*archive_, url_, "0").status().IsNotFound());
  EXPECT_TRUE(ResolveVersionRef(*archive_, url_, "2025-02-13").status().IsNotFound());
  EXPECT_TRUE(ResolveVersionRef(*archive_, url_, "yesterday").status().IsInvalidArgument());
  EXPECT_TRUE(ResolveVersionRef(*archive_, url_, "").status().IsInvalidArgument());
  EXPECT_TRUE(ResolveVersionRef(*archive_, "https://example.com/none", "1").status().IsNotFound());
}

TEST_F(DiffVersionsTest, Defaults) {
  Three();
  Result<VersionPair> pair = SelectVersionsToDiff(*archive_, url_, std::nullopt, std::nullopt);
  ASSERT_TRUE(pair.ok());
  EXPECT_EQ(pair->from, 2);
  EXPECT_EQ(pair->to, 3);
  pair = SelectVersionsToDiff(*archive_, url_, "1", std::nullopt);
  ASSERT_TRUE(pair.ok());
  EXPECT_EQ(pair->from, 1);
  EXPECT_EQ(pair->to, 3);
  pair = SelectVersionsToDiff(*archive_, url_, "2025-02-14", "2");
  ASSERT_TRUE(pair.ok());
  EXPECT_EQ(pair->from, 1);
  EXPECT_EQ(pair->to, 2);
  EXPECT_TRUE(SelectVersionsToDiff(*archive_, url_, "1", "9").status().IsNotFound());
}

TEST_F(DiffVersionsTest, OneVersionIsNothingToCompare) {
  const FetchedPage page = testing::Page(url_, kFeb14, 200, "<p>x");
  const Article article = testing::MakeArticle(url_, "T", "x\n");
  Rec(page, &article);
  EXPECT_EQ(SelectVersionsToDiff(*archive_, url_, std::nullopt, std::nullopt).status().code(),
            Status::Code::kFailedPrecondition);
}

}  // namespace
}  // namespace strata::storage
