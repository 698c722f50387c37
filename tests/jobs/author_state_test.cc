#include "crawler/jobs/author_state.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/memory_kv_store.h"

namespace strata::jobs {
namespace {

using ::testing::HasSubstr;

TEST(AuthorStateTest, IdIsStableAndShort) {
  const std::string id = AuthorId("https://www.cnblogs.com/ann/");
  EXPECT_EQ(id.size(), 16u);
  EXPECT_EQ(id, AuthorId("https://www.cnblogs.com/ann/"));
  EXPECT_NE(id, AuthorId("https://www.cnblogs.com/bob/"));
}

TEST(AuthorStateTest, KnownPostsRoundTrip) {
  MemoryKvStore store;
  KvBatch batch;
  KnownPost listed{
      "https://x.test/p/1", KnownPostState::kListed, "2025-02-14T10:00:00Z", "标题", 100, 200};
  KnownPost gone{"https://x.test/p/2", KnownPostState::kGone, "", "", 100, 150};
  KnownPost unlisted{"https://x.test/p/3", KnownPostState::kUnlisted, "", "Three", 90, 90};
  PutKnownPost("aaaa", listed, &batch);
  PutKnownPost("aaaa", gone, &batch);
  PutKnownPost("aaaa", unlisted, &batch);
  PutKnownPost("bbbb", listed, &batch);  // another author
  ASSERT_TRUE(store.Write(batch).ok());

  auto posts = LoadKnownPosts(store, "aaaa");
  ASSERT_TRUE(posts.ok()) << posts.status().ToString();
  ASSERT_EQ(posts->size(), 3u);
  const KnownPost& one = posts->at("https://x.test/p/1");
  EXPECT_EQ(one.state, KnownPostState::kListed);
  EXPECT_EQ(one.modified, "2025-02-14T10:00:00Z");
  EXPECT_EQ(one.title, "标题");
  EXPECT_EQ(one.first_listed_ms, 100);
  EXPECT_EQ(one.last_listed_ms, 200);
  EXPECT_EQ(posts->at("https://x.test/p/2").state, KnownPostState::kGone);
  EXPECT_EQ(posts->at("https://x.test/p/3").state, KnownPostState::kUnlisted);
  auto none = LoadKnownPosts(store, "cccc");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST(AuthorStateTest, SummariesAndTheirListing) {
  MemoryKvStore store;
  auto missing = LoadAuthorSummary(store, "aaaa");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());

  AuthorRunSummary summary;
  summary.author_url = "https://x.test/u/ann";
  summary.last_run_ms = 1'739'500'000'000;
  summary.runs = 3;
  summary.method = "profile api";
  summary.stop = "end of listing";
  summary.completeness = "complete";
  summary.found = 42;
  summary.stated_total = 42;
  KvBatch batch;
  PutAuthorSummary("aaaa", summary, &batch);
  summary.author_url = "https://x.test/u/bob";
  summary.stated_total.reset();
  PutAuthorSummary("bbbb", summary, &batch);
  ASSERT_TRUE(store.Write(batch).ok());

  auto loaded = LoadAuthorSummary(store, "aaaa");
  ASSERT_TRUE(loaded.ok() && loaded->has_value());
  EXPECT_EQ((*loaded)->author_url, "https://x.test/u/ann");
  EXPECT_EQ((*loaded)->runs, 3);
  EXPECT_EQ((*loaded)->stated_total, 42);
  EXPECT_EQ((*loaded)->completeness, "complete");

  std::vector<std::string> urls;
  ASSERT_TRUE(ForEachAuthor(store, [&](std::string_view id, const AuthorRunSummary& s) {
                urls.push_back(std::string(id) + " " + s.author_url);
                EXPECT_EQ(s.stated_total.has_value(), id == "aaaa");
                return true;
              }).ok());
  EXPECT_EQ(urls,
            (std::vector<std::string>{"aaaa https://x.test/u/ann", "bbbb https://x.test/u/bob"}));
}

TEST(AuthorStateTest, DamagedValuesAreCorruption) {
  MemoryKvStore store;
  ASSERT_TRUE(store.Put("author/p/aaaa/https://x.test/p/1", "not json").ok());
  auto posts = LoadKnownPosts(store, "aaaa");
  ASSERT_FALSE(posts.ok());
  EXPECT_TRUE(posts.status().IsCorruption());
  EXPECT_THAT(posts.status().message(), HasSubstr("author/p/aaaa/https://x.test/p/1"));

  ASSERT_TRUE(store.Put("author/p/bbbb/https://x.test/p/1", R"({"state":"lost"})").ok());
  auto unknown = LoadKnownPosts(store, "bbbb");
  ASSERT_FALSE(unknown.ok());
  EXPECT_THAT(unknown.status().message(), HasSubstr("unknown state 'lost'"));

  ASSERT_TRUE(store.Put("author/m/cccc", "[1,2]").ok());
  EXPECT_TRUE(LoadAuthorSummary(store, "cccc").status().IsCorruption());
}

}  // namespace
}  // namespace strata::jobs
