// AuthorSite: a small blog platform for `strata author` tests, served by LocalHttpServer on
// 127.0.0.1. Its authors each exercise one way of finding posts:
//
//   /blog/ann/            HTML pages, 3 posts a page, newest first, <link rel=next> + "下一页"
//                         links, page furniture (nav, tags, archives, sidebar) around the posts
//   /user/<id>            JSON API, cursor paging (juejin-like): POST /api/query_list
//   /csdn/<name>          JSON API, page paging with a stated total (CSDN-like)
//   /feeds/bob/           a JavaScript shell advertising an RSS feed (and nothing else)
//   /sites/carol/         a shell with neither links nor feed; robots.txt names a sitemap index
//   /loop/eve/            a listing whose page 2 repeats page 1's posts forever
//   /cycle/fay/           a listing whose next links cycle 1 -> 2 -> 1
//   /endless/gus/         a listing that never ends (every page has new posts and a next link)
// Posts are articles at /<kind>/<author>/p/<n>.html (or /post/<id> for the API authors).
//
// Posts can be edited, deleted (404) and added between runs. The profile for the API authors
// (ApiProfile) is written by the test into a sites directory.
//
// Thread-safety: Handle() may be called from several server threads; every change takes the
// same mutex.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tools/devserver/local_http_server.h"

namespace strata::testing {

class AuthorSite {
 public:
  struct Post {
    std::string title;
    std::string body;
    bool deleted = false;
    int64_t mtime = 1'700'000'000;  // seconds (the API's modified time)
  };

  AuthorSite() {
    for (int n = 1; n <= 7; ++n) AddPost(&ann_, n);
    for (int n = 1; n <= 7; ++n) AddPost(&juejin_, 7000 + n);
    for (int n = 1; n <= 45; ++n) AddPost(&csdn_, 100 + n);
    for (int n = 1; n <= 4; ++n) AddPost(&bob_, n);
    for (int n = 1; n <= 5; ++n) AddPost(&carol_, n);
  }

