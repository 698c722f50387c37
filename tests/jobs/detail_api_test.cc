// The crawl job and the JSON APIs of site profiles (shell, issue 6): [api] use = "instead"
// (xie.infoq.cn, juejin), use = "with", and [counters] (cnblogs), each against fixtures in the
// sites' shapes served by the loopback server. The profiles are the user's own, written into a
// temporary sites_dir and pointed at 127.0.0.1: tests never reach the real sites.
#include "crawler/jobs/detail_api.h"

#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "crawler/fetch_loop.h"
#include "crawler/jobs/crawl_job.h"
#include "tests/support/temp_dir.h"
#include "tools/devserver/local_http_server.h"

namespace strata::jobs {
namespace {

std::string ReadParserFixture(const std::string& name) {
  std::ifstream in(std::string(STRATA_SOURCE_DIR) + "/tests/parser/data/" + name, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  EXPECT_FALSE(out.str().empty()) << name;
  return out.str();
}

// xie.infoq.cn's profile, pointed at the loopback server (the shipped one's [api] with the
// host changed).
constexpr const char* kInfoqProfile = R"(hosts = ["127.0.0.1"]
utc_offset = "+08:00"
[api]
match = '^http://127\.0\.0\.1:\d+/article/(?P<uuid>[0-9a-f]+)'
method = "POST"
url = "/public/v1/article/getDetail"
json = '{"uuid": "{uuid}"}'
headers = ["Referer: {url}", "Origin: https://xie.infoq.cn"]
body_format = "prosemirror"
[api.fields]
title = "data.article_title"
author = "data.author[0].nickname"
published = "data.publish_time"
body = "data.content"
description = "data.article_summary"
views = "data.views"
tags = "data.label[].name"
)";

constexpr const char* kJuejinProfile = R"(hosts = ["127.0.0.1"]
[api]
match = '^http://127\.0\.0\.1:\d+/post/(?P<article_id>\d+)'
method = "POST"
url = "/content_api/v1/article/detail"
json = '{"article_id": "{article_id}"}'
body_format = "markdown"
[api.fields]
title = "data.article_info.title"
author = "data.author_user_info.user_name"
published = "data.article_info.ctime"
modified = "data.article_info.mtime"
body = "data.article_info.mark_content"
views = "data.article_info.view_count"
tags = "data.tags[].tag_name"
)";

constexpr const char* kCnblogsProfile = R"(hosts = ["127.0.0.1"]
[fields]
title = "#cb_post_title_url"
body = "#cnblogs_post_body"
[counters]
match = '^http://127\.0\.0\.1:\d+/(?P<blog>[A-Za-z0-9_-]+)/p/'
method = "POST"
url = "/{blog}/ajax/GetPostStat"
json = '[{post_id}]'
headers = ["Referer: {url}", "X-Requested-With: XMLHttpRequest"]
[counters.page]
post_id = 'cb_entryId\s*=\s*(\d+)'
[counters.fields]
views = "$[0].viewCount"
comments = "$[0].feedbackCount"
likes = "$[0].diggCount"
)";

// use = "with": the page is read, then the API adds the modification time and the counters.
constexpr const char* kWithProfile = R"(hosts = ["127.0.0.1"]
[api]
match = '^http://127\.0\.0\.1:\d+/(?P<blog>[A-Za-z0-9_-]+)/p/(?P<id>\d+)'
use = "with"
url = "/api/meta/{id}"
[api.fields]
modified = "mtime"
views = "views"
)";

constexpr const char* kCnblogsPage =
    R"(<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<title>Go 的调度器 - someone - 博客园</title></head><body>
<div id="post_detail"><h1 class="postTitle"><a id="cb_post_title_url" href="/someone/p/18712345">Go 的调度器</a></h1>
<div id="cnblogs_post_body" class="blogpost-body">
<p>Go 的调度器把 goroutine 放到逻辑处理器 P 上运行，每个 P 有自己的本地队列。</p>
<p>当本地队列为空时，P 会从全局队列或其他 P 的队列中窃取任务，这就是工作窃取。</p>
</div>
<div class="postDesc">posted @ 2025-02-14 10:00 someone 阅读(<span id="post_view_count">...</span>)
评论(<span id="post_comment_count">...</span>)</div></div>
<script>var currentBlogApp = 'someone', cb_enable_mathjax = false; var cb_entryId = 18712345;</script>
</body></html>)";

class DetailApiCrawlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto archive = storage::Archive::Open(dir_.Sub("archive"));
    ASSERT_TRUE(archive.ok()) << archive.status().ToString();
    archive_ = std::move(archive).value();
    config_.politeness.min_delay_ms = 0;  // our own loopback site
    config_.extract.sites_dir = dir_.Sub("sites");
    std::filesystem::create_directories(config_.extract.sites_dir);
  }

  void WriteProfile(const std::string& name, const std::string& text) {
    std::ofstream(config_.extract.sites_dir + "/" + name) << text;
  }

  devserver::HttpResponse Handle(const devserver::HttpRequest& request) {
    devserver::HttpResponse response;
    const std::string& target = request.target;
    auto json = [&](std::string body) {
      response.headers.emplace_back("Content-Type", "application/json; charset=utf-8");
      response.body = std::move(body);
    };
    if (target == "/public/v1/article/getDetail" && request.method == "POST") {
      const nlohmann::json asked = nlohmann::json::parse(request.body, nullptr, false);
      if (!asked.is_discarded() && asked.value("uuid", "") == "5a1b2c3d4e5f60718293a4b5c") {
        json(infoq_answer_);
      } else {
        json(R"({"code":-1,"data":null,"error":{"code":451,"msg":"文章不存在"}})");
      }
    } else if (target == "/content_api/v1/article/detail" && request.method == "POST") {
      json(juejin_answer_);
    } else if (target == "/someone/ajax/GetPostStat" && request.method == "POST") {
      json(
          stat_fails_
              ? ""
              : R"([{"postId":18712345,"viewCount":1523,"feedbackCount":4,"diggCount":12,"buryCount":0}])");
      if (stat_fails_) response.status = 404;  // not retried: the test stays fast
    } else if (target == "/api/meta/18712345") {
      json(R"({"mtime": 1739584800, "views": 99})");
      if (meta_fails_) {
        response.status = 404;
        response.body = "{}";
      }
    } else if (target.starts_with("/p2/")) {
      response.headers.emplace_back("Content-Type", "text/html; charset=utf-8");
      response.body = nuxt_page_;
    } else if (target == "/someone/p/18712345" || target.starts_with("/article/") ||
               target.starts_with("/post/")) {
      response.headers.emplace_back("Content-Type", "text/html; charset=utf-8");
      // The article pages of the shell sites are shells: if the job fetched them, it would
      // find nothing.
      response.body = target.starts_with("/someone/")
                          ? kCnblogsPage
                          : "<html><body><div id=\"app\"></div><script src=\"/app.js\"></script>"
                            "</body></html>";
    } else {
      response.status = 404;
      response.body = "not found";
    }
    return response;
  }

  std::vector<PageResult> Crawl(const std::string& path) {
    std::vector<PageResult> results;
    Result<CrawlSummary> summary = CrawlUrls({server_.base_url() + path}, *archive_, config_,
                                             [&](const PageResult& r) { results.push_back(r); });
    EXPECT_TRUE(summary.ok()) << summary.status().ToString();
    return results;
  }

  std::vector<devserver::HttpRequest> RequestsTo(const std::string& target) const {
    std::vector<devserver::HttpRequest> out;
    for (const devserver::HttpRequest& r : server_.requests()) {
      if (r.target == target) out.push_back(r);
    }
    return out;
  }

  storage::Version Latest(const std::string& path) {
    Result<storage::ArticleHead> head = archive_->Head(server_.base_url() + path);
    EXPECT_TRUE(head.ok()) << head.status().ToString();
    if (!head.ok()) return {};
    Result<storage::Version> version =
        archive_->GetVersion(server_.base_url() + path, head->latest_version);
    EXPECT_TRUE(version.ok()) << version.status().ToString();
    return version.ok() ? *version : storage::Version();
  }

  crawler::CurlGlobal curl_;
  testing::TempDir dir_;
  std::string infoq_answer_ = ReadParserFixture("api/infoq_detail.json");
  std::string juejin_answer_ = ReadParserFixture("api/juejin_detail.json");
  std::string nuxt_page_;
  std::atomic<bool> stat_fails_{false};
  std::atomic<bool> meta_fails_{false};
  devserver::LocalHttpServer server_{
      [this](const devserver::HttpRequest& request) { return Handle(request); }};
  config::Config config_;
  std::unique_ptr<storage::Archive> archive_;
};

