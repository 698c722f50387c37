#include "parser/api_article.h"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <unordered_set>

#include "common/url.h"
#include "parser/api_body.h"
#include "parser/counters.h"
#include "parser/date_parse.h"
#include "parser/script_data.h"
#include "parser/text_stats.h"
#include "parser/text_util.h"
#include "parser/utf8.h"

namespace strata::parser {
namespace {

using Json = nlohmann::json;

struct PathSlot {
  std::string_view name;
  std::vector<std::string> config::ApiFieldPaths::*text;
  std::vector<JsonPath> CompiledApi::Paths::*compiled;
};

constexpr std::array<PathSlot, 10> kSlots = {{
    {"title", &config::ApiFieldPaths::title, &CompiledApi::Paths::title},
    {"author", &config::ApiFieldPaths::author, &CompiledApi::Paths::author},
    {"published", &config::ApiFieldPaths::published, &CompiledApi::Paths::published},
    {"modified", &config::ApiFieldPaths::modified, &CompiledApi::Paths::modified},
    {"body", &config::ApiFieldPaths::body, &CompiledApi::Paths::body},
    {"description", &config::ApiFieldPaths::description, &CompiledApi::Paths::description},
    {"views", &config::ApiFieldPaths::views, &CompiledApi::Paths::views},
    {"likes", &config::ApiFieldPaths::likes, &CompiledApi::Paths::likes},
    {"comments", &config::ApiFieldPaths::comments, &CompiledApi::Paths::comments},
    {"tags", &config::ApiFieldPaths::tags, &CompiledApi::Paths::tags},
}};

Result<std::shared_ptr<const CompiledApi>> CompileOne(const config::SiteProfile& profile,
                                                      const config::SiteApi& spec) {
  auto api = std::make_shared<CompiledApi>();
  api->profile = profile.name;
  api->source = profile.source;
  api->spec = spec;
  api->utc_offset_minutes = profile.utc_offset_minutes;
  for (const PathSlot& slot : kSlots) {
    const std::vector<std::string>& texts = spec.fields.*(slot.text);
    for (size_t i = 0; i < texts.size(); ++i) {
      Result<JsonPath> path = JsonPath::Parse(texts[i]);
      if (!path.ok()) {
        std::string key = spec.key + ".fields." + std::string(slot.name);
        if (texts.size() > 1) key += "[" + std::to_string(i) + "]";
        return Status::InvalidArgument(profile.source + ": " + key + ": " +
                                       path.status().message());
      }
      (api->paths.*(slot.compiled)).push_back(std::move(*path));
    }
  }
  for (const config::PageValue& value : spec.page_values) {
    // An expression without a group gives its whole match: made a group of its own, so that
    // reading a value is always "group 1".
    const RE2 probe(value.regex, RE2::Quiet);
    auto re = std::make_shared<const RE2>(
        probe.ok() && probe.NumberOfCapturingGroups() == 0 ? "(" + value.regex + ")" : value.regex,
        RE2::Quiet);
    if (!re->ok() || re->NumberOfCapturingGroups() !=
                         1) {  // checked when the profile was read; kept for profiles built in code
      return Status::InvalidArgument(profile.source + ": " + spec.key + ".page." + value.name +
                                     ": bad regular expression: " + re->error());
    }
    api->page_values.emplace_back(value.name, std::move(re));
  }
  return std::shared_ptr<const CompiledApi>(std::move(api));
}

std::optional<ApiMatch> FindIn(const std::vector<std::shared_ptr<const CompiledApi>>& apis,
                               std::string_view url) {
  for (const std::shared_ptr<const CompiledApi>& api : apis) {
    std::optional<config::TemplateValues> values = api->spec.match.Match(url);
    if (!values) continue;
    values->insert_or_assign("url", std::string(url));
    return ApiMatch{api.get(), std::move(*values)};
  }
  return std::nullopt;
}

// The first value of the first path that reaches a usable one (`read` says what is usable).
template <typename T, typename Read>
std::optional<T> First(const std::vector<JsonPath>& paths, const Json& root, Read read) {
  for (const JsonPath& path : paths) {
    for (const Json* value : path.SelectAll(root)) {
      if (std::optional<T> got = read(*value)) return got;
    }
  }
  return std::nullopt;
}

std::optional<std::string> Text(const Json& value) {
  std::optional<std::string> text = JsonScalarText(value);
  if (!text) return std::nullopt;
  std::string collapsed = CollapseWhitespace(SanitizeUtf8(*text));
  if (collapsed.empty()) return std::nullopt;
  return collapsed;
}

std::optional<int64_t> Count(const Json& value) {
  if (std::optional<int64_t> n = JsonInteger(value); n && *n >= 0) return n;
  if (value.is_string()) return ParseCount(value.get_ref<const std::string&>());
  return std::nullopt;
}

std::vector<std::string> Tags(const std::vector<JsonPath>& paths, const Json& root) {
  for (const JsonPath& path : paths) {
    std::vector<std::string> tags;
    std::unordered_set<std::string> seen;
    auto add = [&](const Json& value) {
      std::optional<std::string> text = Text(value);
      if (!text) return;
      std::string tag(TrimSpace(std::string_view(*text).substr(text->starts_with('#') ? 1 : 0)));
      if (!tag.empty() && seen.insert(tag).second) tags.push_back(std::move(tag));
    };
    for (const Json* value : path.SelectAll(root)) {
      if (value->is_array()) {
        for (const Json& item : *value) add(item);
      } else {
        add(*value);
      }
    }
    if (!tags.empty()) return tags;
  }
  return {};
}

Counters ReadCounters(const CompiledApi& api, const Json& root) {
  Counters counters;
  counters.views = First<int64_t>(api.paths.views, root, Count);
  counters.likes = First<int64_t>(api.paths.likes, root, Count);
  counters.comments = First<int64_t>(api.paths.comments, root, Count);
  return counters;
}

// What an answer without an article said, for the failure's message: its message members, or
// its keys.
std::string DescribeAnswer(const Json& root) {
  if (!root.is_object()) return std::string(JsonTypeName(root));
  std::string said;
  for (const char* key : {"code", "err_no", "status", "msg", "message", "err_msg", "error"}) {
    auto it = root.find(key);
    if (it == root.end()) continue;
    std::optional<std::string> text = JsonScalarText(*it);
    if (!text && it->is_object()) {
      for (const char* inner : {"msg", "message", "code"}) {
        if (auto m = it->find(inner); m != it->end()) text = JsonScalarText(*m);
        if (text) break;
      }
    }
    if (!text) continue;
    said += (said.empty() ? "" : ", ") + std::string(key) + " " + text->substr(0, 200);
  }
  if (!said.empty()) return said;
  std::string keys;
  for (const auto& [key, value] : root.items()) {
    if (keys.size() > 200) break;
    keys += (keys.empty() ? "" : ", ") + key;
  }
  return "keys: " + keys;
}

Result<Json> ParseAnswer(std::string_view body) {
  Json root = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) {
    return Status::InvalidArgument(
        "the API's answer is not JSON (" + std::to_string(body.size()) + " bytes starting \"" +
        SanitizeUtf8(body.substr(0, std::min<size_t>(body.size(), 40))) + "\")");
  }
  return root;
}

}  // namespace

