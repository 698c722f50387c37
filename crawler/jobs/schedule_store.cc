#include "crawler/jobs/schedule_store.h"

#include <nlohmann/json.hpp>

namespace strata::jobs {
namespace {

using Json = nlohmann::json;

constexpr int kFormat = 1;

template <typename T>
bool Read(const Json& json, const char* key, T* out) {
  auto it = json.find(key);
  if (it == json.end()) return true;  // absent: the default (fields added later)
  if constexpr (std::is_same_v<T, std::string>) {
    if (!it->is_string()) return false;
  } else if constexpr (std::is_same_v<T, bool>) {
    if (!it->is_boolean()) return false;
  } else {
    if (!it->is_number_integer()) return false;
  }
  *out = it->get<T>();
  return true;
}

}  // namespace

std::string PlanKey(std::string_view entry_name) {
  return std::string(kPlanKeyPrefix) + std::string(entry_name);
}

std::string EncodePlan(const EntryPlan& p) {
  Json json = {
      {"format", kFormat},
      {"schedule", p.schedule_key},
      {"slot", p.slot},
      {"due", p.due},
      {"interval_ms", p.interval_ms},
      {"last_start", p.last_start},
      {"last_end", p.last_end},
      {"last_outcome", static_cast<int>(p.last_outcome)},
      {"last_pages", p.last_pages},
      {"last_new", p.last_new},
      {"last_changed", p.last_changed},
      {"last_failed", p.last_failed},
      {"last_error", p.last_error},
      {"last_found_change", p.last_found_change},
      {"runs", p.runs},
      {"runs_with_change", p.runs_with_change},
      {"consecutive_failures", p.consecutive_failures},
      {"running_since", p.running_since},
  };
  // Replace, not throw, on bad UTF-8 (an error message quoting a server's bytes).
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Result<EntryPlan> DecodePlan(std::string_view value) {
  const Json json = Json::parse(value, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) {
    return Status::Corruption("watch plan: not a JSON object");
  }
  int format = 0;
  if (!Read(json, "format", &format) || format != kFormat) {
    return Status::Corruption("watch plan: unknown format " + json.value("format", Json()).dump());
  }
  EntryPlan p;
  int outcome = 0;
  const bool ok =
      Read(json, "schedule", &p.schedule_key) && Read(json, "slot", &p.slot) &&
      Read(json, "due", &p.due) && Read(json, "interval_ms", &p.interval_ms) &&
      Read(json, "last_start", &p.last_start) && Read(json, "last_end", &p.last_end) &&
      Read(json, "last_outcome", &outcome) && Read(json, "last_pages", &p.last_pages) &&
      Read(json, "last_new", &p.last_new) && Read(json, "last_changed", &p.last_changed) &&
      Read(json, "last_failed", &p.last_failed) && Read(json, "last_error", &p.last_error) &&
      Read(json, "last_found_change", &p.last_found_change) && Read(json, "runs", &p.runs) &&
      Read(json, "runs_with_change", &p.runs_with_change) &&
      Read(json, "consecutive_failures", &p.consecutive_failures) &&
      Read(json, "running_since", &p.running_since);
  if (!ok) return Status::Corruption("watch plan: a field has the wrong type");
  if (outcome < 0 || outcome > static_cast<int>(RunOutcome::kInterrupted)) {
    return Status::Corruption("watch plan: unknown outcome " + std::to_string(outcome));
  }
  p.last_outcome = static_cast<RunOutcome>(outcome);
  return p;
}

Result<std::optional<EntryPlan>> LoadPlan(const KvStore& store, std::string_view entry_name) {
  const std::string key = PlanKey(entry_name);
  STRATA_ASSIGN_OR_RETURN(std::optional<std::string> value, store.Get(key));
  if (!value) return std::optional<EntryPlan>();
  Result<EntryPlan> plan = DecodePlan(*value);
  if (!plan.ok()) return plan.status().WithContext(key);
  return std::optional<EntryPlan>(std::move(plan).value());
}

Status SavePlan(KvStore& store, std::string_view entry_name, const EntryPlan& plan) {
  return store.Put(PlanKey(entry_name), EncodePlan(plan));
}

Result<std::map<std::string, EntryPlan>> LoadAllPlans(const KvStore& store) {
  std::map<std::string, EntryPlan> plans;
  Status decode_error;
  STRATA_RETURN_IF_ERROR(
      store.Scan(kPlanKeyPrefix, "", [&](std::string_view key, std::string_view value) {
        Result<EntryPlan> plan = DecodePlan(value);
        if (!plan.ok()) {
          decode_error = plan.status().WithContext(std::string(key));
          return false;
        }
        plans.emplace(std::string(key.substr(kPlanKeyPrefix.size())), std::move(plan).value());
        return true;
      }));
  STRATA_RETURN_IF_ERROR(decode_error);
  return plans;
}

}  // namespace strata::jobs
