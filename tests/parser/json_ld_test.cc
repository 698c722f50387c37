#include "parser/json_ld.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace strata::parser {
namespace {

std::optional<JsonLdArticle> Read(std::vector<std::string_view> blocks) {
  return ReadJsonLd(blocks);
}

TEST(JsonLdTest, PlainArticle) {
  const auto a = Read({R"({"@context":"https://schema.org","@type":"NewsArticle",
      "headline":"Headline","author":"Jane Doe","datePublished":"2025-02-14T10:00:00+08:00",
      "dateModified":"2025-02-15","description":"Desc","keywords":"a, b,c",
      "articleSection":"Tech","inLanguage":"zh-CN","url":"https://x.test/a",
      "publisher":{"@type":"Organization","name":"Example News"}})"});
  ASSERT_TRUE(a);
  EXPECT_EQ(a->type, "NewsArticle");
  EXPECT_EQ(a->headline, "Headline");
  EXPECT_EQ(a->authors, (std::vector<std::string>{"Jane Doe"}));
  EXPECT_EQ(a->date_published, "2025-02-14T10:00:00+08:00");
  EXPECT_EQ(a->date_modified, "2025-02-15");
  EXPECT_EQ(a->keywords, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(a->section, "Tech");
  EXPECT_EQ(a->in_language, "zh-CN");
  EXPECT_EQ(a->url, "https://x.test/a");
  EXPECT_EQ(a->publisher, "Example News");
}

TEST(JsonLdTest, GraphWithAuthorReference) {
  const auto a = Read({R"({"@context":"https://schema.org","@graph":[
      {"@type":"WebPage","@id":"https://x.test/p","name":"Page"},
      {"@type":["Article","BlogPosting"],"headline":"In a graph",
       "author":[{"@id":"https://x.test/#/person/1"},{"@type":"Person","name":"Bob"}],
       "mainEntityOfPage":{"@id":"https://x.test/p"}},
      {"@type":"Person","@id":"https://x.test/#/person/1","name":"Alice"}]})"});
  ASSERT_TRUE(a);
  EXPECT_EQ(a->headline, "In a graph");
  EXPECT_EQ(a->authors, (std::vector<std::string>{"Alice", "Bob"}));
  EXPECT_EQ(a->url, "https://x.test/p");
}

TEST(JsonLdTest, TopLevelArrayAndSeveralBlocks) {
  const auto a = Read({R"({"@type":"Organization","name":"Site"})",
                       R"([{"@type":"BreadcrumbList"},{"@type":"http://schema.org/BlogPosting",
                           "headline":"Second block","creator":{"name":"Carol"}}])"});
  ASSERT_TRUE(a);
  EXPECT_EQ(a->type, "BlogPosting");
  EXPECT_EQ(a->authors, (std::vector<std::string>{"Carol"}));
}

