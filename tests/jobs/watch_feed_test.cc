#include "crawler/jobs/watch_feed.h"

#include <gtest/gtest.h>

#include "common/memory_kv_store.h"
#include "crawler/fetch_loop.h"
#include "tests/jobs/watch_site.h"

namespace strata::jobs {
namespace {

using Links = std::vector<std::string>;

Links Parse(std::string_view xml, size_t max = 100) {
  Result<Links> links = FeedItemLinks(xml, "https://example.com/blog/feed.xml", max);
  EXPECT_TRUE(links.ok()) << links.status().ToString();
  return links.ok() ? *links : Links{};
}

TEST(FeedItemLinksTest, Rss2) {
  EXPECT_EQ(Parse(R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
  <title>Blog</title><link>https://example.com/</link>
  <atom:link href="https://example.com/blog/feed.xml" rel="self"/>
  <item><title>One</title><link> https://example.com/p/1 </link></item>
  <item><title>Two</title><link>/p/2</link></item>
  <item><title>Three</title><guid isPermaLink="true">https://example.com/p/3</guid></item>
  <item><title>Opaque guid</title><guid isPermaLink="false">https://example.com/p/x</guid></item>
  <item><title>Atom link</title><atom:link href="p/5"/></item>
  <item><title>Again</title><link>https://example.com/p/1</link></item>
  <item><title>ftp</title><link>ftp://example.com/p/6</link></item>
</channel></rss>)"),
            (Links{"https://example.com/p/1", "https://example.com/p/2", "https://example.com/p/3",
                   "https://example.com/blog/p/5"}));
}

TEST(FeedItemLinksTest, Atom) {
  EXPECT_EQ(Parse(R"(<feed xmlns="http://www.w3.org/2005/Atom">
  <link rel="self" href="https://example.com/atom"/>
  <entry><title>A</title><link rel="self" href="/api/a"/><link rel="alternate" type="text/html" href="/a"/></entry>
  <entry><title>B</title><link href="https://example.com/b"/></entry>
  <entry><title>No link</title></entry>
</feed>)"),
            (Links{"https://example.com/a", "https://example.com/b"}));
}

TEST(FeedItemLinksTest, Rdf) {
  EXPECT_EQ(Parse(R"(<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    xmlns="http://purl.org/rss/1.0/"><channel><title>x</title></channel>
  <item><title>A</title><link>https://example.com/r/a</link></item>
</rdf:RDF>)"),
            (Links{"https://example.com/r/a"}));
}

TEST(FeedItemLinksTest, MaxItemsAndEmpty) {
  EXPECT_EQ(Parse("<rss><channel><item><link>/1</link></item><item><link>/2</link></item>"
                  "<item><link>/3</link></item></channel></rss>",
                  2),
            (Links{"https://example.com/1", "https://example.com/2"}));
  EXPECT_TRUE(Parse("<rss><channel></channel></rss>").empty());
  EXPECT_TRUE(Parse("<rss/>").empty());
}

TEST(FeedItemLinksTest, NotAFeed) {
  for (const char* bad :
       {"", "<html><body>hi</body></html>", "<rss><channel><item>", "\x89PNG\r\n\x1a\n"}) {
    Result<Links> links = FeedItemLinks(bad, "https://example.com/f", 10);
    ASSERT_FALSE(links.ok()) << bad;
    EXPECT_TRUE(links.status().IsInvalidArgument());
  }
  EXPECT_NE(FeedItemLinks("<html/>", "https://example.com/f", 10).status().message().find("<html>"),
            std::string::npos);
}

TEST(FetchOnceTest, FetchesThroughThePolitenessStack) {
  crawler::CurlGlobal curl;
  testing::WatchSite site;
  devserver::LocalHttpServer server(
      [&](const devserver::HttpRequest& r) { return site.Handle(r); });
  config::Config config;
  config.politeness.min_delay_ms = 0;
  MemoryKvStore robots;
  ManualClock clock(ParseIso8601("2030-01-01T00:00:00Z").value_or(0));
  FetchedPage page = FetchOnce(server.base_url() + "/feed.xml", config, clock, &robots);
  ASSERT_TRUE(page.ok()) << page.error;
  EXPECT_EQ(page.http_status, 200);
  Result<Links> links = FeedItemLinks(page.body, page.final_url, 10);
  ASSERT_TRUE(links.ok());
  EXPECT_EQ(*links, (Links{server.base_url() + "/a/1.html", server.base_url() + "/a/2.html"}));
  // robots.txt was asked first, and its answer kept.
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].target, "/robots.txt");
  bool kept = false;
  ASSERT_TRUE(robots
                  .Scan("", "",
                        [&](std::string_view, std::string_view) {
                          kept = true;
                          return false;
                        })
                  .ok());
  EXPECT_TRUE(kept);

  config.retry.max_retries = 0;
  FetchedPage refused = FetchOnce("http://127.0.0.1:1/feed.xml", config, clock, nullptr);
  EXPECT_FALSE(refused.ok());
}

}  // namespace
}  // namespace strata::jobs
