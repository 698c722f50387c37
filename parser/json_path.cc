#include "parser/json_path.h"

#include <charconv>
#include <cmath>
#include <limits>

namespace strata::parser {
namespace {

using Json = nlohmann::json;

// How many member names an error message lists ("it has: a, b, c, ...").
constexpr size_t kMembersListed = 8;

bool IsNameChar(char c) {
  return c != '.' && c != '[' && c != ']' && c != '"' && c != '\'' && c != ' ' && c != '\t' &&
         c != '\n' && c != '\r';
}

Status PathError(std::string_view text, size_t at, std::string_view message) {
  return Status::InvalidArgument("bad JSON path '" + std::string(text) +
                                 "': " + std::string(message) + " at " + std::to_string(at));
}

std::string MemberList(const Json& object) {
  std::string out;
  size_t n = 0;
  for (auto it = object.begin(); it != object.end(); ++it) {
    if (n == kMembersListed) {
      out += ", ...";
      break;
    }
    if (n++ > 0) out += ", ";
    out += it.key();
  }
  return out.empty() ? "no members" : "it has: " + out;
}

}  // namespace

Result<JsonPath> JsonPath::Parse(std::string_view text) {
  JsonPath path;
  path.text_ = std::string(text);
  if (text.empty() || text == "$") return path;
  size_t i = 0;
  if (text.starts_with("$.")) {
    i = 2;
  } else if (text.starts_with("$[")) {
    i = 1;
  }
  bool expect_member = i == text.size() || text[i] != '[';  // "[0].x": the root is an array
  while (i < text.size()) {
    const char c = text[i];
    if (expect_member) {
      const size_t start = i;
      while (i < text.size() && IsNameChar(text[i])) ++i;
      if (i == start) return PathError(text, start, "empty member name");
      path.steps_.emplace_back(std::in_place_type<Member>,
                               std::string(text.substr(start, i - start)));
      expect_member = false;
      continue;
    }
    if (c == '.') {
      ++i;
      if (i == text.size()) return PathError(text, i, "empty member name");
      expect_member = true;
      continue;
    }
    if (c != '[') return PathError(text, i, "expected '.' or '['");
    ++i;
    if (i == text.size()) return PathError(text, i, "unterminated '['");
    if (text[i] == ']' || (text[i] == '*' && i + 1 < text.size() && text[i + 1] == ']')) {
      i += text[i] == ']' ? 1 : 2;
      path.steps_.emplace_back(std::in_place_type<Every>);
      path.fans_out_ = true;
      continue;
    }
    if (text[i] == '"' || text[i] == '\'') {
      const char quote = text[i++];
      std::string name;
      bool closed = false;
      while (i < text.size()) {
        char d = text[i++];
        if (d == quote) {
          closed = true;
          break;
        }
        if (d == '\\') {
          if (i == text.size()) break;
          d = text[i++];
        }
        name.push_back(d);
      }
      if (!closed) return PathError(text, i, "unterminated quoted member name");
      if (i == text.size() || text[i] != ']') return PathError(text, i, "expected ']'");
      ++i;
      path.steps_.emplace_back(std::in_place_type<Member>, std::move(name));
      continue;
    }
    const size_t start = i;
    while (i < text.size() && text[i] != ']') ++i;
    if (i == text.size()) return PathError(text, start, "unterminated '['");
    const std::string_view digits = text.substr(start, i - start);
    int64_t index = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), index);
    if (ec != std::errc() || end != digits.data() + digits.size() || digits.empty() ||
        digits.front() == '+') {
      return PathError(text, start,
                       "expected an index ([0], [-1]), [] or [*] for every element, or a quoted "
                       "member name");
    }
    ++i;
    path.steps_.emplace_back(std::in_place_type<Index>, index);
  }
  if (expect_member) return PathError(text, i, "empty member name");
  return path;
}

std::vector<const Json*> JsonPath::SelectAll(const Json& root) const {
  std::vector<const Json*> current = {&root};
  std::vector<const Json*> next;
  for (const Step& step : steps_) {
    next.clear();
    for (const Json* value : current) {
      if (const auto* member = std::get_if<Member>(&step)) {
        if (!value->is_object()) continue;
        const auto it = value->find(member->name);
        if (it != value->end()) next.push_back(&*it);
      } else if (const auto* index = std::get_if<Index>(&step)) {
        if (!value->is_array()) continue;
        const auto size = static_cast<int64_t>(value->size());
        const int64_t at = index->index < 0 ? size + index->index : index->index;
        if (at >= 0 && at < size) next.push_back(&(*value)[static_cast<size_t>(at)]);
      } else {
        if (!value->is_array()) continue;
        for (const Json& element : *value) next.push_back(&element);
      }
    }
    current.swap(next);
    if (current.empty()) break;
  }
  return current;
}

