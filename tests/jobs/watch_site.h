// WatchSite: a small site for the watch tests, served by LocalHttpServer on 127.0.0.1.
//
//   /a/busy.html   an article whose text changes on every request (it changes every period)
//   /a/quiet.html  an article that never changes
//   /a/slow.html   an article answered after slow_ms (default 2 s)
//   /a/<n>.html    article n; its text changes when set_edition() is called
//   /feed.xml      an RSS 2.0 feed of /a/1.html ... /a/<feed_items>.html (relative links)
//   /hook          answers 204 to anything (a webhook; the server's request log keeps the bodies)
//   /hook-fail     answers 500
// Everything else, robots.txt included, is 404.
//
// Thread-safety: Handle() may be called from several server threads at once.
#pragma once

#include <atomic>
#include <string>

#include "tools/devserver/local_http_server.h"

namespace strata::testing {

class WatchSite {
 public:
  void set_edition(int edition) { edition_ = edition; }
  void set_feed_items(int items) { feed_items_ = items; }
  void set_slow_ms(int64_t ms) { slow_ms_ = ms; }
  int64_t busy_requests() const { return busy_requests_.load(); }

  devserver::HttpResponse Handle(const devserver::HttpRequest& request) {
    devserver::HttpResponse response;
    const std::string path = request.target.substr(0, request.target.find('?'));
    if (path == "/hook") {
      response.status = 204;
      return response;
    }
    if (path == "/hook-fail") {
      response.status = 500;
      response.body = "down";
      return response;
    }
    if (path == "/feed.xml") {
      response.headers.emplace_back("Content-Type", "application/rss+xml");
      std::string items;
      for (int i = 1; i <= feed_items_; ++i) {
        items += "<item><title>Article " + std::to_string(i) + "</title><link>/a/" +
                 std::to_string(i) + ".html</link></item>";
      }
      response.body = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Feed</title>" +
                      items + "</channel></rss>";
      return response;
    }
    std::string name;
    int edition = 1;
    if (path == "/a/busy.html") {
      name = "Busy";
      edition = static_cast<int>(++busy_requests_);
    } else if (path == "/a/quiet.html") {
      name = "Quiet";
    } else if (path == "/a/slow.html") {
      name = "Slow";
      response.delay_ms = slow_ms_;
    } else if (path.starts_with("/a/") && path.ends_with(".html")) {
      name = "Article " + path.substr(3, path.size() - 8);
      edition = edition_;
    } else {
      response.status = 404;
      response.body = "not found";
      return response;
    }
    response.headers.emplace_back("Content-Type", "text/html; charset=utf-8");
    response.body = Page(name, edition);
    return response;
  }

 private:
  static std::string Page(const std::string& name, int edition) {
    std::string body;
    for (int i = 0; i < 5; ++i) {
      body += "<p>Paragraph " + std::to_string(i) + " of " + name +
              ": a watched article is visited on a schedule, and only what changed is kept.</p>";
    }
    body += "<p>This is edition " + std::to_string(edition) + " of the text.</p>";
    return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + name +
           "</title><meta name=\"author\" content=\"Tester\"></head><body><article><h1>" + name +
           "</h1>" + body + "</article></body></html>";
  }

  std::atomic<int> edition_{1};
  std::atomic<int> feed_items_{2};
  std::atomic<int64_t> slow_ms_{2000};
  std::atomic<int64_t> busy_requests_{0};
};

}  // namespace strata::testing
