#include "config/site_profile.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <string>

#include "tests/support/temp_dir.h"

namespace strata::config {
namespace {

Result<SiteProfile> Parse(std::string_view text, std::string_view name = "example") {
  return ParseSiteProfile(text, name, "example.toml");
}

// The message of a parse that must fail.
std::string Error(std::string_view text, std::string_view name = "example") {
  Result<SiteProfile> profile = Parse(text, name);
  EXPECT_FALSE(profile.ok()) << text;
  if (profile.ok()) return "";
  EXPECT_TRUE(profile.status().IsInvalidArgument());
  return profile.status().message();
}

TEST(SiteProfileTest, ReadsEveryKey) {
  Result<SiteProfile> p = Parse(R"(
description = "Example blogs"
hosts = ["www.Example.com", "*.example.com"]
generators = ["ExampleCMS"]
signatures = ["meta[name=x]"]
utc_offset = "+08:00"
site_names = ["Example"]

[fields]
title = "h1.title"
tags = "a.tag"

[fields.author]
selector = ".byline a"

[[fields.published]]
selector = "time"
attribute = "datetime"

[[fields.published]]
selector = ".meta"
regex = 'posted (\d{4}-\d{2}-\d{2})'

[fields.body]
selector = "#content"
exclude = [".share", ".ads"]

[listing]
match = 'www\.example\.com/u/(?P<user>\w+)'
items = "a.post-link"

[api]
match = '^https://www\.example\.com/p/(?P<id>\d+)'
url = "https://api.example.com/post/{id}"
[api.fields]
title = "data.title"
)");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->name, "example");
  EXPECT_EQ(p->source, "example.toml");
  EXPECT_EQ(p->description, "Example blogs");
  EXPECT_EQ(p->hosts, (std::vector<std::string>{"www.example.com", "*.example.com"}));
  EXPECT_EQ(p->generators, (std::vector<std::string>{"ExampleCMS"}));
  EXPECT_EQ(p->signatures, (std::vector<std::string>{"meta[name=x]"}));
  EXPECT_EQ(p->utc_offset_minutes, 480);
  EXPECT_EQ(p->site_names, (std::vector<std::string>{"Example"}));
  ASSERT_EQ(p->fields.title.size(), 1u);
  EXPECT_EQ(p->fields.title[0].selector, "h1.title");
  EXPECT_EQ(p->fields.title[0].key, "fields.title");
  ASSERT_EQ(p->fields.author.size(), 1u);
  EXPECT_EQ(p->fields.author[0].selector, ".byline a");
  ASSERT_EQ(p->fields.published.size(), 2u);
  EXPECT_EQ(p->fields.published[0].attribute, "datetime");
  EXPECT_EQ(p->fields.published[1].regex, "posted (\\d{4}-\\d{2}-\\d{2})");
  EXPECT_EQ(p->fields.published[1].key, "fields.published[1]");
  ASSERT_EQ(p->fields.body.size(), 1u);
  EXPECT_EQ(p->fields.body[0].exclude, (std::vector<std::string>{".share", ".ads"}));
  EXPECT_EQ(p->fields.tags.size(), 1u);
  EXPECT_TRUE(p->fields.views.empty());
  EXPECT_FALSE(p->fields.empty());
  ASSERT_EQ(p->listing.size(), 1u);  // author: read (tests/config/site_profile_listing_test.cc)
  EXPECT_EQ(p->listing[0].items, "a.post-link");
  ASSERT_EQ(p->apis.detail.size(), 1u);  // shell: read (tests/config/site_profile_api_test.cc)
  EXPECT_TRUE(p->reserved_sections.empty());
}

TEST(SiteProfileTest, UtcOffsets) {
  struct Case {
    const char* text;
    int minutes;
  };
  for (const Case& c : {Case{"+08:00", 480}, Case{"+0800", 480}, Case{"-05:00", -300},
                        Case{"+05:30", 330}, Case{"Z", 0}, Case{"UTC", 0}}) {
    Result<SiteProfile> p =
        Parse("hosts = [\"x.test\"]\nutc_offset = \"" + std::string(c.text) + "\"\n");
    ASSERT_TRUE(p.ok()) << c.text << ": " << p.status().ToString();
    EXPECT_EQ(p->utc_offset_minutes, c.minutes) << c.text;
  }
  Result<SiteProfile> none = Parse("hosts = [\"x.test\"]\n");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->utc_offset_minutes);
}

TEST(SiteProfileTest, ErrorsNameTheFileAndTheKey) {
  struct Case {
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {"hosts = [\"x.test\"]\nhost = \"y\"\n", "example.toml: host: unknown key"},
      {"hosts = [\"x.test\"]\n[fields]\ntitel = \"h1\"\n",
       "example.toml: fields.titel: unknown field"},
      {"hosts = [\"x.test\"]\n[fields.title]\nselector = \"h1\"\natribute = \"x\"\n",
       "example.toml: fields.title.atribute: unknown key"},
      {"hosts = [\"x.test\"]\n[[fields.title]]\nselector = \"h1\"\n[[fields.title]]\nregex = "
       "\"x\"\n",
       "example.toml: fields.title[1].selector: required"},
      {"hosts = [\"x.test\"]\n[fields]\ntitle = \"\"\n", "fields.title: must not be empty"},
      {"hosts = [\"x.test\"]\n[fields]\ntitle = 3\n", "fields.title: must be a selector string"},
      {"hosts = [\"https://x.test/\"]\n",
       "example.toml: hosts[0]: 'https://x.test/' is not a host"},
      {"hosts = [\"*.\"]\n", "hosts[0]"},
      {"hosts = \"x.test\"\n", "hosts: must be an array of strings"},
      {"hosts = [\"x.test\"]\nutc_offset = \"+8h\"\n", "utc_offset: not a UTC offset"},
      {"hosts = [\"x.test\"]\nutc_offset = \"+15:00\"\n", "utc_offset: not a UTC offset"},
      {"hosts = [\"x.test\"]\n[fields.title]\nselector = \"h1\"\nexclude = [\"p\"]\n",
       "fields.title.exclude: only fields.body takes exclude"},
      {"hosts = [\"x.test\"]\n[fields.body]\nselector = \"div\"\nattribute = \"x\"\n",
       "fields.body.attribute"},
      {"hosts = [\"x.test\"]\nlisting = 3\n", "listing: must be a table"},
      {"description = \"selects nothing\"\n", "the profile selects no page"},
      {"hosts = [\"x.test\"]\ngenerators = [\"\"]\n", "generators: entries must not be empty"},
  };
  for (const Case& c : cases) {
    const std::string message = Error(c.text);
    EXPECT_NE(message.find(c.message), std::string::npos) << c.text << "\n-> " << message;
  }
  EXPECT_NE(Error("hosts = [\"x.test\"]\n", "Bad Name").find("file name"), std::string::npos);
  // TOML syntax errors give the line and column.
  const std::string syntax = Error("hosts = [\"x.test\"\n");
  ASSERT_GT(syntax.size(), 14u);
  EXPECT_TRUE(syntax.starts_with("example.toml:") && std::isdigit(syntax[13])) << syntax;
}

TEST(SiteProfileTest, ShippedProfilesAllParse) {
  std::vector<std::string> names;
  for (const SiteProfileText& shipped : ShippedSiteProfileTexts()) {
    names.emplace_back(shipped.name);
    Result<SiteProfile> p = ParseSiteProfile(shipped.text, shipped.name, shipped.name);
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    EXPECT_FALSE(p->fields.empty()) << shipped.name;
    EXPECT_FALSE(p->description.empty()) << shipped.name;
  }
  for (const char* name : {"cnblogs", "csdn", "devto", "discourse", "ghost", "infoq_xie", "juejin",
                           "medium", "segmentfault", "wordpress"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), name), names.end()) << name;
  }
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
}

