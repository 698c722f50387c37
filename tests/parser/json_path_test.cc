#include "parser/json_path.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace strata::parser {
namespace {

using Json = nlohmann::json;
using ::testing::HasSubstr;

JsonPath MustParse(std::string_view text) {
  Result<JsonPath> path = JsonPath::Parse(text);
  EXPECT_TRUE(path.ok()) << path.status().ToString();
  return path.ok() ? *path : JsonPath();
}

// The shape of juejin's query_list answer.
const Json kJuejin = Json::parse(R"({
  "err_no": 0,
  "data": [
    {"article_id": "7001", "article_info": {"title": "First", "mtime": "1700000100"}},
    {"article_id": "7002", "article_info": {"title": "Second", "mtime": "1700000200"}}
  ],
  "cursor": "20",
  "has_more": true
})");

TEST(JsonPathTest, MembersAndIndexes) {
  const Json doc = Json::parse(R"({"data": {"list": [1, 2, 3], "total": 42},
                                   "author": [{"nickname": "Ann"}, {"nickname": "Bob"}]})");
  EXPECT_EQ(*MustParse("data.total").Find(doc), 42);
  EXPECT_EQ(*MustParse("data.list").Find(doc), Json({1, 2, 3}));
  EXPECT_EQ(*MustParse("author[0].nickname").Find(doc), "Ann");
  EXPECT_EQ(*MustParse("author[1].nickname").Find(doc), "Bob");
  EXPECT_EQ(*MustParse("author[-1].nickname").Find(doc), "Bob");
  EXPECT_EQ(*MustParse("data.list[-3]").Find(doc), 1);
  EXPECT_EQ(*MustParse("$.data.total").Find(doc), 42);
  EXPECT_EQ(MustParse("author[2].nickname").Find(doc), nullptr);
  EXPECT_EQ(MustParse("data.missing").Find(doc), nullptr);
  EXPECT_EQ(MustParse("data.total.x").Find(doc), nullptr);  // a number has no members
}

TEST(JsonPathTest, RootPaths) {
  const Json doc = Json::parse(R"([{"id": 1}, {"id": 2}])");
  EXPECT_EQ(*MustParse("").Find(doc), doc);
  EXPECT_EQ(*MustParse("$").Find(doc), doc);
  EXPECT_TRUE(MustParse("").is_root());
  EXPECT_EQ(*MustParse("[1].id").Find(doc), 2);
  EXPECT_EQ(*MustParse("$[0].id").Find(doc), 1);
  const auto ids = MustParse("[].id").SelectAll(doc);
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_EQ(*ids[1], 2);
}

TEST(JsonPathTest, EveryElementFansOut) {
  const JsonPath titles = MustParse("data[].article_info.title");
  EXPECT_TRUE(titles.fans_out());
  const auto found = titles.SelectAll(kJuejin);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(*found[0], "First");
  EXPECT_EQ(*found[1], "Second");
  EXPECT_EQ(MustParse("data[*].article_id").SelectAll(kJuejin).size(), 2u);
  // Elements without the member contribute nothing; the others are still found.
  const Json mixed = Json::parse(R"({"a": [{"x": 1}, {"y": 2}, {"x": 3}, 7]})");
  const auto xs = MustParse("a[].x").SelectAll(mixed);
  ASSERT_EQ(xs.size(), 2u);
  EXPECT_EQ(*xs[1], 3);
  // Nested fan-out.
  const Json nested = Json::parse(R"({"a": [{"b": [1, 2]}, {"b": [3]}]})");
  EXPECT_EQ(MustParse("a[].b[]").SelectAll(nested).size(), 3u);
  // Select on a fan-out path gives the first value.
  EXPECT_EQ(**titles.Select(kJuejin), "First");
}

TEST(JsonPathTest, QuotedMemberNames) {
  const Json doc = Json::parse(R"({"a.b": {"c[0]": 5, "say \"hi\"": 6}})");
  EXPECT_EQ(*MustParse(R"(["a.b"]["c[0]"])").Find(doc), 5);
  EXPECT_EQ(*MustParse(R"(['a.b']['say "hi"'])").Find(doc), 6);
  EXPECT_EQ(*MustParse(R"(["a.b"]["say \"hi\""])").Find(doc), 6);
  // Non-ASCII member names need no quotes.
  const Json zh = Json::parse(R"({"数据": {"标题": "x"}})");
  EXPECT_EQ(*MustParse("数据.标题").Find(zh), "x");
}

