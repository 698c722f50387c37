// The crawl job and block pages (shell, issue 6): an interstitial, a login wall or an empty
// shell served where an article was is a failed fetch with its reason, never a version, and
// the host is asked less often afterwards.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>

#include "crawler/fetch_loop.h"
#include "crawler/jobs/crawl_job.h"
#include "tests/support/temp_dir.h"
#include "tools/devserver/local_http_server.h"

namespace strata::jobs {
namespace {

constexpr const char* kArticle = R"(<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<title>分布式锁的三种实现</title></head><body>
<article><h1>分布式锁的三种实现</h1>
<p>分布式锁要解决的问题是：多个进程在不同的机器上，如何保证同一时间只有一个进程进入临界区。</p>
<p>第一种实现基于数据库的唯一索引，简单但性能有限；第二种基于 Redis 的 SET NX 与过期时间。</p>
<p>第三种基于 ZooKeeper 的临时顺序节点，可靠性最高，代价是更重的依赖和更长的延迟。</p>
</article></body></html>)";

// What CSDN serves under load: a slider verification, with 200.
constexpr const char* kSecurityCheck = R"(<!DOCTYPE html><html lang="zh-CN"><head>
<meta charset="utf-8"><title>安全验证 - CSDN</title></head><body>
<div class="verify-box"><h2>安全验证</h2><p>为了保障您的账号安全，请完成下方验证后继续访问。</p>
<div id="nc_1_wrapper"></div></div>
<script src="https://g.alicdn.com/AWSC/AWSC/awsc.js"></script></body></html>)";

// The article's first paragraph and a login wall, in the site's chrome (more text than a dialog:
// the response check lets it through, the article's check does not).
constexpr const char* kTeaser = R"(<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<title>分布式锁的三种实现</title></head><body>
<header><nav><a href="/">首页</a> <a href="/hot">热门文章</a> <a href="/tags">标签</a>
<a href="/about">关于我们</a> <a href="/app">下载客户端</a> <a href="/jobs">招聘</a></nav></header>
<aside><h3>推荐阅读</h3><ul><li><a href="/post/7">一致性哈希的原理与实现</a></li>
<li><a href="/post/8">从零实现一个 Raft 协议</a></li><li><a href="/post/9">缓存雪崩、击穿与穿透</a></li>
<li><a href="/post/10">消息队列的顺序消费</a></li><li><a href="/post/11">数据库连接池的参数如何设置</a></li>
<li><a href="/post/12">一次线上内存泄漏的排查过程</a></li><li><a href="/post/13">服务网格的数据面与控制面</a></li>
<li><a href="/post/14">读写分离之后的一致性问题</a></li></ul></aside>
<article><h1>分布式锁的三种实现</h1>
<p>分布式锁要解决的问题是：多个进程在不同的机器上，如何保证同一时间只有一个进程进入临界区。</p>
<p class="wall">登录后查看全文</p>
</article>
<footer><p>© 2025 示例开发者社区 · 京ICP备00000000号 · 联系我们 · 隐私政策 · 用户协议 · 侵权投诉</p>
</footer></body></html>)";

// A shell with the site's chrome: enough text around it to pass the response check, no article.
constexpr const char* kChromeShell =
    R"(<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<title>分布式锁的三种实现</title></head><body>
<header><nav><a href="/">首页</a> <a href="/hot">热门文章</a> <a href="/tags">标签</a>
<a href="/about">关于我们</a></nav></header>
<div id="app"></div>
<footer><p>© 2025 示例开发者社区 · 京ICP备00000000号 · 联系我们 · 隐私政策</p></footer>
<script src="/static/app.js"></script></body></html>)";

enum class Mode { kArticle, kSecurityCheck, kTeaser, kChromeShell, kTiny403 };

class CrawlBlockPagesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto archive = storage::Archive::Open(dir_.Sub("archive"));
    ASSERT_TRUE(archive.ok()) << archive.status().ToString();
    archive_ = std::move(archive).value();
    config_.politeness.min_delay_ms = 0;  // our own loopback site
    config_.politeness.per_host_concurrency = 1;
    config_.politeness.max_delay_ms = kMaxDelayMs;  // the back-off's ceiling
    config_.extract.site_profiles = false;
  }

  devserver::HttpResponse Handle(const devserver::HttpRequest& request) {
    devserver::HttpResponse response;
    response.headers.emplace_back("Content-Type", "text/html; charset=utf-8");
    if (request.target == "/post/2") {
      response.body = kArticle;
      return response;
    }
    if (request.target != "/post/1") {
      response.status = 404;
      response.body = "not found";
      return response;
    }
    switch (mode_.load()) {
      case Mode::kArticle:
        response.body = kArticle;
        break;
      case Mode::kSecurityCheck:
        response.body = kSecurityCheck;
        break;
      case Mode::kTeaser:
        response.body = kTeaser;
        break;
      case Mode::kChromeShell:
        response.body = kChromeShell;
        break;
      case Mode::kTiny403:
        response.status = 403;
        response.body =
            "<html><head><title>403 Forbidden</title></head><body><h1>403 "
            "Forbidden</h1></body></html>";
        break;
    }
    return response;
  }

  std::vector<PageResult> Crawl(const std::vector<std::string>& paths) {
    std::vector<std::string> urls;
    for (const std::string& path : paths) urls.push_back(server_.base_url() + path);
    std::vector<PageResult> results;
    Result<CrawlSummary> summary =
        CrawlUrls(urls, *archive_, config_, [&](const PageResult& r) { results.push_back(r); });
    EXPECT_TRUE(summary.ok()) << summary.status().ToString();
    return results;
  }

  std::string Url(const std::string& path) const { return server_.base_url() + path; }

  // The last request the server received for `target`.
  std::optional<devserver::HttpRequest> LastRequest(const std::string& target) const {
    std::optional<devserver::HttpRequest> last;
    for (const devserver::HttpRequest& r : server_.requests()) {
      if (r.target == target) last = r;
    }
    return last;
  }

  // Visits /post/1 once as an article (version 1), then once in `mode`; returns the second
  // visit's result.
  PageResult VisitTwice(Mode mode) {
    std::vector<PageResult> first = Crawl({"/post/1"});
    EXPECT_EQ(first.size(), 1u);
    EXPECT_EQ(first.at(0).kind, storage::RecordKind::kNew) << first.at(0).error;
    mode_ = mode;
    std::vector<PageResult> second = Crawl({"/post/1"});
    EXPECT_EQ(second.size(), 1u);
    return second.at(0);
  }

  void ExpectStillVersionOne(const std::string& reason_part) {
    Result<std::vector<storage::Version>> versions = archive_->Versions(Url("/post/1"));
    ASSERT_TRUE(versions.ok()) << versions.status().ToString();
    ASSERT_EQ(versions->size(), 1u);
    EXPECT_EQ(versions->at(0).article.title, "分布式锁的三种实现");
    Result<std::vector<storage::Observation>> observations = archive_->Observations(Url("/post/1"));
    ASSERT_TRUE(observations.ok());
    ASSERT_EQ(observations->size(), 2u);
    const storage::Observation& last = observations->back();
    EXPECT_EQ(last.kind, storage::RecordKind::kFailed);
    EXPECT_EQ(last.version, 1);
    EXPECT_NE(last.error.find(reason_part), std::string::npos) << last.error;
    Result<storage::ArticleHead> head = archive_->Head(Url("/post/1"));
    ASSERT_TRUE(head.ok());
    EXPECT_EQ(head->latest_version, 1);
    EXPECT_EQ(head->title, "分布式锁的三种实现");
  }

  static constexpr int64_t kMaxDelayMs = 600;
  crawler::CurlGlobal curl_;
  testing::TempDir dir_;
  std::atomic<Mode> mode_{Mode::kArticle};
  devserver::LocalHttpServer server_{
      [this](const devserver::HttpRequest& request) { return Handle(request); }};
  config::Config config_;
  std::unique_ptr<storage::Archive> archive_;
};

