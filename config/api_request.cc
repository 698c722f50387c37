#include "config/api_request.h"

#include <re2/re2.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "common/url.h"
#include "config/toml_reader.h"

namespace strata::config {
namespace {

bool IsPlaceholderStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool IsPlaceholderChar(char c) { return IsPlaceholderStart(c) || (c >= '0' && c <= '9'); }

// When text[at] opens a placeholder "{name}", its name's length; else 0.
size_t PlaceholderLength(std::string_view text, size_t at) {
  if (text[at] != '{' || at + 1 >= text.size() || !IsPlaceholderStart(text[at + 1])) return 0;
  size_t end = at + 1;
  while (end < text.size() && IsPlaceholderChar(text[end])) ++end;
  if (end >= text.size() || text[end] != '}') return 0;
  return end - at - 1;
}

bool IsHeaderNameChar(char c) {
  // RFC 9110 token characters.
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool HasControlBreak(std::string_view s) {
  return s.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos;
}

// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool IsJsonNumber(std::string_view s) {
  size_t i = 0;
  auto digits = [&] {
    const size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i - start;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (i < s.size() && s[i] == '0') {
    ++i;
  } else if (digits() == 0) {
    return false;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (digits() == 0) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  return i == s.size();
}

std::string PercentEncode(std::string_view value, bool form) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(value.size());
  for (unsigned char c : value) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else if (form && c == ' ') {
      out.push_back('+');
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

// The JSON string content of `value` (escaped, without the quotes).
std::string JsonStringContent(std::string_view value) {
  // Replace invalid UTF-8 rather than throw: a value from a URL may hold anything.
  const std::string quoted = nlohmann::json(std::string(value))
                                 .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return quoted.substr(1, quoted.size() - 2);
}

std::string KeyOf(const ApiRequest& request, std::string_view part) {
  std::string key = request.source.empty() ? "" : request.source + ": ";
  if (!request.key.empty()) key += request.key + ".";
  key += part;
  return key;
}

std::string_view BodyKeyName(BodyKind kind) {
  switch (kind) {
    case BodyKind::kJson:
      return "json";
    case BodyKind::kForm:
      return "form";
    case BodyKind::kText:
      return "body";
    case BodyKind::kNone:
      break;
  }
  return "";
}

TemplateEscape BodyEscape(BodyKind kind) {
  switch (kind) {
    case BodyKind::kJson:
      return TemplateEscape::kJson;
    case BodyKind::kForm:
      return TemplateEscape::kForm;
    default:
      return TemplateEscape::kNone;
  }
}

// Every placeholder of `text` with a sample value: to check a template's syntax at load time.
TemplateValues SampleValues(std::string_view text) {
  TemplateValues values;
  for (const std::string& name : TemplatePlaceholders(text)) values.emplace(name, "0");
  return values;
}

}  // namespace

std::vector<std::string> TemplatePlaceholders(std::string_view text) {
  std::vector<std::string> names;
  for (size_t i = 0; i < text.size(); ++i) {
    const size_t length = PlaceholderLength(text, i);
    if (length == 0) continue;
    std::string name(text.substr(i + 1, length));
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    i += length + 1;
  }
  return names;
}

Result<std::string> ExpandTemplate(std::string_view text, const TemplateValues& values,
                                   TemplateEscape escape) {
  std::string out;
  out.reserve(text.size() + 32);
  bool in_json_string = false;  // kJson: is the scan inside a JSON string literal?
  for (size_t i = 0; i < text.size(); ++i) {
    const size_t length = PlaceholderLength(text, i);
    if (length == 0) {
      const char c = text[i];
      out.push_back(c);
      if (escape == TemplateEscape::kJson) {
        if (c == '"') {
          in_json_string = !in_json_string;
        } else if (c == '\\' && in_json_string && i + 1 < text.size()) {
          out.push_back(text[++i]);  // an escaped character never ends the string
        }
      }
      continue;
    }
    const std::string_view name = text.substr(i + 1, length);
    const auto it = values.find(name);
    if (it == values.end()) {
      return Status::InvalidArgument("no value for {" + std::string(name) + "}");
    }
    const std::string& value = it->second;
    switch (escape) {
      case TemplateEscape::kNone:
        if (HasControlBreak(value)) {
          return Status::InvalidArgument("the value of {" + std::string(name) +
                                         "} holds a line break or NUL");
        }
        out += value;
        break;
      case TemplateEscape::kUrlComponent:
        out += PercentEncode(value, false);
        break;
      case TemplateEscape::kForm:
        out += PercentEncode(value, true);
        break;
      case TemplateEscape::kJson:
        if (in_json_string) {
          out += JsonStringContent(value);
        } else if (IsJsonNumber(value) || value == "true" || value == "false" || value == "null") {
          out += value;
        } else {
          out += '"' + JsonStringContent(value) + '"';
        }
        break;
    }
    i += length + 1;
  }
  return out;
}

std::vector<std::string> ApiRequest::Placeholders() const {
  std::set<std::string> names;
  for (std::string& name : TemplatePlaceholders(url)) names.insert(std::move(name));
  for (std::string& name : TemplatePlaceholders(body)) names.insert(std::move(name));
  for (const auto& [header, value] : headers) {
    for (std::string& name : TemplatePlaceholders(value)) names.insert(std::move(name));
  }
  return {names.begin(), names.end()};
}

ApiRequest ReadApiRequest(TableReader& reader) {
  ApiRequest request;
  // The reader knows its own path: FullKey("x") is "<path>.x", or "x" at the root.
  std::string full = reader.FullKey("x");
  request.key = full.size() > 2 ? full.substr(0, full.size() - 2) : "";

  reader.String("method", &request.method);
  std::transform(request.method.begin(), request.method.end(), request.method.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (request.method != "GET" && request.method != "POST") {
    reader.Fail("method", "must be GET or POST");
  }

  reader.String("url", &request.url);
  if (request.url.empty()) {
    reader.Fail("url", "required: the request's URL (absolute, or starting with '/')");
  } else {
    Result<std::string> sample =
        ExpandTemplate(request.url, SampleValues(request.url), TemplateEscape::kUrlComponent);
    if (!sample.ok() || !(sample->starts_with("/") || IsHttpUrl(*sample)) ||
        (!sample->starts_with("/") && !ParseUrl(*sample))) {
      reader.Fail("url", "'" + request.url + "' is not an http(s) URL or a path starting with '/'");
    }
  }

  int bodies = 0;
  for (BodyKind kind : {BodyKind::kJson, BodyKind::kForm, BodyKind::kText}) {
    const std::string_view name = BodyKeyName(kind);
    if (!reader.Has(name)) continue;
    ++bodies;
    request.body_kind = kind;
    reader.String(name, &request.body);
  }
  if (bodies > 1) reader.Fail("json", "give at most one of json, form and body");
  if (request.body_kind != BodyKind::kNone && request.method == "GET") {
    reader.Fail(BodyKeyName(request.body_kind), "a GET request has no body: use method = \"POST\"");
  }
  if (request.body_kind == BodyKind::kJson) {
    Result<std::string> sample =
        ExpandTemplate(request.body, SampleValues(request.body), TemplateEscape::kJson);
    std::string problem;
    if (!sample.ok()) {
      problem = sample.status().message();
    } else {
      try {
        const nlohmann::json parsed = nlohmann::json::parse(*sample);
        (void)parsed;
      } catch (const nlohmann::json::parse_error& e) {
        problem = e.what();
      }
    }
    if (!problem.empty()) {
      reader.Fail("json", "not a JSON template (" + problem + ")");
    }
  }

  std::vector<std::string> header_lines;
  reader.StringList("headers", &header_lines);
  for (size_t i = 0; i < header_lines.size(); ++i) {
    const std::string& line = header_lines[i];
    const size_t colon = line.find(':');
    std::string name = colon == std::string::npos ? "" : line.substr(0, colon);
    std::string value = colon == std::string::npos ? "" : line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.erase(0, 1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.pop_back();
    if (name.empty() || !std::all_of(name.begin(), name.end(), IsHeaderNameChar)) {
      reader.Fail("headers[" + std::to_string(i) + "]",
                  "'" + line + "' is not a header line \"Name: value\"");
      continue;
    }
    if (HasControlBreak(value)) {
      reader.Fail("headers[" + std::to_string(i) + "]", "a header value must be one line");
      continue;
    }
    request.headers.emplace_back(std::move(name), std::move(value));
  }
  reader.RejectUnknownKeys();
  return request;
}

Result<ApiRequest> ParseApiRequest(std::string_view toml_text, std::string_view source) {
  STRATA_ASSIGN_OR_RETURN(toml::table table, ParseToml(toml_text, source));
  Status error;
  TableReader reader(&table, "", std::string(source), &error);
  ApiRequest request = ReadApiRequest(reader);
  request.source = std::string(source);
  if (!error.ok()) return error;
  return request;
}

Status CheckPlaceholders(const ApiRequest& request, const std::vector<std::string>& available) {
  auto check = [&](std::string_view part, std::string_view text) -> Status {
    for (const std::string& name : TemplatePlaceholders(text)) {
      if (std::find(available.begin(), available.end(), name) != available.end()) continue;
      std::string list;
      for (const std::string& a : available) list += (list.empty() ? "" : ", ") + a;
      return Status::InvalidArgument(KeyOf(request, part) + ": unknown placeholder {" + name +
                                     "} (available: " + (list.empty() ? "none" : list) + ")");
    }
    return Status::Ok();
  };
  STRATA_RETURN_IF_ERROR(check("url", request.url));
  if (request.body_kind != BodyKind::kNone) {
    STRATA_RETURN_IF_ERROR(check(BodyKeyName(request.body_kind), request.body));
  }
  for (size_t i = 0; i < request.headers.size(); ++i) {
    STRATA_RETURN_IF_ERROR(check("headers[" + std::to_string(i) + "]", request.headers[i].second));
  }
  return Status::Ok();
}

Result<ExpandedRequest> ExpandApiRequest(const ApiRequest& request, const TemplateValues& values,
                                         std::string_view base_url) {
  ExpandedRequest out;
  out.method = request.method;
  Result<std::string> url = ExpandTemplate(request.url, values, TemplateEscape::kUrlComponent);
  if (!url.ok()) return url.status().WithContext(KeyOf(request, "url"));
  if (url->starts_with("/")) {
    std::optional<std::string> resolved =
        base_url.empty() ? std::nullopt : ResolveUrl(base_url, *url);
    if (!resolved) {
      return Status::InvalidArgument(KeyOf(request, "url") + ": '" + *url +
                                     "' needs an absolute page URL to resolve against");
    }
    *url = std::move(*resolved);
  }
  if (!IsHttpUrl(*url) || !ParseUrl(*url)) {
    return Status::InvalidArgument(KeyOf(request, "url") + ": '" + *url +
                                   "' is not an absolute http(s) URL");
  }
  out.url = std::move(*url);

  if (request.body_kind != BodyKind::kNone) {
    Result<std::string> body = ExpandTemplate(request.body, values, BodyEscape(request.body_kind));
    if (!body.ok())
      return body.status().WithContext(KeyOf(request, BodyKeyName(request.body_kind)));
    out.body = std::move(*body);
  }
  bool has_content_type = false;
  for (size_t i = 0; i < request.headers.size(); ++i) {
    const auto& [name, value_template] = request.headers[i];
    Result<std::string> value = ExpandTemplate(value_template, values, TemplateEscape::kNone);
    if (!value.ok()) {
      return value.status().WithContext(KeyOf(request, "headers[" + std::to_string(i) + "]"));
    }
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower == "content-type") has_content_type = true;
    out.headers.emplace_back(name, std::move(*value));
  }
  if (!has_content_type) {
    if (request.body_kind == BodyKind::kJson) {
      out.headers.emplace_back("Content-Type", "application/json");
    } else if (request.body_kind == BodyKind::kForm) {
      out.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
    }
  }
  return out;
}

Result<UrlPattern> UrlPattern::Compile(std::string_view regex) {
  RE2::Options options;
  options.set_log_errors(false);
  auto re = std::make_shared<RE2>(re2::StringPiece(regex.data(), regex.size()), options);
  if (!re->ok()) {
    return Status::InvalidArgument("bad regular expression '" + std::string(regex) +
                                   "': " + re->error());
  }
  UrlPattern pattern;
  pattern.text_ = std::string(regex);
  // NamedCapturingGroups maps name -> group index; keep them in group order.
  std::vector<std::pair<int, std::string>> groups;
  for (const auto& [name, index] : re->NamedCapturingGroups()) groups.emplace_back(index, name);
  std::sort(groups.begin(), groups.end());
  for (auto& [index, name] : groups) pattern.names_.push_back(std::move(name));
  pattern.re_ = std::move(re);
  return pattern;
}

std::optional<TemplateValues> UrlPattern::Match(std::string_view url) const {
  if (re_ == nullptr) return std::nullopt;
  const int groups = re_->NumberOfCapturingGroups();
  std::vector<re2::StringPiece> captures(static_cast<size_t>(groups) + 1);
  if (!re_->Match(re2::StringPiece(url.data(), url.size()), 0, url.size(), RE2::UNANCHORED,
                  captures.data(), groups + 1)) {
    return std::nullopt;
  }
  TemplateValues values;
  for (const auto& [name, index] : re_->NamedCapturingGroups()) {
    const re2::StringPiece& piece = captures[static_cast<size_t>(index)];
    values.emplace(name, piece.data() == nullptr ? std::string() : std::string(piece));
  }
  return values;
}

}  // namespace strata::config
