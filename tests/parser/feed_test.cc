#include "parser/feed.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace strata::parser {
namespace {

using ::testing::HasSubstr;

TEST(FeedTest, Rss2WithAtomNextLink) {
  const std::string xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Ann's posts</title>
  <atom:link href="https://blog.example.com/author/ann/feed/?paged=2" rel="next" type="application/rss+xml"/>
  <item>
    <title>Shutdown order
      in Asio</title>
    <link>https://blog.example.com/2025/02/14/shutdown-order-in-asio/</link>
    <pubDate>Fri, 14 Feb 2025 10:00:00 +0000</pubDate>
    <guid isPermaLink="false">https://blog.example.com/?p=41</guid>
  </item>
  <item>
    <title>No link, a permalink guid</title>
    <guid>https://blog.example.com/2025/01/30/why/</guid>
    <dc:date>2025-01-30T09:00:00Z</dc:date>
  </item>
  <item><title>Neither</title><guid isPermaLink="false">tag:x,1</guid></item>
  <item><title>Relative</title><link>/2025/01/12/counting/</link></item>
  <item><title>Twice</title><link>https://blog.example.com/2025/02/14/shutdown-order-in-asio/</link></item>
</channel>
</rss>)";
  Result<Feed> feed = ParseFeed(xml, "https://blog.example.com/author/ann/feed/");
  ASSERT_TRUE(feed.ok()) << feed.status().ToString();
  EXPECT_EQ(feed->title, "Ann's posts");
  ASSERT_EQ(feed->entries.size(), 3u);
  EXPECT_EQ(feed->entries[0].url, "https://blog.example.com/2025/02/14/shutdown-order-in-asio/");
  EXPECT_EQ(feed->entries[0].title, "Shutdown order in Asio");
  EXPECT_EQ(feed->entries[0].published.substr(0, 10), "2025-02-14");
  EXPECT_EQ(feed->entries[0].id, "https://blog.example.com/?p=41");
  EXPECT_EQ(feed->entries[1].url, "https://blog.example.com/2025/01/30/why/");
  EXPECT_EQ(feed->entries[1].published.substr(0, 10), "2025-01-30");
  EXPECT_EQ(feed->entries[2].url, "https://blog.example.com/2025/01/12/counting/");
  EXPECT_EQ(feed->next_url, "https://blog.example.com/author/ann/feed/?paged=2");
}

TEST(FeedTest, AtomWithUpdatedAndNext) {
  const std::string xml = R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="text">ann - 博客园</title>
  <link rel="self" href="https://feed.cnblogs.com/blog/u/ann/rss"/>
  <link rel="next" href="https://feed.cnblogs.com/blog/u/ann/rss?page=2"/>
  <entry>
    <id>https://www.cnblogs.com/ann/p/18712345</id>
    <title type="text">Asio 与 libcurl：一个事件循环</title>
    <published>2025-02-14T10:00:00+08:00</published>
    <updated>2025-02-15T09:00:00+08:00</updated>
    <link rel="alternate" href="https://www.cnblogs.com/ann/p/18712345"/>
  </entry>
  <entry>
    <title>Without rel</title>
    <updated>2025-02-03T21:15:00Z</updated>
    <link href="https://www.cnblogs.com/ann/p/18700001.html"/>
    <link rel="enclosure" href="https://www.cnblogs.com/a.mp3"/>
  </entry>
</feed>)";
  Result<Feed> feed = ParseFeed(xml, "https://feed.cnblogs.com/blog/u/ann/rss");
  ASSERT_TRUE(feed.ok()) << feed.status().ToString();
  ASSERT_EQ(feed->entries.size(), 2u);
  EXPECT_EQ(feed->entries[0].title, "Asio 与 libcurl：一个事件循环");
  EXPECT_EQ(feed->entries[0].published, "2025-02-14T10:00:00+08:00");
  EXPECT_EQ(feed->entries[0].modified, "2025-02-15T09:00:00+08:00");
  EXPECT_EQ(feed->entries[1].url, "https://www.cnblogs.com/ann/p/18700001.html");
  EXPECT_EQ(feed->entries[1].published, feed->entries[1].modified);  // Atom: updated only
  EXPECT_EQ(feed->next_url, "https://feed.cnblogs.com/blog/u/ann/rss?page=2");
}

TEST(FeedTest, Rss1Rdf) {
  const std::string xml = R"(<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
  <channel rdf:about="https://x.test/"><title>X</title></channel>
  <item rdf:about="https://x.test/a"><title>A</title><link>https://x.test/a</link></item>
</rdf:RDF>)";
  Result<Feed> feed = ParseFeed(xml, "https://x.test/feed");
  ASSERT_TRUE(feed.ok()) << feed.status().ToString();
  EXPECT_EQ(feed->title, "X");
  ASSERT_EQ(feed->entries.size(), 1u);
  EXPECT_EQ(feed->entries[0].url, "https://x.test/a");
}

TEST(FeedTest, NotAFeed) {
  Result<Feed> html = ParseFeed("<html><body>hi</body></html>", "https://x.test/");
  ASSERT_FALSE(html.ok());
  EXPECT_THAT(html.status().message(), HasSubstr("not a feed: the root element is <html>"));
  Result<Feed> broken = ParseFeed("<rss><channel><item>", "https://x.test/");
  ASSERT_FALSE(broken.ok());
  EXPECT_THAT(broken.status().message(), HasSubstr("not a feed: not XML"));
  Result<Feed> empty = ParseFeed("", "https://x.test/");
  EXPECT_FALSE(empty.ok());
}

TEST(FeedTest, LooksLikeFeed) {
  EXPECT_TRUE(LooksLikeFeed("<?xml version=\"1.0\"?>\n<rss version=\"2.0\">"));
  EXPECT_TRUE(LooksLikeFeed("<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
  EXPECT_FALSE(LooksLikeFeed("<!doctype html><html>"));
  EXPECT_FALSE(LooksLikeFeed("<urlset>"));
}

}  // namespace
}  // namespace strata::parser
