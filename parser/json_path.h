// JsonPath: a small path language for pointing into JSON API responses from site profiles
// (config/sites/*.toml): where an author listing keeps its items (`data.list`), where each item
// keeps its title (`article_info.title`), where an article detail keeps its author
// (`data.author[0].nickname`). Profiles are data, so the paths are text, parsed once and
// evaluated against many responses.
//
// Syntax (whitespace is not allowed):
//   ""  or  "$"            the value itself (the root)
//   name                   member `name` of an object; a leading "$." is allowed ("$.data")
//   a.b.c                  members in turn
//   a[0], a[-1]            element 0 of an array, the last element
//   a[] , a[*]             every element of an array: the path "fans out" (SelectAll)
//   a["odd.key"], a['k']   a member whose name holds '.', '[' or ']' (\" and \\ escape)
// Member names are any characters except '.', '[', ']', quotes and whitespace.
// Examples: `data.list`, `data[].article_info.title`, `author[0].nickname`, `data.list[].url`.
//
// Missing values are normal in API data (an item without views), so SelectAll() yields nothing
// for them; Select() says where the walk stopped, for profile authors: "data.list: 'data' has
// no member 'list' (it has: code, msg, total)".
//
// Thread-safety: a JsonPath is immutable after Parse; share it freely.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/result.h"

namespace strata::parser {

class JsonPath {
 public:
  // The root path ("").
  JsonPath() = default;

  // Parses `text`. Fails with InvalidArgument naming the path, the offset and what was
  // expected: "bad JSON path 'data..list': empty member name at 5".
  static Result<JsonPath> Parse(std::string_view text);

  // Every value the path reaches, in document order: at most one unless the path fans out
  // ([] / [*]). Members and elements that are missing, or a value of the wrong type on the
  // way, contribute nothing. Pointers into `root`: valid while it is.
  std::vector<const nlohmann::json*> SelectAll(const nlohmann::json& root) const;

  // The one value the path reaches (the first, when it fans out). NotFound when there is none,
  // naming the path and where it stopped: "author[0].nickname: 'author' is an empty array".
  Result<const nlohmann::json*> Select(const nlohmann::json& root) const;

  // Like Select, but null when there is no value (for optional fields).
  const nlohmann::json* Find(const nlohmann::json& root) const;

  const std::string& text() const { return text_; }
  bool is_root() const { return steps_.empty(); }
  bool fans_out() const { return fans_out_; }

 private:
  struct Member {
    std::string name;
  };
  struct Index {
    int64_t index;  // negative: from the end
  };
  struct Every {};
  using Step = std::variant<Member, Index, Every>;

  std::string text_;
  std::vector<Step> steps_;
  bool fans_out_ = false;
};

// A scalar as text: a string as it is, an integer in decimal, a float in its shortest form
// ("1.5", "3" for 3.0), true/false as "true"/"false". Null, objects and arrays: nullopt.
std::optional<std::string> JsonScalarText(const nlohmann::json& value);

// A whole number: an integer, a float without a fraction, or a string holding one ("12",
// " 12 "). Anything else: nullopt. APIs send ids and timestamps both ways.
std::optional<int64_t> JsonInteger(const nlohmann::json& value);

// A yes/no: a boolean, a number (0 is false), or a string "true"/"false"/"1"/"0" (any case).
// Anything else: nullopt.
std::optional<bool> JsonBool(const nlohmann::json& value);

// "an object", "an array", "a string", "a number", "true", "false", "null": for messages.
std::string_view JsonTypeName(const nlohmann::json& value);

}  // namespace strata::parser
