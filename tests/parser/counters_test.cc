#include "parser/counters.h"

#include <gtest/gtest.h>

#include <string>

#include "parser/html_document.h"
#include "parser/page_index.h"

namespace strata::parser {
namespace {

TEST(CountersTest, ParseCountIsExact) {
  struct Case {
    const char* text;
    int64_t value;
  };
  const Case cases[] = {
      {"0", 0},
      {"4", 4},
      {"1234", 1234},
      {"1,234", 1234},
      {"1,234,567", 1234567},
      {"1.234", 1234},  // a European thousands separator
      {"1.2k", 1200},
      {"1.2K+", 1200},
      {"12k", 12000},
      {"3.5M", 3500000},
      {"2B", 2000000000},
      {"1.2万", 12000},
      {"1.2w", 12000},
      {"10万+", 100000},
      {"3亿", 300000000},
      {"1.5亿", 150000000},
      {"2.345万", 23450},
      {"1.23456k", 1235},  // rounded half up
      {"0.5k", 500},
      {"1 234k", -1},
      {"", -1},
      {"abc", -1},
      {"-5", -1},
      {"1.5", -1},  // a fraction without a unit is not a count
      {"1.2.3k", -1},
      {"1.2x", -1},
      {"99999999999999999999", -1},
      {"999999999999999999亿", -1},
      {"1.2M", 1200000},
      {"2.5亿", 250000000},
      {"1w+", 10000},
      {"99+", 99},
      {"3.5千", 3500},
      {"1.2 万", 12000},
      {"12,345,678", 12345678},
      {"0.1k", 100},
      {"1,2k", -1},  // a comma inside a fraction
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ParseCount(c.text).value_or(-1), c.value) << c.text;
  }
}

TEST(CountersTest, FindsCountersInLines) {
  struct Case {
    const char* line;
    int64_t views, likes, comments;  // -1 = not found
  };
  const Case cases[] = {
      {"阅读数：4", 4, -1, -1},
      {"阅读(123) 评论(0) 推荐(5)", 123, 5, 0},
      {"阅读 1.2万", 12000, -1, -1},
      {"1,234 次阅读", 1234, -1, -1},
      {"1,234 views", 1234, -1, -1},
      {"1.2k views · 3 comments", 1200, -1, 3},
      {"Views: 5", 5, -1, -1},
      {"阅读量 2.1w 点赞 30 评论数 12", 21000, 30, 12},
      {"42 reactions", -1, 42, -1},
      {"12 likes", -1, 12, -1},
      {"浏览（88）", 88, -1, -1},
      {"阅读 5 分钟", -1, -1, -1},
      {"5 min read", -1, -1, -1},
      {"阅读完需：约 8 分钟", -1, -1, -1},
      {"阅读全文", -1, -1, -1},
      {"November 15, 2019 View PDF", -1, -1, -1},
      {"阅读()", -1, -1, -1},
      {"", -1, -1, -1},
      {"浏览 99", 99, -1, -1},
      {"128 claps", -1, 128, -1},
      {"5 replies", -1, -1, 5},
      {"回复(3)", -1, -1, 3},
      {"赞(5)", -1, 5, -1},
      {"点赞 1.5w", -1, 15000, -1},
      {"3亿次播放", 300000000, -1, -1},
      {"阅读 1.2万 · 评论 8", 12000, -1, 8},
      {"1.2K likes", -1, 1200, -1},
      {"Comments: 14", -1, -1, 14},
      {"2.3k reads", 2300, -1, -1},
      {"阅读数: 4", 4, -1, -1},
      {"10万+阅读", 100000, -1, -1},
      {"推荐(2) 反对(0)", -1, 2, -1},
      {"阅读时长 5 分钟", -1, -1, -1},
  };
  for (const Case& c : cases) {
    const Counters found = FindCountersInText(c.line);
    EXPECT_EQ(found.views.value_or(-1), c.views) << c.line;
    EXPECT_EQ(found.likes.value_or(-1), c.likes) << c.line;
    EXPECT_EQ(found.comments.value_or(-1), c.comments) << c.line;
  }
}

TEST(CountersTest, FindsViewCountsInNamedElements) {
  const std::string html =
      "<div class='sidebar'><span class='read-count'>999</span></div>"
      "<span id='post_view_count'>123</span><span class='comment-count'>7</span>"
      "<span class='read-count'>阅读量 2.1w</span><span class='like-count'>8 likes</span>";
  const HtmlDocument doc = HtmlDocument::Parse(html);
  const PageIndex index = IndexPage(doc);
  const Counters found = FindCountersInElements(index.count_hints);
  EXPECT_EQ(found.views, 123);   // the sidebar's count belongs to another post
  EXPECT_FALSE(found.comments);  // a bare number in a comment-count is not trusted
  EXPECT_EQ(found.likes, 8);     // "8 likes" says what it is
}

TEST(CountersTest, FindsMicrodataCounters) {
  const std::string html = R"(
<div itemscope itemtype="https://schema.org/DiscussionForumPosting">
  <div itemprop="interactionStatistic" itemscope itemtype="https://schema.org/InteractionCounter">
    <meta itemprop="interactionType" content="https://schema.org/LikeAction">
    <meta itemprop="userInteractionCount" content="4"></div>
  <div itemprop="interactionStatistic" itemscope>
    <link itemprop="interactionType" href="http://schema.org/CommentAction">
    <span itemprop="userInteractionCount">1,234</span></div>
  <meta itemprop="interactionCount" content="UserPageVisits:120">
</div>
<div class="comments"><div itemprop="interactionStatistic" itemscope>
  <meta itemprop="interactionType" content="LikeAction">
  <meta itemprop="userInteractionCount" content="99"></div></div>)";
  const HtmlDocument doc = HtmlDocument::Parse(html);
  const PageIndex index = IndexPage(doc);
  const Counters found = FindCountersInMicrodata(index.itemprops);
  EXPECT_EQ(found.likes, 4);
  EXPECT_EQ(found.comments, 1234);
  EXPECT_EQ(found.views, 120);
  const HtmlDocument old_style = HtmlDocument::Parse(
      "<meta itemprop='interactionCount' content='UserLikes:7'>"
      "<meta itemprop='interactionCount' content='UserComments:2'><span itemprop=commentCount>9"
      "</span>");
  const Counters old_found = FindCountersInMicrodata(IndexPage(old_style).itemprops);
  EXPECT_EQ(old_found.likes, 7);
  EXPECT_EQ(old_found.comments, 2);  // the first value of a kind wins
}

TEST(CountersTest, MergeFillsOnlyMissingFields) {
  Counters into;
  into.views = 1;
  Counters from;
  from.views = 2;
  from.likes = 3;
  MergeCounters(from, &into);
  EXPECT_EQ(into.views, 1);
  EXPECT_EQ(into.likes, 3);
  EXPECT_FALSE(into.comments);
}

}  // namespace
}  // namespace strata::parser
