#include "config/api_request.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace strata::config {
namespace {

using ::testing::HasSubstr;

ApiRequest MustParse(std::string_view text) {
  Result<ApiRequest> request = ParseApiRequest(text, "t.toml");
  EXPECT_TRUE(request.ok()) << request.status().ToString();
  return request.ok() ? *request : ApiRequest();
}

std::string ParseError(std::string_view text) {
  Result<ApiRequest> request = ParseApiRequest(text, "t.toml");
  EXPECT_FALSE(request.ok()) << text;
  return request.ok() ? "" : request.status().message();
}

TEST(ApiRequestTest, JuejinCursorRequest) {
  const ApiRequest request = MustParse(R"(
method = "post"
url = "https://api.juejin.cn/content_api/v1/article/query_list"
json = '{"user_id": "{user_id}", "sort_type": 2, "cursor": "{cursor}"}'
headers = ["Referer: https://juejin.cn/user/{user_id}/posts", "Origin:https://juejin.cn"]
)");
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.body_kind, BodyKind::kJson);
  EXPECT_EQ(request.Placeholders(), (std::vector<std::string>{"cursor", "user_id"}));
  ASSERT_EQ(request.headers.size(), 2u);
  EXPECT_EQ(request.headers[1].first, "Origin");
  EXPECT_EQ(request.headers[1].second, "https://juejin.cn");

  Result<ExpandedRequest> expanded =
      ExpandApiRequest(request, {{"user_id", "123"}, {"cursor", "20"}});
  ASSERT_TRUE(expanded.ok()) << expanded.status().ToString();
  EXPECT_EQ(expanded->method, "POST");
  EXPECT_EQ(expanded->url, "https://api.juejin.cn/content_api/v1/article/query_list");
  EXPECT_EQ(expanded->body, R"({"user_id": "123", "sort_type": 2, "cursor": "20"})");
  EXPECT_EQ(expanded->headers, (HttpHeaders{{"Referer", "https://juejin.cn/user/123/posts"},
                                            {"Origin", "https://juejin.cn"},
                                            {"Content-Type", "application/json"}}));
}

TEST(ApiRequestTest, GetWithQueryPlaceholdersIsPercentEncoded) {
  const ApiRequest request = MustParse(R"(
url = "https://blog.csdn.net/community/home-api/v1/get-business-list?page={page}&size={size}&businessType=blog&username={user}"
)");
  EXPECT_EQ(request.method, "GET");
  EXPECT_EQ(request.body_kind, BodyKind::kNone);
  Result<ExpandedRequest> expanded =
      ExpandApiRequest(request, {{"page", "2"}, {"size", "20"}, {"user", "a b&c=d/é"}});
  ASSERT_TRUE(expanded.ok()) << expanded.status().ToString();
  EXPECT_EQ(expanded->url,
            "https://blog.csdn.net/community/home-api/v1/"
            "get-business-list?page=2&size=20&businessType=blog&username=a%20b%26c%3Dd%2F%C3%A9");
  EXPECT_TRUE(expanded->body.empty());
  EXPECT_TRUE(expanded->headers.empty());
}

TEST(ApiRequestTest, RelativeUrlResolvesAgainstThePage) {
  const ApiRequest request = MustParse(R"(url = "/api/articles?username={user}&page={page}")");
  Result<ExpandedRequest> expanded =
      ExpandApiRequest(request, {{"user", "ben"}, {"page", "3"}}, "http://127.0.0.1:8080/ben?x=1");
  ASSERT_TRUE(expanded.ok()) << expanded.status().ToString();
  EXPECT_EQ(expanded->url, "http://127.0.0.1:8080/api/articles?username=ben&page=3");
  // Without a page to resolve against, it is an error, not a guess.
  Result<ExpandedRequest> alone = ExpandApiRequest(request, {{"user", "ben"}, {"page", "3"}});
  ASSERT_FALSE(alone.ok());
  EXPECT_THAT(alone.status().message(), HasSubstr("url: '/api/articles?username=ben&page=3'"));
}

