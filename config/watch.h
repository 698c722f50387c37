// The schedules `strata watch` runs (`[[watch]]` entries) and what it does when an article
// changes (`[hooks]`). Plain structs with their defaults inline; docs/configuration.md documents
// every key and docs/watch.md how the schedule behaves. The scheduler is crawler/jobs/watch.h.
//
// Thread-safety: plain values; immutable once loaded.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/watch_cron.h"

namespace strata::config {

// One `[[watch]]` entry: what to visit, and when.
struct WatchEntry {
  enum class Kind {
    kUrl,     // `url = "..."`: an article (or, with follow, a section of a site)
    kAuthor,  // `author = "..."`: an author's page; every post is archived (jobs::ArchiveAuthor)
    kFeed,    // `feed = "..."`: an RSS or Atom feed; its items' links are archived
  };
  Kind kind = Kind::kUrl;
  std::string target;  // the URL given with `url`, `author` or `feed`
  // Names the entry in `strata status`, in logs and in the state kept for it (its plan survives
  // a change of schedule, not a change of name). Default: derived from the kind and the URL
  // ("example.com/posts/1", "author:example.com/u/ann", "feed:example.com/rss.xml").
  std::string name;

  // The schedule: exactly one of `every` (an interval) or `cron` (an expression in `cron_zone`).
  int64_t every_ms = 0;
  std::optional<CronExpr> cron;
  CronZone cron_zone;  // default UTC, so that a plan does not depend on the machine's zone
  // Each run is delayed by an amount in [0, jitter) drawn from the entry's name and the planned
  // time (the same after a restart), so that entries with the same period do not all start at
  // once. Default: a tenth of the period, at most 1 h.
  int64_t jitter_ms = 0;

  // Adaptive revisits (url entries scheduled with `every`): the interval halves, down to
  // min_every, after a visit that found a change, and grows by a quarter, up to max_every, after
  // one that did not (docs/watch.md). Defaults: on; a quarter of `every` and four times `every`.
  bool adaptive = false;
  int64_t min_every_ms = 0;
  int64_t max_every_ms = 0;

  // Overrides of [crawl] follow and [scope] for this entry's visits (nullopt: the config's).
  std::optional<bool> follow;
  std::optional<int> max_depth;
  std::optional<int64_t> max_pages;
  // Feed entries: the feed's first items archived per visit. Default 100.
  int max_items = 100;

  // A textual form of the schedule ("every 6h", "cron 0 */6 * * * UTC", jitter included): when
  // it differs from the one a stored plan was made with, the plan is made again.
  std::string ScheduleKey() const;
  // The period the jitter and validation refer to: `every`, or the cron expression's shortest
  // gap.
  int64_t PeriodMs() const;
};

std::string_view WatchKindName(WatchEntry::Kind kind);  // "url", "author", "feed"

// `[hooks]`: what happens when a watched article is new or changed.
struct HooksOptions {
  // Run through /bin/sh -c with the change in STRATA_* environment variables and the JSON
  // payload on stdin (docs/watch.md). "" (default): none.
  std::string on_change_command;
  // POST the JSON payload to this http(s) URL. "" (default): none.
  std::string on_change_url;
  // Extra request headers for on_change_url, "Name: value" (an Authorization token...).
  std::vector<std::string> headers;
  // How long one hook may take before it is killed (command) or abandoned (POST). Default 30 s.
  int64_t timeout_ms = 30'000;
  // Run the hooks for articles archived for the first time too, not only for changed ones.
  // Default true.
  bool on_new = true;

  bool any() const { return !on_change_command.empty() || !on_change_url.empty(); }
};

}  // namespace strata::config