TEST_F(DetailApiCrawlTest, InfoqArticlesComeFromTheDetailApi) {
  WriteProfile("infoq_xie.toml", kInfoqProfile);  // replaces the shipped profile of that name
  const std::string path = "/article/5a1b2c3d4e5f60718293a4b5c";
  std::vector<PageResult> results = Crawl(path);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].kind, storage::RecordKind::kNew) << results[0].error;
  EXPECT_EQ(results[0].title, "一致性哈希的原理与实现");

  // One POST to the API with the uuid and the headers the profile gives; the shell page itself
  // was never fetched.
  EXPECT_TRUE(RequestsTo(path).empty());
  std::vector<devserver::HttpRequest> api = RequestsTo("/public/v1/article/getDetail");
  ASSERT_EQ(api.size(), 1u);
  EXPECT_EQ(api[0].method, "POST");
  EXPECT_EQ(nlohmann::json::parse(api[0].body),
            nlohmann::json({{"uuid", "5a1b2c3d4e5f60718293a4b5c"}}));
  EXPECT_EQ(FindHeader(api[0].headers, "referer"), server_.base_url() + path);
  EXPECT_EQ(FindHeader(api[0].headers, "origin"), "https://xie.infoq.cn");
  EXPECT_TRUE(FindHeader(api[0].headers, "content-type").starts_with("application/json"));

  const storage::Version v = Latest(path);
  EXPECT_EQ(v.number, 1);
  EXPECT_EQ(v.article.url, server_.base_url() + path);
  EXPECT_EQ(v.article.author, "张三");
  EXPECT_EQ(v.article.published, "2025-02-14T02:00:00Z");
  EXPECT_EQ(v.article.tags, (std::vector<std::string>{"Go", "分布式"}));
  EXPECT_NE(v.article.body.find("一致性哈希让节点增减时只迁移少量的键"), std::string::npos)
      << v.article.body;
  EXPECT_NE(v.article.body_markdown.find("```go"), std::string::npos);
  // The raw response the archive keeps is the API's answer.
  Result<storage::RawResponse> raw = archive_->GetRaw(v.raw_hash);
  ASSERT_TRUE(raw.ok()) << raw.status().ToString();
  EXPECT_EQ(raw->body, infoq_answer_);
  EXPECT_EQ(raw->url, server_.base_url() + "/public/v1/article/getDetail");
  Result<std::vector<storage::CounterSample>> counters =
      archive_->CounterSeries(server_.base_url() + path);
  ASSERT_TRUE(counters.ok());
  ASSERT_EQ(counters->size(), 1u);
  EXPECT_EQ(counters->at(0).counters.views, 2345);

  // A second visit: the same answer, no new version.
  results = Crawl(path);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].kind, storage::RecordKind::kUnchanged) << results[0].error;
  EXPECT_EQ(results[0].version, 1);
}

TEST_F(DetailApiCrawlTest, AnErrorAnswerIsAFailedFetch) {
  WriteProfile("infoq_xie.toml", kInfoqProfile);
  std::vector<PageResult> results = Crawl("/article/0000000000000000000000000");
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].kind, storage::RecordKind::kFailed);
  EXPECT_NE(results[0].error.find("API answer has no article (code -1, error 文章不存在)"),
            std::string::npos)
      << results[0].error;
}