TEST_F(CrawlBlockPagesTest, ASecurityCheckIsAFailedFetchAndTheHostBacksOff) {
  std::vector<PageResult> first = Crawl({"/post/1"});
  ASSERT_EQ(first.size(), 1u);
  ASSERT_EQ(first[0].kind, storage::RecordKind::kNew) << first[0].error;

  // The second visit gets a 200 "安全验证" page; /post/2 waits behind it (one request at a time
  // per host, no delay configured).
  mode_ = Mode::kSecurityCheck;
  std::vector<PageResult> second = Crawl({"/post/1", "/post/2"});
  ASSERT_EQ(second.size(), 2u);
  const PageResult& blocked = second[0].key == Url("/post/1") ? second[0] : second[1];
  const PageResult& other = second[0].key == Url("/post/1") ? second[1] : second[0];
  EXPECT_EQ(blocked.kind, storage::RecordKind::kFailed);
  EXPECT_EQ(blocked.http_status, 200);
  EXPECT_NE(blocked.error.find("blocked: anti-bot interstitial: \"安全验证\""), std::string::npos)
      << blocked.error;
  EXPECT_EQ(blocked.version, 1);
  EXPECT_EQ(other.kind, storage::RecordKind::kNew) << other.error;
  ExpectStillVersionOne("安全验证");
  Result<std::vector<storage::Observation>> observations = archive_->Observations(Url("/post/1"));
  ASSERT_TRUE(observations.ok());
  EXPECT_EQ(observations->back().outcome, FetchOutcome::kBlocked);

  // The request after the block page waited for the back-off: the host's gap went from 0 to
  // max_delay (the first step is 1 s, capped there). The block page's own request started
  // before the server received it, so the gap between receptions is at least the back-off less
  // that request's latency: 200 ms leaves it 400 ms.
  std::optional<devserver::HttpRequest> block_request = LastRequest("/post/1");
  std::optional<devserver::HttpRequest> next_request = LastRequest("/post/2");
  ASSERT_TRUE(block_request && next_request);
  EXPECT_GE(next_request->received_at - block_request->received_at,
            std::chrono::milliseconds(kMaxDelayMs - 400));
}

TEST_F(CrawlBlockPagesTest, ALoginWallTeaserIsNotANewVersion) {
  const PageResult second = VisitTwice(Mode::kTeaser);
  EXPECT_EQ(second.kind, storage::RecordKind::kFailed);
  EXPECT_NE(second.error.find("login wall: the article is cut off at \"登录后查看全文\""),
            std::string::npos)
      << second.error;
  ExpectStillVersionOne("登录后查看全文");
}

TEST_F(CrawlBlockPagesTest, AnEmptyShellNeverReplacesAVersionWithText) {
  const PageResult second = VisitTwice(Mode::kChromeShell);
  EXPECT_EQ(second.kind, storage::RecordKind::kFailed);
  EXPECT_NE(second.error.find("almost no article text"), std::string::npos) << second.error;
  ExpectStillVersionOne("where version 1 has");
}

TEST_F(CrawlBlockPagesTest, ATiny403IsABlockPage) {
  const PageResult second = VisitTwice(Mode::kTiny403);
  EXPECT_EQ(second.kind, storage::RecordKind::kFailed);
  EXPECT_EQ(second.http_status, 403);
  EXPECT_NE(second.error.find("HTTP 403 with a"), std::string::npos) << second.error;
  ExpectStillVersionOne("\"403 Forbidden\": a block page");
}

TEST_F(CrawlBlockPagesTest, RecognitionCanBeTurnedOff) {
  // [extract] block_pages = false: the interstitial is taken for the article (a new version),
  // which is what the recognition prevents.
  config_.extract.block_pages = false;
  const PageResult second = VisitTwice(Mode::kSecurityCheck);
  EXPECT_EQ(second.kind, storage::RecordKind::kChanged) << second.error;
  EXPECT_EQ(second.version, 2);
}

}  // namespace
}  // namespace strata::jobs
