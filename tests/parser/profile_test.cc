#include "parser/profile.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "parser/profile_apply.h"

namespace strata::parser {
namespace {

config::SiteProfile Profile(std::string name, std::string source) {
  config::SiteProfile p;
  p.name = std::move(name);
  p.source = std::move(source);
  p.hosts = {"x.test"};
  return p;
}

config::FieldRule Rule(std::string selector, std::string key, std::string regex = "") {
  config::FieldRule rule;
  rule.selector = std::move(selector);
  rule.key = std::move(key);
  rule.regex = std::move(regex);
  return rule;
}

TEST(ProfileTest, CompilesInNameOrder) {
  config::SiteProfile b = Profile("b", "b.toml");
  b.fields.title.push_back(Rule("h1", "fields.title"));
  b.fields.tags.push_back(Rule("a[rel~=tag]", "fields.tags"));
  config::SiteProfile a = Profile("a", "a.toml");
  a.signatures = {"meta[name=generator]"};
  a.fields.published.push_back(Rule(".meta", "fields.published", "on (\\S+)"));
  Result<SiteProfiles> compiled = SiteProfiles::Compile({b, a});
  ASSERT_TRUE(compiled.ok()) << compiled.status().ToString();
  ASSERT_EQ(compiled->size(), 2u);
  EXPECT_EQ(compiled->profiles()[0]->profile.name, "a");
  EXPECT_EQ(compiled->profiles()[0]->signatures.size(), 1u);
  EXPECT_EQ(compiled->profiles()[0]->published.size(), 1u);
  EXPECT_NE(compiled->profiles()[0]->published[0].regex, nullptr);
  EXPECT_EQ(compiled->profiles()[1]->profile.name, "b");
  EXPECT_EQ(compiled->profiles()[1]->title.size(), 1u);
  EXPECT_EQ(compiled->profiles()[1]->title[0].regex, nullptr);
  EXPECT_EQ(compiled->profiles()[1]->tags.size(), 1u);
  EXPECT_TRUE(SiteProfiles().empty());
}

TEST(ProfileTest, BadSelectorsAndRegexesNameTheFileAndKey) {
  struct Case {
    config::SiteProfile profile;
    const char* message;
  };
  std::vector<Case> cases;
  {
    config::SiteProfile p = Profile("p", "sites/p.toml");
    p.fields.title.push_back(Rule("h1", "fields.title[0]"));
    p.fields.title.push_back(Rule("h1[", "fields.title[1]"));
    cases.push_back({p, "sites/p.toml: fields.title[1].selector: bad selector 'h1['"});
  }
  {
    config::SiteProfile p = Profile("p", "sites/p.toml");
    p.fields.views.push_back(Rule(".views", "fields.views", "阅读(\\d+"));
    cases.push_back({p, "sites/p.toml: fields.views.regex: bad regular expression '阅读(\\d+'"});
  }
  {
    config::SiteProfile p = Profile("p", "sites/p.toml");
    p.signatures = {"meta", "a:hover"};
    cases.push_back({p, "sites/p.toml: signatures[1]: bad selector 'a:hover'"});
  }
  {
    config::SiteProfile p = Profile("p", "sites/p.toml");
    config::FieldRule body = Rule("#content", "fields.body");
    body.exclude = {".share", ">"};
    p.fields.body.push_back(body);
    cases.push_back({p, "sites/p.toml: fields.body.exclude[1]: bad selector"});
  }
  for (const Case& c : cases) {
    Result<SiteProfiles> compiled = SiteProfiles::Compile({c.profile});
    ASSERT_FALSE(compiled.ok()) << c.message;
    EXPECT_TRUE(compiled.status().IsInvalidArgument());
    EXPECT_NE(compiled.status().message().find(c.message), std::string::npos)
        << compiled.status().message();
  }
}

TEST(ProfileTest, ShippedProfilesCompile) {
  Result<std::vector<config::SiteProfile>> loaded = config::LoadSiteProfiles("");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  Result<SiteProfiles> compiled = SiteProfiles::Compile(*loaded);
  ASSERT_TRUE(compiled.ok()) << compiled.status().ToString();
  EXPECT_EQ(compiled->size(), loaded->size());
}

}  // namespace
}  // namespace strata::parser
