// The persistent frontier: queue order, deduplication, commit/abandon, resume after a crash
// (a store left as a killed process left it), clean-up of a finished crawl, bounded memory.
#include "crawler/frontier.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>

#include <map>
#include <set>

namespace strata::crawler {
namespace {

// A KvStore on a std::map that counts reads and can fail writes. Unlike MemoryKvStore it
// visits a scan in place instead of copying the range first (the frontier's visitors never
// write), so that a test with a long queue stays fast. It keeps deleted keys as tombstones, as
// LevelDB does until compactions drop them, and counts those a scan steps over: a scan that
// reaches the end of its prefix goes on to the next live key, past every tombstone between.
class CountingStore final : public KvStore {
 public:
  Result<std::optional<std::string>> Get(std::string_view key) const override {
    ++gets;
    auto it = data_.find(key);
    if (it == data_.end()) return std::optional<std::string>();
    return std::optional<std::string>(it->second);
  }
  Status Write(const KvBatch& batch) override {
    if (fail_writes) return Status::IOError("disk full (test)");
    for (const KvBatch::Op& op : batch.ops()) {
      if (op.is_delete) {
        if (data_.erase(op.key) > 0) tombstones_.insert(op.key);
      } else {
        data_[op.key] = op.value;
        tombstones_.erase(op.key);
      }
    }
    return Status::Ok();
  }
  Status Scan(std::string_view prefix, std::string_view start_after,
              const Visitor& visit) const override {
    auto it = start_after.empty() || start_after < prefix ? data_.lower_bound(prefix)
                                                          : data_.upper_bound(start_after);
    std::string last(start_after.empty() || start_after < prefix ? prefix : start_after);
    for (; it != data_.end() && it->first.starts_with(prefix); ++it) {
      last = it->first;
      if (!visit(it->first, it->second)) return Status::Ok();
    }
    // Off the end of the prefix: the iterator's step to the next live key.
    auto tombstone = tombstones_.upper_bound(last);
    for (; tombstone != tombstones_.end() && (it == data_.end() || *tombstone < it->first);
         ++tombstone) {
      ++tombstones_stepped;
    }
    return Status::Ok();
  }
  size_t size() const { return data_.size(); }

  mutable int64_t gets = 0;
  mutable int64_t tombstones_stepped = 0;
  bool fail_writes = false;

 private:
  std::map<std::string, std::string, std::less<>> data_;
  std::set<std::string, std::less<>> tombstones_;
};

std::string Url(int n) { return "https://example.com/p/" + std::to_string(n); }

class FrontierTest : public ::testing::Test {
 protected:
  std::unique_ptr<Frontier> Open(const FrontierOptions& options = {}) {
    auto frontier = Frontier::Open(&store_, "c1", "test crawl", 1000, options);
    EXPECT_TRUE(frontier.ok()) << frontier.status().ToString();
    return frontier.ok() ? std::move(frontier).value() : nullptr;
  }

  // Adds `urls` at `depth` in one update and writes it.
  void AddAll(Frontier& f, const std::vector<std::string>& urls, int depth = 0) {
    FrontierUpdate update;
    for (const std::string& url : urls) ASSERT_TRUE(f.Add(url, depth, &update).ok());
    ASSERT_TRUE(f.Write(std::move(update)).ok());
  }

  // Drains the queue, marking each entry done (one write each); returns the URLs in order.
  std::vector<std::string> Drain(Frontier& f) {
    std::vector<std::string> urls;
    for (;;) {
      auto next = f.Next();
      EXPECT_TRUE(next.ok());
      if (!next.ok() || !*next) break;
      urls.push_back((*next)->url);
      FrontierUpdate update;
      f.MarkDone(**next, &update);
      EXPECT_TRUE(f.Write(std::move(update)).ok());
    }
    return urls;
  }

