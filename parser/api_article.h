// Articles and counters from a site's JSON API, as its profile describes them ([api] and
// [counters], config/site_profile_api.h): the compiled form of those sections (JSON paths
// parsed, regular expressions compiled, once per crawl) and the readers of the answers. Like
// Extract(), this is bytes in, Article out: no I/O (crawler/jobs/detail_api.h makes the
// requests).
//
// How values are read from the answer (each field: its paths in order, the first that yields
// a value wins):
//   title, author, description  a scalar as text, whitespace collapsed
//   published, modified         epoch seconds or milliseconds (number or string), or a date
//                               string (date_parse.h NormalizeDate, in the profile's utc_offset)
//   body                        in the API's body_format (api_body.h): text, HTML, Markdown
//   views, likes, comments      an integer, or a count with units ("1.2万", counters.h)
//   tags                        every scalar the path reaches (a fanning path "label[].name",
//                               or an array of strings); duplicates and leading '#' dropped
//
// Thread-safety: ApiProfiles is immutable after Compile and shared by threads; the functions
// are pure.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/article.h"
#include "common/result.h"
#include "common/time.h"
#include "config/site_profile.h"
#include "parser/json_path.h"

namespace re2 {
class RE2;
}

namespace strata::parser {

// One [api] or [counters] entry of a profile, compiled.
struct CompiledApi {
  std::string profile;  // the profile's name
  std::string source;   // the profile's file, for messages
  config::SiteApi spec;
  std::optional<int> utc_offset_minutes;  // the profile's: zone-less dates in the answer

  struct Paths {
    std::vector<JsonPath> title, author, published, modified, body, description, views, likes,
        comments, tags;
  } paths;
  // [counters.page]: values read from the page's HTML, by name.
  std::vector<std::pair<std::string, std::shared_ptr<const re2::RE2>>> page_values;

  bool with_page() const { return spec.use == config::ApiUse::kWith; }
};

// A URL's API, and the values its request is filled with: the pattern's named groups and
// {url}.
struct ApiMatch {
  const CompiledApi* api = nullptr;
  config::TemplateValues values;
};

// A [script] entry (config::ScriptData), compiled: its fields are read into a JSON object
// {"title": ..., "body": ...} and that object through `api` (use = "with" semantics), so that
// values are read exactly as an API's.
struct CompiledScript {
  config::ScriptData spec;
  std::shared_ptr<const CompiledApi> api;
};

class ApiProfiles {
 public:
  ApiProfiles() = default;  // no APIs

  // Compiles the [api] and [counters] sections of `profiles`. InvalidArgument on the first bad
  // JSON path, naming the file and key: "infoq_xie.toml: api.fields.title: bad JSON path ...".
  static Result<ApiProfiles> Compile(const std::vector<config::SiteProfile>& profiles);

  bool empty() const { return detail_.empty() && counters_.empty() && scripts_.empty(); }

  // The first [api] (in profile name order) whose pattern matches `url`, or nullopt.
  std::optional<ApiMatch> FindDetail(std::string_view url) const;
  // The first [counters] whose pattern matches `url`, or nullopt.
  std::optional<ApiMatch> FindCounters(std::string_view url) const;
  // The first [script] whose pattern matches `url`, or null.
  const CompiledScript* FindScript(std::string_view url) const;

 private:
  std::vector<std::shared_ptr<const CompiledScript>> scripts_;
  std::vector<std::shared_ptr<const CompiledApi>> detail_;
  std::vector<std::shared_ptr<const CompiledApi>> counters_;
};

// Adds the [counters.page] values found in `html` (the page's decoded text, or its raw bytes
// when they are UTF-8) to `values`. NotFound naming the first value the page does not have.
Status AddPageValues(const CompiledApi& api, std::string_view html, config::TemplateValues* values);

struct ApiAnswer {
  std::string_view url;   // the article's URL (not the API's): the article's identity and base
  std::string_view body;  // the answer's bytes (JSON)
  UnixMillis fetched_at = 0;
};

// The article in a detail API's answer. InvalidArgument when the answer is not JSON, and when
// it yields neither a title nor a body (use = "with": none of the fields): an error answer,
// whose message says what it held ("API answer has no article (code 451, msg 文章不存在)").
Result<Article> ArticleFromApi(const CompiledApi& api, const ApiAnswer& answer);

// The counters in a counters API's answer. InvalidArgument when it is not JSON or holds none.
Result<Counters> CountersFromApi(const CompiledApi& api, std::string_view json);

// The article fields a page's script holds ([script]): NotFound when the page has no script
// assigning the variable, InvalidArgument when it holds none of the fields.
Result<Article> ArticleFromScript(const CompiledScript& script, std::string_view html,
                                  std::string_view url, UnixMillis fetched_at);

// use = "with": every field the API gave (a non-empty value) replaces the page's; counters per
// counter. The body comes whole (text, HTML, Markdown, word count) or not at all.
void MergeApiArticle(const Article& from_api, Article* page_article);

}  // namespace strata::parser
