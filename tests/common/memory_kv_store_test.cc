#include "common/memory_kv_store.h"

#include <gtest/gtest.h>

namespace strata {
namespace {

TEST(MemoryKvStoreTest, BatchScanAndStartAfter) {
  MemoryKvStore store;
  KvBatch batch;
  batch.Put("a/2", "two");
  batch.Put("a/1", "one");
  batch.Put("b/1", "other");
  batch.Delete("a/3");
  ASSERT_TRUE(store.Write(batch).ok());
  EXPECT_EQ(store.size(), 3u);
  EXPECT_EQ(**store.Get("a/1"), "one");
  EXPECT_FALSE(store.Get("a/3")->has_value());
  std::vector<std::string> seen;
  ASSERT_TRUE(store
                  .Scan("a/", "a/1",
                        [&](std::string_view k, std::string_view v) {
                          seen.push_back(std::string(k) + "=" + std::string(v));
                          return true;
                        })
                  .ok());
  EXPECT_EQ(seen, (std::vector<std::string>{"a/2=two"}));
  ASSERT_TRUE(store.Delete("a/2").ok());
  seen.clear();
  ASSERT_TRUE(store
                  .Scan("a/", "",
                        [&](std::string_view k, std::string_view) {
                          seen.emplace_back(k);
                          return true;
                        })
                  .ok());
  EXPECT_EQ(seen, (std::vector<std::string>{"a/1"}));
}

}  // namespace
}  // namespace strata
