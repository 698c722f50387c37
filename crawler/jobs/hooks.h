// What `strata watch` does when a watched article is new or changed (`[hooks]` in the config):
// run a command and/or POST a JSON payload. A hook that fails, hangs or is missing is logged by
// the caller and never stops the watch: each is bounded by hooks.timeout.
//
// The payload (docs/watch.md shows one):
//   {"event": "changed", "watch": NAME, "url": URL, "title": ..., "version": 2,
//    "previous_version": 1, "time": "2025-03-10T12:00:00.000Z",
//    "summary": "wording (1 paragraph changed; +12 -3 characters)",
//    "change": {"edit_class": "wording", "fields": ["body"], "lines_added": 1, ...}}
// "change" is null for a new article ("event": "new").
//
// Thread-safety: the functions are reentrant; a HookRunner is used from one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "common/time.h"
#include "config/config.h"
#include "crawler/jobs/crawl_job.h"
#include "storage/archive.h"

namespace strata::jobs {

// One new or changed article, as the hooks are told about it.
struct ChangeEvent {
  std::string watch;  // the [[watch]] entry's name
  std::string url;    // the article's archive key (normalised URL)
  std::string title;
  bool is_new = false;  // "new" (first version) rather than "changed"
  int64_t version = 0;
  UnixMillis time = 0;  // when the version was fetched
  // The change against the previous version with content; nullopt for a new article.
  std::optional<storage::ChangeSummary> change;
  std::string summary;  // one line: "first version", "wording (1 paragraph changed; ...)"
};

// The event for one result of kind kNew or kChanged: the version's time and change summary are
// read from the archive (when that fails, the result alone is used, with `fallback_time`).
ChangeEvent MakeChangeEvent(const storage::Archive& archive, const std::string& watch,
                            const PageResult& result, UnixMillis fallback_time);

// The JSON payload (one line).
std::string ChangePayload(const ChangeEvent& event);

// The environment the command gets: STRATA_EVENT (new|changed), STRATA_WATCH, STRATA_URL,
// STRATA_TITLE, STRATA_VERSION, STRATA_TIME (ISO 8601), STRATA_CHANGE (the summary line),
// STRATA_EDIT_CLASS ("" for a new article).
std::vector<std::pair<std::string, std::string>> ChangeEnvironment(const ChangeEvent& event);

// Runs `command` with /bin/sh -c, the process environment plus `env`, `stdin_data` on its
// standard input and its standard output sent to strata's standard error (strata's own standard
// output stays one line per page). Waits at most `timeout_ms`; then the command's whole process
// group gets SIGTERM, and SIGKILL a second later. OK when it exited 0; Unavailable naming the
// exit code, the signal or the timeout otherwise.
Status RunHookCommand(const std::string& command,
                      const std::vector<std::pair<std::string, std::string>>& env,
                      std::string_view stdin_data, int64_t timeout_ms);

// POSTs `payload` (Content-Type: application/json) to `url` with `headers` ("Name: value") and
// config.fetch's user agent, through libcurl (crawler::FetchLoop), within `timeout_ms`. OK on a
// 2xx answer; Unavailable naming the status or the failure otherwise. Redirects are not
// followed (a webhook that moved should be reconfigured, not silently re-posted).
Status PostHook(const std::string& url, const std::vector<std::string>& headers,
                std::string_view payload, int64_t timeout_ms, const config::FetchOptions& fetch);

// The hooks of a config, as the watch loop calls them.
class HookRunner {
 public:
  virtual ~HookRunner() = default;
  // Runs every configured hook for `event`; returns one error per hook that failed.
  virtual std::vector<Status> OnChange(const ChangeEvent& event) = 0;
};

class ConfiguredHooks final : public HookRunner {
 public:
  explicit ConfiguredHooks(const config::Config& config) : config_(config) {}
  std::vector<Status> OnChange(const ChangeEvent& event) override;

 private:
  const config::Config& config_;  // must outlive this object
};

}  // namespace strata::jobs
