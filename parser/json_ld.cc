#include "parser/json_ld.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <unordered_map>

#include "parser/counters.h"
#include "parser/text_util.h"

namespace strata::parser {
namespace {

using Json = nlohmann::json;

// Bounds on hostile input: nodes visited per page, values collected per list.
constexpr size_t kMaxNodes = 100'000;
constexpr size_t kMaxListItems = 50;

std::string_view StripWrapper(std::string_view s, std::string_view open, std::string_view close) {
  s = TrimSpace(s);
  if (s.starts_with(open)) s.remove_prefix(open.size());
  s = TrimSpace(s);
  if (s.ends_with(close)) s.remove_suffix(close.size());
  return TrimSpace(s);
}

// "http://schema.org/NewsArticle" and "schema:NewsArticle" -> "NewsArticle".
std::string_view LocalTypeName(std::string_view type) {
  const size_t cut = type.find_last_of("/:#");
  return cut == std::string_view::npos ? type : type.substr(cut + 1);
}

bool IsArticleType(std::string_view type) {
  type = LocalTypeName(type);
  return type.ends_with("Article") || type.ends_with("Posting") || type == "Report";
}

bool IsPageType(std::string_view type) {
  type = LocalTypeName(type);
  return type == "WebPage" || type == "ItemPage" || type == "AboutPage";
}

// The node's types ("@type" is a string or an array of strings).
std::vector<std::string_view> TypesOf(const Json& node) {
  std::vector<std::string_view> types;
  const auto it = node.find("@type");
  if (it == node.end()) return types;
  if (it->is_string()) types.push_back(it->get_ref<const std::string&>());
  if (it->is_array()) {
    for (const Json& t : *it) {
      if (t.is_string()) types.push_back(t.get_ref<const std::string&>());
    }
  }
  return types;
}

class Reader {
 public:
  explicit Reader(const std::vector<Json>& docs) {
    // First pass: every object with an "@id", so that references can be resolved.
    ForEachObject(docs, [this](const Json& node) {
      const auto id = node.find("@id");
      if (id != node.end() && id->is_string() && node.size() > 1) {
        ids_.emplace(id->get_ref<const std::string&>(), &node);
      }
    });
  }

  template <typename Fn>
  static void ForEachObject(const std::vector<Json>& docs, Fn&& fn) {
    std::vector<const Json*> stack;
    for (auto it = docs.rbegin(); it != docs.rend(); ++it) stack.push_back(&*it);
    size_t visited = 0;
    while (!stack.empty() && visited++ < kMaxNodes) {
      const Json* node = stack.back();
      stack.pop_back();
      if (node->is_object()) fn(*node);
      if (node->is_object() || node->is_array()) {
        // Push in reverse so that children are visited in document order.
        std::vector<const Json*> children;
        for (const Json& child : *node) {
          if (child.is_object() || child.is_array()) children.push_back(&child);
        }
        for (auto c = children.rbegin(); c != children.rend(); ++c) stack.push_back(*c);
      }
    }
  }

  // The node an {"@id": ...} reference points to, or the node itself.
  const Json& Resolve(const Json& node) const {
    if (!node.is_object()) return node;
    const auto id = node.find("@id");
    if (id == node.end() || !id->is_string() || node.contains("name")) return node;
    const auto it = ids_.find(id->get_ref<const std::string&>());
    return it == ids_.end() ? node : *it->second;
  }

  // A text value: a string, a number, {"name"}, {"@value"}, or the first of an array. `depth`
  // bounds the recursion: references may form cycles.
  std::string Text(const Json& value, int depth = 0) const {
    if (depth > 4) return "";
    const Json& v = Resolve(value);
    if (v.is_string())
      return CollapseWhitespace(DecodeStrayEntities(v.get_ref<const std::string&>()));
    if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
    if (v.is_object()) {
      for (const char* key : {"name", "@value", "alternateName"}) {
        const auto it = v.find(key);
        if (it != v.end()) {
          std::string text = Text(*it, depth + 1);
          if (!text.empty()) return text;
        }
      }
      return "";
    }
    if (v.is_array()) {
      for (const Json& item : v) {
        std::string text = Text(item, depth + 1);
        if (!text.empty()) return text;
      }
    }
    return "";
  }

  std::string Field(const Json& node, const char* key) const {
    const auto it = node.find(key);
    return it == node.end() ? "" : Text(*it);
  }

  // Names of a person-ish value: a string, an object, or an array of either.
  std::vector<std::string> Names(const Json& value) const {
    std::vector<std::string> names;
    auto add = [&names](std::string name) {
      // A profile URL is not a name.
      if (name.empty() || name.starts_with("http://") || name.starts_with("https://")) return;
      if (std::find(names.begin(), names.end(), name) == names.end()) {
        names.push_back(std::move(name));
      }
    };
    if (value.is_array()) {
      for (const Json& item : value) {
        if (names.size() >= kMaxListItems) break;
        add(Text(item));
      }
    } else {
      add(Text(value));
    }
    return names;
  }

  std::vector<std::string> Keywords(const Json& value) const {
    std::vector<std::string> out;
    if (value.is_string()) {
      out = SplitList(value.get_ref<const std::string&>(), {",", "，", ";", "、"});
    } else if (value.is_array()) {
      for (const Json& item : value) {
        if (out.size() >= kMaxListItems) break;
        std::string text = Text(item);
        if (!text.empty()) out.push_back(std::move(text));
      }
    }
    if (out.size() > kMaxListItems) out.resize(kMaxListItems);
    return out;
  }