TEST(ApiRequestTest, JsonValuesNeverBreakTheBody) {
  const ApiRequest request = MustParse(R"(
method = "POST"
url = "https://xie.infoq.cn/public/v1/user/getListByAuthor"
json = '{"id": {id}, "page": {page}, "size": {size}, "name": "{name}", "flag": {flag}}'
)");
  Result<ExpandedRequest> expanded = ExpandApiRequest(request, {{"id", "abc\"}"},
                                                                {"page", "2"},
                                                                {"size", "-1.5e3"},
                                                                {"name", "x\"y\\z\n"},
                                                                {"flag", "true"}});
  ASSERT_TRUE(expanded.ok()) << expanded.status().ToString();
  const nlohmann::json body = nlohmann::json::parse(expanded->body);
  EXPECT_EQ(body["id"], "abc\"}");  // not a number: a quoted string
  EXPECT_EQ(body["page"], 2);       // a number stays a number
  EXPECT_EQ(body["size"], -1500.0);
  EXPECT_EQ(body["name"], "x\"y\\z\n");  // inside a string: escaped
  EXPECT_EQ(body["flag"], true);
}

TEST(ApiRequestTest, JsonEscapesInTheTemplateDoNotConfuseTheScan) {
  // The \" inside the first string must not end it: {a} is still inside a string.
  Result<std::string> out = ExpandTemplate(R"({"q": "say \"{a}\"", "n": {b}})",
                                           {{"a", "x"}, {"b", "y"}}, TemplateEscape::kJson);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, R"({"q": "say \"x\"", "n": "y"})");
}

TEST(ApiRequestTest, FormBody) {
  const ApiRequest request = MustParse(R"(
method = "POST"
url = "https://example.com/list"
form = "user={user}&page={page}"
headers = ["Referer: https://example.com/u/{user}"]
)");
  Result<ExpandedRequest> expanded = ExpandApiRequest(request, {{"user", "a b+c"}, {"page", "1"}});
  ASSERT_TRUE(expanded.ok());
  EXPECT_EQ(expanded->body, "user=a+b%2Bc&page=1");
  EXPECT_EQ(FindHeader(expanded->headers, "content-type"), "application/x-www-form-urlencoded");
}

TEST(ApiRequestTest, TextBodyKeepsTheGivenContentType) {
  const ApiRequest request = MustParse(R"(
method = "POST"
url = "https://www.cnblogs.com/{blog}/ajax/GetPostStat"
body = "[{id}]"
headers = ["Content-Type: application/json; charset=utf-8"]
)");
  EXPECT_EQ(request.body_kind, BodyKind::kText);
  Result<ExpandedRequest> expanded = ExpandApiRequest(request, {{"blog", "ann"}, {"id", "42"}});
  ASSERT_TRUE(expanded.ok());
  EXPECT_EQ(expanded->url, "https://www.cnblogs.com/ann/ajax/GetPostStat");
  EXPECT_EQ(expanded->body, "[42]");
  ASSERT_EQ(expanded->headers.size(), 1u);
  EXPECT_EQ(expanded->headers[0].second, "application/json; charset=utf-8");
}

TEST(ApiRequestTest, ExpansionErrorsNameTheKey) {
  ApiRequest request = MustParse(R"(
method = "POST"
url = "https://example.com/{a}"
json = '{"c": "{c}"}'
headers = ["X-Id: {h}"]
)");
  request.key = "listing.api";
  request.source = "x.toml";
  auto error = [&](const TemplateValues& values) {
    Result<ExpandedRequest> r = ExpandApiRequest(request, values);
    EXPECT_FALSE(r.ok());
    return r.ok() ? std::string() : r.status().message();
  };
  EXPECT_EQ(error({{"c", "1"}, {"h", "1"}}), "x.toml: listing.api.url: no value for {a}");
  EXPECT_EQ(error({{"a", "1"}, {"h", "1"}}), "x.toml: listing.api.json: no value for {c}");
  EXPECT_EQ(error({{"a", "1"}, {"c", "1"}}), "x.toml: listing.api.headers[0]: no value for {h}");
  EXPECT_THAT(error({{"a", "1"}, {"c", "1"}, {"h", "x\r\nEvil: 1"}}),
              HasSubstr("headers[0]: the value of {h} holds a line break or NUL"));
}