const Json* JsonPath::Find(const Json& root) const {
  if (!fans_out_) {
    // The common case without a vector per call.
    const Json* value = &root;
    for (const Step& step : steps_) {
      if (const auto* member = std::get_if<Member>(&step)) {
        if (!value->is_object()) return nullptr;
        const auto it = value->find(member->name);
        if (it == value->end()) return nullptr;
        value = &*it;
      } else {
        const auto& index = std::get<Index>(step);
        if (!value->is_array()) return nullptr;
        const auto size = static_cast<int64_t>(value->size());
        const int64_t at = index.index < 0 ? size + index.index : index.index;
        if (at < 0 || at >= size) return nullptr;
        value = &(*value)[static_cast<size_t>(at)];
      }
    }
    return value;
  }
  const std::vector<const Json*> all = SelectAll(root);
  return all.empty() ? nullptr : all.front();
}

Result<const Json*> JsonPath::Select(const Json& root) const {
  if (const Json* found = Find(root)) return found;
  // Walk again, following the first branch, to say where it stopped.
  const Json* value = &root;
  std::string where = "the document";
  std::string walked;
  for (const Step& step : steps_) {
    std::string reason;
    if (const auto* member = std::get_if<Member>(&step)) {
      if (!value->is_object()) {
        reason = where + " is " + std::string(JsonTypeName(*value)) + ", not an object";
      } else if (auto it = value->find(member->name); it == value->end()) {
        reason = where + " has no member '" + member->name + "' (" + MemberList(*value) + ")";
      } else {
        value = &*it;
      }
      walked += (walked.empty() ? "" : ".") + member->name;
    } else {
      if (!value->is_array()) {
        reason = where + " is " + std::string(JsonTypeName(*value)) + ", not an array";
      } else if (value->empty()) {
        reason = where + " is an empty array";
      } else if (const auto* index = std::get_if<Index>(&step)) {
        const auto size = static_cast<int64_t>(value->size());
        const int64_t at = index->index < 0 ? size + index->index : index->index;
        if (at < 0 || at >= size) {
          reason = where + " has " + std::to_string(size) + " elements, no [" +
                   std::to_string(index->index) + "]";
        } else {
          value = &(*value)[static_cast<size_t>(at)];
        }
      } else {
        value = &value->front();
      }
      if (const auto* index = std::get_if<Index>(&step)) {
        walked += "[" + std::to_string(index->index) + "]";
      } else {
        walked += "[]";
      }
    }
    if (!reason.empty()) return Status::NotFound(text_ + ": " + reason);
    where = "'" + walked + "'";
  }
  // Every first branch exists, yet a later branch of a fan-out was needed: nothing found.
  return Status::NotFound(text_ + ": no value");
}

std::optional<std::string> JsonScalarText(const Json& value) {
  switch (value.type()) {
    case Json::value_t::string:
      return value.get<std::string>();
    case Json::value_t::number_integer:
      return std::to_string(value.get<int64_t>());
    case Json::value_t::number_unsigned:
      return std::to_string(value.get<uint64_t>());
    case Json::value_t::number_float: {
      const double d = value.get<double>();
      if (!std::isfinite(d)) return std::nullopt;
      if (d == std::floor(d) && std::fabs(d) < 9e15) {
        return std::to_string(static_cast<int64_t>(d));
      }
      return value.dump();
    }
    case Json::value_t::boolean:
      return value.get<bool>() ? "true" : "false";
    default:
      return std::nullopt;
  }
}

std::optional<int64_t> JsonInteger(const Json& value) {
  switch (value.type()) {
    case Json::value_t::number_integer:
      return value.get<int64_t>();
    case Json::value_t::number_unsigned: {
      const uint64_t u = value.get<uint64_t>();
      if (u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) return std::nullopt;
      return static_cast<int64_t>(u);
    }
    case Json::value_t::number_float: {
      const double d = value.get<double>();
      if (!std::isfinite(d) || d != std::floor(d) || std::fabs(d) > 9e18) return std::nullopt;
      return static_cast<int64_t>(d);
    }
    case Json::value_t::string: {
      std::string_view s = value.get_ref<const std::string&>();
      while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
      while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
      int64_t n = 0;
      const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
      if (s.empty() || ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
      return n;
    }
    default:
      return std::nullopt;
  }
}

std::optional<bool> JsonBool(const Json& value) {
  if (value.is_boolean()) return value.get<bool>();
  if (value.is_number()) return value.get<double>() != 0;
  if (value.is_string()) {
    std::string s = value.get<std::string>();
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (s == "true" || s == "1") return true;
    if (s == "false" || s == "0") return false;
  }
  return std::nullopt;
}

std::string_view JsonTypeName(const Json& value) {
  switch (value.type()) {
    case Json::value_t::object:
      return "an object";
    case Json::value_t::array:
      return "an array";
    case Json::value_t::string:
      return "a string";
    case Json::value_t::boolean:
      return value.get<bool>() ? "true" : "false";
    case Json::value_t::null:
      return "null";
    case Json::value_t::discarded:
      return "invalid";
    default:
      return "a number";
  }
}

}  // namespace strata::parser