  void ReadInteractions(const Json& value, Counters* counters) const {
    auto read_one = [this, counters](const Json& stat) {
      if (!stat.is_object()) return;
      std::string type;
      if (const auto t = stat.find("interactionType"); t != stat.end()) {
        type = t->is_object() ? Field(*t, "@type") : Text(*t);
        if (type.empty() && t->is_object()) type = Field(*t, "@id");
      }
      std::optional<int64_t> count;
      if (const auto c = stat.find("userInteractionCount"); c != stat.end()) {
        if (c->is_number_unsigned() || c->is_number_integer()) {
          count = c->get<int64_t>();
        } else if (c->is_number_float()) {
          const double d = c->get<double>();
          if (d >= 0 && d < 9e18) count = static_cast<int64_t>(d);
        } else if (c->is_string()) {
          count = ParseCount(c->get_ref<const std::string&>());
        }
      }
      if (!count || *count < 0) return;
      const std::string_view name = LocalTypeName(type);
      if (name == "ReadAction" || name == "ViewAction" || name == "WatchAction") {
        if (!counters->views) counters->views = count;
      } else if (name == "LikeAction" || name == "VoteAction") {
        if (!counters->likes) counters->likes = count;
      } else if (name == "CommentAction") {
        if (!counters->comments) counters->comments = count;
      }
    };
    if (value.is_array()) {
      for (const Json& stat : value) read_one(Resolve(stat));
    } else {
      read_one(Resolve(value));
    }
  }

  JsonLdArticle Read(const Json& node, std::string_view type) const {
    JsonLdArticle a;
    a.type = std::string(LocalTypeName(type));
    a.headline = Field(node, "headline");
    if (a.headline.empty()) a.headline = Field(node, "name");
    for (const char* key : {"author", "creator"}) {
      if (const auto it = node.find(key); it != node.end() && a.authors.empty()) {
        a.authors = Names(*it);
      }
    }
    a.date_published = Field(node, "datePublished");
    if (a.date_published.empty()) a.date_published = Field(node, "dateCreated");
    a.date_modified = Field(node, "dateModified");
    a.description = Field(node, "description");
    a.url = Field(node, "url");
    if (a.url.empty()) {
      if (const auto it = node.find("mainEntityOfPage"); it != node.end()) {
        a.url = it->is_object() ? Field(*it, "@id") : Text(*it);
      }
    }
    if (const auto it = node.find("keywords"); it != node.end()) a.keywords = Keywords(*it);
    a.section = Field(node, "articleSection");
    a.in_language = Field(node, "inLanguage");
    a.publisher = Field(node, "publisher");
    if (const auto it = node.find("interactionStatistic"); it != node.end()) {
      ReadInteractions(*it, &a.counters);
    }
    if (const auto it = node.find("commentCount"); it != node.end() && !a.counters.comments) {
      if (it->is_number_integer() && it->get<int64_t>() >= 0) {
        a.counters.comments = it->get<int64_t>();
      }
    }
    return a;
  }

 private:
  std::unordered_map<std::string, const Json*> ids_;
};

}  // namespace

std::string RepairJson(std::string_view text) {
  std::string_view s = StripWrapper(text, "<!--", "-->");
  s = StripWrapper(s, "//<![CDATA[", "//]]>");
  s = StripWrapper(s, "<![CDATA[", "]]>");
  std::string out;
  out.reserve(s.size());
  bool in_string = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (in_string) {
      if (c == '\\' && i + 1 < s.size()) {
        out.push_back(c);
        out.push_back(s[++i]);
      } else if (c == '"') {
        in_string = false;
        out.push_back(c);
      } else if (c == '\n') {
        out += "\\n";
      } else if (static_cast<unsigned char>(c) < 0x20) {
        out.push_back(' ');  // raw tabs and control characters are not allowed in strings
      } else {
        out.push_back(c);
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
      out.push_back(c);
    } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '/') {
      while (i < s.size() && s[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      const size_t end = s.find("*/", i + 2);
      i = end == std::string_view::npos ? s.size() : end + 1;
    } else if (c == ',') {
      size_t j = i + 1;
      while (j < s.size() && IsAsciiSpace(s[j])) ++j;
      if (j < s.size() && (s[j] == '}' || s[j] == ']')) continue;  // trailing comma
      out.push_back(c);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::optional<JsonLdArticle> ReadJsonLd(const std::vector<std::string_view>& blocks) {
  try {
    std::vector<Json> docs;
    for (std::string_view block : blocks) {
      Json doc = Json::parse(block.begin(), block.end(), nullptr, /*allow_exceptions=*/false);
      if (doc.is_discarded()) {
        const std::string repaired = RepairJson(block);
        doc = Json::parse(repaired.begin(), repaired.end(), nullptr, false);
      }
      if (!doc.is_discarded()) docs.push_back(std::move(doc));
    }
    if (docs.empty()) return std::nullopt;
    const Reader reader(docs);
    const Json* article = nullptr;
    const Json* page = nullptr;
    std::string_view article_type, page_type;
    Reader::ForEachObject(docs, [&](const Json& node) {
      for (std::string_view type : TypesOf(node)) {
        if (article == nullptr && IsArticleType(type)) {
          article = &node;
          article_type = type;
        }
        if (page == nullptr && IsPageType(type) &&
            (node.contains("headline") || node.contains("datePublished"))) {
          page = &node;
          page_type = type;
        }
      }
    });
    if (article != nullptr) return reader.Read(*article, article_type);
    if (page != nullptr) return reader.Read(*page, page_type);
    return std::nullopt;
  } catch (const std::exception&) {
    // nlohmann throws on type mismatches we did not foresee; a page's JSON-LD is never worth
    // failing the extraction for.
    return std::nullopt;
  }
}

}  // namespace strata::parser
