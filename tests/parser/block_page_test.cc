#include "parser/block_page.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/parser/test_util.h"

namespace strata::parser {
namespace {

using testing::ReadFixture;

struct ResponseCase {
  const char* name;
  int status;
  const char* content_type;
  const char* fixture;  // under tests/parser/data/block/
  const char* reason;   // a part of the expected reason; nullptr: not a block page
};

class BlockResponseTest : public ::testing::TestWithParam<ResponseCase> {};

TEST_P(BlockResponseTest, Classifies) {
  const ResponseCase& c = GetParam();
  const std::string body = ReadFixture(std::string("block/") + c.fixture);
  ASSERT_FALSE(body.empty()) << c.fixture;
  const std::optional<std::string> reason = DetectBlockResponse(c.status, c.content_type, body);
  if (c.reason == nullptr) {
    EXPECT_FALSE(reason.has_value()) << *reason;
  } else {
    ASSERT_TRUE(reason.has_value());
    EXPECT_NE(reason->find(c.reason), std::string::npos) << *reason;
  }
}

constexpr const char* kHtml = "text/html; charset=utf-8";

INSTANTIATE_TEST_SUITE_P(
    Fixtures, BlockResponseTest,
    ::testing::Values(
        // Interstitials served with 200.
        ResponseCase{"CsdnSecurityCheck", 200, kHtml, "csdn_security_check.html",
                     "anti-bot interstitial: \"安全验证\" (HTTP 200)"},
        ResponseCase{"CloudflareJustAMoment", 200, "text/html", "cloudflare_just_a_moment.html",
                     "\"Just a moment...\""},
        ResponseCase{"CloudflareAs403", 403, "text/html", "cloudflare_just_a_moment.html",
                     "(HTTP 403)"},
        ResponseCase{"AkamaiAccessDenied", 403, "text/html", "akamai_access_denied.html",
                     "\"Access denied\""},
        ResponseCase{"GeetestWithoutPhrase", 200, kHtml, "geetest_captcha_zh.html",
                     "captcha markup \"geetest\""},
        ResponseCase{"RecaptchaSecurityCheck", 200, kHtml, "recaptcha_en.html",
                     "anti-bot interstitial: \"Security check\""},
        // Tiny 403 pages (xie.infoq.cn under load) and bodies that are not even HTML.
        ResponseCase{"Openresty403", 403, "text/html", "infoq_403.html",
                     "HTTP 403 with a 143-byte page \"403 Forbidden\""},
        // Login walls.
        ResponseCase{"LoginWallZh", 200, kHtml, "login_wall_zh.html", "login wall: \"登录后查看\""},
        ResponseCase{"SignInToContinue", 200, kHtml, "signin_continue_en.html",
                     "login wall: \"Sign in to continue\""},
        ResponseCase{"LoginFormIsThePage", 200, kHtml, "login_form_en.html",
                     "login wall: a login form is the page"},
        // Shells that JavaScript would fill.
        ResponseCase{"SpaShell", 200, kHtml, "spa_shell.html",
                     "empty shell: no article, no text, an app root (#app), 2 scripts"},
        ResponseCase{"NuxtLoading", 200, "", "nuxt_loading_shell.html",
                     "empty shell: no article, 10 bytes of text, an app root (#__nuxt)"},
        // Articles: never block pages, whatever they talk about.
        ResponseCase{"ArticleAboutCaptchas", 200, kHtml, "article_about_captchas_en.html", nullptr},
        ResponseCase{"ChineseArticleAboutVerification", 200, kHtml, "article_zh.html", nullptr},
        ResponseCase{"ShortPost", 200, kHtml, "short_post_en.html", nullptr},
        // reCAPTCHA on a comment form under a short post: the post is the page.
        ResponseCase{"ShortPostWithCaptchaComments", 200, kHtml,
                     "short_post_with_comment_form_en.html", nullptr},
        // Statuses that are answers, not blocks: a 404 page is a tombstone, a 500 a failure
        // the retry policy owns.
        ResponseCase{"NotFoundPage", 404, kHtml, "infoq_403.html", nullptr},
        ResponseCase{"ServerError", 500, kHtml, "csdn_security_check.html", nullptr}),
    [](const ::testing::TestParamInfo<ResponseCase>& info) { return info.param.name; });

TEST(BlockResponseTest, TinyNonHtmlRefusalsAreBlockAnswers) {
  EXPECT_EQ(DetectBlockResponse(403, "text/plain", "Forbidden").value_or(""),
            "HTTP 403 with a 9-byte text/plain body: a block answer");
  EXPECT_NE(DetectBlockResponse(429, "application/json", R"({"code":429,"msg":"too many"})")
                .value_or("")
                .find("HTTP 429"),
            std::string::npos);
  // A 200 JSON answer is data, whatever its size; a large 403 download is not a block page.
  EXPECT_FALSE(DetectBlockResponse(200, "application/json", "{}").has_value());
  EXPECT_FALSE(DetectBlockResponse(403, "application/json", std::string(10000, ' ')).has_value());
}

TEST(BlockResponseTest, LongPagesAreJudgedOnMoreThanTheirFirstBytes) {
  // The first 32 KB settle an article quickly; anything else is scanned to 256 KB as before.
  const std::string big_head = "<html><head><title>Just a moment...</title><script>" +
                               std::string(40'000, 'x') + "</script></head><body>";
  EXPECT_NE(DetectBlockResponse(200, "text/html", big_head + "<div id=cf></div>")
                .value_or("")
                .find("anti-bot interstitial"),
            std::string::npos);
  std::string article = "<html><head><title>Notes</title><style>" + std::string(40'000, 's') +
                        "</style></head><body>";
  for (int i = 0; i < 40; ++i) article += "<p>A paragraph of the article, long enough.</p>";
  EXPECT_FALSE(DetectBlockResponse(200, "text/html", article).has_value());
  // UTF-8 text cut by the 32 KB prefix, and an article that starts right at the cut.
  std::string cjk = "<html><body><p>";
  while (cjk.size() < 40'000) cjk += "中文的文章内容。";
  EXPECT_FALSE(DetectBlockResponse(200, "text/html; charset=utf-8", cjk).has_value());
  // UTF-16 is never judged on its raw bytes (every other byte is a NUL).
  std::string utf16 = "\xFF\xFE";
  for (char c : big_head + "<p>Checking your browser</p>") {
    utf16 += c;
    utf16 += '\0';
  }
  EXPECT_NE(DetectBlockResponse(200, "text/html", utf16).value_or("").find("anti-bot"),
            std::string::npos);
}

TEST(BlockResponseTest, AnEmptyOkPageIsAShell) {
  EXPECT_EQ(DetectBlockResponse(200, "text/html", "").value_or(""),
            "empty shell: no article, no text (HTTP 200)");
  EXPECT_TRUE(DetectBlockResponse(204, "text/html", "<html><body></body></html>").has_value());
}

TEST(BlockResponseTest, ATitleThatOnlyMentionsAPhraseIsNotAnInterstitial) {
  // A short page whose title talks about the phrase: the phrase is not most of the title.
  const std::string page =
      "<html><head><title>Why 'Access denied' errors happen in S3 and how to fix them</title>"
      "</head><body><p>Check the bucket policy first, then the IAM role of the caller, and the "
      "object's owner when another account uploaded it.</p></body></html>";
  EXPECT_FALSE(DetectBlockResponse(200, "text/html", page).has_value());
}

TEST(BlockResponseTest, GbkInterstitialsAreDecodedFirst) {
  // "安全验证" in GBK, declared by a meta tag.
  const std::string page =
      "<html><head><meta charset=\"gbk\"><title>\xb0\xb2\xc8\xab\xd1\xe9\xd6\xa4</title></head>"
      "<body><div id=\"captcha\"></div></body></html>";
  EXPECT_NE(DetectBlockResponse(200, "text/html", page).value_or("").find("安全验证"),
            std::string::npos);
}

TEST(BlockResponseTest, MalformedMarkupNeverCrashes) {
  for (const std::string& page :
       {std::string("<"), std::string("<title>"), std::string("<script>never closed"),
        std::string("<input type='password"), std::string("<!-- open comment"),
        std::string(100000, '<'), std::string("<div id=\"app\">") + std::string(300000, 'x')}) {
    (void)DetectBlockResponse(200, "text/html", page);
    (void)DetectBlockResponse(403, "", page);
  }
}

TEST(BlockedArticleTest, ATeaserCutOffByALoginWall) {
  Article article;
  article.body =
      "Kubernetes 的调度器在每个周期里为待调度的 Pod 选择节点。\n"
      "首先是过滤阶段……\n"
      "登录后查看全文";
  EXPECT_EQ(DetectBlockedArticle(article).value_or(""),
            "login wall: the article is cut off at \"登录后查看全文\"");
  article.body = "The first paragraph of the story.\nSign in to continue reading";
  EXPECT_TRUE(DetectBlockedArticle(article).has_value());
}

TEST(BlockedArticleTest, ArticlesThatMentionSigningInAreArticles) {
  Article article;
  article.body =
      "To publish, the client must sign in first.\n"
      "The token lasts an hour; please log in again after that, and the client refreshes it "
      "for you when the server says so with a 401 and a WWW-Authenticate header, as the RFC "
      "asks.\n"
      "That is all.";
  EXPECT_FALSE(DetectBlockedArticle(article).has_value());
  // The phrase far from the end is part of the text.
  article.body = "登录后查看个人主页的设置。\n第二段。\n第三段。\n第四段。";
  EXPECT_FALSE(DetectBlockedArticle(article).has_value());
  EXPECT_FALSE(DetectBlockedArticle(Article()).has_value());
}

TEST(LostArticleTest, AFooterWhereAnArticleWasIsALostArticle) {
  Article archived;
  archived.body = std::string(600, 'a') + "\n" + std::string(300, 'b');
  Article fetched;
  fetched.body = "© 2025 示例开发者社区 · 京ICP备00000000号 · 联系我们";
  EXPECT_TRUE(MayHaveLostArticle(fetched));
  EXPECT_NE(DetectLostArticle(fetched, archived, 3).value_or("").find("where version 3 has 900"),
            std::string::npos);
}

TEST(LostArticleTest, ShortArticlesAndPicturesAreNotLost) {
  Article archived;
  archived.body = "A short note of a few words.";
  Article fetched;
  fetched.body = "A shorter note.";
  // The archived version was short too: a real edit.
  EXPECT_FALSE(DetectLostArticle(fetched, archived, 1).has_value());
  // Long before, not much shorter now: an edit, not a shell.
  archived.body = std::string(400, 'x');
  fetched.body = std::string(200, 'y');
  EXPECT_FALSE(DetectLostArticle(fetched, archived, 1).has_value());
  // A picture post is not empty.
  fetched.body = "";
  fetched.body_html = "<p><img src=\"https://example.com/a.png\"></p>";
  EXPECT_FALSE(MayHaveLostArticle(fetched));
  EXPECT_FALSE(DetectLostArticle(fetched, archived, 1).has_value());
}

}  // namespace
}  // namespace strata::parser