TEST_F(DetailApiCrawlTest, JuejinArticlesWithTheirModifiedTime) {
  WriteProfile("juejin.toml", kJuejinProfile);
  std::vector<PageResult> results = Crawl("/post/7340000000000000001");
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].kind, storage::RecordKind::kNew) << results[0].error;
  std::vector<devserver::HttpRequest> api = RequestsTo("/content_api/v1/article/detail");
  ASSERT_EQ(api.size(), 1u);
  EXPECT_EQ(nlohmann::json::parse(api[0].body),
            nlohmann::json({{"article_id", "7340000000000000001"}}));
  const storage::Version v = Latest("/post/7340000000000000001");
  EXPECT_EQ(v.article.title, "深入理解 Vue 3 响应式原理");
  EXPECT_EQ(v.article.modified, "2025-02-15T02:00:00Z");
  EXPECT_NE(v.article.body.find("可以拦截数组下标"), std::string::npos) << v.article.body;
  EXPECT_NE(v.article.body_markdown.find("| Vue 2 | defineProperty |"), std::string::npos);

  // The site edits the article (its mtime moves): a new version.
  juejin_answer_ = [&] {
    nlohmann::json edited = nlohmann::json::parse(juejin_answer_);
    edited["data"]["article_info"]["mtime"] = "1739671200";
    edited["data"]["article_info"]["mark_content"] =
        edited["data"]["article_info"]["mark_content"].get<std::string>() + "\n新增一段。\n";
    return edited.dump();
  }();
  results = Crawl("/post/7340000000000000001");
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].kind, storage::RecordKind::kChanged) << results[0].error;
  EXPECT_EQ(Latest("/post/7340000000000000001").article.modified, "2025-02-16T02:00:00Z");
}

TEST_F(DetailApiCrawlTest, JuejinPagesCarryTheirOwnStateAsAnAlternative) {
  // A juejin profile of the user's without the [api]: the server-rendered page is fetched, and
  // its window.__NUXT__ gives the Markdown source and the modification time.
  WriteProfile("juejin.toml", R"(hosts = ["127.0.0.1"]
[fields]
title = "h1.article-title"
body = "#article-root"
[script]
match = '^http://127\.0\.0\.1:\d+/p2/'
variable = "window.__NUXT__"
body_format = "markdown"
[script.fields]
body = "mark_content"
modified = "mtime"
)");
  nuxt_page_ = ReadParserFixture("api/juejin_post_nuxt.html");
  std::vector<PageResult> results = Crawl("/p2/7340000000000000001");
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].kind, storage::RecordKind::kNew) << results[0].error;
  EXPECT_TRUE(RequestsTo("/content_api/v1/article/detail").empty());
  const storage::Version v = Latest("/p2/7340000000000000001");
  EXPECT_EQ(v.article.title, "深入理解 Vue 3 响应式原理");  // the page's
  EXPECT_EQ(v.article.modified, "2025-02-15T02:00:00Z");    // the script's
  // The page shows one paragraph; the script holds the whole Markdown source.
  EXPECT_NE(v.article.body.find("可以拦截数组下标"), std::string::npos) << v.article.body;
}

