// The JSON APIs of a site profile: `[api]` (an article's data from the JSON endpoint its page
// calls: for sites that serve an empty shell, such as xie.infoq.cn, or whose API says more than
// the page, such as juejin's modification time) and `[counters]` (views, likes and comments
// that the page fills by AJAX after loading, such as cnblogs' GetPostStat). Format in
// docs/site-profiles.md, "JSON APIs":
//
//   [api]                                  # or [[api]], several per profile
//   match = '^https://xie\.infoq\.cn/article/(?P<uuid>[0-9a-f]+)'
//   use = "instead"                        # or "with": the page too, the API's fields win
//   method = "POST"                        # the request: config/api_request.h
//   url = "https://xie.infoq.cn/public/v1/article/getDetail"
//   json = '{"uuid": "{uuid}"}'
//   headers = ["Referer: https://xie.infoq.cn/article/{uuid}"]
//   body_format = "prosemirror"            # prosemirror | html | markdown | text
//   [api.fields]                           # JSON paths (parser/json_path.h) per field
//   title = "data.article_title"
//   tags = "data.label[].name"
//
//   [counters]                             # or [[counters]]
//   match = '^https://www\.cnblogs\.com/(?P<blog>[^/]+)/p/'
//   method = "POST"
//   url = "/{blog}/ajax/GetPostStat"
//   json = '[{post_id}]'
//   [counters.page]                        # values read from the page (RE2, first group)
//   post_id = 'cb_entryId\s*=\s*(\d+)'
//   [counters.fields]
//   views = "$[0].viewCount"
//
// The request's placeholders are the named groups of `match`, `{url}` (the article's URL) and,
// for [counters], the names of [counters.page]. This module checks the structure, the regular
// expressions and the placeholders; parser/api_article.h compiles the JSON paths (reporting
// bad ones with the same "file: key: message" errors) and reads the answers.
//
// Thread-safety: plain values; UrlPattern is immutable and shareable.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "config/api_request.h"

namespace strata::config {

class TableReader;  // config/toml_reader.h (internal to config/)

// How an API's body value is written.
enum class BodyFormat {
  kHtml,         // rendered HTML (sanitized like a page's body)
  kMarkdown,     // Markdown (CommonMark with GitHub's extensions)
  kProseMirror,  // a ProseMirror-style JSON document, or a JSON string holding one
  kText,         // plain text, one paragraph per line
};
std::string_view BodyFormatName(BodyFormat format);

// Whether an [api] replaces the page or completes it.
enum class ApiUse {
  kInstead,  // the article comes from the API alone; the page is not fetched (default)
  kWith,     // the page is fetched and extracted, then the API; its fields win
};

// Where an article's fields are in the answer: JSON paths, candidates tried in order until one
// yields a value. Empty: the field is not read from the API.
struct ApiFieldPaths {
  std::vector<std::string> title;
  std::vector<std::string> author;
  std::vector<std::string> published;  // epoch seconds or ms, or a date string
  std::vector<std::string> modified;
  std::vector<std::string> body;
  std::vector<std::string> description;
  std::vector<std::string> views;
  std::vector<std::string> likes;
  std::vector<std::string> comments;
  std::vector<std::string> tags;  // a path that fans out ("label[].name"), or a list value

  bool empty() const;
};

// A value a request takes from the page it completes: an RE2 expression over the page's
// HTML; its first group (the whole match without one) is the value.
struct PageValue {
  std::string name;
  std::string regex;
};

struct SiteApi {
  std::string key;  // "api", "api[1]", "counters": where it was written, for messages
  UrlPattern match;
  ApiUse use = ApiUse::kInstead;  // [api] only
  ApiRequest request;
  BodyFormat body_format = BodyFormat::kHtml;  // [api] only
  ApiFieldPaths fields;
  std::vector<PageValue> page_values;  // [counters] only
};

// Data a server-rendered page embeds in a script (juejin's `window.__NUXT__ = ...`, which
// holds the article's Markdown source and its modification time): `[script]`. The fields name
// keys of that script's object literals; the first `key: "string"` (or number) wins.
//
//   [script]
//   match = '^https?://juejin\.cn/post/'
//   variable = "window.__NUXT__"          # the script that assigns this
//   body_format = "markdown"
//   [script.fields]
//   body = "mark_content"
//   modified = "mtime"
struct ScriptData {
  std::string key;  // "script", "script[1]"
  UrlPattern match;
  std::string variable;
  BodyFormat body_format = BodyFormat::kHtml;
  ApiFieldPaths fields;  // key names, not paths
};

struct SiteApis {
  std::vector<SiteApi> detail;      // [api] / [[api]]
  std::vector<SiteApi> counters;    // [counters] / [[counters]]
  std::vector<ScriptData> scripts;  // [script] / [[script]]

  bool empty() const { return detail.empty() && counters.empty() && scripts.empty(); }
};

// Reads the `api`, `counters` and `script` sections of a profile's root table into `apis` (absent
// sections leave it empty). Errors go to the reader: "infoq_xie.toml: api.fields.titel: unknown
// field", "x.toml: api.json: unknown placeholder {uid} (available: url, uuid)".
void ReadSiteApis(TableReader& root, SiteApis* apis);

}  // namespace strata::config
