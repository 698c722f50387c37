#include "config/site_profile_api.h"

#include <gtest/gtest.h>

#include <string>

#include "config/site_profile.h"

namespace strata::config {
namespace {

Result<SiteProfile> Parse(std::string_view text) {
  return ParseSiteProfile(text, "example", "example.toml");
}

std::string Error(std::string_view text) {
  Result<SiteProfile> profile = Parse(text);
  EXPECT_FALSE(profile.ok()) << text;
  return profile.ok() ? "" : profile.status().message();
}

constexpr const char* kDetail = R"(hosts = ["xie.example.cn"]
[api]
match = '^https://xie\.example\.cn/article/(?P<uuid>[0-9a-f]+)'
method = "POST"
url = "/public/v1/article/getDetail"
json = '{"uuid": "{uuid}"}'
headers = ["Referer: {url}", "Origin: https://xie.example.cn"]
body_format = "prosemirror"
[api.fields]
title = "data.article_title"
author = ["data.author[0].nickname", "data.author.nickname"]
published = "data.publish_time"
body = "data.content"
tags = "data.label[].name"
views = "data.views"
)";

TEST(SiteProfileApiTest, ReadsADetailApi) {
  Result<SiteProfile> p = Parse(kDetail);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  ASSERT_EQ(p->apis.detail.size(), 1u);
  EXPECT_TRUE(p->apis.counters.empty());
  const SiteApi& api = p->apis.detail[0];
  EXPECT_EQ(api.key, "api");
  EXPECT_EQ(api.use, ApiUse::kInstead);
  EXPECT_EQ(api.body_format, BodyFormat::kProseMirror);
  EXPECT_EQ(api.request.method, "POST");
  EXPECT_EQ(api.request.body_kind, BodyKind::kJson);
  EXPECT_EQ(api.fields.title, (std::vector<std::string>{"data.article_title"}));
  EXPECT_EQ(api.fields.author,
            (std::vector<std::string>{"data.author[0].nickname", "data.author.nickname"}));
  EXPECT_EQ(api.fields.tags, (std::vector<std::string>{"data.label[].name"}));
  EXPECT_TRUE(api.fields.modified.empty());
  std::optional<TemplateValues> values = api.match.Match("https://xie.example.cn/article/5a1b");
  ASSERT_TRUE(values.has_value());
  EXPECT_EQ(values->at("uuid"), "5a1b");
  EXPECT_FALSE(api.match.Match("https://xie.example.cn/u/someone").has_value());
}

TEST(SiteProfileApiTest, ReadsSeveralApisAndCounters) {
  Result<SiteProfile> p = Parse(R"(hosts = ["www.example.com"]
[[api]]
match = 'example\.com/a/(?P<id>\d+)'
url = "https://api.example.com/a/{id}"
use = "with"
body_format = "markdown"
[api.fields]
modified = "data.mtime"

[[api]]
match = 'example\.com/b/(?P<id>\d+)'
url = "https://api.example.com/b/{id}"
[api.fields]
body = "text"

[counters]
match = 'www\.example\.com/(?P<blog>\w+)/p/'
method = "POST"
url = "/{blog}/ajax/GetPostStat"
json = '[{post_id}]'
[counters.page]
post_id = 'cb_entryId\s*=\s*(\d+)'
[counters.fields]
views = "$[0].viewCount"
likes = "$[0].diggCount"
)");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  ASSERT_EQ(p->apis.detail.size(), 2u);
  EXPECT_EQ(p->apis.detail[0].key, "api[0]");
  EXPECT_EQ(p->apis.detail[0].use, ApiUse::kWith);
  EXPECT_EQ(p->apis.detail[0].body_format, BodyFormat::kMarkdown);
  EXPECT_EQ(p->apis.detail[1].key, "api[1]");
  EXPECT_EQ(p->apis.detail[1].body_format, BodyFormat::kHtml);  // the default
  ASSERT_EQ(p->apis.counters.size(), 1u);
  const SiteApi& counters = p->apis.counters[0];
  ASSERT_EQ(counters.page_values.size(), 1u);
  EXPECT_EQ(counters.page_values[0].name, "post_id");
  EXPECT_EQ(counters.fields.views, (std::vector<std::string>{"$[0].viewCount"}));
}

TEST(SiteProfileApiTest, ErrorsNameTheFileAndTheKey) {
  const std::string base = "hosts = [\"x.test\"]\n";
  EXPECT_EQ(Error(base + "[api]\nurl = \"https://x.test/a\"\n[api.fields]\ntitle = \"t\"\n"),
            "example.toml: api.match: required: a regular expression matched against the "
            "article's URL, with named groups for the request (?P<id>...)");
  EXPECT_NE(Error(base + "[api]\nmatch = '(?P<id>\\d+'\nurl = \"https://x.test/a\"\n"
                         "[api.fields]\ntitle = \"t\"\n")
                .find("example.toml: api.match: bad regular expression"),
            std::string::npos);
  EXPECT_EQ(Error(base + "[api]\nmatch = 'x\\.test/(?P<id>\\d+)'\nurl = \"https://x.test/{uid}\"\n"
                         "[api.fields]\ntitle = \"t\"\n"),
            "example.toml: api.url: unknown placeholder {uid} (available: id, url)");
  EXPECT_EQ(Error(base + "[api]\nmatch = 'x'\nurl = \"https://x.test/a\"\nbody_format = \"rtf\"\n"
                         "[api.fields]\ntitle = \"t\"\n"),
            "example.toml: api.body_format: must be prosemirror, html, markdown or text");
  EXPECT_EQ(Error(base + "[api]\nmatch = 'x'\nurl = \"https://x.test/a\"\nuse = \"also\"\n"
                         "[api.fields]\ntitle = \"t\"\n"),
            "example.toml: api.use: must be \"instead\" (the API replaces the page) or \"with\" "
            "(both)");
  EXPECT_EQ(Error(base + "[api]\nmatch = 'x'\nurl = \"https://x.test/a\"\n"
                         "[api.fields]\ntitel = \"t\"\n"),
            "example.toml: api.fields.titel: unknown key");
  EXPECT_EQ(Error(base + "[api]\nmatch = 'x'\nurl = \"https://x.test/a\"\n"
                         "[api.fields]\nviews = \"v\"\n"),
            "example.toml: api.fields: an API used instead of the page must give a title or a "
            "body");
  EXPECT_EQ(Error(base + "[api]\nmatch = 'x'\nurl = \"https://x.test/a\"\n"),
            "example.toml: api.fields: required: the JSON paths of the article's fields");
  EXPECT_EQ(Error(base + "[api]\nmatch = 'x'\nurl = \"https://x.test/a\"\nretries = 3\n"
                         "[api.fields]\ntitle = \"t\"\n"),
            "example.toml: api.retries: unknown key");
  EXPECT_EQ(Error(base + "[counters]\nmatch = 'x'\nurl = \"https://x.test/a\"\n"
                         "[counters.fields]\ntitle = \"t\"\n"),
            "example.toml: counters.fields.title: [counters] reads only views, likes and "
            "comments");
  EXPECT_NE(Error(base + "[counters]\nmatch = 'x'\nurl = \"https://x.test/a\"\n"
                         "[counters.page]\nid = '(\\d+'\n[counters.fields]\nviews = \"v\"\n")
                .find("example.toml: counters.page.id: bad regular expression '(\\d+'"),
            std::string::npos);
  EXPECT_EQ(
      Error(base + "[counters]\nmatch = 'x'\nurl = \"https://x.test/a\"\n"
                   "[counters.page]\nid = '(\\d+)-(\\d+)'\n[counters.fields]\nviews = \"v\"\n"),
      "example.toml: counters.page.id: give at most one capturing group: its text is the "
      "value");
  EXPECT_EQ(Error(base + "[counters]\nmatch = 'x'\nurl = \"https://x.test/{post}\"\n"
                         "[counters.fields]\nviews = \"v\"\n"),
            "example.toml: counters.url: unknown placeholder {post} (available: url)");
  EXPECT_EQ(Error(base + "api = 3\n"), "example.toml: api: must be a table");
  EXPECT_EQ(Error(base + "[script]\nmatch = 'x'\n[script.fields]\nbody = \"b\"\n"),
            "example.toml: script.variable: required: what the script assigns "
            "(\"window.__NUXT__\")");
  EXPECT_EQ(Error(base + "[script]\nmatch = 'x'\nvariable = \"v\"\n"),
            "example.toml: script.fields: required: the keys of the article's fields");
}

TEST(SiteProfileApiTest, ShippedProfilesDescribeTheirApis) {
  Result<std::vector<SiteProfile>> profiles = LoadSiteProfiles("");
  ASSERT_TRUE(profiles.ok()) << profiles.status().ToString();
  auto find = [&](const std::string& name) -> const SiteProfile* {
    for (const SiteProfile& p : *profiles) {
      if (p.name == name) return &p;
    }
    return nullptr;
  };
  const SiteProfile* infoq = find("infoq_xie");
  ASSERT_NE(infoq, nullptr);
  ASSERT_EQ(infoq->apis.detail.size(), 1u);
  EXPECT_EQ(infoq->apis.detail[0].body_format, BodyFormat::kProseMirror);
  EXPECT_TRUE(
      infoq->apis.detail[0].match.Match("https://xie.infoq.cn/article/0a1b2c3d").has_value());
  const SiteProfile* juejin = find("juejin");
  ASSERT_NE(juejin, nullptr);
  ASSERT_EQ(juejin->apis.detail.size(), 1u);
  EXPECT_EQ(juejin->apis.detail[0].body_format, BodyFormat::kMarkdown);
  EXPECT_EQ(juejin->apis.detail[0].fields.modified,
            (std::vector<std::string>{"data.article_info.mtime"}));
  ASSERT_EQ(juejin->apis.scripts.size(), 1u);
  EXPECT_EQ(juejin->apis.scripts[0].variable, "window.__NUXT__");
  EXPECT_EQ(juejin->apis.scripts[0].fields.body, (std::vector<std::string>{"mark_content"}));
  const SiteProfile* cnblogs = find("cnblogs");
  ASSERT_NE(cnblogs, nullptr);
  EXPECT_TRUE(cnblogs->apis.detail.empty());
  ASSERT_EQ(cnblogs->apis.counters.size(), 1u);
  EXPECT_TRUE(cnblogs->apis.counters[0]
                  .match.Match("https://www.cnblogs.com/someone/p/18712345.html")
                  .has_value());
  const SiteProfile* csdn = find("csdn");  // server-rendered: no API needed for articles
  ASSERT_NE(csdn, nullptr);
  EXPECT_TRUE(csdn->apis.empty());
}

}  // namespace
}  // namespace strata::config