  // The site's profile for the JSON API authors (hosts = 127.0.0.1).
  static std::string ApiProfile() {
    return R"(description = "the test site's API listings"
hosts = ["127.0.0.1"]

[[listing]]
match = '/user/(?P<user_id>\d+)$'
post_url = "/post/{id}"

[listing.api]
method = "POST"
url = "/api/query_list"
json = '{"user_id": "{user_id}", "sort_type": 2, "cursor": "{cursor}"}'
headers = ["Referer: http://127.0.0.1/user/{user_id}"]

[listing.paging]
kind = "cursor"
first_cursor = "0"
next_cursor = "cursor"
has_more = "has_more"

[listing.items]
path = "data"
id = "article_id"
title = "article_info.title"
modified = "article_info.mtime"

[[listing]]
match = '/csdn/(?P<user>\w+)$'

[listing.api]
url = "/api/get-business-list?page={page}&size={size}&username={user}"

[listing.paging]
kind = "page"
first_page = 1
size = 20
total = "data.total"

[listing.items]
path = "data.list"
url = "url"
id = "articleId"
title = "title"
)";
  }

  // --- changes between runs ---
  void EditAnn(int n, std::string body) {
    std::lock_guard lock(mu_);
    ann_.at(n).body = std::move(body);
  }
  void DeleteAnn(int n) {
    std::lock_guard lock(mu_);
    ann_.at(n).deleted = true;
  }
  void AddAnn(int n) {
    std::lock_guard lock(mu_);
    AddPost(&ann_, n);
  }
  // Edits a juejin-like post and moves its mtime (the listing's change signal).
  void EditJuejin(int id, std::string body) {
    std::lock_guard lock(mu_);
    Post& post = juejin_.at(id);
    post.body = std::move(body);
    post.mtime += 3600;
  }
  // The total the CSDN-like listing states (default: the real number of posts).
  void set_csdn_stated_total(int total) {
    std::lock_guard lock(mu_);
    csdn_stated_total_ = total;
  }
  // Unlists a post of ann's without deleting it (it still answers 200).
  void UnlistAnn(int n) {
    std::lock_guard lock(mu_);
    unlisted_.insert({n, true});
  }

  // Listing page `page` answers 200 with an anti-bot interstitial instead of posts.
  void BlockAnnListingPage(int page) {
    std::lock_guard lock(mu_);
    blocked_listing_page_ = page;
  }

  // Requests seen, by path (without the query).
  int64_t Requests(const std::string& path) const {
    std::lock_guard lock(mu_);
    auto it = requests_.find(path);
    return it == requests_.end() ? 0 : it->second;
  }
  std::vector<std::string> ApiBodies() const {
    std::lock_guard lock(mu_);
    return api_bodies_;
  }

  devserver::HttpResponse Handle(const devserver::HttpRequest& request) {
    std::lock_guard lock(mu_);
    const std::string path = request.target.substr(0, request.target.find('?'));
    const std::string query = request.target.find('?') == std::string::npos
                                  ? ""
                                  : request.target.substr(request.target.find('?') + 1);
    ++requests_[path];
    if (path == "/robots.txt") {
      return Text("User-agent: *\nAllow: /\nSitemap: " + base_ + "/sitemap_index.xml\n",
                  "text/plain");
    }
    if (path == "/blog/ann/" || path.starts_with("/blog/ann/page/")) {
      const int page = path == "/blog/ann/" ? 1 : std::atoi(path.substr(15).c_str());
      return AnnListing(page);
    }
    if (path.starts_with("/blog/ann/p/")) return Article(ann_, NumberIn(path));
    if (path.starts_with("/user/")) return Shell("juejin user");
    if (path == "/api/query_list") return QueryList(request.body);
    if (path.starts_with("/post/")) return Article(juejin_, std::atoi(path.substr(6).c_str()));
    if (path.starts_with("/csdn/")) {
      if (path.find("/article/details/") != std::string::npos) {
        return Article(csdn_, std::atoi(path.substr(path.rfind('/') + 1).c_str()));
      }
      return Shell("csdn user");
    }
    if (path == "/api/get-business-list") return BusinessList(query);
    if (path == "/feeds/bob/") {
      return Html(
          "<html><head><title>Bob</title><link rel=alternate "
          "type=application/rss+xml href=/feeds/bob/rss.xml></head><body><div "
          "id=app></div><script>render()</script></body></html>");
    }
    if (path == "/feeds/bob/rss.xml") return BobFeed();
    if (path.starts_with("/feeds/bob/p/")) return Article(bob_, NumberIn(path));
    if (path == "/sites/carol/") {
      return Html(
          "<html><head><title>Carol</title></head><body><div id=app>Loading...</div>"
          "</body></html>");
    }
    if (path == "/sitemap_index.xml") return SitemapIndex();
    if (path == "/sitemap-posts.xml") return PostsSitemap();
    if (path == "/sitemap-tags.xml")
      return Text(R"(<?xml version="1.0"?><urlset
      xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>)" +
                      base_ + "/sites/carol/p/99.html</loc></url></urlset>",
                  "application/xml");
    if (path.starts_with("/sites/carol/p/")) return Article(carol_, NumberIn(path));
    if (path.starts_with("/sites/dave/p/")) return Article(carol_, 1);
    if (path == "/loop/eve/") return LoopPage(1);
    if (path == "/loop/eve/more") return LoopPage(std::atoi(query.substr(5).c_str()));
    if (path == "/cycle/fay/" || path == "/cycle/fay/2") return CyclePage(path);
    if (path == "/endless/gus/") return EndlessPage(1);
    if (path == "/endless/gus/next") return EndlessPage(std::atoi(query.substr(5).c_str()));
    if (path.starts_with("/loop/") || path.starts_with("/cycle/") ||
        path.starts_with("/endless/")) {
      return Article(ann_, 1);
    }
    devserver::HttpResponse missing;
    missing.status = 404;
    missing.body = "not found";
    return missing;
  }

  void set_base(std::string base) {
    std::lock_guard lock(mu_);
    base_ = std::move(base);
  }

 private:
  static void AddPost(std::map<int, Post>* posts, int n) {
    Post post;
    post.title = "Post number " + std::to_string(n) + " about concurrency";
    post.body = "This is the body of post " + std::to_string(n) +
                ". It explains locks, queues and the order of shutdown in some detail, "
                "so that the extractor finds a real paragraph of text here.";
    posts->insert_or_assign(n, std::move(post));
  }

  static int NumberIn(const std::string& path) {
    const size_t slash = path.rfind('/');
    return std::atoi(path.substr(slash + 1).c_str());
  }

  static devserver::HttpResponse Text(std::string body, const std::string& type) {
    devserver::HttpResponse response;
    response.headers.emplace_back("Content-Type", type);
    response.body = std::move(body);
    return response;
  }
  static devserver::HttpResponse Html(std::string body) {
    return Text(std::move(body), "text/html; charset=utf-8");
  }
  static devserver::HttpResponse Json(const nlohmann::json& json) {
    return Text(json.dump(), "application/json");
  }
  static devserver::HttpResponse Shell(const std::string& title) {
    return Html("<html><head><title>" + title +
                "</title></head><body><div id=app></div></body></html>");
  }

  devserver::HttpResponse Article(const std::map<int, Post>& posts, int n) const {
    auto it = posts.find(n);
    if (it == posts.end() || it->second.deleted) {
      devserver::HttpResponse gone;
      gone.status = 404;
      gone.body = "<html><body>404</body></html>";
      return gone;
    }
    return Html("<html><head><title>" + it->second.title +
                "</title></head><body><nav><a href=/>Home</a></nav><article><h1>" +
                it->second.title + "</h1><p>" + it->second.body + "</p><p>" + it->second.body +
                "</p></article></body></html>");
  }

  // Ann's listing: 3 posts a page, newest first, with the furniture of a real blog page.
  devserver::HttpResponse AnnListing(int page) const {
    if (page == blocked_listing_page_) {
      return Html(
          "<html><head><title>安全验证</title></head><body><div class=captcha>"
          "<p>请完成下方安全验证后继续访问</p><div id=slider></div></div></body></html>");
    }
    std::vector<int> listed;
    for (auto it = ann_.rbegin(); it != ann_.rend(); ++it) {
      if (!it->second.deleted && !unlisted_.contains(it->first)) listed.push_back(it->first);
    }
    const int pages = std::max<int>(1, (static_cast<int>(listed.size()) + 2) / 3);
    if (page < 1 || page > pages) {
      devserver::HttpResponse missing;
      missing.status = 404;
      missing.body = "no such page";
      return missing;
    }
    std::string next = page < pages ? "/blog/ann/page/" + std::to_string(page + 1) + "/" : "";
    std::string html = "<html><head><title>Ann's blog</title>";
    if (!next.empty()) html += "<link rel=next href=" + next + ">";
    html +=
        "<link rel=alternate type=application/rss+xml href=/blog/feed/></head><body>"
        "<header><nav><a href=/>Home</a> <a href=/about>About</a> <a href=/login>Log in</a>"
        "</nav></header><div id=main>";
    for (size_t i = static_cast<size_t>(page - 1) * 3;
         i < std::min(listed.size(), static_cast<size_t>(page) * 3); ++i) {
      const int n = listed[i];
      const std::string url = "/blog/ann/p/" + std::to_string(n) + ".html";
      html += "<div class=post><h2 class=postTitle><a href=" + url + ">" + ann_.at(n).title +
              "</a></h2><p class=summary>A summary.</p><p class=postfoot>posted @ "
              "2025-02-14 <a href=" +
              url + "#comments>comments</a> <a href=/tag/cpp/>cpp</a></p></div>";
    }
    html += "<div class=pager>";
    if (page > 1) html += "<a href=/blog/ann/page/" + std::to_string(page - 1) + "/>上一页</a>";
    if (!next.empty()) html += "<a href=" + next + ">下一页</a>";
    html +=
        "</div></div><div id=sidebar><h3>Archives</h3><a "
        "href=/blog/ann/archive/2025/02.html>2025-02</a><a href=/tag/cpp/>cpp</a></div>"
        "<footer><a href=/privacy>Privacy</a></footer></body></html>";
    return Html(html);
  }

  // juejin-like: 3 items a request, the cursor is the offset of the next one.
  devserver::HttpResponse QueryList(const std::string& body) {
    api_bodies_.push_back(body);
    const nlohmann::json request = nlohmann::json::parse(body, nullptr, false);
    if (request.is_discarded() || !request.contains("cursor")) {
      return Json({{"err_no", 1}, {"err_msg", "bad request"}});
    }
    const int cursor = std::atoi(request["cursor"].get<std::string>().c_str());
    std::vector<int> ids;
    for (auto it = juejin_.rbegin(); it != juejin_.rend(); ++it) ids.push_back(it->first);
    nlohmann::json data = nlohmann::json::array();
    for (int i = cursor; i < std::min<int>(cursor + 3, static_cast<int>(ids.size())); ++i) {
      const Post& post = juejin_.at(ids[static_cast<size_t>(i)]);
      data.push_back({{"article_id", std::to_string(ids[static_cast<size_t>(i)])},
                      {"article_info",
                       {{"title", post.title},
                        {"ctime", "1700000000"},
                        {"mtime", std::to_string(post.mtime)}}}});
    }
    const bool more = cursor + 3 < static_cast<int>(ids.size());
    return Json({{"err_no", 0},
                 {"data", data},
                 {"cursor", std::to_string(cursor + 3)},
                 {"has_more", more}});
  }

  // CSDN-like: page & size, data.total states the number of posts.
  devserver::HttpResponse BusinessList(const std::string& query) const {
    int page = 1, size = 20;
    for (const std::string& part : {std::string("page="), std::string("size=")}) {
      const size_t at = query.find(part);
      if (at == std::string::npos) continue;
      const int value = std::atoi(query.substr(at + part.size()).c_str());
      (part == "page=" ? page : size) = value;
    }
    std::vector<int> ids;
    for (auto it = csdn_.rbegin(); it != csdn_.rend(); ++it) ids.push_back(it->first);
    nlohmann::json list = nlohmann::json::array();
    for (int i = (page - 1) * size; i < std::min<int>(page * size, static_cast<int>(ids.size()));
         ++i) {
      const int id = ids[static_cast<size_t>(i)];
      list.push_back({{"articleId", id},
                      {"title", csdn_.at(id).title},
                      {"url", base_ + "/csdn/zed/article/details/" + std::to_string(id)},
                      {"viewCount", 10 * id}});
    }
    const int total = csdn_stated_total_ > 0 ? csdn_stated_total_ : static_cast<int>(ids.size());
    return Json({{"code", 200}, {"data", {{"list", list}, {"total", total}}}});
  }

  devserver::HttpResponse BobFeed() const {
    std::string xml =
        R"(<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Bob</title>)";
    for (auto it = bob_.rbegin(); it != bob_.rend(); ++it) {
      xml += "<item><title>" + it->second.title + "</title><link>" + base_ + "/feeds/bob/p/" +
             std::to_string(it->first) +
             ".html</link><pubDate>Fri, 14 Feb 2025 10:00:00 GMT</pubDate></item>";
    }
    xml += "</channel></rss>";
    return Text(xml, "application/rss+xml");
  }

  devserver::HttpResponse SitemapIndex() const {
    return Text(R"(<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>)" + base_ +
                    R"(/sitemap-posts.xml</loc></sitemap>
  <sitemap><loc>)" + base_ +
                    R"(/sitemap-tags.xml</loc></sitemap>
</sitemapindex>)",
                "application/xml");
  }

  devserver::HttpResponse PostsSitemap() const {
    std::string xml =
        R"(<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">)";
    for (const auto& [n, post] : carol_) {
      xml += "<url><loc>" + base_ + "/sites/carol/p/" + std::to_string(n) +
             ".html</loc><lastmod>2025-02-1" + std::to_string(n % 10) + "</lastmod></url>";
    }
    for (int n = 1; n <= 3; ++n) {  // another author's posts
      xml += "<url><loc>" + base_ + "/sites/dave/p/" + std::to_string(n) + ".html</loc></url>";
    }
    xml += "<url><loc>" + base_ + "/sites/carol/</loc></url></urlset>";
    return Text(xml, "application/xml");
  }

  // Page 1 lists posts 1-3 and links to ?page=2; every later page lists the same posts.
  static devserver::HttpResponse LoopPage(int page) {
    std::string html = "<html><body><main>";
    for (int n = 1; n <= 3; ++n) {
      html += "<article><h2><a href=/loop/eve/p/" + std::to_string(n) +
              ".html>A post about loops, number " + std::to_string(n) + "</a></h2></article>";
    }
    html += "</main><a rel=next href=/loop/eve/more?page=" + std::to_string(page + 1) +
            ">Next</a></body></html>";
    return Html(html);
  }

  static devserver::HttpResponse CyclePage(const std::string& path) {
    const bool first = path == "/cycle/fay/";
    const int base = first ? 1 : 4;
    std::string html = "<html><body><main>";
    for (int n = base; n < base + 3; ++n) {
      html += "<article><h2><a href=/cycle/fay/p/" + std::to_string(n) +
              ".html>A post about cycles, number " + std::to_string(n) + "</a></h2></article>";
    }
    html += std::string("</main><a href=") + (first ? "/cycle/fay/2" : "/cycle/fay/") +
            ">Next ›</a></body></html>";
    return Html(html);
  }

  static devserver::HttpResponse EndlessPage(int page) {
    std::string html = "<html><body><main>";
    for (int n = 0; n < 2; ++n) {
      const int id = page * 10 + n;
      html += "<article><h2><a href=/endless/gus/p/" + std::to_string(id) +
              ".html>An endless post, number " + std::to_string(id) + "</a></h2></article>";
    }
    html += "</main><a class=next href=/endless/gus/next?page=" + std::to_string(page + 1) +
            ">Older posts</a></body></html>";
    return Html(html);
  }

  mutable std::mutex mu_;
  std::string base_;
  std::map<int, Post> ann_, juejin_, csdn_, bob_, carol_;
  std::map<int, bool> unlisted_;
  int blocked_listing_page_ = 0;  // 0: none
  int csdn_stated_total_ = 0;
  std::map<std::string, int64_t> requests_;
  std::vector<std::string> api_bodies_;
};

}  // namespace strata::testing
