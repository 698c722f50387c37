// robots.txt parsing and matching: RFC 9309's own examples, Google's documented precedence
// examples, and the malformed files real sites serve.
#include "crawler/robots_txt.h"

#include <gtest/gtest.h>

#include <string>

namespace strata::crawler {
namespace {

struct PathCase {
  const char* path;
  bool allowed;
};

void ExpectPaths(const RobotsRules& rules, std::initializer_list<PathCase> cases,
                 const std::string& context) {
  for (const PathCase& c : cases) {
    EXPECT_EQ(rules.Allowed(c.path), c.allowed) << context << " path " << c.path;
  }
}

// RFC 9309 section 5.1 (simple example), checked for each of its crawlers.
constexpr char kRfcExample[] = R"(User-Agent: *
Disallow: *.gif$
Disallow: /example/
Allow: /publications/

User-Agent: foobot
Disallow:/
Allow:/example/page.html
Allow:/example/allowed.gif

User-Agent: barbot
User-Agent: bazbot
Disallow: /example/page.html

User-Agent: quxbot

EOF
)";

TEST(RobotsTxtTest, RfcExampleForEachCrawler) {
  const RobotsTxt txt = RobotsTxt::Parse(kRfcExample);
  ExpectPaths(txt.RulesFor("foobot"),
              {{"/example/page.html", true},
               {"/example/allowed.gif", true},
               {"/example/other.html", false},
               {"/", false},
               {"/publications/", false}},
              "foobot");
  for (const char* bot : {"barbot", "bazbot", "BarBot"}) {
    ExpectPaths(txt.RulesFor(bot),
                {{"/example/page.html", false}, {"/example/other.html", true}, {"/x.gif", true}},
                bot);
  }
  // quxbot has a group with no rules: everything allowed, and `*` does not apply.
  ExpectPaths(txt.RulesFor("quxbot"), {{"/example/page.html", true}, {"/x.gif", true}}, "quxbot");
  ExpectPaths(txt.RulesFor("strata"),
              {{"/x.gif", false},
               {"/a/b.gif", false},
               {"/x.gif?size=2", true},  // `$` anchors at the end of path+query
               {"/example/", false},
               {"/example/x", false},
               {"/publications/", true},
               {"/other", true}},
              "* group");
}

// RFC 9309 2.2.2: percent-encoding table (rule, matching path).
TEST(RobotsTxtTest, PercentEncodingIsNormalisedOnBothSides) {
  struct Case {
    const char* rule;
    const char* path;
  };
  const Case cases[] = {
      {"/foo/bar?baz=quz", "/foo/bar?baz=quz"},
      {"/foo/bar?baz=https://foo.bar", "/foo/bar?baz=https%3A%2F%2Ffoo.bar"},
      {"/foo/bar/\xE3\x83\x84", "/foo/bar/%E3%83%84"},
      {"/foo/bar/%E3%83%84", "/foo/bar/%E3%83%84"},
      {"/foo/bar/%62%61%7A", "/foo/bar/baz"},
      {"/foo/bar/baz", "/foo/bar/%62%61%7a"},
      {"/caf%c3%a9", "/caf\xC3\xA9"},
      {"/%7Euser", "/~user"},
  };
  for (const Case& c : cases) {
    const RobotsTxt txt =
        RobotsTxt::Parse(std::string("User-agent: *\nDisallow: ") + c.rule + "\n");
    EXPECT_FALSE(txt.RulesFor("strata").Allowed(c.path)) << c.rule << " vs " << c.path;
  }
}

TEST(RobotsTxtTest, WildcardsAndAnchors) {
  struct Case {
    const char* pattern;
    const char* path;
    bool matches;
  };
  const Case cases[] = {
      {"/fish", "/fish", true},
      {"/fish", "/fish.html", true},
      {"/fish", "/fish/salmon.html", true},
      {"/fish", "/Fish.asp", false},  // case-sensitive
      {"/fish", "/catfish", false},
      {"/fish*", "/fishheads/yummy.html", true},
      {"/fish/", "/fish", false},
      {"/fish/", "/fish/?id=anything", true},
      {"/*.php", "/filename.php", true},
      {"/*.php", "/folder/filename.php?parameters", true},
      {"/*.php", "/windows.PHP", false},
      {"/*.php$", "/filename.php", true},
      {"/*.php$", "/filename.php?parameters", false},
      {"/*.php$", "/filename.php5", false},
      {"/fish*.php", "/fish.php", true},
      {"/fish*.php", "/fishheads/catfish.php?parameters", true},
      {"/fish*.php", "/Fish.PHP", false},
      {"/$", "/", true},
      {"/$", "/a", false},
      {"*", "/anything", true},
      {"/a*b*c$", "/axxbyyc", true},
      {"/a*b*c$", "/axxbyycz", false},
      {"/a$b", "/a$b", true},  // a '$' that is not last is literal
      {"/a$b", "/ab", false},
      {"/a%24", "/a$", true},  // and an encoded one matches a literal '$' in the path
      {"/a*", "/a*", true},
      {"/a%2A", "/a*", true},
      {"/a%2A", "/ab", false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(RobotsPatternMatches(CanonicalRobotsPath(c.pattern, true),
                                   CanonicalRobotsPath(c.path, false)),
              c.matches)
        << c.pattern << " vs " << c.path;
  }
}

// Google's "order of precedence for rules" examples: the longest match wins, Allow wins ties.
TEST(RobotsTxtTest, LongestMatchWinsAndAllowWinsTies) {
  struct Case {
    const char* rules;
    const char* path;
    bool allowed;
  };
  const Case cases[] = {
      {"allow: /p\ndisallow: /", "/page", true},
      {"allow: /folder\ndisallow: /folder", "/folder/page", true},
      {"allow: /page\ndisallow: /*.htm", "/page.htm", false},
      {"allow: /page\ndisallow: /*.ph", "/page.php5", true},
      {"allow: /$\ndisallow: /", "/", true},
      {"allow: /$\ndisallow: /", "/page.htm", false},
      {"disallow: /\nallow: /p", "/page", true},  // order in the file does not matter
      {"disallow: /a\ndisallow: /a/b\nallow: /a/b/c", "/a/b/c/d", true},
      {"disallow: /a\ndisallow: /a/b\nallow: /a/b/c", "/a/b/x", false},
  };
  for (const Case& c : cases) {
    const RobotsTxt txt = RobotsTxt::Parse(std::string("user-agent: *\n") + c.rules + "\n");
    EXPECT_EQ(txt.RulesFor("strata").Allowed(c.path), c.allowed) << c.rules << " / " << c.path;
  }
}

TEST(RobotsTxtTest, VerdictNamesTheDecidingRule) {
  const RobotsTxt txt = RobotsTxt::Parse("User-agent: *\nDisallow: /private\nAllow: /private/ok\n");
  const RobotsRules rules = txt.RulesFor("strata");
  RobotsVerdict verdict = rules.Check("/private/x");
  EXPECT_FALSE(verdict.allowed);
  ASSERT_NE(verdict.rule, nullptr);
  EXPECT_EQ(verdict.rule->line, "Disallow: /private");
  verdict = rules.Check("/private/ok/1");
  EXPECT_TRUE(verdict.allowed);
  ASSERT_NE(verdict.rule, nullptr);
  EXPECT_EQ(verdict.rule->line, "Allow: /private/ok");
  verdict = rules.Check("/public");
  EXPECT_TRUE(verdict.allowed);
  EXPECT_EQ(verdict.rule, nullptr);
}

// Google's "order of precedence for user agents" example, with product tokens standing for
// its crawlers.
TEST(RobotsTxtTest, MostSpecificUserAgentGroupWins) {
  const RobotsTxt txt = RobotsTxt::Parse(R"(user-agent: googlebot-news
disallow: /group1

user-agent: *
disallow: /group2

user-agent: googlebot
disallow: /group3
)");
  struct Case {
    const char* token;
    const char* blocked;  // the only path of the three its group disallows
  };
  const Case cases[] = {
      {"googlebot-news", "/group1"},   // exact match
      {"Googlebot", "/group3"},        // exact, case-insensitive
      {"googlebot-image", "/group3"},  // no own group: its '-' prefix "googlebot" is next
      {"otherbot", "/group2"},         // nothing matches: `*`
      {"googlebot-news-x", "/group1"}, {"googlebo", "/group2"},  // not a prefix on a '-' boundary
  };
  for (const Case& c : cases) {
    const RobotsRules rules = txt.RulesFor(c.token);
    for (const char* path : {"/group1", "/group2", "/group3"}) {
      EXPECT_EQ(rules.Allowed(path), std::string(path) != c.blocked) << c.token << " " << path;
    }
  }
}

TEST(RobotsTxtTest, GroupsForOneAgentAreMerged) {
  // Google's "grouping of rules" example.
  const RobotsTxt txt = RobotsTxt::Parse(R"(user-agent: googlebot-news
disallow: /fish

user-agent: *
disallow: /carrots

user-agent: googlebot-news
disallow: /shrimp
)");
  ExpectPaths(txt.RulesFor("googlebot-news"),
              {{"/fish", false}, {"/shrimp", false}, {"/carrots", true}}, "merged");
  ExpectPaths(txt.RulesFor("strata"), {{"/fish", true}, {"/carrots", false}}, "star");
}

TEST(RobotsTxtTest, ProductTokenIgnoresVersionAndComments) {
  const RobotsTxt txt = RobotsTxt::Parse(
      "User-agent: Strata/0.1 (+https://example.org)   # our bot\nDisallow: /x\n"
      "User-agent: *\nDisallow: /\n");
  ASSERT_EQ(txt.groups().size(), 2u);
  EXPECT_EQ(txt.groups()[0].agents, std::vector<std::string>{"strata"});
  ExpectPaths(txt.RulesFor("strata"), {{"/x", false}, {"/y", true}}, "versioned agent");
}

TEST(RobotsTxtTest, NoMatchingGroupAndNoStarAllowsAll) {
  const RobotsTxt txt = RobotsTxt::Parse("User-agent: otherbot\nDisallow: /\n");
  EXPECT_TRUE(txt.RulesFor("strata").Allowed("/anything"));
  EXPECT_TRUE(RobotsTxt::Parse("").RulesFor("strata").Allowed("/"));
}

TEST(RobotsTxtTest, EmptyDisallowAllowsEverything) {
  const RobotsTxt txt = RobotsTxt::Parse("User-agent: *\nDisallow:\n");
  EXPECT_TRUE(txt.RulesFor("strata").Allowed("/a"));
  EXPECT_TRUE(txt.RulesFor("strata").rules().empty());
}

TEST(RobotsTxtTest, RobotsTxtItselfIsAlwaysAllowed) {
  const RobotsRules rules = RobotsTxt::Parse("User-agent: *\nDisallow: /\n").RulesFor("strata");
  EXPECT_TRUE(rules.Allowed("/robots.txt"));
  EXPECT_FALSE(rules.Allowed("/robots.txt.bak"));
  EXPECT_FALSE(rules.Allowed("/"));
  EXPECT_FALSE(rules.Allowed(""));  // an empty path is "/"
}

TEST(RobotsTxtTest, ToleratesMessyFiles) {
  // BOM, CRLF and lone CR line ends, comments everywhere, odd spacing and case, typos that big
  // crawlers accept, a missing colon, unknown keys, rules before any group, binary junk.
  const std::string body =
      "\xEF\xBB\xBF# comment line\r\n"
      "Disallow: /orphan\r\n"  // before any User-agent: belongs to nobody
      "USER-AGENT : *   \r"
      "disalow: /typo\r\n"
      "  Disallow   /nocolon  \n"
      "Unknown-Key: whatever\n"
      "\x01\x02\xFF garbage line\n"
      "Allow: /typo/ok # trailing comment\n";
  const RobotsRules rules = RobotsTxt::Parse(body).RulesFor("strata");
  ExpectPaths(rules, {{"/orphan", true}, {"/typo", false}, {"/typo/ok", true}, {"/nocolon", false}},
              "messy");
}

TEST(RobotsTxtTest, CrawlDelayAndSitemaps) {
  const RobotsTxt txt = RobotsTxt::Parse(R"(Sitemap: https://example.com/sitemap.xml
User-agent: strata
Crawl-delay: 2.5
Disallow: /private

User-agent: strata
Crawl-delay: 4

User-agent: *
Crawl-delay: nonsense
Sitemap: https://example.com/news.xml
)");
  EXPECT_EQ(txt.RulesFor("strata").crawl_delay_ms(), 4000);  // merged groups: the largest
  EXPECT_EQ(txt.RulesFor("otherbot").crawl_delay_ms(), std::nullopt);
  EXPECT_EQ(txt.sitemaps(), (std::vector<std::string>{"https://example.com/sitemap.xml",
                                                      "https://example.com/news.xml"}));
  EXPECT_EQ(RobotsTxt::Parse("User-agent: *\nCrawl-delay: 0.25\n").RulesFor("x").crawl_delay_ms(),
            250);
  EXPECT_EQ(RobotsTxt::Parse("User-agent: *\nCrawl-delay: 1e12\n").RulesFor("x").crawl_delay_ms(),
            86'400'000);  // clamped to a day
}

TEST(RobotsTxtTest, CrawlDelayEndsTheAgentList) {
  // A User-agent after a group member starts a new group, not more agents for the old one.
  const RobotsTxt txt =
      RobotsTxt::Parse("User-agent: a\nCrawl-delay: 5\nUser-agent: b\nDisallow: /\n");
  ASSERT_EQ(txt.groups().size(), 2u);
  EXPECT_TRUE(txt.RulesFor("a").Allowed("/x"));
  EXPECT_FALSE(txt.RulesFor("b").Allowed("/x"));
}

TEST(RobotsTxtTest, ReadsOnlyTheFirst500KiB) {
  std::string body = "User-agent: *\nDisallow: /early\n";
  // A comment pads the file to 10 bytes short of the limit; the next line crosses it.
  const size_t pad = kRobotsMaxBytes - 10 - body.size();
  body += "#" + std::string(pad - 2, 'x') + "\n";
  ASSERT_EQ(body.size(), kRobotsMaxBytes - 10);
  body += "Disallow: /cut-in-the-middle-of-this-rule\n";
  body += "Disallow: /late\n";
  const RobotsTxt txt = RobotsTxt::Parse(body);
  EXPECT_TRUE(txt.truncated());
  const RobotsRules rules = txt.RulesFor("strata");
  EXPECT_FALSE(rules.Allowed("/early"));
  EXPECT_TRUE(rules.Allowed("/late"));
  // The cut line is dropped rather than read as a shorter (broader) rule.
  EXPECT_TRUE(rules.Allowed("/cut"));
  EXPECT_TRUE(rules.Allowed("/c"));
}

TEST(RobotsTxtTest, HostileInputStaysBounded) {
  // Many stars against a long path: the matcher must finish (and say no).
  std::string pattern = "/";
  for (int i = 0; i < 200; ++i) pattern += "a*";
  pattern += "b$";
  const std::string path = "/" + std::string(8000, 'a');
  const RobotsRules rules =
      RobotsTxt::Parse("User-agent: *\nDisallow: " + pattern + "\n").RulesFor("strata");
  EXPECT_TRUE(rules.Allowed(path));
  EXPECT_FALSE(rules.Allowed(path + "b"));
}

TEST(RobotsTxtTest, CanonicalForm) {
  EXPECT_EQ(CanonicalRobotsPath("/a%2fb%7e%41", false), "/a/b~A");
  EXPECT_EQ(CanonicalRobotsPath("/caf\xC3\xA9 x", false), "/caf%C3%A9%20x");
  EXPECT_EQ(CanonicalRobotsPath("/100%", false), "/100%25");
  EXPECT_EQ(CanonicalRobotsPath("/%zz", false), "/%25zz");
  EXPECT_EQ(CanonicalRobotsPath("/%25", false), "/%25");
  EXPECT_EQ(CanonicalRobotsPath("/a*$", false), "/a%2A%24");
  EXPECT_EQ(CanonicalRobotsPath("/a*$", true), "/a*$");
  EXPECT_EQ(CanonicalRobotsPath("/a$*", true), "/a%24*");
}

}  // namespace
}  // namespace strata::crawler
