// DemoSite: the small developer-community site `strata demo` serves on 127.0.0.1. Four articles
// in the styles strata targets (a cnblogs-like Chinese post with 阅读(N), an InfoQ-like page
// with 阅读数：N and a decorated og:title, a WordPress-like English post with JSON-LD @graph, a
// Ghost-like post), an index page, and a second state of the site in which one article was
// edited, every counter moved and one post was deleted. Also a fixture for end-to-end tests.
//
// Thread-safety: Handle() may be called from several server threads; Advance() from any thread.
#pragma once

#include <atomic>
#include <string>
#include <vector>

#include "tools/devserver/local_http_server.h"

namespace strata::demo {

class DemoSite {
 public:
  DemoSite() = default;

  devserver::HttpResponse Handle(const devserver::HttpRequest& request) const;

  // Paths of the article pages ("/zhangsan/p/18000001.html", ...), in a fixed order.
  static std::vector<std::string> ArticlePaths();
  // The path of the article that the second state edits.
  static std::string EditedArticlePath();
  // The path of the article that the second state deletes.
  static std::string DeletedArticlePath();

  // Moves the site to its next state: the first call edits an article, bumps every counter and
  // deletes a post; later calls only bump counters.
  void Advance() { state_.fetch_add(1); }
  int state() const { return state_.load(); }

 private:
  std::atomic<int> state_{0};
};

}  // namespace strata::demo
