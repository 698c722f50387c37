// How a robots.txt fetch turns into rules, expiry, the older-copy fallback and persistence.
#include "crawler/robots_cache.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/memory_kv_store.h"

namespace strata::crawler {
namespace {

using ::testing::HasSubstr;

constexpr char kOrigin[] = "https://example.com";
constexpr UnixMillis kStart = 1'700'000'000'000;

FetchedPage Answer(int status, std::string body = "") {
  FetchedPage page;
  page.url = RobotsCache::RobotsUrl(kOrigin);
  page.http_status = status;
  page.body = std::move(body);
  return page;
}

FetchedPage Failure(FetchOutcome outcome, std::string error) {
  FetchedPage page;
  page.url = RobotsCache::RobotsUrl(kOrigin);
  page.outcome = outcome;
  page.error = std::move(error);
  return page;
}

config::RobotsOptions Options() {
  config::RobotsOptions options;
  options.cache_ttl_ms = 24 * 3'600'000LL;
  options.error_ttl_ms = 600'000;
  options.user_agent_token = "strata";
  return options;
}

class RobotsCacheTest : public ::testing::Test {
 protected:
  ManualClock clock_{kStart};
};

TEST_F(RobotsCacheTest, UnknownOriginHasNoEntry) {
  RobotsCache cache(Options(), clock_);
  EXPECT_EQ(cache.Find(kOrigin), nullptr);
  EXPECT_EQ(RobotsCache::RobotsUrl(kOrigin), "https://example.com/robots.txt");
}

TEST_F(RobotsCacheTest, SuccessGivesTheFilesRulesForOurToken) {
  RobotsCache cache(Options(), clock_);
  const RobotsEntry& entry = cache.Record(
      kOrigin, Answer(200,
                      "User-agent: *\nDisallow: /\n\nUser-agent: strata\nDisallow: /private\n"
                      "Crawl-delay: 3\nSitemap: https://example.com/s.xml\n"));
  EXPECT_EQ(entry.kind, RobotsEntry::Kind::kRules);
  EXPECT_FALSE(entry.rules.Allowed("/private/1"));
  EXPECT_TRUE(entry.rules.Allowed("/public"));
  EXPECT_EQ(entry.rules.crawl_delay_ms(), 3000);
  EXPECT_EQ(entry.sitemaps, std::vector<std::string>{"https://example.com/s.xml"});
  EXPECT_EQ(entry.expires_at, kStart + 24 * 3'600'000LL);
  const RobotsEntry* found = cache.Find(kOrigin);
  ASSERT_NE(found, nullptr);
  const RobotsVerdict verdict = found->rules.Check("/private/1");
  EXPECT_EQ(found->DisallowReason(kOrigin, verdict),
            "disallowed by https://example.com/robots.txt: Disallow: /private");
}

TEST_F(RobotsCacheTest, ClientErrorsMeanAllowAll) {
  for (int status : {400, 401, 403, 404, 410, 451}) {
    RobotsCache cache(Options(), clock_);
    const RobotsEntry& entry = cache.Record(kOrigin, Answer(status, "User-agent: *\nDisallow: /"));
    EXPECT_EQ(entry.kind, RobotsEntry::Kind::kNoFile) << status;
    EXPECT_TRUE(entry.rules.Allowed("/anything")) << status;
    EXPECT_EQ(entry.expires_at, kStart + 24 * 3'600'000LL) << status;
  }
  // Redirects that lead nowhere count as "unavailable" too (RFC 9309 2.3.1.2).
  RobotsCache cache(Options(), clock_);
  EXPECT_TRUE(
      cache.Record(kOrigin, Failure(FetchOutcome::kTooManyRedirects, "loop")).rules.Allowed("/x"));
}

TEST_F(RobotsCacheTest, ServerErrorsAndNoAnswerMeanDisallowAllForAShortWhile) {
  const FetchedPage failures[] = {Answer(500),
                                  Answer(503),
                                  Answer(429),
                                  Failure(FetchOutcome::kNetworkError, "Connection refused"),
                                  Failure(FetchOutcome::kTimeout, "timeout after 300 ms"),
                                  Failure(FetchOutcome::kTooLarge, "response larger than 16 MiB")};
  for (const FetchedPage& page : failures) {
    RobotsCache cache(Options(), clock_);
    const RobotsEntry& entry = cache.Record(kOrigin, page);
    EXPECT_EQ(entry.kind, RobotsEntry::Kind::kUnreachable) << page.http_status << page.error;
    EXPECT_FALSE(entry.rules.Allowed("/")) << page.http_status << page.error;
    EXPECT_TRUE(entry.rules.Allowed("/robots.txt"));
    EXPECT_EQ(entry.expires_at, kStart + 600'000);
  }
  RobotsCache cache(Options(), clock_);
  FetchedPage gave_up = Answer(503);
  gave_up.error = "gave up after 4 attempts";
  const RobotsEntry& entry = cache.Record(kOrigin, gave_up);
  EXPECT_EQ(entry.DisallowReason(kOrigin, entry.rules.Check("/a")),
            "https://example.com/robots.txt is unreachable (HTTP 503: gave up after 4 attempts): "
            "the whole site counts as disallowed until 2023-11-14T22:23:20Z (RFC 9309)");
}

TEST_F(RobotsCacheTest, EntriesExpire) {
  RobotsCache cache(Options(), clock_);
  cache.Record(kOrigin, Answer(503));
  ASSERT_NE(cache.Find(kOrigin), nullptr);
  clock_.Advance(600'000 - 1);
  EXPECT_NE(cache.Find(kOrigin), nullptr);
  clock_.Advance(1);
  EXPECT_EQ(cache.Find(kOrigin), nullptr);  // ask again

  cache.Record(kOrigin, Answer(200, "User-agent: *\nDisallow: /x\n"));
  clock_.Advance(24 * 3'600'000LL);
  EXPECT_EQ(cache.Find(kOrigin), nullptr);
}

TEST_F(RobotsCacheTest, UnreachableRefreshKeepsTheOlderCopy) {
  RobotsCache cache(Options(), clock_);
  cache.Record(kOrigin, Answer(200, "User-agent: *\nDisallow: /private\n"));
  clock_.Advance(25 * 3'600'000LL);
  ASSERT_EQ(cache.Find(kOrigin), nullptr);
  const RobotsEntry& entry = cache.Record(kOrigin, Answer(503));
  EXPECT_EQ(entry.kind, RobotsEntry::Kind::kStale);
  EXPECT_TRUE(entry.rules.Allowed("/public"));
  EXPECT_FALSE(entry.rules.Allowed("/private"));
  EXPECT_EQ(entry.expires_at, clock_.Now() + 600'000);  // and asks again soon
  EXPECT_THAT(entry.DisallowReason(kOrigin, entry.rules.Check("/private")),
              HasSubstr("an older copy: HTTP 503; using the copy fetched at"));
}

TEST_F(RobotsCacheTest, PersistsFilesAndMissingFilesButNotOutages) {
  MemoryKvStore store;
  {
    RobotsCache cache(Options(), clock_, &store);
    cache.Record(kOrigin, Answer(200, "User-agent: strata\nDisallow: /mine\n"));
    cache.Record("http://no-file.example", Answer(404));
    cache.Record("http://down.example", Answer(503));
  }
  EXPECT_EQ(store.size(), 2u);
  Result<std::optional<std::string>> stored = store.Get("robots/https://example.com");
  ASSERT_TRUE(stored.ok() && stored->has_value());

  clock_.Advance(3'600'000);
  RobotsCache later(Options(), clock_, &store);
  const RobotsEntry* entry = later.Find(kOrigin);
  ASSERT_NE(entry, nullptr);
  EXPECT_EQ(entry->kind, RobotsEntry::Kind::kRules);
  EXPECT_FALSE(entry->rules.Allowed("/mine"));
  EXPECT_EQ(entry->expires_at, kStart + 24 * 3'600'000LL);
  const RobotsEntry* no_file = later.Find("http://no-file.example");
  ASSERT_NE(no_file, nullptr);
  EXPECT_TRUE(no_file->rules.Allowed("/mine"));
  EXPECT_EQ(later.Find("http://down.example"), nullptr);

  // A stored file is re-parsed for the token in force now.
  config::RobotsOptions other = Options();
  other.user_agent_token = "otherbot";
  RobotsCache other_bot(other, clock_, &store);
  ASSERT_NE(other_bot.Find(kOrigin), nullptr);
  EXPECT_TRUE(other_bot.Find(kOrigin)->rules.Allowed("/mine"));

  // Expired in the store: not used, but kept as the older copy for an outage.
  clock_.Advance(24 * 3'600'000LL);
  RobotsCache expired(Options(), clock_, &store);
  EXPECT_EQ(expired.Find(kOrigin), nullptr);
  EXPECT_EQ(expired.Record(kOrigin, Answer(503)).kind, RobotsEntry::Kind::kStale);
}

TEST_F(RobotsCacheTest, DamagedStoredEntryIsFetchedAgain) {
  MemoryKvStore store;
  ASSERT_TRUE(store.Put("robots/https://example.com", "9\nwhat is this").ok());
  RobotsCache cache(Options(), clock_, &store);
  EXPECT_EQ(cache.Find(kOrigin), nullptr);
  ASSERT_TRUE(store.Put("robots/https://example.com", "1\n7\n1\n2\nx\n").ok());  // unknown kind
  RobotsCache again(Options(), clock_, &store);
  EXPECT_EQ(again.Find(kOrigin), nullptr);
}

TEST_F(RobotsCacheTest, ShorterTtlNowCutsAStoredEntry) {
  MemoryKvStore store;
  RobotsCache(Options(), clock_, &store).Record(kOrigin, Answer(404));
  config::RobotsOptions shorter = Options();
  shorter.cache_ttl_ms = 60'000;
  clock_.Advance(60'000);
  RobotsCache cache(shorter, clock_, &store);
  EXPECT_EQ(cache.Find(kOrigin), nullptr);
}

TEST_F(RobotsCacheTest, StaysWithinItsSize) {
  RobotsCache cache(Options(), clock_, nullptr, /*max_entries=*/3);
  for (int i = 0; i < 10; ++i) {
    clock_.Advance(1);
    const std::string origin = "https://site" + std::to_string(i) + ".example";
    cache.Record(origin, Answer(404));
    EXPECT_NE(cache.Find(origin), nullptr) << i;  // the newest is never the one evicted
  }
  EXPECT_EQ(cache.size(), 3u);
  EXPECT_EQ(cache.Find("https://site0.example"), nullptr);
  EXPECT_NE(cache.Find("https://site9.example"), nullptr);
}

}  // namespace
}  // namespace strata::crawler