TEST_F(DetailApiCrawlTest, CnblogsCountersComeFromTheAjaxEndpoint) {
  WriteProfile("cnblogs_local.toml", kCnblogsProfile);
  std::vector<PageResult> results = Crawl("/someone/p/18712345");
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].kind, storage::RecordKind::kNew) << results[0].error;
  EXPECT_EQ(results[0].title, "Go 的调度器");
  std::vector<devserver::HttpRequest> stat = RequestsTo("/someone/ajax/GetPostStat");
  ASSERT_EQ(stat.size(), 1u);
  EXPECT_EQ(stat[0].method, "POST");
  EXPECT_EQ(stat[0].body, "[18712345]");  // the post id read from the page's script
  EXPECT_EQ(FindHeader(stat[0].headers, "x-requested-with"), "XMLHttpRequest");
  Result<std::vector<storage::CounterSample>> counters =
      archive_->CounterSeries(server_.base_url() + "/someone/p/18712345");
  ASSERT_TRUE(counters.ok());
  ASSERT_EQ(counters->size(), 1u);
  EXPECT_EQ(counters->at(0).counters.views, 1523);
  EXPECT_EQ(counters->at(0).counters.comments, 4);
  EXPECT_EQ(counters->at(0).counters.likes, 12);
  // The raw response is the page (the counters are observations).
  Result<storage::RawResponse> raw = archive_->GetRaw(Latest("/someone/p/18712345").raw_hash);
  ASSERT_TRUE(raw.ok());
  EXPECT_EQ(raw->body, kCnblogsPage);

  // The counters endpoint fails: the article is still recorded (unchanged), without counters.
  stat_fails_ = true;
  results = Crawl("/someone/p/18712345");
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].kind, storage::RecordKind::kUnchanged) << results[0].error;
  counters = archive_->CounterSeries(server_.base_url() + "/someone/p/18712345");
  ASSERT_TRUE(counters.ok());
  EXPECT_EQ(counters->size(), 1u);  // no sample from the visit without counters
}

TEST_F(DetailApiCrawlTest, AnApiWithThePageAddsItsFields) {
  WriteProfile("local.toml", std::string(kWithProfile) + R"(
[fields]
title = "#cb_post_title_url"
body = "#cnblogs_post_body"
)");
  std::vector<PageResult> results = Crawl("/someone/p/18712345");
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].kind, storage::RecordKind::kNew) << results[0].error;
  EXPECT_EQ(RequestsTo("/someone/p/18712345").size(), 1u);
  EXPECT_EQ(RequestsTo("/api/meta/18712345").size(), 1u);
  const storage::Version v = Latest("/someone/p/18712345");
  EXPECT_EQ(v.article.title, "Go 的调度器");              // from the page
  EXPECT_EQ(v.article.modified, "2025-02-15T02:00:00Z");  // from the API
  EXPECT_NE(v.article.body.find("工作窃取"), std::string::npos);

  // When the API fails, the fetch fails: the page alone would be a different article.
  meta_fails_ = true;
  results = Crawl("/someone/p/18712345");
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].kind, storage::RecordKind::kFailed);
  EXPECT_NE(results[0].error.find("local api: HTTP 404"), std::string::npos) << results[0].error;
  EXPECT_EQ(Latest("/someone/p/18712345").number, 1);
}

TEST(DetailApiTest, FindPageApisOrdersTheCalls) {
  Result<config::SiteProfile> profile = config::ParseSiteProfile(std::string(kWithProfile) + R"(
[counters]
match = '/p/'
url = "/stat"
[counters.fields]
views = "v"
)",
                                                                 "local", "local.toml");
  ASSERT_TRUE(profile.ok()) << profile.status().ToString();
  Result<parser::ApiProfiles> apis = parser::ApiProfiles::Compile({*profile});
  ASSERT_TRUE(apis.ok()) << apis.status().ToString();
  PageApis page = FindPageApis(&*apis, "http://127.0.0.1:8080/someone/p/42");
  EXPECT_FALSE(page.instead.has_value());
  ASSERT_EQ(page.follow_ups.size(), 2u);
  EXPECT_EQ(page.follow_ups[0].kind, ApiFollowUp::Kind::kDetail);
  EXPECT_EQ(page.follow_ups[1].kind, ApiFollowUp::Kind::kCounters);
  Result<crawler::FetchRequest> request = ApiRequestFor(page.follow_ups[0].match);
  ASSERT_TRUE(request.ok()) << request.status().ToString();
  EXPECT_EQ(request->url, "http://127.0.0.1:8080/api/meta/42");
  EXPECT_EQ(request->method, "GET");
  EXPECT_EQ(FindHeader(request->headers, "accept"), "application/json, text/plain, */*");
  EXPECT_TRUE(FindPageApis(&*apis, "http://127.0.0.1:8080/about").empty());
  EXPECT_TRUE(FindPageApis(nullptr, "http://127.0.0.1:8080/someone/p/42").empty());
}

}  // namespace
}  // namespace strata::jobs
