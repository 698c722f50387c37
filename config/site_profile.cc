#include "config/site_profile.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "config/site_profile_api.h"             // shell
#include "config/site_profile_listing_reader.h"  // author
#include "config/toml_reader.h"

namespace strata::config {
namespace {

// A profile file larger than this is not a profile.
constexpr std::uintmax_t kMaxProfileBytes = 1 << 20;

struct FieldSlot {
  std::string_view name;
  std::vector<FieldRule> FieldRules::*rules;
};

constexpr std::array<FieldSlot, 9> kFields = {{
    {"title", &FieldRules::title},
    {"author", &FieldRules::author},
    {"published", &FieldRules::published},
    {"modified", &FieldRules::modified},
    {"body", &FieldRules::body},
    {"views", &FieldRules::views},
    {"likes", &FieldRules::likes},
    {"comments", &FieldRules::comments},
    {"tags", &FieldRules::tags},
}};

// author: listing is read; shell: api (and counters) are read, config/site_profile_api.h.
constexpr std::array<std::string_view, 0> kReservedSections = {};

bool IsProfileName(std::string_view name) {
  return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

// "www.cnblogs.com" or "*.cnblogs.com": lower-case DNS labels, an optional "*." in front.
bool IsHostPattern(std::string_view host) {
  if (host.starts_with("*.")) host.remove_prefix(2);
  if (host.empty() || host.size() > 253 || host.front() == '.' || host.back() == '.') return false;
  if (host.find("..") != std::string_view::npos) return false;
  return std::all_of(host.begin(), host.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
  });
}

// "+08:00", "+0800", "-05:00", "Z", "UTC" -> minutes east of UTC.
std::optional<int> ParseUtcOffset(std::string_view s) {
  if (s == "Z" || s == "UTC" || s == "utc") return 0;
  if (s.size() < 3 || (s[0] != '+' && s[0] != '-')) return std::nullopt;
  std::string digits;
  for (char c : s.substr(1)) {
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
    } else if (c != ':') {
      return std::nullopt;
    }
  }
  if (digits.size() != 2 && digits.size() != 4) return std::nullopt;
  const int hours = std::stoi(digits.substr(0, 2));
  const int minutes = digits.size() == 4 ? std::stoi(digits.substr(2)) : 0;
  if (hours > 14 || minutes > 59) return std::nullopt;
  const int total = hours * 60 + minutes;
  return s[0] == '-' ? -total : total;
}

// One rule from a table: selector (required), attribute, regex, exclude (body only).
FieldRule ReadRule(TableReader reader, std::string_view field, const std::string& key) {
  FieldRule rule;
  rule.key = key;
  reader.String("selector", &rule.selector);
  reader.String("attribute", &rule.attribute);
  reader.String("regex", &rule.regex);
  if (field == "body") {
    reader.StringList("exclude", &rule.exclude);
    for (const std::string& selector : rule.exclude) {
      if (selector.empty()) reader.Fail("exclude", "selectors must not be empty");
    }
  } else if (reader.Has("exclude")) {
    reader.Fail("exclude", "only fields.body takes exclude");
  }
  if (rule.selector.empty()) reader.Fail("selector", "required: a CSS selector");
  if (field == "body" && (!rule.attribute.empty() || !rule.regex.empty())) {
    reader.Fail(rule.attribute.empty() ? "regex" : "attribute",
                "fields.body takes a selector and exclude only: the body is the element's content");
  }
  reader.RejectUnknownKeys();
  return rule;
}

// fields.<name>: a selector string, a table, or an array of tables (candidates in order).
void ReadField(const toml::node& node, std::string_view field, std::vector<FieldRule>* rules,
               const std::string& source, Status* error) {
  const std::string key = "fields." + std::string(field);
  auto fail = [&](const std::string& message) {
    if (error->ok()) *error = Status::InvalidArgument(source + ": " + key + ": " + message);
  };
  if (const auto* text = node.as_string()) {
    FieldRule rule;
    rule.selector = text->get();
    rule.key = key;
    if (rule.selector.empty()) fail("must not be empty");
    rules->push_back(std::move(rule));
  } else if (const auto* table = node.as_table()) {
    rules->push_back(ReadRule(TableReader(table, key, source, error), field, key));
  } else if (const auto* array = node.as_array(); array != nullptr && array->is_array_of_tables()) {
    for (size_t i = 0; i < array->size(); ++i) {
      const std::string item_key = key + "[" + std::to_string(i) + "]";
      rules->push_back(ReadRule(TableReader(array->get(i)->as_table(), item_key, source, error),
                                field, item_key));
    }
    if (array->empty()) fail("must not be empty");
  } else {
    fail(
        "must be a selector string, a table (selector, attribute, regex) or an array of such "
        "tables ([[" +
        key + "]])");
  }
}

}  // namespace

bool FieldRules::empty() const {
  return std::all_of(kFields.begin(), kFields.end(),
                     [this](const FieldSlot& slot) { return (this->*slot.rules).empty(); });
}