TEST(JsonPathTest, SyntaxErrorsSayWhere) {
  struct Case {
    const char* path;
    const char* message;
  };
  for (const Case& c :
       {Case{"data..list", "empty member name at 5"}, Case{"data.", "empty member name at 5"},
        Case{".data", "empty member name at 0"}, Case{"data[", "unterminated '[' at 5"},
        Case{"data[1", "unterminated '[' at 5"}, Case{"data[x]", "expected an index"},
        Case{"data[+1]", "expected an index"}, Case{"data[1]x", "expected '.' or '[' at 7"},
        Case{"data['x]", "unterminated quoted member name"}, Case{"data['x'", "expected ']'"},
        Case{"a b", "expected '.' or '[' at 1"}, Case{"$.", "empty member name at 2"}}) {
    Result<JsonPath> path = JsonPath::Parse(c.path);
    ASSERT_FALSE(path.ok()) << c.path;
    EXPECT_TRUE(path.status().IsInvalidArgument());
    EXPECT_THAT(path.status().message(), HasSubstr(c.message)) << c.path;
    EXPECT_THAT(path.status().message(), HasSubstr(std::string("'") + c.path + "'"));
  }
}

TEST(JsonPathTest, SelectExplainsWhereTheWalkStopped) {
  const Json doc = Json::parse(R"({"code": 200, "msg": "ok", "data": {"total": 3, "list": []},
                                   "author": [], "user": "x"})");
  auto message = [&](std::string_view path) {
    Result<const Json*> r = MustParse(path).Select(doc);
    EXPECT_FALSE(r.ok()) << path;
    EXPECT_TRUE(r.status().IsNotFound());
    return r.ok() ? std::string() : r.status().message();
  };
  EXPECT_EQ(message("data.items"),
            "data.items: 'data' has no member 'items' (it has: list, total)");
  EXPECT_EQ(message("dta.list"),
            "dta.list: the document has no member 'dta' (it has: author, code, data, msg, user)");
  EXPECT_EQ(message("author[0].nickname"), "author[0].nickname: 'author' is an empty array");
  EXPECT_EQ(message("user.name"), "user.name: 'user' is a string, not an object");
  EXPECT_EQ(message("data[0]"), "data[0]: 'data' is an object, not an array");
  EXPECT_EQ(message("data.list[].url"), "data.list[].url: 'data.list' is an empty array");
  const Json three = Json::parse(R"({"a": [1, 2, 3]})");
  Result<const Json*> r = MustParse("a[5]").Select(three);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "a[5]: 'a' has 3 elements, no [5]");
}

TEST(JsonPathTest, ScalarText) {
  EXPECT_EQ(JsonScalarText(Json("abc")), "abc");
  EXPECT_EQ(JsonScalarText(Json(42)), "42");
  EXPECT_EQ(JsonScalarText(Json(-7)), "-7");
  EXPECT_EQ(JsonScalarText(Json(18446744073709551615ULL)), "18446744073709551615");
  EXPECT_EQ(JsonScalarText(Json(3.0)), "3");
  EXPECT_EQ(JsonScalarText(Json(1.5)), "1.5");
  EXPECT_EQ(JsonScalarText(Json(true)), "true");
  EXPECT_EQ(JsonScalarText(Json(nullptr)), std::nullopt);
  EXPECT_EQ(JsonScalarText(Json::array()), std::nullopt);
  EXPECT_EQ(JsonScalarText(Json::object()), std::nullopt);
}

TEST(JsonPathTest, Integers) {
  EXPECT_EQ(JsonInteger(Json(1700000000123LL)), 1700000000123LL);
  EXPECT_EQ(JsonInteger(Json("1700000000")), 1700000000);
  EXPECT_EQ(JsonInteger(Json(" 12 ")), 12);
  EXPECT_EQ(JsonInteger(Json(12.0)), 12);
  EXPECT_EQ(JsonInteger(Json(12.5)), std::nullopt);
  EXPECT_EQ(JsonInteger(Json("12a")), std::nullopt);
  EXPECT_EQ(JsonInteger(Json("")), std::nullopt);
  EXPECT_EQ(JsonInteger(Json(18446744073709551615ULL)), std::nullopt);
  EXPECT_EQ(JsonInteger(Json(true)), std::nullopt);
  EXPECT_EQ(JsonInteger(Json(nullptr)), std::nullopt);
}

TEST(JsonPathTest, Booleans) {
  EXPECT_EQ(JsonBool(Json(true)), true);
  EXPECT_EQ(JsonBool(Json(false)), false);
  EXPECT_EQ(JsonBool(Json(0)), false);
  EXPECT_EQ(JsonBool(Json(1)), true);
  EXPECT_EQ(JsonBool(Json("TRUE")), true);
  EXPECT_EQ(JsonBool(Json("0")), false);
  EXPECT_EQ(JsonBool(Json("maybe")), std::nullopt);
  EXPECT_EQ(JsonBool(Json(nullptr)), std::nullopt);
}

TEST(JsonPathTest, TypeNames) {
  EXPECT_EQ(JsonTypeName(Json::object()), "an object");
  EXPECT_EQ(JsonTypeName(Json::array()), "an array");
  EXPECT_EQ(JsonTypeName(Json(1)), "a number");
  EXPECT_EQ(JsonTypeName(Json(1.5)), "a number");
  EXPECT_EQ(JsonTypeName(Json(nullptr)), "null");
}

}  // namespace
}  // namespace strata::parser
