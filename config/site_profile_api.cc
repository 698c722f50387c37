#include "config/site_profile_api.h"

#include <algorithm>
#include <array>

#include <re2/re2.h>

#include "config/toml_reader.h"

namespace strata::config {
namespace {

struct PathSlot {
  std::string_view name;
  std::vector<std::string> ApiFieldPaths::*paths;
  bool counter;  // allowed in [counters]
};

constexpr std::array<PathSlot, 10> kPathSlots = {{
    {"title", &ApiFieldPaths::title, false},
    {"author", &ApiFieldPaths::author, false},
    {"published", &ApiFieldPaths::published, false},
    {"modified", &ApiFieldPaths::modified, false},
    {"body", &ApiFieldPaths::body, false},
    {"description", &ApiFieldPaths::description, false},
    {"views", &ApiFieldPaths::views, true},
    {"likes", &ApiFieldPaths::likes, true},
    {"comments", &ApiFieldPaths::comments, true},
    {"tags", &ApiFieldPaths::tags, false},
}};

// Placeholders every API request may use besides the pattern's groups.
constexpr std::string_view kUrlPlaceholder = "url";

void ReadFields(TableReader fields, bool counters, ApiFieldPaths* out) {
  for (const PathSlot& slot : kPathSlots) {
    if (!fields.Has(slot.name)) continue;
    if (counters && !slot.counter) {
      fields.Fail(slot.name, "[counters] reads only views, likes and comments");
      continue;
    }
    std::vector<std::string>& paths = out->*(slot.paths);
    if (fields.IsArray(slot.name)) {
      fields.StringList(slot.name, &paths);
      if (paths.empty()) fields.Fail(slot.name, "must not be empty");
    } else {
      std::string path;
      fields.String(slot.name, &path);
      paths.push_back(path);
    }
  }
  fields.RejectUnknownKeys();
}

std::optional<BodyFormat> ParseBodyFormat(std::string_view name) {
  if (name == "html") return BodyFormat::kHtml;
  if (name == "markdown") return BodyFormat::kMarkdown;
  if (name == "prosemirror") return BodyFormat::kProseMirror;
  if (name == "text") return BodyFormat::kText;
  return std::nullopt;
}

void ReadPageValues(TableReader page, std::vector<PageValue>* out) {
  if (!page.present()) return;
  // The names are the table's keys: read each one (which also marks it known).
  for (const std::string& name : page.Keys()) {
    PageValue value;
    value.name = name;
    page.String(name, &value.regex);
    const bool placeholder_name = !name.empty() && !(name[0] >= '0' && name[0] <= '9') &&
                                  std::all_of(name.begin(), name.end(), [](char c) {
                                    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                           (c >= '0' && c <= '9') || c == '_';
                                  });
    if (!placeholder_name) {
      page.Fail(name, "a value's name is made of ASCII letters, digits and '_'");
      continue;
    }
    RE2 re(value.regex, RE2::Quiet);
    if (value.regex.empty() || !re.ok()) {
      page.Fail(name, "bad regular expression '" + value.regex + "'" +
                          (re.ok() ? std::string() : ": " + re.error()));
      continue;
    }
    if (re.NumberOfCapturingGroups() > 1) {
      page.Fail(name, "give at most one capturing group: its text is the value");
      continue;
    }
    out->push_back(std::move(value));
  }
  page.RejectUnknownKeys();
}

SiteApi ReadOne(TableReader reader, bool counters) {
  SiteApi api;
  api.key = reader.FullKey("x");
  api.key.resize(api.key.size() - 2);

  std::string match;
  reader.String("match", &match);
  if (match.empty()) {
    reader.Fail("match",
                "required: a regular expression matched against the article's URL, with named "
                "groups for the request (?P<id>...)");
  } else if (Result<UrlPattern> pattern = UrlPattern::Compile(match); !pattern.ok()) {
    reader.Fail("match", pattern.status().message());
  } else {
    api.match = std::move(*pattern);
  }

  if (!counters) {
    std::string use = "instead";
    reader.String("use", &use);
    if (use == "instead") {
      api.use = ApiUse::kInstead;
    } else if (use == "with") {
      api.use = ApiUse::kWith;
    } else {
      reader.Fail("use", "must be \"instead\" (the API replaces the page) or \"with\" (both)");
    }
    std::string format = "html";
    reader.String("body_format", &format);
    if (std::optional<BodyFormat> parsed = ParseBodyFormat(format)) {
      api.body_format = *parsed;
    } else {
      reader.Fail("body_format", "must be prosemirror, html, markdown or text");
    }
  } else {
    ReadPageValues(reader.Table("page"), &api.page_values);
  }

  ReadFields(reader.Table("fields"), counters, &api.fields);
  // Last: it rejects the keys of the table that nothing read before it.
  api.request = ReadApiRequest(reader);
  if (api.fields.empty()) {
    reader.Fail("fields", counters ? "required: JSON paths of views, likes or comments"
                                   : "required: the JSON paths of the article's fields");
  } else if (!counters && api.use == ApiUse::kInstead && api.fields.title.empty() &&
             api.fields.body.empty()) {
    reader.Fail("fields", "an API used instead of the page must give a title or a body");
  }
  return api;
}

// The placeholders a request may use are the pattern's groups, {url} and the page values; a
// request that uses another would fail on every article, so it fails when the profile loads.
void CheckRequestPlaceholders(TableReader& reader, const SiteApi& api) {
  std::vector<std::string> available = api.match.names();
  available.emplace_back(kUrlPlaceholder);
  for (const PageValue& value : api.page_values) available.push_back(value.name);
  std::sort(available.begin(), available.end());
  available.erase(std::unique(available.begin(), available.end()), available.end());
  std::vector<std::pair<std::string, std::string_view>> parts = {{"url", api.request.url}};
  switch (api.request.body_kind) {
    case BodyKind::kJson:
      parts.emplace_back("json", api.request.body);
      break;
    case BodyKind::kForm:
      parts.emplace_back("form", api.request.body);
      break;
    case BodyKind::kText:
      parts.emplace_back("body", api.request.body);
      break;
    case BodyKind::kNone:
      break;
  }
  for (size_t i = 0; i < api.request.headers.size(); ++i) {
    parts.emplace_back("headers[" + std::to_string(i) + "]", api.request.headers[i].second);
  }
  for (const auto& [part, text] : parts) {
    for (const std::string& name : TemplatePlaceholders(text)) {
      if (std::binary_search(available.begin(), available.end(), name)) continue;
      std::string list;
      for (const std::string& a : available) list += (list.empty() ? "" : ", ") + a;
      reader.Fail(part, "unknown placeholder {" + name + "} (available: " + list + ")");
      return;
    }
  }
}

ScriptData ReadScript(TableReader reader) {
  ScriptData script;
  script.key = reader.FullKey("x");
  script.key.resize(script.key.size() - 2);
  std::string match;
  reader.String("match", &match);
  if (match.empty()) {
    reader.Fail("match", "required: a regular expression matched against the article's URL");
  } else if (Result<UrlPattern> pattern = UrlPattern::Compile(match); !pattern.ok()) {
    reader.Fail("match", pattern.status().message());
  } else {
    script.match = std::move(*pattern);
  }
  reader.String("variable", &script.variable);
  if (script.variable.empty()) {
    reader.Fail("variable", "required: what the script assigns (\"window.__NUXT__\")");
  }
  std::string format = "html";
  reader.String("body_format", &format);
  if (std::optional<BodyFormat> parsed = ParseBodyFormat(format)) {
    script.body_format = *parsed;
  } else {
    reader.Fail("body_format", "must be prosemirror, html, markdown or text");
  }
  ReadFields(reader.Table("fields"), /*counters=*/false, &script.fields);
  if (script.fields.empty()) reader.Fail("fields", "required: the keys of the article's fields");
  reader.RejectUnknownKeys();
  return script;
}

void ReadSection(TableReader& root, std::string_view name, bool counters,
                 std::vector<SiteApi>* out) {
  if (!root.Has(name)) return;
  std::vector<TableReader> tables;
  if (root.IsArray(name)) {
    tables = root.Tables(name);
  } else {
    tables.push_back(root.Table(name));
  }
  for (TableReader& table : tables) {
    if (!table.present()) continue;
    SiteApi api = ReadOne(table, counters);
    CheckRequestPlaceholders(table, api);
    out->push_back(std::move(api));
  }
}

}  // namespace

std::string_view BodyFormatName(BodyFormat format) {
  switch (format) {
    case BodyFormat::kHtml:
      return "html";
    case BodyFormat::kMarkdown:
      return "markdown";
    case BodyFormat::kProseMirror:
      return "prosemirror";
    case BodyFormat::kText:
      return "text";
  }
  return "html";
}

bool ApiFieldPaths::empty() const {
  return std::all_of(kPathSlots.begin(), kPathSlots.end(),
                     [this](const PathSlot& slot) { return (this->*slot.paths).empty(); });
}

void ReadSiteApis(TableReader& root, SiteApis* apis) {
  ReadSection(root, "api", /*counters=*/false, &apis->detail);
  ReadSection(root, "counters", /*counters=*/true, &apis->counters);
  if (root.Has("script")) {
    std::vector<TableReader> tables;
    if (root.IsArray("script")) {
      tables = root.Tables("script");
    } else {
      tables.push_back(root.Table("script"));
    }
    for (TableReader& table : tables) {
      if (table.present()) apis->scripts.push_back(ReadScript(table));
    }
  }
}

}  // namespace strata::config
