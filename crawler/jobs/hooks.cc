#include "crawler/jobs/hooks.h"

#include <nlohmann/json.hpp>

#include "storage/change_analysis.h"
#include "storage/version_change.h"

namespace strata::jobs {
namespace {

using Json = nlohmann::ordered_json;

}  // namespace

ChangeEvent MakeChangeEvent(const storage::Archive& archive, const std::string& watch,
                            const PageResult& result, UnixMillis fallback_time) {
  ChangeEvent event;
  event.watch = watch;
  event.url = result.key.empty() ? result.url : result.key;
  event.title = result.title;
  event.is_new = result.kind == storage::RecordKind::kNew;
  event.version = result.version;
  event.time = fallback_time;
  event.summary = event.is_new ? "first version" : "changed";
  Result<storage::Version> version = archive.GetVersion(event.url, result.version);
  if (!version.ok()) return event;
  event.time = version->fetched_at;
  if (event.title.empty()) event.title = version->article.title;
  if (version->gone) {
    event.summary = "gone";
  } else if (!event.is_new && version->change.compared_to > 0) {
    event.change = version->change;
    event.summary = storage::DescribeChange(storage::AnalysisOf(version->change));
  } else if (!event.is_new) {
    event.summary = "back after being gone";
  }
  return event;
}

std::string ChangePayload(const ChangeEvent& e) {
  Json json;
  json["event"] = e.is_new ? "new" : "changed";
  json["watch"] = e.watch;
  json["url"] = e.url;
  json["title"] = e.title;
  json["version"] = e.version;
  json["previous_version"] =
      e.change ? Json(e.change->compared_to) : (e.is_new ? Json(nullptr) : Json(e.version - 1));
  json["time"] = FormatIsoUtc(e.time, /*with_millis=*/true);
  json["summary"] = e.summary;
  if (e.change) {
    const storage::ChangeSummary& c = *e.change;
    json["change"] = {
        {"edit_class", storage::EditClassName(c.edit_class)},
        {"fields", c.fields},
        {"lines_added", c.lines_added},
        {"lines_removed", c.lines_removed},
        {"blocks_added", c.blocks_added},
        {"blocks_removed", c.blocks_removed},
        {"blocks_changed", c.blocks_changed},
        {"blocks_moved", c.blocks_moved},
        {"chars_added", c.chars_added},
        {"chars_removed", c.chars_removed},
    };
  } else {
    json["change"] = nullptr;
  }
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::vector<std::pair<std::string, std::string>> ChangeEnvironment(const ChangeEvent& e) {
  return {
      {"STRATA_EVENT", e.is_new ? "new" : "changed"},
      {"STRATA_WATCH", e.watch},
      {"STRATA_URL", e.url},
      {"STRATA_TITLE", e.title},
      {"STRATA_VERSION", std::to_string(e.version)},
      {"STRATA_TIME", FormatIsoUtc(e.time)},
      {"STRATA_CHANGE", e.summary},
      {"STRATA_EDIT_CLASS",
       e.change ? std::string(storage::EditClassName(e.change->edit_class)) : std::string()},
  };
}

std::vector<Status> ConfiguredHooks::OnChange(const ChangeEvent& event) {
  std::vector<Status> errors;
  const config::HooksOptions& hooks = config_.hooks;
  if (event.is_new && !hooks.on_new) return errors;
  const std::string payload = ChangePayload(event);
  if (!hooks.on_change_command.empty()) {
    Status s = RunHookCommand(hooks.on_change_command, ChangeEnvironment(event), payload,
                              hooks.timeout_ms);
    if (!s.ok()) errors.push_back(s.WithContext("on_change_command"));
  }
  if (!hooks.on_change_url.empty()) {
    Status s =
        PostHook(hooks.on_change_url, hooks.headers, payload, hooks.timeout_ms, config_.fetch);
    if (!s.ok()) errors.push_back(s.WithContext("on_change_url"));
  }
  return errors;
}

}  // namespace strata::jobs