  CountingStore store_;
};

TEST_F(FrontierTest, HandsOutUrlsInQueueOrderOnce) {
  auto f = Open();
  AddAll(*f, {Url(1), Url(2), Url(3)});
  EXPECT_EQ(f->queued(), 3);
  EXPECT_EQ(Drain(*f), (std::vector<std::string>{Url(1), Url(2), Url(3)}));
  EXPECT_EQ(f->queued(), 0);
  EXPECT_EQ(f->done(), 3);
}

TEST_F(FrontierTest, DeduplicatesWithinAnUpdateAcrossUpdatesAndAfterDone) {
  auto f = Open();
  FrontierUpdate update;
  EXPECT_TRUE(*f->Add(Url(1), 0, &update));
  EXPECT_FALSE(*f->Add(Url(1), 0, &update));  // pending in the same update
  FrontierUpdate second;
  EXPECT_FALSE(*f->Add(Url(1), 1, &second));  // pending in another update
  ASSERT_TRUE(f->Write(std::move(update)).ok());
  ASSERT_TRUE(f->Write(std::move(second)).ok());
  Drain(*f);
  FrontierUpdate third;
  EXPECT_FALSE(*f->Add(Url(1), 2, &third));  // done
  EXPECT_EQ(third.added(), 0u);
}

TEST_F(FrontierTest, DedupSurvivesAColdCacheThroughTheStore) {
  FrontierOptions no_cache;
  no_cache.seen_cache_slots = 0;
  auto f = Open(no_cache);
  AddAll(*f, {Url(1)});
  const int64_t reads = store_.gets;
  FrontierUpdate update;
  EXPECT_FALSE(*f->Add(Url(1), 0, &update));
  EXPECT_EQ(store_.gets, reads + 1);  // answered by the store
}

TEST_F(FrontierTest, CacheAnswersRepeatedLookupsWithoutReads) {
  auto f = Open();
  AddAll(*f, {Url(1)});
  const int64_t reads = store_.gets;
  FrontierUpdate update;
  for (int i = 0; i < 100; ++i) EXPECT_FALSE(*f->Add(Url(1), 0, &update));
  EXPECT_EQ(store_.gets, reads);
}

TEST_F(FrontierTest, NewUrlsAreAddedWithoutStoreReads) {
  auto f = Open();
  const int64_t reads = store_.gets;
  std::vector<std::string> urls;
  for (int i = 0; i < 2000; ++i) urls.push_back(Url(i));
  AddAll(*f, urls);
  EXPECT_LE(store_.gets - reads, 2);  // the seen filter's rare false "maybe"
  EXPECT_EQ(f->queued(), 2000);
}

TEST_F(FrontierTest, WithoutTheSeenFilterEveryNewUrlIsLookedUp) {
  FrontierOptions options;
  options.seen_filter_bytes = 0;
  auto f = Open(options);
  const int64_t reads = store_.gets;
  AddAll(*f, {Url(1), Url(2)});
  EXPECT_EQ(store_.gets, reads + 2);
}

// A resumed crawl fills its filter from the seen set it loads: with no cache to help, a URL seen
// before the crash is found through the store, and a new one is added without a read.
TEST_F(FrontierTest, ResumedCrawlDeduplicatesThroughTheStoreAndSkipsReadsForNewUrls) {
  FrontierOptions no_cache;
  no_cache.seen_cache_slots = 0;
  {
    auto f = Open(no_cache);
    AddAll(*f, {Url(1), Url(2)});
    auto next = f->Next();
    ASSERT_TRUE(next.ok() && *next);
    FrontierUpdate done;
    f->MarkDone(**next, &done);
    ASSERT_TRUE(f->Write(std::move(done)).ok());
  }
  auto f = Open(no_cache);
  ASSERT_TRUE(f->resumed());
  const int64_t reads = store_.gets;
  FrontierUpdate update;
  EXPECT_FALSE(*f->Add(Url(1), 0, &update));  // done before the crash
  EXPECT_FALSE(*f->Add(Url(2), 0, &update));  // queued before the crash
  EXPECT_EQ(store_.gets, reads + 2);
  EXPECT_TRUE(*f->Add(Url(3), 0, &update));
  EXPECT_EQ(store_.gets, reads + 2);
}

TEST_F(FrontierTest, UncommittedEntriesAreInvisibleAndCommitOrderDoesNotLoseAny) {
  FrontierOptions options;
  options.ready_window = 2;
  auto f = Open(options);
  FrontierUpdate a, b;
  ASSERT_TRUE(f->Add(Url(1), 0, &a).ok());  // seq 1
  ASSERT_TRUE(f->Add(Url(2), 0, &a).ok());  // seq 2
  ASSERT_TRUE(f->Add(Url(3), 0, &b).ok());  // seq 3
  // b lands first (another record was written sooner): nothing can be handed out past a's
  // sequence numbers, or a's entries would be skipped.
  ASSERT_TRUE(store_.Write(b.batch()).ok());
  f->Commit(std::move(b));
  auto next = f->Next();
  ASSERT_TRUE(next.ok());
  EXPECT_FALSE(next->has_value());
  ASSERT_TRUE(store_.Write(a.batch()).ok());
  f->Commit(std::move(a));
  EXPECT_EQ(Drain(*f), (std::vector<std::string>{Url(1), Url(2), Url(3)}));
}

TEST_F(FrontierTest, AbandonedUrlsCanBeAddedAgain) {
  auto f = Open();
  FrontierUpdate update;
  ASSERT_TRUE(*f->Add(Url(1), 0, &update));
  store_.fail_writes = true;
  EXPECT_FALSE(f->Write(std::move(update)).ok());  // abandoned
  store_.fail_writes = false;
  auto next = f->Next();
  ASSERT_TRUE(next.ok());
  EXPECT_FALSE(next->has_value());
  EXPECT_FALSE(f->has_uncommitted());
  FrontierUpdate again;
  EXPECT_TRUE(*f->Add(Url(1), 0, &again));
  ASSERT_TRUE(f->Write(std::move(again)).ok());
  EXPECT_EQ(Drain(*f), std::vector<std::string>{Url(1)});
}

TEST_F(FrontierTest, ResumesWhereAKilledRunLeftOff) {
  {
    auto f = Open();
    EXPECT_FALSE(f->resumed());
    AddAll(*f, {Url(1), Url(2), Url(3), Url(4)});
    // Two done, one handed out but never finished (in flight when the process died).
    for (int i = 0; i < 2; ++i) {
      auto next = f->Next();
      FrontierUpdate update;
      f->MarkDone(**next, &update);
      ASSERT_TRUE(f->Write(std::move(update)).ok());
    }
    ASSERT_TRUE(f->Next().ok());
    // The object is dropped without any shutdown: like kill -9.
  }
  auto f = Open();
  EXPECT_TRUE(f->resumed());
  EXPECT_EQ(f->done(), 2);
  EXPECT_EQ(f->queued(), 2);
  EXPECT_EQ(f->resumed_seeds().size(), 4u);
  FrontierUpdate update;
  EXPECT_FALSE(*f->Add(Url(1), 0, &update));  // done before the crash
  EXPECT_FALSE(*f->Add(Url(3), 0, &update));  // queued before the crash
  EXPECT_TRUE(*f->Add(Url(5), 1, &update));   // new: after the old entries
  ASSERT_TRUE(f->Write(std::move(update)).ok());
  EXPECT_EQ(Drain(*f), (std::vector<std::string>{Url(3), Url(4), Url(5)}));
}

// Finish leaves only the run's seen set (and the crawl's meta and run record); the next run
// starts afresh and deletes that set while it crawls (garbage()).
TEST_F(FrontierTest, FinishLeavesTheSeenSetForTheNextRunToDelete) {
  {
    auto f = Open();
    EXPECT_TRUE(f->garbage().empty());  // the crawl's first run
    AddAll(*f, {Url(1), Url(2)});
    Drain(*f);
    ASSERT_TRUE(f->Finish(true).ok());
  }
  EXPECT_EQ(store_.size(), 5u);  // meta, run record, two seen entries of run 1 and its end
  EXPECT_TRUE(store_.Get(SeenKey("c1", 1, Url(1)))->has_value());
  EXPECT_TRUE(store_.Get(SeenEndKey("c1", 1))->has_value());
  EXPECT_EQ(DecodeRunRecord(**store_.Get(NextSeqKey("c1")))->next_seq, 3u);
  EXPECT_FALSE(*Frontier::Exists(store_, "c1"));
  auto f = Open();
  EXPECT_FALSE(f->resumed());
  FrontierUpdate update;
  EXPECT_TRUE(*f->Add(Url(1), 0, &update));  // seen by run 1, not by run 2
  ASSERT_TRUE(f->Write(std::move(update)).ok());
  Frontier::Garbage garbage = f->garbage();
  ASSERT_FALSE(garbage.empty());
  ASSERT_TRUE(garbage.Delete().ok());
  EXPECT_FALSE(store_.Get(SeenKey("c1", 1, Url(1)))->has_value());
  EXPECT_FALSE(store_.Get(SeenKey("c1", 1, Url(2)))->has_value());
  EXPECT_FALSE(store_.Get(SeenEndKey("c1", 1))->has_value());
  EXPECT_TRUE(store_.Get(SeenKey("c1", 2, Url(1)))->has_value());  // this run's untouched
  EXPECT_TRUE(store_.Get(SeenEndKey("c1", 2))->has_value());
  Drain(*f);
  ASSERT_TRUE(f->Finish(true).ok());
  EXPECT_FALSE(Open()->garbage().empty());  // run 2's set, for run 3
}

// A run that could not delete the garbage (killed, or the store failed) leaves it to the next.
TEST_F(FrontierTest, GarbageNotDeletedIsLeftToTheNextRun) {
  for (int run = 1; run <= 3; ++run) {
    auto f = Open();
    AddAll(*f, {Url(run)});
    Drain(*f);
    ASSERT_TRUE(f->Finish(/*garbage_deleted=*/false).ok());
  }
  auto f = Open();  // run 4
  ASSERT_TRUE(f->garbage().Delete().ok());
  for (int run = 1; run <= 3; ++run) {
    EXPECT_FALSE(store_.Get(SeenKey("c1", run, Url(run)))->has_value()) << run;
  }
  AddAll(*f, {Url(4)});
  Drain(*f);
  ASSERT_TRUE(f->Finish(true).ok());
  auto next = Open();  // run 5: only run 4's set is left to delete
  ASSERT_TRUE(next->garbage().Delete().ok());
  EXPECT_EQ(store_.size(), 3u);  // meta, run record and run 5's end key
}

// Deleting the last run's seen set stops at its end key: it never steps over the tombstones of
// the sets deleted before it (which sort after it), however many runs left them.
TEST_F(FrontierTest, GarbageDeletionStopsAtTheSetsEndKey) {
  FrontierOptions options;
  options.delete_batch = 3;
  for (int run = 1; run <= 5; ++run) {
    auto f = Open(options);
    const int64_t before = store_.tombstones_stepped;
    ASSERT_TRUE(f->garbage().Delete().ok());
    EXPECT_EQ(store_.tombstones_stepped, before) << "run " << run;
    AddAll(*f, {Url(10 * run + 1), Url(10 * run + 2), Url(10 * run + 3), Url(10 * run + 4)});
    Drain(*f);
    ASSERT_TRUE(f->Finish(true).ok());
  }
  // Without an end key (a set from before them) the last scan does run on: the model counts.
  ASSERT_TRUE(store_
                  .Write([] {
                    KvBatch batch;
                    batch.Delete(SeenEndKey("c1", 5));
                    return batch;
                  }())
                  .ok());
  auto f = Open(options);
  ASSERT_TRUE(f->garbage().Delete().ok());
  EXPECT_GT(store_.tombstones_stepped, 0);
  EXPECT_FALSE(store_.Get(SeenKey("c1", 5, Url(51)))->has_value());
}

// A crawl stopped by the user does not wait for a large garbage set: the deletion stops between
// batches, what is left stays garbage, and the next run takes it up.
TEST_F(FrontierTest, CancelledGarbageDeletionIsTakenUpByTheNextRun) {
  FrontierOptions options;
  options.delete_batch = 2;
  {
    auto f = Open(options);
    AddAll(*f, {Url(1), Url(2), Url(3), Url(4), Url(5)});
    Drain(*f);
    ASSERT_TRUE(f->Finish(true).ok());
  }
  {
    auto f = Open(options);
    const std::atomic<bool> cancelled{true};
    EXPECT_FALSE(f->garbage().Delete(&cancelled).ok());
    EXPECT_TRUE(store_.Get(SeenKey("c1", 1, Url(1)))->has_value());
    Drain(*f);
    ASSERT_TRUE(f->Finish(/*garbage_deleted=*/false).ok());
  }
  auto f = Open(options);  // run 3: runs 1 and 2 are garbage
  ASSERT_TRUE(f->garbage().Delete().ok());
  for (int n = 1; n <= 5; ++n) EXPECT_FALSE(store_.Get(SeenKey("c1", 1, Url(n)))->has_value());
}

// Stores written before runs were numbered: a crawl running then resumes with its seen set
// ("s/"), and the run after it deletes that set.
TEST_F(FrontierTest, SeenSetsFromBeforeRunsWereNumberedAreResumedThenDeleted) {
  MetaValue meta;  // running
  ASSERT_TRUE(store_.Put(MetaKey("c1"), EncodeMeta(meta)).ok());
  ASSERT_TRUE(store_.Put(NextSeqKey("c1"), std::string("\x01\x05", 2)).ok());  // [1][seq 5]
  ASSERT_TRUE(store_.Put(SeenKey("c1", 0, Url(1)), EncodeSeen({SeenState::kDone, 0})).ok());
  ASSERT_TRUE(store_.Put(SeenKey("c1", 0, Url(2)), EncodeSeen({SeenState::kQueued, 1})).ok());
  ASSERT_TRUE(store_.Put(QueueKey("c1", 5), EncodeQueue({1, Url(2)})).ok());
  {
    auto f = Open();
    ASSERT_TRUE(f->resumed());
    EXPECT_EQ(f->done(), 1);
    EXPECT_TRUE(f->garbage().empty());
    FrontierUpdate update;
    EXPECT_FALSE(*f->Add(Url(1), 0, &update));
    EXPECT_EQ(Drain(*f), (std::vector<std::string>{Url(2)}));
    ASSERT_TRUE(f->Finish(true).ok());
  }
  auto f = Open();
  ASSERT_TRUE(f->garbage().Delete().ok());
  EXPECT_FALSE(store_.Get(SeenKey("c1", 0, Url(1)))->has_value());
  EXPECT_FALSE(store_.Get(SeenKey("c1", 0, Url(2)))->has_value());
  FrontierUpdate update;
  EXPECT_TRUE(*f->Add(Url(1), 0, &update));
}

// A run numbers its queue on from the last one, past the keys that run deleted (which LevelDB
// keeps as tombstones for a while), and still hands out everything in order, resumed or not.
TEST_F(FrontierTest, EachRunNumbersItsQueueOnFromTheLast) {
  for (int run = 0; run < 2; ++run) {
    auto f = Open();
    AddAll(*f, {Url(1), Url(2), Url(3)});
    EXPECT_EQ(Drain(*f), (std::vector<std::string>{Url(1), Url(2), Url(3)}));
    ASSERT_TRUE(f->Finish().ok());
  }
  EXPECT_EQ(DecodeRunRecord(**store_.Get(NextSeqKey("c1")))->next_seq, 7u);
  {
    auto f = Open();
    AddAll(*f, {Url(4), Url(5)});
    auto first = f->Next();
    ASSERT_TRUE(first.ok() && *first);
    EXPECT_EQ((*first)->seq, 7u);
    EXPECT_EQ((*first)->url, Url(4));
  }  // killed: Url(4) handed out, neither done
  auto resumed = Open();
  ASSERT_TRUE(resumed->resumed());
  EXPECT_EQ(Drain(*resumed), (std::vector<std::string>{Url(4), Url(5)}));
  // A damaged run record costs the crawl's progress (its run numbers are unknown), never the
  // crawl: it starts over.
  ASSERT_TRUE(store_.Put(NextSeqKey("c2"), "\x07").ok());
  ASSERT_TRUE(store_.Put(SeenKey("c2", 1, Url(9)), EncodeSeen({SeenState::kDone, 0})).ok());
  auto other = Frontier::Open(&store_, "c2", "other", 1000, {});
  ASSERT_TRUE(other.ok());
  AddAll(**other, {Url(9)});
  EXPECT_EQ(Drain(**other), (std::vector<std::string>{Url(9)}));
}

TEST_F(FrontierTest, AFinishCutShortIsCompletedByTheNextOpen) {
  {
    auto f = Open();
    AddAll(*f, {Url(1)});
    Drain(*f);
  }
  // What Finish() leaves when killed after marking the crawl finished: meta says finished.
  MetaValue meta;
  meta.state = CrawlState::kFinished;
  ASSERT_TRUE(store_.Put(MetaKey("c1"), EncodeMeta(meta)).ok());
  EXPECT_FALSE(*Frontier::Exists(store_, "c1"));
  auto f = Open();
  EXPECT_FALSE(f->resumed());
  EXPECT_EQ(f->done(), 0);
  FrontierUpdate update;
  EXPECT_TRUE(*f->Add(Url(1), 0, &update));
}

TEST_F(FrontierTest, DiscardKeepsOtherCrawls) {
  auto f = Open();
  AddAll(*f, {Url(1)});
  auto other = Frontier::Open(&store_, "c2", "other", 1000);
  ASSERT_TRUE(other.ok());
  AddAll(**other, {Url(1)});
  ASSERT_TRUE(Frontier::Discard(&store_, "c1").ok());
  EXPECT_FALSE(*Frontier::Exists(store_, "c1"));
  EXPECT_TRUE(*Frontier::Exists(store_, "c2"));
}

TEST_F(FrontierTest, RejectsBadCrawlIds) {
  for (const std::string& id : std::vector<std::string>{"", "a/b", std::string(65, 'x'), "a b"}) {
    auto f = Frontier::Open(&store_, id, "", 0);
    EXPECT_FALSE(f.ok()) << id;
  }
}

TEST_F(FrontierTest, DamagedRecordsAreCorruptionNotCrashes) {
  {
    auto f = Open();
    AddAll(*f, {Url(1)});
  }
  ASSERT_TRUE(store_.Put(QueueKey("c1", 1), std::string("\x07junk", 5)).ok());
  auto f = Open();
  auto next = f->Next();
  ASSERT_FALSE(next.ok());
  EXPECT_EQ(next.status().code(), Status::Code::kCorruption);

  ASSERT_TRUE(store_.Put(SeenKey("c1", 1, Url(9)), "").ok());
  auto reopened = Frontier::Open(&store_, "c1", "", 0);
  ASSERT_FALSE(reopened.ok());
  EXPECT_EQ(reopened.status().code(), Status::Code::kCorruption);
}

// A crawl discovering far more URLs than it keeps in memory: the resident entries stay within
// the window plus one update's additions, whatever the number of URLs (the store holds them).
TEST_F(FrontierTest, MemoryStaysBoundedWhileTheCrawlGrows) {
  FrontierOptions options;
  options.ready_window = 64;
  options.seen_cache_slots = 1024;
  auto f = Open(options);
  AddAll(*f, {Url(0)});
  constexpr int kLinksPerPage = 20;
  constexpr int kUrls = 30'000;
  int next_url = 1;
  size_t max_resident = 0;
  int64_t pages = 0;
  for (;;) {
    auto next = f->Next();
    ASSERT_TRUE(next.ok());
    if (!*next) break;
    FrontierUpdate update;
    f->MarkDone(**next, &update);
    // Each page links to 20 new URLs (until kUrls) and to 5 already seen.
    for (int i = 0; i < kLinksPerPage && next_url < kUrls; ++i) {
      ASSERT_TRUE(f->Add(Url(next_url++), (*next)->depth + 1, &update).ok());
    }
    for (int i = 0; i < 5; ++i) {
      ASSERT_TRUE(f->Add(Url(next_url / (i + 2)), (*next)->depth + 1, &update).ok());
    }
    max_resident = std::max(max_resident, f->resident());
    ASSERT_TRUE(f->Write(std::move(update)).ok());
    ++pages;
  }
  EXPECT_EQ(pages, kUrls);
  EXPECT_EQ(f->done(), kUrls);
  EXPECT_LE(max_resident, options.ready_window + kLinksPerPage + 5);
}

}  // namespace
}  // namespace strata::crawler
