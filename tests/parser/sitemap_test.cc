#include "parser/sitemap.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/gzip_of.h"

namespace strata::parser {
namespace {

using strata::testing::GzipOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(SitemapTest, UrlSet) {
  const std::string xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc> https://www.cnblogs.com/ann/p/1.html </loc><lastmod>2025-02-14T10:00:00+08:00</lastmod></url>
  <url><loc>https://www.cnblogs.com/ann/p/2.html</loc><lastmod>not a date</lastmod></url>
  <url><loc>https://www.cnblogs.com/ann/p/1.html</loc></url>
  <url><loc>ftp://www.cnblogs.com/x</loc></url>
  <url><loc></loc></url>
  <url><loc>/ann/p/3.html</loc></url>
</urlset>)";
  Result<Sitemap> sitemap = ParseSitemap(xml, "https://www.cnblogs.com/sitemap.xml");
  ASSERT_TRUE(sitemap.ok()) << sitemap.status().ToString();
  EXPECT_FALSE(sitemap->is_index);
  ASSERT_EQ(sitemap->entries.size(), 3u);
  EXPECT_EQ(sitemap->entries[0].url, "https://www.cnblogs.com/ann/p/1.html");
  EXPECT_EQ(sitemap->entries[0].lastmod, "2025-02-14T10:00:00+08:00");
  EXPECT_EQ(sitemap->entries[1].lastmod, "");
  EXPECT_EQ(sitemap->entries[2].url, "https://www.cnblogs.com/ann/p/3.html");
}

TEST(SitemapTest, IndexAndCap) {
  const std::string xml = R"(<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://x.test/wp-sitemap-posts-post-1.xml</loc></sitemap>
  <sitemap><loc>https://x.test/wp-sitemap-posts-post-2.xml</loc></sitemap>
  <sitemap><loc>https://x.test/wp-sitemap-taxonomies-category-1.xml</loc></sitemap>
</sitemapindex>)";
  Result<Sitemap> sitemap = ParseSitemap(xml, "https://x.test/wp-sitemap.xml", 2);
  ASSERT_TRUE(sitemap.ok());
  EXPECT_TRUE(sitemap->is_index);
  ASSERT_EQ(sitemap->entries.size(), 2u);
  EXPECT_EQ(sitemap->entries[1].url, "https://x.test/wp-sitemap-posts-post-2.xml");
}

// Sitemap indexes often list sitemap.xml.gz files, served as gzip files.
TEST(SitemapTest, GzippedSitemapsAreRead) {
  const std::string xml = R"(<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://x.test/posts/1</loc><lastmod>2025-02-14</lastmod></url>
  <url><loc>/posts/2</loc></url>
</urlset>)";
  Result<Sitemap> sitemap = ParseSitemap(GzipOf(xml), "https://x.test/sitemap-posts.xml.gz");
  ASSERT_TRUE(sitemap.ok()) << sitemap.status().ToString();
  EXPECT_FALSE(sitemap->is_index);
  ASSERT_EQ(sitemap->entries.size(), 2u);
  EXPECT_EQ(sitemap->entries[0].url, "https://x.test/posts/1");
  EXPECT_EQ(sitemap->entries[1].url, "https://x.test/posts/2");
  std::string cut = GzipOf(xml);
  cut.resize(cut.size() / 2);
  Result<Sitemap> damaged = ParseSitemap(cut, "https://x.test/sitemap-posts.xml.gz");
  ASSERT_FALSE(damaged.ok());
  EXPECT_TRUE(damaged.status().IsCorruption()) << damaged.status().ToString();
}

TEST(SitemapTest, Errors) {
  Result<Sitemap> gz = ParseSitemap(std::string("\x1f\x8b\x08\x00", 4), "https://x.test/s.xml.gz");
  ASSERT_FALSE(gz.ok());
  EXPECT_THAT(gz.status().message(), HasSubstr("gzip"));
  // A gzip bomb stops at the protocol's 50 MB.
  Result<Sitemap> bomb =
      ParseSitemap(GzipOf(std::string(kMaxSitemapBytes + 1, ' ')), "https://x.test/s.xml.gz");
  ASSERT_FALSE(bomb.ok());
  EXPECT_THAT(bomb.status().message(), HasSubstr("once decompressed"));
  Result<Sitemap> html = ParseSitemap("<html></html>", "https://x.test/");
  ASSERT_FALSE(html.ok());
  EXPECT_THAT(html.status().message(), HasSubstr("the root element is <html>"));
  Result<Sitemap> broken = ParseSitemap("<urlset><url>", "https://x.test/");
  ASSERT_FALSE(broken.ok());
  EXPECT_THAT(broken.status().message(), HasSubstr("not XML"));
}

TEST(SitemapTest, RobotsTxtSitemapLines) {
  const std::string robots =
      "User-agent: *\r\nDisallow: /admin\n"
      "sitemap: https://x.test/sitemap_index.xml # the index\n"
      "  SITEMAP:https://x.test/news.xml\n"
      "Sitemap: /relative.xml\n"
      "Sitemap: https://x.test/sitemap_index.xml\n"
      "# Sitemap: https://x.test/commented.xml\n";
  EXPECT_THAT(RobotsTxtSitemaps(robots),
              ElementsAre("https://x.test/sitemap_index.xml", "https://x.test/news.xml"));
  EXPECT_TRUE(RobotsTxtSitemaps("").empty());
}

}  // namespace
}  // namespace strata::parser
