#include "crawler/jobs/watch_status.h"

#include <stdio.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "crawler/jobs/schedule_store.h"

namespace strata::jobs {
namespace {

using Json = nlohmann::json;

constexpr int kSnapshotFormat = 1;

// `json[key]` into `out` when present with the right type; false when present with another
// (Json::value() would throw, and bytes from disk must not crash the program).
template <typename T>
bool Optional(const Json& json, const char* key, T* out) {
  auto it = json.find(key);
  if (it == json.end()) return true;
  if constexpr (std::is_same_v<T, std::string>) {
    if (!it->is_string()) return false;
  } else {
    if (!it->is_number_integer()) return false;
  }
  *out = it->get<T>();
  return true;
}

}  // namespace

WatchStatus BuildWatchStatus(const std::map<std::string, EntryPlan>& plans,
                             std::vector<storage::ArticleHead> failures,
                             const std::vector<config::WatchEntry>& entries, UnixMillis now) {
  WatchStatus status;
  status.now = now;
  std::set<std::string> configured;
  for (const config::WatchEntry& entry : entries) {
    configured.insert(entry.name);
    EntryStatus e;
    e.entry = entry;
    if (auto it = plans.find(entry.name); it != plans.end()) e.stored = it->second;
    e.plan = PlanFor(entry, e.stored ? &*e.stored : nullptr, now);
    e.schedule_changed = e.stored && e.stored->schedule_key != entry.ScheduleKey();
    e.running = e.stored && e.stored->running_since != 0;
    e.due_now = e.plan.due <= now;
    status.entries.push_back(std::move(e));
  }
  for (const auto& [name, plan] : plans) {
    if (!configured.contains(name)) status.orphaned.push_back(name);
  }
  status.recent_failures = std::move(failures);
  return status;
}

Result<WatchStatus> CollectWatchStatus(storage::Archive* archive,
                                       const std::vector<config::WatchEntry>& entries,
                                       UnixMillis now, size_t max_failures) {
  if (archive == nullptr) return BuildWatchStatus({}, {}, entries, now);
  STRATA_ASSIGN_OR_RETURN(auto plans, LoadAllPlans(archive->State()));
  storage::ListQuery failed;
  failed.only_failed = true;
  const auto more_recent = [](const storage::ArticleHead& a, const storage::ArticleHead& b) {
    return a.last_fetched != b.last_fetched ? a.last_fetched > b.last_fetched : a.url < b.url;
  };
  // The most recent `max_failures` of what may be millions of failed heads, in bounded memory:
  // whenever twice as many are held, only the most recent are kept.
  const size_t keep_at_most = 2 * max_failures + 64;
  std::vector<storage::ArticleHead> heads;
  STRATA_RETURN_IF_ERROR(archive->ScanHeads(failed, [&](const storage::ArticleHead& head) {
    heads.push_back(head);
    if (heads.size() >= keep_at_most) {
      std::nth_element(heads.begin(), heads.begin() + static_cast<std::ptrdiff_t>(max_failures),
                       heads.end(), more_recent);
      heads.resize(max_failures);
    }
    return true;
  }));
  std::sort(heads.begin(), heads.end(), more_recent);
  if (heads.size() > max_failures) heads.resize(max_failures);
  return BuildWatchStatus(plans, std::move(heads), entries, now);
}

std::string StatusSnapshotPath(const std::string& archive_dir) {
  return archive_dir + "/watch-status.json";
}

std::string EncodeStatusSnapshot(const StatusSnapshot& snapshot) {
  Json plans = Json::object();
  for (const auto& [name, plan] : snapshot.plans) {
    plans[name] = Json::parse(EncodePlan(plan), nullptr, /*allow_exceptions=*/false);
  }
  Json failures = Json::array();
  for (const storage::ArticleHead& h : snapshot.recent_failures) {
    failures.push_back({{"url", h.url},
                        {"at", h.last_fetched},
                        {"http_status", h.last_status},
                        {"outcome", static_cast<int>(h.last_outcome)},
                        {"error", h.last_error}});
  }
  Json json = {{"format", kSnapshotFormat},
               {"written_at", snapshot.written_at},
               {"plans", std::move(plans)},
               {"recent_failures", std::move(failures)}};
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Result<StatusSnapshot> DecodeStatusSnapshot(std::string_view text) {
  const Json json = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  auto bad = [](const std::string& what) {
    return Status::Corruption("watch status snapshot: " + what);
  };
  if (json.is_discarded() || !json.is_object()) return bad("not a JSON object");
  const Json* format = json.contains("format") ? &json["format"] : nullptr;
  if (format == nullptr || !format->is_number_integer() || *format != kSnapshotFormat) {
    return bad("unknown format");
  }
  StatusSnapshot snapshot;
  if (!json.contains("written_at") || !json["written_at"].is_number_integer()) {
    return bad("no written_at");
  }
  snapshot.written_at = json["written_at"].get<int64_t>();
  if (!json.contains("plans") || !json["plans"].is_object()) return bad("no plans");
  for (const auto& [name, plan] : json["plans"].items()) {
    Result<EntryPlan> decoded = DecodePlan(plan.dump());
    if (!decoded.ok()) return decoded.status().WithContext("watch status snapshot: " + name);
    snapshot.plans.emplace(name, std::move(decoded).value());
  }
  if (!json.contains("recent_failures") || !json["recent_failures"].is_array()) {
    return bad("no recent_failures");
  }
  for (const Json& f : json["recent_failures"]) {
    if (!f.is_object() || !f.contains("url") || !f["url"].is_string()) return bad("a bad failure");
    storage::ArticleHead head;
    head.url = f["url"].get<std::string>();
    int outcome = 0;
    if (!Optional(f, "at", &head.last_fetched) || !Optional(f, "http_status", &head.last_status) ||
        !Optional(f, "outcome", &outcome) || !Optional(f, "error", &head.last_error)) {
      return bad("a failure field has the wrong type");
    }
    if (outcome < 0 || outcome > static_cast<int>(FetchOutcome::kBlocked)) {
      return bad("an unknown outcome");
    }
    head.last_outcome = static_cast<FetchOutcome>(outcome);
    snapshot.recent_failures.push_back(std::move(head));
  }
  return snapshot;
}

Status WriteStatusSnapshot(const std::string& path, const StatusSnapshot& snapshot) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << EncodeStatusSnapshot(snapshot) << '\n';
    out.close();
    if (!out) return Status::IOError("cannot write " + temporary);
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::remove(temporary.c_str());
    return Status::IOError("cannot rename " + temporary + " to " + path);
  }
  return Status::Ok();
}

Result<StatusSnapshot> ReadStatusSnapshot(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("no watch status snapshot at " + path);
  std::ostringstream text;
  text << in.rdbuf();
  Result<StatusSnapshot> snapshot = DecodeStatusSnapshot(text.str());
  if (!snapshot.ok()) return snapshot.status().WithContext(path);
  return snapshot;
}

}  // namespace strata::jobs
