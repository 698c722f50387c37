#include "config/site_profile_listing.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/site_profile.h"

namespace strata::config {
namespace {

using ::testing::HasSubstr;

Result<SiteProfile> Parse(const std::string& text) {
  return ParseSiteProfile("hosts = [\"x.test\"]\n" + text, "example", "example.toml");
}

std::string Error(const std::string& text) {
  Result<SiteProfile> p = Parse(text);
  EXPECT_FALSE(p.ok()) << text;
  return p.ok() ? "" : p.status().message();
}

TEST(SiteProfileListingTest, HtmlListing) {
  Result<SiteProfile> p = Parse(R"(
[listing]
match = 'x\.test/(?P<blog>\w+)/?$'
page_url = "https://x.test/{blog}/default.html?page={page}"
first_page = 2
page_step = 2
items = "a.post"
next = "a.next"
url_filter = '/p/\d+'
max_pages = 30
)");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  ASSERT_EQ(p->listing.size(), 1u);
  const ListingRule& rule = p->listing[0];
  EXPECT_EQ(rule.kind, ListingKind::kHtml);
  EXPECT_EQ(rule.key, "listing");
  EXPECT_EQ(rule.source, "example.toml");
  EXPECT_EQ(rule.captures, (std::vector<std::string>{"blog"}));
  EXPECT_EQ(rule.items, "a.post");
  EXPECT_EQ(rule.next, "a.next");
  EXPECT_EQ(rule.first_page, 2);
  EXPECT_EQ(rule.page_step, 2);
  EXPECT_EQ(rule.max_pages, 30);
  EXPECT_EQ(rule.url_filter, "/p/\\d+");
  EXPECT_TRUE(p->reserved_sections.empty() ||
              std::find(p->reserved_sections.begin(), p->reserved_sections.end(), "listing") ==
                  p->reserved_sections.end());
}

TEST(SiteProfileListingTest, ApiListingWithCursorPaging) {
  Result<SiteProfile> p = Parse(R"(
[listing]
match = 'x\.test/user/(?P<user_id>\d+)'
post_url = "https://x.test/post/{id}"
max_items = 50

[listing.api]
method = "POST"
url = "https://api.x.test/list"
json = '{"user_id": "{user_id}", "cursor": "{cursor}", "limit": {size}}'
headers = ["Referer: https://x.test/user/{user_id}"]

[listing.paging]
kind = "cursor"
first_cursor = "0"
size = 10
next_cursor = "cursor"
has_more = "has_more"
total = "count"

[listing.items]
path = "data"
id = "article_id"
title = "info.title"
published = "info.ctime"
modified = "info.mtime"
views = "info.views"
)");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  const ListingRule& rule = p->listing.at(0);
  EXPECT_EQ(rule.kind, ListingKind::kApi);
  EXPECT_EQ(rule.paging, PagingKind::kCursor);
  EXPECT_EQ(rule.first_cursor, "0");
  EXPECT_EQ(rule.page_size, 10);
  EXPECT_EQ(rule.next_cursor, "cursor");
  EXPECT_EQ(rule.has_more, "has_more");
  EXPECT_EQ(rule.total, "count");
  EXPECT_EQ(rule.items_path, "data");
  EXPECT_EQ(rule.item.id, "article_id");
  EXPECT_EQ(rule.item.modified, "info.mtime");
  EXPECT_EQ(rule.max_items, 50);
  EXPECT_EQ(rule.api.method, "POST");
  EXPECT_EQ(rule.api.key, "listing.api");
  EXPECT_EQ(rule.api.source, "example.toml");
  EXPECT_EQ(rule.api.body_kind, BodyKind::kJson);
  EXPECT_EQ(rule.post_url, "https://x.test/post/{id}");
}

TEST(SiteProfileListingTest, FeedRulesInAnArrayWithALookup) {
  Result<SiteProfile> p = Parse(R"(
[[listing]]
match = 'x\.test/@(?P<user>\w+)'
feed_url = "https://x.test/feed/@{user}"

[[listing]]
match = 'x\.test/u/(?P<name>\w+)'
post_url = "https://x.test/a/{id}"
[listing.lookup]
values = ["uid = data.uid", " nick=data.nick "]
[listing.lookup.api]
method = "POST"
url = "https://x.test/api/author"
json = '{"name": "{name}"}'
[listing.api]
url = "https://x.test/api/list?uid={uid}&page={page}"
[listing.paging]
kind = "page"
[listing.items]
path = "data.list"
id = "id"
)");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  ASSERT_EQ(p->listing.size(), 2u);
  EXPECT_EQ(p->listing[0].kind, ListingKind::kFeed);
  EXPECT_EQ(p->listing[0].key, "listing[0]");
  EXPECT_EQ(p->listing[0].feed_url, "https://x.test/feed/@{user}");
  const ListingRule& api = p->listing[1];
  EXPECT_EQ(api.kind, ListingKind::kApi);
  EXPECT_EQ(api.paging, PagingKind::kPage);
  EXPECT_EQ(api.first_page, 1);
  ASSERT_TRUE(api.has_lookup);
  EXPECT_EQ(api.lookup.values, (std::vector<std::pair<std::string, std::string>>{
                                   {"uid", "data.uid"}, {"nick", "data.nick"}}));
  EXPECT_EQ(api.lookup.request.key, "listing[1].lookup.api");
  EXPECT_EQ(api.ListingPlaceholders(),
            (std::vector<std::string>{"name", "uid", "nick", "page", "offset", "cursor", "size"}));
}

TEST(SiteProfileListingTest, ErrorsNameTheFileAndTheKey) {
  struct Case {
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {"listing = 3\n", "example.toml: listing: must be a table"},
      {"[listing]\nitems = \"a\"\n", "example.toml: listing.match: required"},
      {"[listing]\nmatch = '(?P<x'\nitems = \"a\"\n",
       "example.toml: listing.match: bad regular expression"},
      {"[listing]\nmatch = 'x'\n", "example.toml: listing.items: give items, next or page_url"},
      {"[listing]\nmatch = 'x'\nitem = \"a\"\nitems = \"a\"\n",
       "example.toml: listing.item: unknown key"},
      {"[listing]\nmatch = 'x'\npage_url = \"https://x.test/list\"\n",
       "listing.page_url: must hold {page}"},
      {"[listing]\nmatch = 'x/(?P<blog>\\w+)'\npage_url = \"https://x.test/{blogapp}?p={page}\"\n",
       "example.toml: listing.page_url: unknown placeholder {blogapp} (available: blog, page, "
       "offset, cursor, size)"},
      {"[listing]\nmatch = 'x'\nitems = \"a\"\nurl_filter = '(('\n",
       "listing.url_filter: bad regular expression"},
      {"[listing]\nmatch = 'x'\nfeed_url = \"https://x.test/feed\"\nnext = \"a\"\n",
       "listing.next: only for HTML listings"},
      {"[listing]\nmatch = 'x'\nfeed_url = \"https://x.test/{user}\"\n",
       "listing.feed_url: unknown placeholder {user} (available: none)"},
      {"[listing]\nmatch = 'x'\n[listing.api]\nurl = \"https://x.test/\"\n",
       "listing.items: required with [listing.api]"},
      {"[listing]\nmatch = 'x'\n[listing.api]\nurl = \"https://x.test/\"\n[listing.items]\n"
       "title = \"t\"\n",
       "listing.items: give url (the post's URL) or id"},
      {"[listing]\nmatch = 'x'\n[listing.api]\nurl = \"https://x.test/\"\n[listing.items]\n"
       "id = \"id\"\n",
       "listing.post_url: required when the items give an id and no url"},
      {"[listing]\nmatch = 'x'\n[listing.api]\nurl = \"https://x.test/\"\n[listing.items]\n"
       "url = \"u\"\n[listing.paging]\nkind = \"cursor\"\n",
       "listing.paging.next_cursor: required with kind = \"cursor\""},
      {"[listing]\nmatch = 'x'\n[listing.api]\nurl = \"https://x.test/\"\n[listing.items]\n"
       "url = \"u\"\n[listing.paging]\nkind = \"pages\"\n",
       "listing.paging.kind: must be \"page\", \"offset\", \"cursor\" or \"none\""},
      {"[listing]\nmatch = 'x'\n[listing.api]\nurl = \"https://x.test/?u={usr}\"\n"
       "[listing.items]\nurl = \"u\"\n",
       "example.toml: listing.api.url: unknown placeholder {usr}"},
      {"[listing]\nmatch = 'x'\n[listing.api]\nmethod = \"PUT\"\nurl = \"https://x.test/\"\n"
       "[listing.items]\nurl = \"u\"\n",
       "example.toml: listing.api.method: must be GET or POST"},
      {"[listing]\nmatch = 'x'\n[listing.api]\nurl = \"https://x.test/\"\n[listing.items]\n"
       "url = \"u\"\nlink = \"l\"\n",
       "example.toml: listing.items.link: unknown key"},
      {"[listing]\nmatch = 'x'\nitems = \"a\"\n[listing.items]\nurl = \"u\"\n",
       "example.toml"},  // TOML itself rejects redefining items as a table
      {"[listing]\nmatch = 'x/(?P<n>\\w+)'\npost_url = \"https://x/{id}\"\n[listing.lookup]\n"
       "values = [\"uid data.uid\"]\n[listing.lookup.api]\nurl = \"https://x/{n}\"\n"
       "[listing.api]\nurl = \"https://x/l\"\n[listing.items]\nid = \"id\"\n",
       "listing.lookup.values[0]: 'uid data.uid' is not \"name = json.path\""},
      {"[listing]\nmatch = 'x'\npost_url = \"https://x/{id}\"\n[listing.lookup]\n"
       "values = [\"uid = data.uid\"]\n[listing.lookup.api]\nurl = \"https://x/{nm}\"\n"
       "[listing.api]\nurl = \"https://x/l\"\n[listing.items]\nid = \"id\"\n",
       "listing.lookup.api.url: unknown placeholder {nm} (available: none)"},
      {"[[listing]]\nmatch = 'x'\nitems = \"a\"\n[[listing]]\nitems = \"a\"\n",
       "example.toml: listing[1].match: required"},
      {"[listing]\nmatch = 'x'\nitems = \"a\"\nmax_pages = -1\n",
       "listing.max_pages: must be between 0 and"},
  };
  for (const Case& c : cases) {
    const std::string message = Error(c.text);
    EXPECT_THAT(message, HasSubstr(c.message)) << c.text;
  }
}

// Every shipped profile that should have a listing has one, and they all load.
TEST(SiteProfileListingTest, ShippedProfilesHaveListings) {
  Result<std::vector<SiteProfile>> profiles = LoadSiteProfiles("");
  ASSERT_TRUE(profiles.ok()) << profiles.status().ToString();
  auto find = [&](std::string_view name) -> const SiteProfile* {
    for (const SiteProfile& p : *profiles) {
      if (p.name == name) return &p;
    }
    return nullptr;
  };
  struct Expect {
    const char* profile;
    ListingKind kind;
    PagingKind paging;
  };
  for (const Expect& e : {Expect{"cnblogs", ListingKind::kHtml, PagingKind::kNone},
                          Expect{"csdn", ListingKind::kApi, PagingKind::kPage},
                          Expect{"juejin", ListingKind::kApi, PagingKind::kCursor},
                          Expect{"infoq_xie", ListingKind::kApi, PagingKind::kPage},
                          Expect{"wordpress", ListingKind::kHtml, PagingKind::kNone},
                          Expect{"ghost", ListingKind::kHtml, PagingKind::kNone},
                          Expect{"devto", ListingKind::kApi, PagingKind::kPage},
                          Expect{"medium", ListingKind::kFeed, PagingKind::kNone}}) {
    const SiteProfile* p = find(e.profile);
    ASSERT_NE(p, nullptr) << e.profile;
    ASSERT_FALSE(p->listing.empty()) << e.profile;
    EXPECT_EQ(p->listing[0].kind, e.kind) << e.profile;
    EXPECT_EQ(p->listing[0].paging, e.paging) << e.profile;
  }
  EXPECT_EQ(find("csdn")->listing[0].total, "data.total");
  EXPECT_EQ(find("juejin")->listing[0].item.modified, "article_info.mtime");
  EXPECT_EQ(find("infoq_xie")->listing[0].max_items, 50);
  EXPECT_EQ(find("medium")->listing.size(), 2u);
}

TEST(SiteProfileListingTest, KindNames) {
  EXPECT_EQ(ListingKindName(ListingKind::kApi), "api");
  EXPECT_EQ(PagingKindName(PagingKind::kCursor), "cursor");
}

}  // namespace
}  // namespace strata::config