Result<ApiProfiles> ApiProfiles::Compile(const std::vector<config::SiteProfile>& profiles) {
  ApiProfiles out;
  for (const config::SiteProfile& profile : profiles) {
    for (const config::SiteApi& spec : profile.apis.detail) {
      STRATA_ASSIGN_OR_RETURN(std::shared_ptr<const CompiledApi> api, CompileOne(profile, spec));
      out.detail_.push_back(std::move(api));
    }
    for (const config::SiteApi& spec : profile.apis.counters) {
      STRATA_ASSIGN_OR_RETURN(std::shared_ptr<const CompiledApi> api, CompileOne(profile, spec));
      out.counters_.push_back(std::move(api));
    }
  }
  for (const config::SiteProfile& profile : profiles) {
    for (const config::ScriptData& spec : profile.apis.scripts) {
      // The script's values become a JSON object keyed by field name, read like an API's.
      config::SiteApi api;
      api.key = spec.key;
      api.match = spec.match;
      api.use = config::ApiUse::kWith;
      api.body_format = spec.body_format;
      for (const PathSlot& slot : kSlots) {
        if (!(spec.fields.*(slot.text)).empty()) {
          (api.fields.*(slot.text)).push_back(std::string(slot.name));
        }
      }
      auto compiled = std::make_shared<CompiledScript>();
      compiled->spec = spec;
      STRATA_ASSIGN_OR_RETURN(compiled->api, CompileOne(profile, api));
      out.scripts_.push_back(std::move(compiled));
    }
  }
  return out;
}

const CompiledScript* ApiProfiles::FindScript(std::string_view url) const {
  for (const std::shared_ptr<const CompiledScript>& script : scripts_) {
    if (script->spec.match.Match(url)) return script.get();
  }
  return nullptr;
}

Result<Article> ArticleFromScript(const CompiledScript& script, std::string_view html,
                                  std::string_view url, UnixMillis fetched_at) {
  std::optional<std::string_view> text = FindAssigningScript(html, script.spec.variable);
  if (!text) {
    return Status::NotFound("no script assigns " + script.spec.variable);
  }
  Json values = Json::object();
  for (const PathSlot& slot : kSlots) {
    for (const std::string& key : script.spec.fields.*(slot.text)) {
      if (slot.name == "tags") {
        std::vector<std::string> tags = ScriptValues(*text, key);
        if (tags.empty()) continue;
        values["tags"] = tags;
      } else {
        std::optional<std::string> value = ScriptValue(*text, key);
        if (!value) continue;
        values[std::string(slot.name)] = *value;
      }
      break;
    }
  }
  const std::string json = values.dump(-1, ' ', false, Json::error_handler_t::replace);
  return ArticleFromApi(*script.api, {.url = url, .body = json, .fetched_at = fetched_at});
}

