// TreeSite: a generated site for crawl tests, served by LocalHttpServer. Page n (1..N) at
// /p/<n>.html is a small article linking to its children 2n and 2n+1 (a binary tree, so page n
// is at link depth floor(log2 n) from /p/1.html), back to the root, to variants of its first
// child that normalise to the same URL (fragment, tracking parameter, dot segment), to an image,
// to /private/<n>.html and to another host. Optional ETag / If-None-Match (304) support, and a
// hook that can hold or slow responses.
//
// Thread-safety: Handle() may be called from several server threads.
#pragma once

#include <atomic>
#include <functional>
#include <string>

#include "tools/devserver/local_http_server.h"

namespace strata::testing {

class TreeSite {
 public:
  explicit TreeSite(int pages, bool etags = true) : pages_(pages), etags_(etags) {}

  static std::string PagePath(int n) { return "/p/" + std::to_string(n) + ".html"; }

  // Called before answering each page request with the number of page requests so far
  // (including this one); its return value is added as a response delay in ms.
  void set_delay_hook(std::function<int64_t(int64_t)> hook) { delay_hook_ = std::move(hook); }
  // Serves `text` as /robots.txt (404 when empty, the default). Call before serving.
  void set_robots(std::string text) { robots_ = std::move(text); }
  // Changes every page's text (a new "edition" of the site).
  void set_edition(int edition) { edition_ = edition; }

  devserver::HttpResponse Handle(const devserver::HttpRequest& request) {
    devserver::HttpResponse response;
    std::string path = request.target.substr(0, request.target.find('?'));
    int n = 0;
    if (path.starts_with("/p/") && path.ends_with(".html")) {
      n = std::atoi(path.substr(3, path.size() - 8).c_str());
    }
    if (path == "/robots.txt" && !robots_.empty()) {
      response.headers.emplace_back("Content-Type", "text/plain");
      response.body = robots_;
      return response;
    }
    if (n < 1 || n > pages_) {
      response.status = 404;
      response.body = "not found";
      return response;
    }
    const int64_t count = ++page_requests_;
    if (delay_hook_) response.delay_ms = delay_hook_(count);
    const std::string etag = "\"p" + std::to_string(n) + "-e" + std::to_string(edition_) + "\"";
    if (etags_) {
      response.headers.emplace_back("ETag", etag);
      if (FindHeader(request.headers, "if-none-match") == etag) {
        response.status = 304;
        return response;
      }
    }
    response.headers.emplace_back("Content-Type", "text/html; charset=utf-8");
    response.body = Page(n);
    return response;
  }

  int64_t page_requests() const { return page_requests_.load(); }

 private:
  std::string Page(int n) const {
    std::string links;
    auto link = [&](const std::string& href) {
      links += "<li><a href=\"" + href + "\">x</a></li>";
    };
    for (int child : {2 * n, 2 * n + 1}) {
      if (child <= pages_) link(PagePath(child));
    }
    if (2 * n <= pages_) {
      link(PagePath(2 * n) + "#comments");
      link(PagePath(2 * n) + "?utm_source=feed");
      link("/p/./x/../" + std::to_string(2 * n) + ".html");
    }
    link(PagePath(1));
    link("/img/photo" + std::to_string(n) + ".png");
    link("/private/" + std::to_string(n) + ".html");
    link("http://other.invalid/p/" + std::to_string(n) + ".html");
    std::string body;
    for (int i = 0; i < 6; ++i) {
      body += "<p>Paragraph " + std::to_string(i) + " of article " + std::to_string(n) +
              ", edition " + std::to_string(edition_) +
              ": the crawler follows links breadth first and keeps its frontier on disk.</p>";
    }
    return "<!doctype html><html><head><meta charset=\"utf-8\"><title>Article " +
           std::to_string(n) + "</title><meta name=\"author\" content=\"Tester\"></head><body>" +
           "<article><h1>Article " + std::to_string(n) + "</h1>" + body + "</article><nav><ul>" +
           links + "</ul></nav></body></html>";
  }

  const int pages_;
  const bool etags_;
  std::atomic<int> edition_{1};
  std::atomic<int64_t> page_requests_{0};
  std::function<int64_t(int64_t)> delay_hook_;
  std::string robots_;
};

}  // namespace strata::testing