Result<SiteProfile> ParseSiteProfile(std::string_view toml_text, std::string_view name,
                                     std::string_view source_name) {
  const std::string source(source_name);
  if (!IsProfileName(name)) {
    return Status::InvalidArgument(
        source +
        ": a profile's file name must be lower-case letters, digits, '-' or '_' with "
        "the .toml extension, got '" +
        std::string(name) + "'");
  }
  STRATA_ASSIGN_OR_RETURN(toml::table table, ParseToml(toml_text, source_name));

  SiteProfile profile;
  profile.name = std::string(name);
  profile.source = source;
  Status error;
  TableReader root(&table, "", source, &error);
  root.String("description", &profile.description);
  root.StringList("hosts", &profile.hosts);
  for (size_t i = 0; i < profile.hosts.size(); ++i) {
    std::string& host = profile.hosts[i];
    std::transform(host.begin(), host.end(), host.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (!IsHostPattern(host)) {
      root.Fail("hosts[" + std::to_string(i) + "]",
                "'" + host + "' is not a host pattern (examples: \"www.cnblogs.com\", " +
                    "\"*.cnblogs.com\")");
    }
  }
  root.StringList("generators", &profile.generators);
  for (const std::string& generator : profile.generators) {
    if (generator.empty()) root.Fail("generators", "entries must not be empty");
  }
  root.StringList("signatures", &profile.signatures);
  for (const std::string& signature : profile.signatures) {
    if (signature.empty()) root.Fail("signatures", "selectors must not be empty");
  }
  std::string offset;
  root.String("utc_offset", &offset);
  if (root.Has("utc_offset")) {
    profile.utc_offset_minutes = ParseUtcOffset(offset);
    if (!profile.utc_offset_minutes) {
      root.Fail("utc_offset", "not a UTC offset (examples: \"+08:00\", \"-05:00\", \"Z\")");
    }
  }
  root.StringList("site_names", &profile.site_names);

  root.Table("fields");  // marks the key as known; a non-table is reported here
  if (const toml::table* fields = table["fields"].as_table()) {
    for (const auto& [key, node] : *fields) {
      const auto slot = std::find_if(kFields.begin(), kFields.end(),
                                     [&](const FieldSlot& s) { return s.name == key.str(); });
      if (slot == kFields.end()) {
        if (error.ok()) {
          error = Status::InvalidArgument(
              source + ": fields." + std::string(key.str()) +
              ": unknown field (expected title, author, published, modified, body, views, "
              "likes, comments or tags)");
        }
        continue;
      }
      ReadField(node, slot->name, &(profile.fields.*(slot->rules)), source, &error);
    }
  }
  // --- author (issue 6): [listing] ---
  profile.listing = ReadListingSection(root, table.get("listing"), source);
  // --- end author ---
  // --- shell (issue 6): [api], [counters] ---
  ReadSiteApis(root, &profile.apis);
  // --- end shell ---
  for (std::string_view section : kReservedSections) {
    if (root.Has(section)) {
      root.Table(section);  // a table, not validated further: its format belongs to a later version
      profile.reserved_sections.emplace_back(section);
    }
  }
  root.RejectUnknownKeys();
  if (error.ok() && profile.hosts.empty() && profile.generators.empty() &&
      profile.signatures.empty()) {
    error = Status::InvalidArgument(
        source + ": the profile selects no page: give hosts, generators or signatures");
  }
  if (!error.ok()) return error;
  return profile;
}

std::string DefaultSiteProfileDir() {
  if (const char* env = std::getenv("STRATA_SITES"); env != nullptr && *env != '\0') return env;
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg != nullptr && *xdg != '\0') {
    return std::string(xdg) + "/strata/sites";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return std::string(home) + "/.config/strata/sites";
  }
  return "";
}

Result<std::vector<SiteProfile>> LoadSiteProfiles(const std::string& user_dir) {
  std::map<std::string, SiteProfile> by_name;
  for (const SiteProfileText& shipped : ShippedSiteProfileTexts()) {
    Result<SiteProfile> profile =
        ParseSiteProfile(shipped.text, shipped.name,
                         "config/sites/" + std::string(shipped.name) + ".toml (built in)");
    if (!profile.ok()) return profile.status();
    by_name.insert_or_assign(profile->name, std::move(*profile));
  }

  namespace fs = std::filesystem;
  std::error_code ec;
  if (!user_dir.empty() && fs::is_directory(user_dir, ec)) {
    std::vector<fs::path> files;
    for (fs::directory_iterator it(user_dir, ec), end; !ec && it != end; it.increment(ec)) {
      if (it->path().extension() == ".toml" && it->is_regular_file(ec)) files.push_back(it->path());
    }
    if (ec) {
      return Status::IOError("cannot read the site profile directory " + user_dir + ": " +
                             ec.message());
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& path : files) {
      const std::uintmax_t size = fs::file_size(path, ec);
      if (ec || size > kMaxProfileBytes) {
        return Status::InvalidArgument(path.string() + ": not a readable profile of at most 1 MiB");
      }
      std::ifstream in(path, std::ios::binary);
      if (!in.is_open()) return Status::IOError("cannot open site profile " + path.string());
      std::ostringstream text;
      text << in.rdbuf();
      Result<SiteProfile> profile =
          ParseSiteProfile(text.str(), path.stem().string(), path.string());
      if (!profile.ok()) return profile.status();
      by_name.insert_or_assign(profile->name, std::move(*profile));
    }
  }

  std::vector<SiteProfile> profiles;
  profiles.reserve(by_name.size());
  for (auto& [name, profile] : by_name) profiles.push_back(std::move(profile));
  return profiles;
}

}  // namespace strata::config