std::optional<ApiMatch> ApiProfiles::FindDetail(std::string_view url) const {
  return FindIn(detail_, url);
}

std::optional<ApiMatch> ApiProfiles::FindCounters(std::string_view url) const {
  return FindIn(counters_, url);
}

Status AddPageValues(const CompiledApi& api, std::string_view html,
                     config::TemplateValues* values) {
  const re2::StringPiece text(html.data(), html.size());
  for (const auto& [name, re] : api.page_values) {
    re2::StringPiece group;
    if (!RE2::PartialMatch(text, *re, &group)) {
      return Status::NotFound(api.source + ": " + api.spec.key + ".page." + name +
                              ": not found in the page");
    }
    values->insert_or_assign(name, std::string(group.data(), group.size()));
  }
  return Status::Ok();
}

Result<Article> ArticleFromApi(const CompiledApi& api, const ApiAnswer& answer) {
  STRATA_ASSIGN_OR_RETURN(Json root, ParseAnswer(answer.body));
  const CompiledApi::Paths& paths = api.paths;
  Article article;
  article.url = std::string(answer.url);
  article.site = UrlHost(answer.url);
  article.title = First<std::string>(paths.title, root, Text).value_or("");
  article.author = First<std::string>(paths.author, root, Text).value_or("");
  article.description = First<std::string>(paths.description, root, Text).value_or("");

  DateContext dates;
  dates.now = answer.fetched_at;
  dates.default_offset_minutes = api.utc_offset_minutes;
  auto date = [&](const Json& value) -> std::optional<std::string> {
    std::optional<std::string> text = JsonScalarText(value);
    if (!text) return std::nullopt;
    return NormalizeDate(TrimSpace(*text), dates);
  };
  article.published = First<std::string>(paths.published, root, date).value_or("");
  article.modified = First<std::string>(paths.modified, root, date).value_or("");

  Status body_error;
  std::optional<RenderedBody> body =
      First<RenderedBody>(paths.body, root, [&](const Json& value) -> std::optional<RenderedBody> {
        if (value.is_null()) return std::nullopt;
        Result<RenderedBody> rendered = RenderApiBody(api.spec.body_format, value, answer.url);
        if (!rendered.ok()) {
          if (body_error.ok()) body_error = rendered.status();
          return std::nullopt;
        }
        if (rendered->text.empty() && rendered->html.find("<img") == std::string::npos) {
          return std::nullopt;
        }
        return std::move(*rendered);
      });
  if (body) {
    article.body = std::move(body->text);
    article.body_html = std::move(body->html);
    article.body_markdown = std::move(body->markdown);
  }
  article.tags = Tags(paths.tags, root);
  article.counters = ReadCounters(api, root);
  article.word_count = CountWords(article.body);
  article.lang = GuessLanguage(article.body.empty() ? article.title : article.body);

  // An API used instead of the page must give the article; one used with the page at least one
  // of its fields (an error answer gives none).
  const bool has_article = !article.title.empty() || !article.body.empty();
  const bool has_any = has_article || !article.author.empty() || !article.published.empty() ||
                       !article.modified.empty() || !article.description.empty() ||
                       !article.tags.empty() || !article.counters.empty();
  if (api.with_page() ? !has_any : !has_article) {
    std::string message = "API answer has no article (" + DescribeAnswer(root) + ")";
    if (!body_error.ok()) message += "; body: " + body_error.message();
    return Status::InvalidArgument(message);
  }
  return article;
}

Result<Counters> CountersFromApi(const CompiledApi& api, std::string_view json) {
  STRATA_ASSIGN_OR_RETURN(Json root, ParseAnswer(json));
  Counters counters = ReadCounters(api, root);
  if (counters.empty()) {
    return Status::InvalidArgument("counters API answer has no counters (" + DescribeAnswer(root) +
                                   ")");
  }
  return counters;
}

void MergeApiArticle(const Article& from_api, Article* article) {
  auto take = [](const std::string& value, std::string* into) {
    if (!value.empty()) *into = value;
  };
  take(from_api.title, &article->title);
  take(from_api.author, &article->author);
  take(from_api.published, &article->published);
  take(from_api.modified, &article->modified);
  take(from_api.description, &article->description);
  if (!from_api.body.empty()) {
    article->body = from_api.body;
    article->body_html = from_api.body_html;
    article->body_markdown = from_api.body_markdown;
    article->word_count = from_api.word_count;
    if (!from_api.lang.empty()) article->lang = from_api.lang;
  }
  if (!from_api.tags.empty()) article->tags = from_api.tags;
  // The API's counters win (MergeCounters keeps what is set: give it the API's first).
  Counters counters = from_api.counters;
  MergeCounters(article->counters, &counters);
  article->counters = counters;
}

}  // namespace strata::parser