TEST(ApiRequestTest, CheckPlaceholdersNamesTheUnknownOne) {
  ApiRequest request = MustParse(R"(
url = "https://example.com/{user_id}?c={cursor}"
headers = ["Referer: https://example.com/{usr}"]
)");
  request.key = "listing.api";
  request.source = "x.toml";
  EXPECT_TRUE(CheckPlaceholders(request, {"cursor", "user_id", "usr"}).ok());
  const Status bad = CheckPlaceholders(request, {"cursor", "user_id"});
  EXPECT_TRUE(bad.IsInvalidArgument());
  EXPECT_EQ(bad.message(),
            "x.toml: listing.api.headers[0]: unknown placeholder {usr} (available: cursor, "
            "user_id)");
}

TEST(ApiRequestTest, LoadErrorsNameTheKey) {
  EXPECT_EQ(ParseError(R"(url = "https://x.com/"
method = "PUT")"),
            "t.toml: method: must be GET or POST");
  EXPECT_THAT(ParseError(R"(method = "GET")"), HasSubstr("t.toml: url: required"));
  EXPECT_THAT(ParseError(R"(url = "ftp://x.com/")"), HasSubstr("t.toml: url: 'ftp://x.com/'"));
  EXPECT_THAT(ParseError(R"(url = "x.com/a")"), HasSubstr("is not an http(s) URL"));
  EXPECT_EQ(ParseError(R"(url = "https://x.com/"
json = '{}')"),
            "t.toml: json: a GET request has no body: use method = \"POST\"");
  EXPECT_EQ(ParseError(R"(url = "https://x.com/"
method = "POST"
json = '{}'
form = "a=1")"),
            "t.toml: json: give at most one of json, form and body");
  EXPECT_THAT(ParseError(R"(url = "https://x.com/"
method = "POST"
json = '{"a": {page}')"),
              HasSubstr("t.toml: json: not a JSON template"));
  EXPECT_THAT(ParseError(R"(url = "https://x.com/"
headers = ["Referer https://x.com/"])"),
              HasSubstr("t.toml: headers[0]: 'Referer https://x.com/' is not a header line"));
  EXPECT_EQ(ParseError(R"(url = "https://x.com/"
header = ["A: b"])"),
            "t.toml: header: unknown key");
  EXPECT_THAT(ParseError("url = "), HasSubstr("t.toml:1:"));
}

TEST(ApiRequestTest, TemplatePlaceholderSyntax) {
  EXPECT_EQ(TemplatePlaceholders("{a}{b_1}{a}{1x}{}{ x}{{c}}{\"d\"}"),
            (std::vector<std::string>{"a", "b_1", "c"}));
  Result<std::string> out = ExpandTemplate("{{c}} {}", {{"c", "v"}}, TemplateEscape::kNone);
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(*out, "{v} {}");
}

TEST(ApiRequestTest, UrlPatternNamedCaptures) {
  Result<UrlPattern> pattern =
      UrlPattern::Compile(R"(juejin\.cn/user/(?P<user_id>\d+)(?:/(?P<tab>\w+))?)");
  ASSERT_TRUE(pattern.ok()) << pattern.status().ToString();
  EXPECT_EQ(pattern->names(), (std::vector<std::string>{"user_id", "tab"}));
  std::optional<TemplateValues> values = pattern->Match("https://juejin.cn/user/123/posts");
  ASSERT_TRUE(values.has_value());
  EXPECT_EQ(*values, (TemplateValues{{"tab", "posts"}, {"user_id", "123"}}));
  values = pattern->Match("https://juejin.cn/user/456");
  ASSERT_TRUE(values.has_value());
  EXPECT_EQ(values->at("tab"), "");  // the optional group took no part
  EXPECT_FALSE(pattern->Match("https://juejin.cn/post/789").has_value());

  Result<UrlPattern> bad = UrlPattern::Compile("user/(?P<id>\\d+");
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), HasSubstr("bad regular expression 'user/(?P<id>\\d+'"));
}

}  // namespace
}  // namespace strata::config
