// Where the watch plans live: the archive's state store (Archive::State(), a KvStore), one
// record per entry, so that a restart continues the plan. The key layout is this module's own:
//
//   watch/plan/<entry name>  ->  the EntryPlan as a JSON object (schedule.h), with "format": 1
//
// JSON because the records are few and small (one per [[watch]] entry) and a person debugging a
// schedule can read them with `strata`'s own tools; an unknown "format" or a record that does not
// decode is Corruption naming the key, never a crash. Plans of entries removed from the config
// are kept (a typo in the config must not throw a history away) and listed by LoadAllPlans.
//
// Thread-safety: as the KvStore's (any thread).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "common/kv_store.h"
#include "common/result.h"
#include "crawler/jobs/schedule.h"

namespace strata::jobs {

inline constexpr std::string_view kPlanKeyPrefix = "watch/plan/";

std::string PlanKey(std::string_view entry_name);

std::string EncodePlan(const EntryPlan& plan);
// Corruption when `value` is not a plan record of a known format.
Result<EntryPlan> DecodePlan(std::string_view value);

// The stored plan of `entry_name`, nullopt when there is none.
Result<std::optional<EntryPlan>> LoadPlan(const KvStore& store, std::string_view entry_name);
Status SavePlan(KvStore& store, std::string_view entry_name, const EntryPlan& plan);
// Every stored plan, by entry name.
Result<std::map<std::string, EntryPlan>> LoadAllPlans(const KvStore& store);

}  // namespace strata::jobs