void WriteFile(const std::string& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

TEST(SiteProfileTest, UserDirectoryOverridesAndAdds) {
  testing::TempDir dir;
  WriteFile(dir.Sub("cnblogs.toml"), "description = \"mine\"\nhosts = [\"www.cnblogs.com\"]\n");
  WriteFile(dir.Sub("myblog.toml"), "hosts = [\"blog.me.test\"]\n[fields]\ntitle = \"h1\"\n");
  WriteFile(dir.Sub("notes.txt"), "not a profile");
  Result<std::vector<SiteProfile>> profiles = LoadSiteProfiles(dir.path());
  ASSERT_TRUE(profiles.ok()) << profiles.status().ToString();
  EXPECT_EQ(profiles->size(), ShippedSiteProfileTexts().size() + 1);
  auto find = [&](std::string_view name) -> const SiteProfile* {
    for (const SiteProfile& p : *profiles) {
      if (p.name == name) return &p;
    }
    return nullptr;
  };
  const SiteProfile* cnblogs = find("cnblogs");
  ASSERT_NE(cnblogs, nullptr);
  EXPECT_EQ(cnblogs->description, "mine");
  EXPECT_EQ(cnblogs->source, dir.Sub("cnblogs.toml"));
  ASSERT_NE(find("myblog"), nullptr);
  const SiteProfile* csdn = find("csdn");
  ASSERT_NE(csdn, nullptr);
  EXPECT_NE(csdn->source.find("(built in)"), std::string::npos);
  for (size_t i = 1; i < profiles->size(); ++i) {
    EXPECT_LT((*profiles)[i - 1].name, (*profiles)[i].name);
  }
}

TEST(SiteProfileTest, BadUserFileIsNamed) {
  testing::TempDir dir;
  WriteFile(dir.Sub("broken.toml"), "hosts = [\"x.test\"]\n[fields]\nbogus = \"h1\"\n");
  Result<std::vector<SiteProfile>> profiles = LoadSiteProfiles(dir.path());
  ASSERT_FALSE(profiles.ok());
  EXPECT_NE(profiles.status().message().find(dir.Sub("broken.toml") + ": fields.bogus"),
            std::string::npos)
      << profiles.status().message();
}

TEST(SiteProfileTest, MissingUserDirectoryMeansShippedOnly) {
  Result<std::vector<SiteProfile>> profiles = LoadSiteProfiles("/nonexistent/strata/sites");
  ASSERT_TRUE(profiles.ok()) << profiles.status().ToString();
  EXPECT_EQ(profiles->size(), ShippedSiteProfileTexts().size());
  Result<std::vector<SiteProfile>> none = LoadSiteProfiles("");
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->size(), ShippedSiteProfileTexts().size());
}

}  // namespace
}  // namespace strata::config
