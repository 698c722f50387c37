#include "tools/demo/demo_site.h"

#include <fmt/core.h>

namespace strata::demo {
namespace {

constexpr const char* kCnblogsPath = "/zhangsan/p/18000001.html";
constexpr const char* kInfoqPath = "/article/7f3a9c2e5b1d";
constexpr const char* kWordpressPath = "/2025/02/14/diffing-revisions-that-read-well/";
constexpr const char* kGhostPath = "/why-conditional-get-matters/";

std::string CnblogsPage(int state) {
  const int views = 123 + state * 37;
  const int comments = 4 + state;
  const std::string second_paragraph =
      state == 0 ? "libcurl 的 multi 接口可以把成百上千个传输交给一个线程管理，但前提是事件循环"
                   "要正确地等待它给出的套接字。"
                 : "libcurl 的 multi 接口可以把成百上千个传输交给同一个线程管理，前提是事件循环"
                   "正确地等待它交出的每一个套接字，并且从不在回调里重新进入 libcurl。";
  const std::string added =
      state == 0 ? ""
                 : "<h2>更新：关闭顺序</h2>\n<p>评论区有读者问到关闭顺序：先移除并清理所有 easy "
                   "句柄，再在套接字表仍然存在时调用 curl_multi_cleanup，最后取消定时器。</p>\n";
  return fmt::format(R"(<!DOCTYPE html>
<html lang="zh-cn">
<head>
<meta charset="utf-8">
<title>用 Boost.Asio 驱动 libcurl 的 multi 接口 - 张三 - 博客园</title>
<meta name="description" content="把 libcurl multi 接口交给 Asio 的事件循环。">
<link rel="canonical" href="{0}">
</head>
<body>
<div id="header"><a href="/">博客园</a> <a href="/zhangsan/">首页</a> <a href="/zhangsan/p/">随笔</a></div>
<div id="main">
<div class="post">
<h1 class="postTitle"><a id="cb_post_title_url" href="{0}"><span>用 Boost.Asio 驱动 libcurl 的 multi 接口</span></a></h1>
<div id="cnblogs_post_body" class="blogpost-body">
<p>很多爬虫为每个请求开一个线程，这在几十个并发时还能工作，到了几千个就不行了。</p>
<p>{1}</p>
<p>做法是：CURLMOPT_SOCKETFUNCTION 告诉我们要等哪个套接字，CURLMOPT_TIMERFUNCTION 告诉我们下一次超时；
两者都交给 Asio，然后调用 curl_multi_socket_action。</p>
<pre><code>curl_multi_socket_action(multi, fd, events, &amp;running);</code></pre>
{2}<p>这样一个线程就能驱动所有连接，CPU 主要花在解析页面上。</p>
</div>
<div class="postDesc">posted @ <span id="post-date">2025-02-14 10:00</span> 张三 阅读({3}) 评论({4}) <a href="/zhangsan/p/18000001.html#edit">编辑</a></div>
</div>
<div id="blog_post_info">推荐 关注 收藏该文</div>
<div id="comment_form">发表评论</div>
</div>
<div id="sideBar"><h3>随笔分类</h3><ul><li><a href="/zhangsan/category/cpp.html">C++ (12)</a></li></ul></div>
<div id="footer">Copyright © 2025 张三 Powered by .NET on Kubernetes</div>
</body>
</html>
)",
                     kCnblogsPath, second_paragraph, added, views, comments);
}

std::string InfoqPage(int state) {
  const int views = 4 + state * 3;
  return fmt::format(R"(<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<title>LevelDB 的写放大与调优实践_数据库_李四_InfoQ写作社区</title>
<meta property="og:title" content="LevelDB 的写放大与调优实践_数据库_李四_InfoQ写作社区">
<meta property="og:type" content="article">
<meta name="author" content="李四">
<meta property="article:published_time" content="2025-01-20T09:30:00+08:00">
</head>
<body>
<header class="nav"><a href="/">InfoQ 写作社区</a> <a href="/hot">热门</a> <a href="/write">写文章</a></header>
<main>
<article>
<h1 class="article-title">LevelDB 的写放大与调优实践</h1>
<div class="article-info"><span class="author-name">李四</span> <span class="date">2025 年 01 月 20 日</span> 北京 本文字数：812 字 阅读完需：约 3 分钟 阅读数：{0}</div>
<div class="ProseMirror">
<p>LevelDB 的默认写缓冲只有 4 MB，大批量写入时压缩会反过来限制写入速度。</p>
<h2>测量</h2>
<p>在 45 KB 的值上，默认设置约 83 MB/s；把写缓冲调到 64 MB 并按 100 条一批写入，约 364 MB/s。</p>
<p>调优之前先测量，调优之后再测量一次。</p>
</div>
<div class="tags"><a href="/tag/leveldb">LevelDB</a> <a href="/tag/db">数据库</a></div>
</article>
</main>
<aside class="recommend"><h3>推荐阅读</h3><ul><li><a href="/article/0000">RocksDB 入门</a></li></ul></aside>
<footer>InfoQ 写作社区 © 2025</footer>
</body>
</html>
)",
                     views);
}

