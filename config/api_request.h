// ApiRequest: one HTTP request to a site's JSON API, described in a site profile as data
// (config/sites/*.toml), not in code: the author listing of juejin (POST query_list with a
// cursor), of CSDN (GET get-business-list?page=N), the article detail of xie.infoq.cn (POST
// getDetail with the article's uuid). A request is a template; {placeholders} are filled per
// request from the named captures of a URL pattern (UrlPattern below: `{user_id}` from the
// author page's URL) and from the paging state (`{page}`, `{offset}`, `{cursor}`, `{size}`).
//
// In TOML (docs/site-profiles.md, "API requests"):
//
//   [listing.api]
//   method = "POST"                                    # GET (default) or POST
//   url = "https://api.juejin.cn/content_api/v1/article/query_list"
//   json = '{"user_id": "{user_id}", "sort_type": 2, "cursor": "{cursor}"}'
//   headers = ["Referer: https://juejin.cn/user/{user_id}/posts", "Origin: https://juejin.cn"]
//
// `url` is absolute, or starts with '/' (then resolved against the page the request is made
// for). The body is at most one of `json` (a JSON template; Content-Type application/json),
// `form` (a form template "a={a}&b=2"; application/x-www-form-urlencoded) and `body` (sent as
// written, with the Content-Type the headers give). A placeholder is `{name}` with `name` made
// of ASCII letters, digits and '_' (not starting with a digit); every other brace is literal,
// so JSON templates need no escaping.
//
// How values are inserted, so that no value can break the request's syntax:
//   url      percent-encoded as a URL component (RFC 3986 unreserved characters kept)
//   json     inside a JSON string: escaped as JSON string content; outside one: a number,
//            true, false or null as is, anything else as a quoted JSON string
//   form     form-encoded (space as '+')
//   body, headers  as is; a value holding CR, LF or NUL is an error
//
// Thread-safety: plain values and pure functions; a UrlPattern is immutable and shareable.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/fetched_page.h"
#include "common/result.h"

namespace re2 {
class RE2;
}

namespace strata::config {

class TableReader;  // config/toml_reader.h (internal to config/)

// Placeholder name -> value.
using TemplateValues = std::map<std::string, std::string, std::less<>>;

enum class BodyKind {
  kNone,  // no body (GET, or a POST without one)
  kJson,  // `json = '...'`
  kForm,  // `form = "..."`
  kText,  // `body = "..."`: as written
};

struct ApiRequest {
  std::string method = "GET";  // "GET" or "POST"
  std::string url;             // template; absolute http(s) or starting with '/'
  BodyKind body_kind = BodyKind::kNone;
  std::string body;  // template (kJson, kForm, kText)
  // Extra request headers: name and value template, in order ("Referer", "https://...{id}").
  std::vector<std::pair<std::string, std::string>> headers;
  // Where it was written ("listing.api") and in which file: for messages.
  std::string key;
  std::string source;

  // Every placeholder name used in the url, body and headers, sorted, without duplicates.
  std::vector<std::string> Placeholders() const;
};

// A request ready for crawler::FetchRequest.
struct ExpandedRequest {
  std::string method;
  std::string url;  // absolute
  HttpHeaders headers;
  std::string body;
};

// Reads an ApiRequest from the table `reader` points at (method, url, json | form | body,
// headers); errors go to the reader ("juejin.toml: listing.api.method: must be GET or POST").
// For other config/ readers (site profile sections); the reader must be present.
ApiRequest ReadApiRequest(TableReader& reader);

// Parses a TOML text whose top level is one request table (the keys above). For tests and
// tools; errors name `source` and the key.
Result<ApiRequest> ParseApiRequest(std::string_view toml_text, std::string_view source);

// InvalidArgument naming the request's key when it uses a placeholder not in `available`:
// "juejin.toml: listing.api.json: unknown placeholder {usr_id} (available: cursor, user_id)".
Status CheckPlaceholders(const ApiRequest& request, const std::vector<std::string>& available);

// Fills `request` with `values`. `base_url` resolves a url starting with '/' (it may be "" when
// the url is absolute). Adds Content-Type for json and form bodies unless the headers give one.
// Fails with InvalidArgument naming the key when a placeholder has no value, when the url is
// not an absolute http(s) URL after expansion, or when a header value would hold CR/LF/NUL;
// with Corruption never (no outside bytes are parsed).
Result<ExpandedRequest> ExpandApiRequest(const ApiRequest& request, const TemplateValues& values,
                                         std::string_view base_url = {});

// The template engine alone, for other templates of the profiles (a post URL from an item id:
// "https://juejin.cn/post/{id}").
enum class TemplateEscape {
  kNone,          // as is (CR, LF and NUL rejected)
  kUrlComponent,  // percent-encoded
  kForm,          // form-encoded
  kJson,          // JSON-aware, as for `json` bodies
};
// The placeholder names of `text`, in order of first use.
std::vector<std::string> TemplatePlaceholders(std::string_view text);
// InvalidArgument "no value for {name}" (the caller adds the key) when a value is missing.
Result<std::string> ExpandTemplate(std::string_view text, const TemplateValues& values,
                                   TemplateEscape escape);

// A regular expression (RE2 syntax) with named groups, searched in a URL (unanchored): what
// picks the values of an author page's URL for its listing templates.
//   UrlPattern::Compile(R"(juejin\.cn/user/(?P<user_id>\d+))")
//   ->Match("https://juejin.cn/user/123/posts") == {{"user_id", "123"}}
class UrlPattern {
 public:
  // InvalidArgument "bad regular expression '...': <RE2's reason>".
  static Result<UrlPattern> Compile(std::string_view regex);

  // The named captures of the first match (a group that took no part: ""), or nullopt when
  // the pattern does not match `url`.
  std::optional<TemplateValues> Match(std::string_view url) const;

  // The group names, in order.
  const std::vector<std::string>& names() const { return names_; }
  const std::string& text() const { return text_; }

 private:
  std::string text_;
  std::shared_ptr<const re2::RE2> re_;
  std::vector<std::string> names_;
};

}  // namespace strata::config
