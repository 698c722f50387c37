#include "parser/listing_links.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace strata::parser {
namespace {

using ::testing::ElementsAre;

LinkCandidate Link(std::string url, std::string text, bool chrome = false, bool article = false,
                   bool heading = false) {
  return {std::move(url), std::move(text), chrome, article, heading};
}

TEST(ListingLinksTest, NonPostUrls) {
  for (const char* url : {
           "https://blog.example.com/",
           "https://blog.example.com/tag/cpp/",
           "https://www.cnblogs.com/ann/tag/C%2B%2B/",
           "https://blog.example.com/category/news/",
           "https://www.cnblogs.com/ann/category/2345678.html",
           "https://blog.example.com/author/ann/",
           "https://blog.example.com/author/ann/page/2/",
           "https://www.cnblogs.com/ann/default.html?page=2",
           "https://blog.example.com/?paged=3",
           "https://blog.example.com/2025/02/",
           "https://www.cnblogs.com/ann/archive/2025/02",
           "https://www.cnblogs.com/ann/archive/2025/02/14",
           "https://blog.example.com/archives/",
           "https://blog.example.com/feed/",
           "https://www.cnblogs.com/ann/rss",
           "https://blog.example.com/wp-login.php",
           "https://blog.example.com/search?q=x",
           "https://blog.example.com/image.png",
           "https://blog.example.com/sitemap.xml",
       }) {
    EXPECT_TRUE(IsNonPostUrl(url)) << url;
  }
  for (const char* url : {
           "https://www.cnblogs.com/ann/p/18712345",
           "https://www.cnblogs.com/ann/archive/2025/01/20/18690000.html",
           "https://blog.example.com/2025/02/14/shutdown-order-in-asio/",
           "https://ghost.example.com/why-queues-beat-locks/",
           "https://juejin.cn/post/7001",
           "https://blog.csdn.net/zed/article/details/123456",
       }) {
    EXPECT_FALSE(IsNonPostUrl(url)) << url;
  }
}

TEST(ListingLinksTest, UrlShapes) {
  EXPECT_EQ(UrlShape("https://www.cnblogs.com/ann/p/18712345"), "www.cnblogs.com/ann/p/#");
  EXPECT_EQ(UrlShape("https://www.cnblogs.com/ann/p/18700001.html"),
            "www.cnblogs.com/ann/p/#.html");
  EXPECT_EQ(UrlShape("https://blog.example.com/2025/02/14/shutdown-order-in-asio/"),
            "blog.example.com/#/#/#/*/");
  EXPECT_EQ(UrlShape("https://blog.example.com/2025/01/30/why-the-frontier-lives-on-disk/"),
            "blog.example.com/#/#/#/*/");
  EXPECT_EQ(UrlShape("https://x.test/about/"), "x.test/about/");
}

TEST(ListingLinksTest, NextLinkTexts) {
  for (const char* text : {"下一页", "下一页 >", "下页", "Next", "next »", "Next page",
                           "Older posts", "Older Entries", "›", "»", " » ", "Next ›"}) {
    EXPECT_TRUE(IsNextLinkText(text)) << text;
  }
  for (const char* text : {"上一页", "Previous", "« Newer posts", "Last »", "«", "2", "",
                           "Next steps in Rust", "»»"}) {
    EXPECT_FALSE(IsNextLinkText(text)) << text;
  }
}

TEST(ListingLinksTest, PostsOutscoreFurniture) {
  const std::string page = "https://blog.example.com/author/ann/";
  const std::vector<LinkCandidate> links = {
      Link("https://blog.example.com/", "Example Blog", true),
      Link("https://blog.example.com/about-this-blog-and-its-authors/",
           "About this blog and its authors", true),
      Link("https://blog.example.com/2025/02/14/shutdown-order-in-asio/", "Shutdown order in Asio",
           false, true, true),
      Link("https://blog.example.com/2025/02/14/shutdown-order-in-asio/", "Continue reading", false,
           true),
      Link("https://blog.example.com/category/news/", "News", false, true),
      Link("https://blog.example.com/2025/01/30/why-the-frontier-lives-on-disk/",
           "Why the frontier lives on disk", false, true, true),
      Link("https://blog.example.com/author/ann/page/2/", "Older posts", true),
      // A sidebar's recent posts by other authors: chrome, and no better than that.
      Link("https://blog.example.com/2025/02/20/a-post-by-someone-else-entirely/",
           "A post by someone else entirely", true),
      Link("https://other.example.org/2025/02/14/elsewhere-on-the-web/", "Elsewhere", false, true,
           true),
  };
  EXPECT_THAT(DetectPostLinks(links, page, page),
              ElementsAre("https://blog.example.com/2025/02/14/shutdown-order-in-asio/",
                          "https://blog.example.com/2025/01/30/why-the-frontier-lives-on-disk/"));
}

TEST(ListingLinksTest, LinksUnderTheAuthorsPathCount) {
  // No article markup at all: plain links in a list, told apart by the author's path and the
  // post-like URLs.
  const std::string page = "https://www.cnblogs.com/ann/";
  const std::vector<LinkCandidate> links = {
      Link("https://www.cnblogs.com/ann/p/1001.html", "第一篇：事件循环"),
      Link("https://www.cnblogs.com/ann/p/1002.html", "第二篇：大端编码"),
      Link("https://www.cnblogs.com/bob/p/2001.html", "别人的文章"),
      Link("https://www.cnblogs.com/ann/about", "关于"),
  };
  EXPECT_THAT(DetectPostLinks(links, page, page),
              ElementsAre("https://www.cnblogs.com/ann/p/1001.html",
                          "https://www.cnblogs.com/ann/p/1002.html"));
}

TEST(ListingLinksTest, NothingPostLikeGivesNothing) {
  const std::string page = "https://x.test/u/ann";
  const std::vector<LinkCandidate> links = {
      Link("https://x.test/about", "About"), Link("https://x.test/help", "Help", true),
      Link("https://x.test/u/ann", "Ann"),  // the page itself
  };
  EXPECT_TRUE(DetectPostLinks(links, page, page).empty());
  EXPECT_TRUE(DetectPostLinks({}, page, page).empty());
  EXPECT_TRUE(DetectPostLinks(links, "not a url", page).empty());
}

}  // namespace
}  // namespace strata::parser
