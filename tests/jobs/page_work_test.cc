// The per-page work of the crawl job: which pages are parsed, and how outcomes are described.
#include "crawler/jobs/page_work.h"

#include <gtest/gtest.h>

namespace strata::jobs {
namespace {

FetchedPage Html(std::string body) {
  FetchedPage page;
  page.url = "https://example.com/a";
  page.final_url = page.url;
  page.http_status = 200;
  page.response_headers = {{"Content-Type", "text/html; charset=utf-8"}};
  page.body = std::move(body);
  return page;
}

const char kPage[] =
    "<html><head><title>T</title></head><body><article><p>Hello there, a paragraph long "
    "enough to be the body.</p><a href=\"/b?utm_source=x&id=1\">b</a><a "
    "href=\"/c#frag\">c</a></article></body></html>";

TEST(PageWorkTest, OnlyOkResponsesAreExtracted) {
  FetchedPage page = Html("x");
  EXPECT_TRUE(NeedsExtraction(page));
  page.http_status = 304;
  EXPECT_FALSE(NeedsExtraction(page));
  page.http_status = 200;
  page.outcome = FetchOutcome::kTimeout;
  EXPECT_FALSE(NeedsExtraction(page));
}

TEST(PageWorkTest, ExtractsArticleAndLinksWhenAsked) {
  ExtractSettings settings;
  ExtractedPage without = ExtractPage(Html(kPage), "https://example.com/a", settings);
  ASSERT_TRUE(without.article);
  EXPECT_EQ(without.article->title, "T");
  EXPECT_TRUE(without.article->links.empty());
  // What the archive keeps: the body as text and HTML; Markdown is rendered on reading.
  EXPECT_NE(without.article->body_html.find("Hello there"), std::string::npos);
  EXPECT_EQ(without.article->body_markdown, "");

  settings.collect_links = true;
  ExtractedPage with = ExtractPage(Html(kPage), "https://example.com/a", settings);
  ASSERT_TRUE(with.article);
  EXPECT_EQ(with.article->links,
            (std::vector<std::string>{"https://example.com/b?id=1", "https://example.com/c"}));
}

TEST(PageWorkTest, LinksFollowTheCrawlsUrlOptions) {
  UrlNormalizeOptions keep_tracking;
  keep_tracking.drop_params = {};
  ExtractSettings settings;
  settings.collect_links = true;
  settings.url_options = &keep_tracking;
  ExtractedPage page = ExtractPage(Html(kPage), "https://example.com/a", settings);
  ASSERT_TRUE(page.article);
  // The parser already dropped utm_source with its defaults; renormalising keeps what is left
  // and never adds duplicates.
  ASSERT_EQ(page.article->links.size(), 2u);
}

TEST(PageWorkTest, NonHtmlIsAnErrorNotAnArticle) {
  FetchedPage page = Html("%PDF-1.4");
  page.response_headers = {{"Content-Type", "application/pdf"}};
  ExtractedPage out = ExtractPage(page, page.url, {});
  EXPECT_FALSE(out.article);
  EXPECT_NE(out.error.find("not an HTML page"), std::string::npos);
}

TEST(PageWorkTest, DescribesFailuresWithTheirReason) {
  FetchedPage page = Html("");
  page.outcome = FetchOutcome::kTimeout;
  page.error = "after 60 s";
  page.http_status = 0;
  storage::RecordResult failed{storage::RecordKind::kFailed, 0};
  PageResult r = DescribePage("u", "k", page, {}, failed);
  EXPECT_EQ(r.kind, storage::RecordKind::kFailed);
  EXPECT_NE(r.error.find("after 60 s"), std::string::npos) << r.error;

  r = DescribePage("u", "k", Html(""), {}, Status::IOError("disk full"));
  EXPECT_EQ(r.kind, storage::RecordKind::kFailed);
  EXPECT_NE(r.error.find("archive: "), std::string::npos) << r.error;

  ExtractedPage extracted;
  extracted.article.emplace();
  extracted.article->title = "Title";
  r = DescribePage("u", "k", Html(""), extracted,
                   storage::RecordResult{storage::RecordKind::kNew, 1});
  EXPECT_EQ(r.kind, storage::RecordKind::kNew);
  EXPECT_EQ(r.version, 1);
  EXPECT_EQ(r.title, "Title");
  EXPECT_EQ(r.url, "u");
  EXPECT_EQ(r.key, "k");
}

}  // namespace
}  // namespace strata::jobs