std::string WordpressPage(int state) {
  const int views = 1234 + state * 250;
  const int likes = 56 + state * 5;
  return fmt::format(R"(<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8">
<title>Diffing article revisions that read well &#8211; Notes on Crawling</title>
<meta property="og:title" content="Diffing article revisions that read well">
<meta property="article:published_time" content="2025-02-14T08:15:00+00:00">
<script type="application/ld+json">{{"@context":"https://schema.org","@graph":[{{"@type":"WebSite","name":"Notes on Crawling"}},{{"@type":"BlogPosting","headline":"Diffing article revisions that read well","datePublished":"2025-02-14T08:15:00+00:00","author":{{"@type":"Person","name":"Jane Doe"}},"keywords":"diff,archiving"}}]}}</script>
</head>
<body class="single-post">
<nav class="main-navigation"><a href="/">Home</a> <a href="/about/">About</a> <a href="/archives/">Archives</a></nav>
<div id="content">
<article class="post">
<h1 class="entry-title">Diffing article revisions that read well</h1>
<div class="entry-meta">By <a rel="author" href="/author/jane/">Jane Doe</a> on <time datetime="2025-02-14T08:15:00+00:00">February 14, 2025</time> &middot; {0} views</div>
<div class="entry-content">
<p>A diff that marks every line as changed because one paragraph moved is worse than no diff at all.</p>
<p>Align paragraphs first, then compare words for Latin text and characters for Chinese or Japanese text.</p>
<p>Finally, classify the edit: a typo fix, a rewording, or a substantive change.</p>
<div class="sharedaddy">Share this: Twitter Facebook</div>
</div>
<footer class="entry-footer"><span class="likes">{1} likes</span></footer>
</article>
<section class="related-posts"><h3>Related</h3><a href="/2025/01/02/other-post/">Another post</a></section>
</div>
<footer id="colophon">Proudly powered by WordPress</footer>
</body>
</html>
)",
                     views, likes);
}

std::string GhostPage(int state) {
  const int likes = 12 + state * 2;
  return fmt::format(R"(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Why conditional GET matters</title>
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"Article","headline":"Why conditional GET matters","author":{{"@type":"Person","name":"Sam Lee"}},"datePublished":"2025-03-01T12:00:00.000Z","interactionStatistic":{{"@type":"InteractionCounter","interactionType":"https://schema.org/LikeAction","userInteractionCount":{0}}}}}</script>
</head>
<body>
<header class="site-header"><a href="/">Polite Bots</a></header>
<main class="site-main">
<article class="post-full">
<h1 class="post-full-title">Why conditional GET matters</h1>
<section class="post-full-content">
<p>Every revisit that ends in a 304 Not Modified costs the site a few hundred bytes instead of the whole page.</p>
<p>Store the ETag and Last-Modified of the last good fetch, and send them back next time.</p>
</section>
</article>
</main>
</body>
</html>
)",
                     likes);
}

std::string IndexPage() {
  std::string links;
  for (const std::string& p : DemoSite::ArticlePaths()) {
    links += fmt::format("<li><a href=\"{}\">{}</a></li>\n", p, p);
  }
  return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>strata demo site</title>"
         "</head><body><h1>strata demo site</h1><ul>\n" +
         links + "</ul></body></html>\n";
}

devserver::HttpResponse Html(std::string body) {
  devserver::HttpResponse r;
  r.headers.emplace_back("Content-Type", "text/html; charset=utf-8");
  r.body = std::move(body);
  return r;
}

}  // namespace

std::vector<std::string> DemoSite::ArticlePaths() {
  return {kCnblogsPath, kInfoqPath, kWordpressPath, kGhostPath};
}

std::string DemoSite::EditedArticlePath() { return kCnblogsPath; }
std::string DemoSite::DeletedArticlePath() { return kGhostPath; }

devserver::HttpResponse DemoSite::Handle(const devserver::HttpRequest& request) const {
  const int state = state_.load();
  std::string path = request.target.substr(0, request.target.find('?'));
  if (path == "/") return Html(IndexPage());
  if (path == kCnblogsPath) return Html(CnblogsPage(state));
  if (path == kInfoqPath) return Html(InfoqPage(state));
  if (path == kWordpressPath) return Html(WordpressPage(state));
  if (path == kGhostPath && state == 0) return Html(GhostPage(state));
  devserver::HttpResponse r = Html("<html><body><h1>404 Not Found</h1></body></html>");
  r.status = 404;
  return r;
}

}  // namespace strata::demo
