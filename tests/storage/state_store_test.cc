#include "storage/state_store.h"

#include <gtest/gtest.h>

#include "tests/storage/archive_test_util.h"

namespace strata::storage {
namespace {

class StateStoreTest : public testing::MemArchiveTest {};

std::vector<std::string> Keys(const KvStore& store, std::string_view prefix,
                              std::string_view start_after = "") {
  std::vector<std::string> keys;
  Status s = store.Scan(prefix, start_after, [&](std::string_view key, std::string_view) {
    keys.emplace_back(key);
    return true;
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return keys;
}

TEST_F(StateStoreTest, PutGetDeleteScan) {
  KvStore& state = archive_->State();
  EXPECT_FALSE(state.Get("frontier/a")->has_value());
  ASSERT_TRUE(state.Put("frontier/b", "2").ok());
  ASSERT_TRUE(state.Put("frontier/a", "1").ok());
  ASSERT_TRUE(state.Put("sched/z", "3").ok());
  EXPECT_EQ(**state.Get("frontier/a"), "1");
  EXPECT_EQ(Keys(state, "frontier/"), (std::vector<std::string>{"frontier/a", "frontier/b"}));
  EXPECT_EQ(Keys(state, "frontier/", "frontier/a"), (std::vector<std::string>{"frontier/b"}));
  ASSERT_TRUE(state.Delete("frontier/a").ok());
  EXPECT_EQ(Keys(state, "frontier/"), (std::vector<std::string>{"frontier/b"}));
  // State keys never show up as articles.
  EXPECT_TRUE(archive_->List()->empty());
}

TEST_F(StateStoreTest, ScanStopsWhenVisitorSaysSo) {
  KvStore& state = archive_->State();
  for (char c = 'a'; c <= 'e'; ++c) ASSERT_TRUE(state.Put(std::string("q/") + c, "").ok());
  int seen = 0;
  ASSERT_TRUE(
      state.Scan("q/", "", [&](std::string_view, std::string_view) { return ++seen < 2; }).ok());
  EXPECT_EQ(seen, 2);
}

TEST_F(StateStoreTest, AlsoIsCommittedWithTheRecord) {
  FetchedPage page = testing::Page("https://a.com/p", 1000, 200, "<html>x</html>");
  Article article = testing::MakeArticle(page.url, "T", "body");
  KvBatch also;
  also.Put("frontier/done/https://a.com/p", "1");
  also.Delete("frontier/todo/https://a.com/p");
  ASSERT_TRUE(archive_->State().Put("frontier/todo/https://a.com/p", "0").ok());
  FetchRecord record;
  record.url = page.url;
  record.page = &page;
  record.article = &article;
  record.also = &also;
  ASSERT_TRUE(archive_->Record(record).ok());
  EXPECT_TRUE(archive_->State().Get("frontier/done/https://a.com/p")->has_value());
  EXPECT_FALSE(archive_->State().Get("frontier/todo/https://a.com/p")->has_value());
  // ...and survives a reopen.
  Reopen();
  EXPECT_TRUE(archive_->State().Get("frontier/done/https://a.com/p")->has_value());
  EXPECT_EQ(archive_->Head(page.url)->latest_version, 1);
}

}  // namespace
}  // namespace strata::storage
