#include "parser/main_content.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>

#include "parser/html_document.h"
#include "test_util.h"

namespace strata::parser {
namespace {

std::string Paragraph(const std::string& topic) {
  return "<p>This paragraph is about " + topic +
         ", and it is long enough to count as prose, with commas, clauses, and a full stop.</p>";
}

std::string BodyOf(const std::string& html) {
  const HtmlDocument doc = HtmlDocument::Parse(html);
  return FindMainContent(doc).text;
}

TEST(MainContentTest, PicksTheArticleOverNavigationAndSidebars) {
  const std::string html =
      "<body><div id=nav><ul><li><a href=/1>Home</a></li><li><a href=/2>Blog</a></li></ul></div>"
      "<div id=content><h1>Title</h1>" +
      Paragraph("apples") + Paragraph("pears") + Paragraph("plums") +
      "</div><div class=sidebar><h3>Popular</h3><ul>"
      "<li><a href=/p1>Popular post number one with a long title</a></li>"
      "<li><a href=/p2>Popular post number two with a long title</a></li></ul></div>"
      "<div id=footer>Copyright 2025, Example Inc. All rights reserved worldwide.</div></body>";
  const std::string body = BodyOf(html);
  EXPECT_NE(body.find("about apples"), std::string::npos);
  EXPECT_NE(body.find("about plums"), std::string::npos);
  EXPECT_EQ(body.find("Popular"), std::string::npos);
  EXPECT_EQ(body.find("Home"), std::string::npos);
  EXPECT_EQ(body.find("Copyright"), std::string::npos);
  EXPECT_EQ(body.find("Title"), std::string::npos);  // the <h1> is the title field
  EXPECT_EQ(std::count(body.begin(), body.end(), '\n'), 2);
}

TEST(MainContentTest, ChineseDivTextWithBreaks) {
  // Chinese sites often write text straight into a <div>, lines separated by <br>.
  const std::string html =
      "<body><div class=menu><a href=/>首页</a><a href=/a>专栏</a></div><div id=js_content>"
      "第一段文字，介绍背景，说明为什么要写这篇文章，以及读者可以从中得到什么。<br>"
      "第二段文字，讲述具体做法，包括准备工作、实施步骤和需要注意的地方。<br>"
      "第三段文字，总结经验教训，并给出进一步阅读的建议和参考资料。</div></body>";
  const std::string body = BodyOf(html);
  EXPECT_EQ(body,
            "第一段文字，介绍背景，说明为什么要写这篇文章，以及读者可以从中得到什么。\n"
            "第二段文字，讲述具体做法，包括准备工作、实施步骤和需要注意的地方。\n"
            "第三段文字，总结经验教训，并给出进一步阅读的建议和参考资料。");
}

TEST(MainContentTest, RemovesBoilerplateInsideTheArticle) {
  const std::string html = "<body><article class=post>" + Paragraph("one") + Paragraph("two") +
                           "<div class=share-buttons><a href=/t>Tweet</a><a href=/f>Share</a></div>"
                           "<ul class=related><li><a href=/r1>Related article one</a></li>"
                           "<li><a href=/r2>Related article two</a></li></ul>"
                           "<div class=post-views>Post Views: 1,234</div><p>阅读数：4</p>" +
                           Paragraph("three") + "<div id=comments>" +
                           Paragraph("a reader's opinion") + "</div></article></body>";
  const std::string body = BodyOf(html);
  EXPECT_NE(body.find("about three"), std::string::npos);
  EXPECT_EQ(body.find("Tweet"), std::string::npos);
  EXPECT_EQ(body.find("Related"), std::string::npos);
  EXPECT_EQ(body.find("Post Views"), std::string::npos);
  EXPECT_EQ(body.find("阅读数"), std::string::npos);
  EXPECT_EQ(body.find("opinion"), std::string::npos);
}

TEST(MainContentTest, SiblingParagraphsJoinTheBestContainer) {
  const std::string html = "<body><div id=main><div class=part>" + Paragraph("part one") +
                           Paragraph("part one again") +
                           "</div><p>A closing remark. It ends well.</p>"
                           "<div class=part>" +
                           Paragraph("part two") + Paragraph("part two again") +
                           "</div><div class=links><a href=/x>x</a></div></div></body>";
  const HtmlDocument doc = HtmlDocument::Parse(html);
  const MainContent content = FindMainContent(doc);
  EXPECT_NE(content.text.find("part one again"), std::string::npos);
  EXPECT_NE(content.text.find("closing remark"), std::string::npos);
  EXPECT_NE(content.text.find("part two again"), std::string::npos);
  EXPECT_GE(content.roots.size(), 1u);
}

TEST(MainContentTest, FormsInsideTheArticle) {
  // ASP.NET pages put the whole page inside one <form>: the article stays.
  std::string body = BodyOf("<body><form id=aspnetForm><div id=post>" + Paragraph("forms") +
                            Paragraph("more forms") + "</div></form></body>");
  EXPECT_NE(body.find("about forms"), std::string::npos);
  EXPECT_NE(body.find("about more forms"), std::string::npos);
  // A reply box inside the article goes. (Forms cannot nest in HTML: the parser drops an inner
  // <form> start tag, so this page has no page-wide form.)
  body = BodyOf("<body><div id=post>" + Paragraph("forms") + Paragraph("more forms") +
                "<form class=reply><textarea></textarea>"
                "<p>Be nice when you write a reply to this post, please.</p></form></div></body>");
  EXPECT_NE(body.find("about forms"), std::string::npos);
  EXPECT_EQ(body.find("Be nice"), std::string::npos);
}

TEST(MainContentTest, FallsBackWhenTheFilterRemovesEverything) {
  // The only text sits in a container whose class looks like a sidebar.
  const std::string html = "<body><div class=sidebar>" + Paragraph("the only text") +
                           Paragraph("more of it") + "</div></body>";
  EXPECT_NE(BodyOf(html).find("the only text"), std::string::npos);
}

TEST(MainContentTest, EmptyAndTextlessPages) {
  EXPECT_EQ(BodyOf(""), "");
  EXPECT_EQ(BodyOf("<body><img src=x><script>x()</script></body>"), "");
  EXPECT_EQ(BodyOf("<frameset><frame src=a></frameset>"), "");
  EXPECT_EQ(BodyOf("just text"), "just text");
}

// --- Page types (fixtures in data/body/) -------------------------------------------------

struct Fixture {
  std::string html;  // outlives the document
  std::unique_ptr<HtmlDocument> doc;
  MainContent content;  // valid while the document lives
};

std::unique_ptr<Fixture> LoadFixture(const std::string& name) {
  auto fixture = std::make_unique<Fixture>();
  fixture->html = testing::ReadFixture("body/" + name);
  EXPECT_FALSE(fixture->html.empty()) << name;
  fixture->doc = std::make_unique<HtmlDocument>(HtmlDocument::Parse(fixture->html));
  BodyOptions options;
  options.base_url = "https://example.com/articles/page.html";
  fixture->content = FindMainContent(*fixture->doc, options);
  return fixture;
}

TEST(MainContentTest, NewsArticle) {
  const auto fixture = LoadFixture("news.html");
  const MainContent& content = fixture->content;
  EXPECT_EQ(content.text,
            "The harbour bridge reopened to traffic on Friday morning, two days earlier than "
            "planned, after engineers finished replacing the expansion joints that had cracked "
            "during the winter storms.\n"
            "About forty thousand vehicles cross the bridge on a normal weekday, and the six-week "
            "closure pushed most of them onto the ring road, where journeys took up to an hour "
            "longer at peak times.\n"
            "\"The crews worked through the nights so that we could open before the school "
            "holidays,\" said the city's head of transport, who thanked drivers for their "
            "patience.\n"
            "What changes for cyclists\n"
            "A new protected cycle lane now runs along the eastern side of the bridge, separated "
            "from traffic by a low concrete kerb, and the old shared footway has been widened.\n"
            "Cycling groups welcomed the lane but said the junction at the northern end still "
            "needs safer crossings, which the council has promised to review this spring.");
  // Left out: title, standfirst, byline, date, share bar, caption, ad label, "Related:" link,
  // related list, comments, sidebar, footer.
  for (std::string_view word :
       {"Harbour bridge reopens", "standfirst", "Jane Reporter", "Updated 10:00", "Share on",
        "Photo: City Council", "Advertisement", "Related:", "More on this story", "commute",
        "Most read", "Copyright"}) {
    EXPECT_EQ(content.text.find(word), std::string::npos) << word;
    EXPECT_EQ(content.markdown.find(word), std::string::npos) << word;
    EXPECT_EQ(content.html.find(word), std::string::npos) << word;
  }
  EXPECT_NE(content.markdown.find("## What changes for cyclists"), std::string::npos);
  EXPECT_NE(content.html.find("<h2>What changes for cyclists</h2>"), std::string::npos);
  // The lead image stays in the HTML and Markdown, without its caption.
  EXPECT_NE(content.html.find("<img src=\"https://example.com/img/bridge.jpg\""),
            std::string::npos);
  EXPECT_NE(content.markdown.find("![The bridge at dusk](https://example.com/img/bridge.jpg)"),
            std::string::npos);
}

TEST(MainContentTest, BlogPostWithCommentsAndShareButtons) {
  const auto fixture = LoadFixture("blog.html");
  const MainContent& content = fixture->content;
  EXPECT_EQ(content.text,
            "For ten years my notes lived in a series of applications, each of which promised to "
            "be the last one I would ever need, and each of which eventually changed its format "
            "or closed.\n"
            "Last month I exported everything to plain text files, one per note, in a folder that "
            "any editor can open. This post explains what I gained and what I lost.\n"
            "What I gained\n"
            "Search that works with ordinary tools, such as grep, on every machine I use.\n"
            "Notes that will still open in twenty years, whatever happens to any company.\n"
            "grep -ril \"garden\" ~/notes | head\n"
            "Plain text is the most durable format we have.\n"
            "The only real loss was inline images, which now live next to the notes as separate "
            "files with the same name.");
  EXPECT_NE(content.markdown.find("```sh\ngrep -ril \"garden\" ~/notes | head\n```"),
            std::string::npos);
  EXPECT_NE(content.markdown.find("> Plain text is the most durable format we have."),
            std::string::npos);
  EXPECT_NE(content.markdown.find("- Search that works with ordinary tools, such as `grep`"),
            std::string::npos);
  for (std::string_view word : {"Posted on", "Share this", "Post Views", "thoughts",
                                "Leave a reply", "Recent posts", "Previous post"}) {
    EXPECT_EQ(content.markdown.find(word), std::string::npos) << word;
  }
}

TEST(MainContentTest, ForumThreadKeepsTheFirstPost) {
  const auto fixture = LoadFixture("forum.html");
  const MainContent& content = fixture->content;
  EXPECT_EQ(content.text.find("I am storing about forty thousand pages"), 0u);
  EXPECT_NE(content.text.find("fixed-width big-endian numbers."), std::string::npos);
  EXPECT_EQ(content.text.find("Compaction is doing"), std::string::npos);  // second post
  EXPECT_EQ(content.text.find("same problem"), std::string::npos);         // third post
  EXPECT_EQ(content.text.find("alice"), std::string::npos);
  EXPECT_EQ(content.text.find("Feb 14"), std::string::npos);
}

TEST(MainContentTest, SectionsAtDifferentDepthsAreMerged) {
  const auto fixture = LoadFixture("sections.html");
  const MainContent& content = fixture->content;
  EXPECT_EQ(content.text.find("When the researchers looked inside"), 0u);
  EXPECT_NE(content.text.find("Not merely taste and smell"), std::string::npos);
  EXPECT_NE(content.text.find("friend and foe"), std::string::npos);
  for (std::string_view word :
       {"Sam Writer", "sentinels", "newsletter", "copyright", "Taste receptors turn up"}) {
    EXPECT_EQ(content.text.find(word), std::string::npos) << word;
  }
  EXPECT_EQ(std::count(content.text.begin(), content.text.end(), '\n'), 5);
}

TEST(MainContentTest, ChineseArticleWithCountersAndRecommendations) {
  const auto fixture = LoadFixture("chinese.html");
  const MainContent& content = fixture->content;
  EXPECT_EQ(content.text.find("最近在做一个网页存档工具"), 0u);
  EXPECT_NE(content.text.find("第三点经验"), std::string::npos);
  for (std::string_view word :
       {"张三", "阅读数", "2025-02-14", "版权声明", "相关推荐", "写得很好", "首页", "关于我们"}) {
    EXPECT_EQ(content.text.find(word), std::string::npos) << word;
  }
}

TEST(MainContentTest, EmbeddedPostsStayAdsAndHiddenTextGo) {
  const std::string html =
      "<body><article>" + Paragraph("first") +
      "<div class='social-media-embed'><blockquote class=twitter-tweet><p>A quoted tweet that "
      "the article discusses at some length below.</p></blockquote></div>" +
      Paragraph("second") +
      "<div class=ad-container><p class=label>Advertisement</p></div>"
      "<p>ADVERTISEMENT</p><span class=sr-only>Image caption</span>"
      "<div class='d-none d-print-block'>Citation: printed pages only, with the full URL.</div>" +
      Paragraph("third") + "</article></body>";
  const std::string body = BodyOf(html);
  EXPECT_NE(body.find("A quoted tweet"), std::string::npos);
  EXPECT_NE(body.find("about third"), std::string::npos);
  EXPECT_EQ(body.find("ADVERTISEMENT"), std::string::npos);
  EXPECT_EQ(body.find("Advertisement"), std::string::npos);
  EXPECT_EQ(body.find("Image caption"), std::string::npos);
  EXPECT_EQ(body.find("Citation"), std::string::npos);
}

TEST(MainContentTest, RelatedLinksAndCaptionsInsideTheArticle) {
  const std::string html =
      "<body><div class=story>" + Paragraph("one") +
      "<figure><img src=a.jpg><figcaption>A caption under the photo, credit: Agency</figcaption>"
      "</figure><p>Related: <a href=/r>Another story that the editors want you to read next</a>"
      "</p><div class=photo-credit>Photo: Someone</div>" +
      Paragraph("two") +
      "<ul><li><a href=/1>First related story headline here</a></li>"
      "<li><a href=/2>Second related story headline here</a></li></ul>" +
      Paragraph("three") + "</div></body>";
  const std::string body = BodyOf(html);
  EXPECT_NE(body.find("about three"), std::string::npos);
  for (const char* word : {"caption", "Related:", "Photo:", "headline here"}) {
    EXPECT_EQ(body.find(word), std::string::npos) << word;
  }
}

TEST(MainContentTest, HeadingsOverRemovedFurnitureGoToo) {
  const std::string html =
      "<body><div class=post>" + Paragraph("one") +
      "<h3>Related stories</h3>"
      "<div class=related-posts><a href=/1>A related story with a long enough title</a></div>"
      "<h2>Deals</h2><ul><li><a href=/buy>Buy it at the shop for twenty pounds</a></li></ul>" +
      Paragraph("two") + "<h2>Conclusion</h2>" + Paragraph("three") + "</div></body>";
  const std::string body = BodyOf(html);
  EXPECT_EQ(body.find("Related stories"), std::string::npos);
  EXPECT_NE(body.find("Deals"), std::string::npos);  // a heading over plain links stays
  EXPECT_NE(body.find("Conclusion"), std::string::npos);
  EXPECT_NE(body.find("about three"), std::string::npos);
}

TEST(MainContentTest, HtmlAndMarkdownFollowTheSameSelection) {
  const std::string html = "<body><nav><a href=/>Home</a></nav><div id=post>" +
                           Paragraph("apples") +
                           "<div class=share><a href=/s>Share this</a></div>" + Paragraph("pears") +
                           "<script>var x = '<p>no</p>';</script>" + "</div></body>";
  const HtmlDocument doc = HtmlDocument::Parse(html);
  BodyOptions options;
  options.base_url = "https://example.com/";
  const MainContent content = FindMainContent(doc, options);
  EXPECT_EQ(content.markdown,
            "This paragraph is about apples, and it is long enough to count as prose, with "
            "commas, clauses, and a full stop.\n\nThis paragraph is about pears, and it is long "
            "enough to count as prose, with commas, clauses, and a full stop.\n");
  EXPECT_EQ(content.html,
            "<div>\n<p>This paragraph is about apples, and it is long enough to count as prose, "
            "with commas, clauses, and a full stop.</p>\n<p>This paragraph is about pears, and "
            "it is long enough to count as prose, with commas, clauses, and a full stop.</p>\n"
            "</div>\n");
  options.html = false;
  options.markdown = false;
  const MainContent text_only = FindMainContent(doc, options);
  EXPECT_EQ(text_only.text, content.text);
  EXPECT_TRUE(text_only.html.empty());
  EXPECT_TRUE(text_only.markdown.empty());
}

TEST(MainContentTest, RenderHtmlAndMarkdownForABodyChosenElsewhere) {
  const HtmlDocument doc = HtmlDocument::Parse("<body><div id=x><p>Chosen <b>text</b></p></div>");
  MainContent content;
  content.roots = {testing::FindById(doc.root(), "x")};
  content.text = "Chosen text";
  RenderHtmlAndMarkdown(BodyOptions{}, &content);
  EXPECT_EQ(content.html, "<div>\n<p>Chosen <b>text</b></p>\n</div>\n");
  EXPECT_EQ(content.markdown, "Chosen **text**\n");
}

TEST(MainContentTest, CleanChosenContentPrunesInsideGivenContainers) {
  const HtmlDocument doc = HtmlDocument::Parse(
      "<body><div id=chosen>" + Paragraph("one") +
      "<div class=author-bio>About the author: writes about fruit for a living.</div>"
      "<div class=share><a href=/s>Share</a></div><p class=promo>Buy now</p>" +
      Paragraph("two") + "</div><div id=other>" + Paragraph("elsewhere") + "</div></body>");
  const GumboNode* chosen = testing::FindById(doc.root(), "chosen");
  const SkipPredicate exclude = [](const GumboNode* node) {
    return HasToken(node, "class", "promo");
  };
  const MainContent content = CleanChosenContent(doc, {chosen}, exclude);
  EXPECT_EQ(content.roots, std::vector<const GumboNode*>{chosen});
  EXPECT_NE(content.text.find("about one"), std::string::npos);
  EXPECT_NE(content.text.find("about two"), std::string::npos);
  for (const char* word : {"About the author", "Share", "Buy now", "elsewhere"}) {
    EXPECT_EQ(content.text.find(word), std::string::npos) << word;
    EXPECT_EQ(content.markdown.find(word), std::string::npos) << word;
  }
  EXPECT_FALSE(content.html.empty());
}

TEST(MainContentTest, CleanChosenContentTrustsTheCallerOverMisleadingHints) {
  // Everything in the chosen container looks like a sidebar: the caller knows better.
  const HtmlDocument doc =
      HtmlDocument::Parse("<body><div id=chosen><div class=sidebar-widget>" + Paragraph("one") +
                          Paragraph("two") + "</div></div></body>");
  const MainContent content =
      CleanChosenContent(doc, {testing::FindById(doc.root(), "chosen")}, nullptr);
  EXPECT_NE(content.text.find("about two"), std::string::npos);
  // A container outside <body> (or hidden) is rendered as it is.
  const MainContent head = CleanChosenContent(doc, {doc.head()}, nullptr);
  EXPECT_EQ(head.text, "");
}

TEST(MainContentTest, ExplainNamesTheSeedAndWhatWasLeftOut) {
  const HtmlDocument doc =
      HtmlDocument::Parse("<body><div id=post>" + Paragraph("x") + Paragraph("y") +
                          "<div class=share-bar><a href=/s>Share</a></div></div></body>");
  const std::string explanation = ExplainMainContent(doc);
  EXPECT_NE(explanation.find("(seed) div#post"), std::string::npos) << explanation;
  EXPECT_NE(explanation.find("skip boilerplate div.share-bar"), std::string::npos) << explanation;
}

// --- Robustness ------------------------------------------------------------------------------

TEST(MainContentTest, MalformedDeepAndHugeInputs) {
  // Unclosed and misnested tags, stray end tags, junk bytes.
  for (const std::string& html :
       {std::string("<div><p>unclosed <b>bold <i>both</p></div></b></i> tail"),
        std::string("</p></div></body><p>after the end"), std::string("<<<>>><p<>/p>"),
        std::string("\x00\xff\xfe<p>\x80\x81</p>", 12), std::string(1000, '<'),
        std::string("<table><p>in table<tr><td>cell</table>")}) {
    const HtmlDocument doc = HtmlDocument::Parse(html);
    const MainContent content = FindMainContent(doc);
    EXPECT_LE(content.text.size(), html.size() * 3 + 16);
  }
  // Deep nesting (capped by the parser at 512, and walked without recursion anyway).
  std::string deep;
  for (int i = 0; i < 20000; ++i) deep += "<div><span>";
  deep += Paragraph("the bottom");
  EXPECT_NE(BodyOf(deep).find("about the bottom"), std::string::npos);
  // Huge: 20,000 paragraphs and one 2 MB text node.
  std::string huge = "<body><div id=a>";
  for (int i = 0; i < 20000; ++i) huge += Paragraph("item " + std::to_string(i));
  huge += "</div><div id=b><p>" + std::string(2'000'000, 'x') + "</p></div></body>";
  const std::string text = BodyOf(huge);
  EXPECT_NE(text.find("about item 19999"), std::string::npos);
}

}  // namespace
}  // namespace strata::parser
