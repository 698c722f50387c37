#include "parser/profile_apply.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "parser/extract.h"
#include "parser/page_index.h"

namespace strata::parser {
namespace {

// 2025-02-20T12:00:00Z
constexpr UnixMillis kNow = 1740052800000;

// Compiles profiles written as TOML: {name, text}.
SiteProfiles Compile(const std::vector<std::pair<std::string, std::string>>& files) {
  std::vector<config::SiteProfile> profiles;
  for (const auto& [name, text] : files) {
    Result<config::SiteProfile> p = config::ParseSiteProfile(text, name, name + ".toml");
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    if (p.ok()) profiles.push_back(std::move(*p));
  }
  Result<SiteProfiles> compiled = SiteProfiles::Compile(profiles);
  EXPECT_TRUE(compiled.ok()) << compiled.status().ToString();
  return compiled.ok() ? std::move(*compiled) : SiteProfiles();
}

std::string Selected(const SiteProfiles& profiles, std::string_view host, const std::string& html) {
  const HtmlDocument doc = HtmlDocument::Parse(html);
  const PageIndex index = IndexPage(doc);
  const CompiledProfile* p = SelectProfile(profiles, host, index.meta, doc);
  return p == nullptr ? "" : p->profile.name;
}

TEST(ProfileApplyTest, SelectionPrecedence) {
  const SiteProfiles profiles = Compile({
      {"exact", "hosts = [\"blog.example.com\"]\n"},
      {"wild", "hosts = [\"*.example.com\"]\n"},
      {"wilder", "hosts = [\"*.com\"]\n"},
      {"press", "generators = [\"WordPress\"]\n"},
      {"zsig", "signatures = [\"link[rel='https://api.w.org/']\"]\n"},
      {"asig", "signatures = [\"meta[name=app][content=demo]\", \"#never\"]\n"},
  });
  const std::string plain = "<title>x</title>";
  const std::string wp =
      "<meta name=generator content='WordPress 6.4'><link rel='https://api.w.org/'>";
  const std::string both_sigs = "<link rel='https://api.w.org/'><meta name=app content=demo>";
  EXPECT_EQ(Selected(profiles, "blog.example.com", wp), "exact");    // a host beats a generator
  EXPECT_EQ(Selected(profiles, "news.example.com", plain), "wild");  // longest wildcard
  EXPECT_EQ(Selected(profiles, "a.b.example.com", plain), "wild");
  EXPECT_EQ(Selected(profiles, "other.com", plain), "wilder");
  EXPECT_EQ(Selected(profiles, "example.org", wp), "press");
  EXPECT_EQ(Selected(profiles, "example.org", "<meta name=generator content='wordpress.com'>"),
            "press");  // any case
  EXPECT_EQ(Selected(profiles, "example.org", "<link rel='https://api.w.org/'>"), "zsig");
  EXPECT_EQ(Selected(profiles, "example.org", both_sigs), "asig");  // ties: name order
  EXPECT_EQ(Selected(profiles, "example.org", plain), "");
  EXPECT_EQ(Selected(profiles, "", plain), "");
  EXPECT_EQ(Selected(SiteProfiles(), "blog.example.com", wp), "");
  // "*.example.com" is not example.com itself.
  const SiteProfiles only_wild = Compile({{"wild", "hosts = [\"*.example.com\"]\n"}});
  EXPECT_EQ(Selected(only_wild, "example.com", plain), "");
  EXPECT_EQ(Selected(only_wild, "badexample.com", plain), "");
}

TEST(ProfileApplyTest, RuleValuesReadAttributesAndRegexes) {
  const SiteProfiles profiles = Compile({{"p", R"(
hosts = ["x.test"]
[fields]
title = "h1"
tags = "a.tag"
[fields.published]
selector = "time"
attribute = "DateTime"
[fields.author]
selector = ".meta"
regex = 'by (\w+) on'
[fields.views]
selector = ".meta"
regex = 'views'
)"}});
  ASSERT_EQ(profiles.size(), 1u);
  const CompiledProfile& p = *profiles.profiles()[0];
  const HtmlDocument doc = HtmlDocument::Parse(
      "<h1>  A   title\n</h1><h1></h1><time datetime='2025-02-14'>x</time>"
      "<p class=meta>by jane on Friday, 12 views</p><a class=tag>a</a><a class=tag>b</a>");
  EXPECT_EQ(RuleValues(p.title[0], doc, 0), (std::vector<std::string>{"A title"}));
  EXPECT_EQ(RuleValues(p.published[0], doc, 0), (std::vector<std::string>{"2025-02-14"}));
  EXPECT_EQ(RuleValues(p.author[0], doc, 0), (std::vector<std::string>{"jane"}));
  EXPECT_EQ(RuleValues(p.views[0], doc, 0), (std::vector<std::string>{"views"}));  // whole match
  EXPECT_EQ(RuleValues(p.tags[0], doc, 0), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(RuleValues(p.tags[0], doc, 1), (std::vector<std::string>{"a"}));
}

TEST(ProfileApplyTest, ReadsFieldsAsTheyNeed) {
  const SiteProfiles profiles = Compile({{"p", R"(
hosts = ["x.test"]
utc_offset = "+08:00"
[fields]
title = "h1"
author = ".byline"
views = ".views"
likes = ".likes"
comments = ".comments"
tags = ".tags a"
[[fields.published]]
selector = ".missing"
[[fields.published]]
selector = ".date"
[fields.modified]
selector = ".edited"
[fields.body]
selector = ".post"
exclude = [".ad"]
)"}});
  const HtmlDocument doc = HtmlDocument::Parse(R"(
<h1>Title</h1><span class=byline>作者：张三</span><span class=date>3天前</span>
<span class=edited>2025-02-19 08:00</span>
<span class=views>阅读 1.2万</span><span class=likes>👍 1,234</span><span class=comments>评论(5)</span>
<div class=tags><a>#go</a><a>go</a><a>并发</a></div>
<div class=post><p>First paragraph of the post.</p><div class=ad>Buy now</div>
<div class=share-bar>Share on X</div><p>Second paragraph.</p><div class=post><p>nested</p></div></div>)");
  DateContext dates;
  dates.now = kNow;
  dates.default_offset_minutes = 480;
  const ProfileFields f = ReadProfileFields(*profiles.profiles()[0], doc, dates);
  EXPECT_EQ(f.title, "Title");
  EXPECT_EQ(f.author, "张三");
  EXPECT_EQ(f.published, "2025-02-17");  // relative, against the fetch time
  EXPECT_EQ(f.modified, "2025-02-19T08:00:00+08:00");
  EXPECT_EQ(f.counters.views, 12000);
  EXPECT_EQ(f.counters.likes, 1234);  // the one number in the text
  EXPECT_EQ(f.counters.comments, 5);
  EXPECT_EQ(f.tags, (std::vector<std::string>{"go", "并发"}));
  ASSERT_TRUE(f.body);
  EXPECT_EQ(f.body->roots.size(), 1u);  // the nested .post is inside the first
  EXPECT_EQ(f.body->text, "First paragraph of the post.\nSecond paragraph.\nnested");
}

TEST(ProfileApplyTest, RulesThatFindNothingLeaveTheFieldUnset) {
  const SiteProfiles profiles = Compile({{"p", R"(
hosts = ["x.test"]
[fields]
title = ".nothing"
author = ".byline"
views = ".views"
published = ".date"
body = ".nothing"
)"}});
  const HtmlDocument doc = HtmlDocument::Parse(
      "<span class=byline>https://example.com/u/1</span><span class=views>many</span>"
      "<span class=date>someday</span>");
  const ProfileFields f = ReadProfileFields(*profiles.profiles()[0], doc, {});
  EXPECT_FALSE(f.title);
  EXPECT_FALSE(f.author);  // a URL is not a name
  EXPECT_FALSE(f.counters.views);
  EXPECT_FALSE(f.published);
  EXPECT_FALSE(f.body);
  EXPECT_TRUE(f.tags.empty());
}

TEST(ProfileApplyTest, ProfileOverridesTheCascadeFieldByField) {
  const SiteProfiles profiles = Compile({{"p", R"(
hosts = ["blog.x.test"]
utc_offset = "+08:00"
site_names = ["某某博客"]
[fields]
author = ".real-author"
published = ".real-when"
views = ".nothing-here"
body = "#post"
)"}});
  const std::string html = R"(<html><head><title>真正的标题 - 某某博客</title>
<meta name="author" content="站长"></head><body>
<div class="byline">作者：站长</div><span class="real-author">王五</span>
<span class="real-when">2025-02-14 10:00</span><p>发布于 2025-01-01</p>
<div id="post"><p>正文第一段，足够长的一段文字，用来说明这个段落是正文。</p></div>
<div class="sidebar"><p>侧栏里的一大段文字，比正文还要长很多很多很多很多很多很多很多很多很多很多。</p></div>
<p>阅读(77)</p></body></html>)";
  ExtractInput input;
  input.url = "https://blog.x.test/p/1";
  input.body = html;
  input.fetched_at = kNow;
  ExtractOptions options;
  options.site_profiles = &profiles;
  Result<Article> with = Extract(input, options);
  ASSERT_TRUE(with.ok());
  EXPECT_EQ(with->author, "王五");
  EXPECT_EQ(with->published, "2025-02-14T10:00:00+08:00");  // the profile's zone
  EXPECT_EQ(with->title, "真正的标题");                     // site_names strip the suffix
  EXPECT_EQ(with->counters.views, 77);  // the rule found nothing: the cascade's value
  EXPECT_EQ(with->body, "正文第一段，足够长的一段文字，用来说明这个段落是正文。");

  Result<Article> without = Extract(input);
  ASSERT_TRUE(without.ok());
  EXPECT_EQ(without->author, "站长");
  EXPECT_EQ(without->published, "2025-01-01");
  // Another host: the profile does not apply.
  input.url = "https://other.test/p/1";
  Result<Article> other = Extract(input, options);
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(other->author, "站长");
}

}  // namespace
}  // namespace strata::parser