TEST(JsonLdTest, ArticleKindsAndNestedMainEntity) {
  for (const char* type :
       {"Article", "NewsArticle", "BlogPosting", "TechArticle", "ReportageNewsArticle",
        "SocialMediaPosting", "DiscussionForumPosting"}) {
    const std::string block = std::string(R"({"@type":")") + type + R"(","headline":"H"})";
    const auto a = Read({block});
    ASSERT_TRUE(a) << type;
    EXPECT_EQ(a->type, type);
  }
  // The article nested as a page's mainEntity, next to other nodes.
  const auto nested = Read({R"({"@context":"https://schema.org","@type":"WebPage",
      "name":"Page name","breadcrumb":{"@type":"BreadcrumbList"},
      "mainEntity":{"@type":"TechArticle","headline":"Nested headline",
        "author":[{"@type":"Person","name":"Ann"}],"datePublished":"2025-02-14"}})"});
  ASSERT_TRUE(nested);
  EXPECT_EQ(nested->type, "TechArticle");
  EXPECT_EQ(nested->headline, "Nested headline");
  EXPECT_EQ(nested->authors, (std::vector<std::string>{"Ann"}));
  // Arrays of types and the schema: prefix.
  const auto typed = Read({R"({"@type":["schema:NewsArticle","Thing"],"headline":"Typed"})"});
  ASSERT_TRUE(typed);
  EXPECT_EQ(typed->headline, "Typed");
  // No article node: a WebPage with a date still counts; an Organization alone does not.
  EXPECT_TRUE(Read({R"({"@type":"WebPage","headline":"Page","datePublished":"2025-02-14"})"}));
  EXPECT_FALSE(Read({R"({"@type":"Organization","name":"Org"})"}));
  EXPECT_FALSE(Read({"not json at all {", ""}));
}

TEST(JsonLdTest, InteractionStatistics) {
  const auto a = Read({R"({"@type":"Article","headline":"h","commentCount":7,
      "interactionStatistic":[
        {"@type":"InteractionCounter","interactionType":"https://schema.org/ReadAction","userInteractionCount":"1,234"},
        {"@type":"InteractionCounter","interactionType":{"@type":"LikeAction"},"userInteractionCount":56},
        {"@type":"InteractionCounter","interactionType":"http://schema.org/CommentAction","userInteractionCount":9}]})"});
  ASSERT_TRUE(a);
  EXPECT_EQ(a->counters.views, 1234);
  EXPECT_EQ(a->counters.likes, 56);
  EXPECT_EQ(a->counters.comments, 9);  // the statistic wins over commentCount
}

TEST(JsonLdTest, WebPageIsAFallback) {
  const auto a =
      Read({R"({"@type":"WebPage","headline":"Only a page","datePublished":"2024-01-01"})"});
  ASSERT_TRUE(a);
  EXPECT_EQ(a->type, "WebPage");
  EXPECT_FALSE(Read({R"({"@type":"WebSite","name":"Site"})"}));
}

TEST(JsonLdTest, RepairsCommonBreakage) {
  const auto a =
      Read({"<!--\n{\"@type\":\"Article\", // a comment\n \"headline\":\"Line\nbreak\","
            "\"author\":[\"Ann\",],}\n-->"});
  ASSERT_TRUE(a);
  EXPECT_EQ(a->headline, "Line break");
  EXPECT_EQ(a->authors, (std::vector<std::string>{"Ann"}));
  EXPECT_EQ(RepairJson("//<![CDATA[\n{\"a\":[1,2,],}\n//]]>"), "{\"a\":[1,2]}");
  EXPECT_EQ(RepairJson(R"({"url":"http://x//y, ]"})"), R"({"url":"http://x//y, ]"})");
}

TEST(JsonLdTest, HostileInputIsSkippedNotFatal) {
  std::string deep(100000, '[');
  EXPECT_FALSE(Read({"", "not json", "{\"@type\":", deep, "{\"@type\":123}", "[[[]]]"}));
  // A reference cycle through "name" must terminate.
  const auto a =
      Read({R"({"@graph":[{"@type":"Article","headline":{"@id":"x"},"author":{"@id":"x"}},
                                    {"@id":"x","name":{"@id":"x"}}]})"});
  ASSERT_TRUE(a);
  EXPECT_TRUE(a->headline.empty());
  // Wrong types everywhere.
  const auto b = Read({R"({"@type":"Article","headline":["", 5],"author":[null, true, {"name":3}],
      "keywords":{"x":1},"interactionStatistic":"nope","commentCount":"many"})"});
  ASSERT_TRUE(b);
  EXPECT_EQ(b->headline, "5");
  EXPECT_EQ(b->authors, (std::vector<std::string>{"3"}));
  EXPECT_TRUE(b->counters.empty());
}

TEST(JsonLdTest, AuthorUrlsAreNotNames) {
  const auto a = Read({R"({"@type":"Article","author":["https://example.com/u/ann","Ann"]})"});
  ASSERT_TRUE(a);
  EXPECT_EQ(a->authors, (std::vector<std::string>{"Ann"}));
}

}  // namespace
}  // namespace strata::parser
