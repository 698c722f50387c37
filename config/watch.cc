#include "config/watch.h"

#include <algorithm>
#include <map>

#include "common/url.h"
#include "config/watch_reader.h"

namespace strata::config {
namespace {

constexpr int64_t kMinute = 60'000;
constexpr int64_t kHour = 60 * kMinute;
constexpr int64_t kDay = 24 * kHour;
// The shortest interval and the longest: watching faster than once a minute is a crawl, not a
// watch, and cron cannot express it either.
constexpr int64_t kMinEvery = kMinute;
constexpr int64_t kMaxEvery = 366 * kDay;
constexpr size_t kMaxNameLength = 200;

std::string DeriveName(WatchEntry::Kind kind, const std::string& target) {
  std::string name = target;
  for (std::string_view scheme : {"https://", "http://"}) {
    if (name.starts_with(scheme)) {
      name.erase(0, scheme.size());
      break;
    }
  }
  while (name.size() > 1 && name.back() == '/') name.pop_back();
  if (kind == WatchEntry::Kind::kUrl) return name;
  return std::string(WatchKindName(kind)) + ":" + name;
}

bool NameIsPrintable(const std::string& name) {
  return std::none_of(name.begin(), name.end(),
                      [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

void ReadEntry(TableReader& t, WatchEntry* e) {
  // What to watch: exactly one of url, author, feed.
  int targets = 0;
  for (auto [key, kind] :
       {std::pair{"url", WatchEntry::Kind::kUrl}, std::pair{"author", WatchEntry::Kind::kAuthor},
        std::pair{"feed", WatchEntry::Kind::kFeed}}) {
    if (!t.Has(key)) continue;
    ++targets;
    e->kind = kind;
    t.String(key, &e->target);
    if (!NormalizeUrl(e->target)) t.Fail(key, "must be an absolute http(s) URL");
  }
  if (targets != 1) {
    t.Fail("url", targets == 0 ? "each [[watch]] needs one of url, author or feed"
                               : "give only one of url, author or feed");
  }
  const bool is_url = e->kind == WatchEntry::Kind::kUrl;

  t.String("name", &e->name);
  if (!t.Has("name")) e->name = DeriveName(e->kind, e->target);
  if (e->name.empty() || e->name.size() > kMaxNameLength || !NameIsPrintable(e->name)) {
    t.Fail("name", "must be 1 to 200 printable characters");
  }

  // When: exactly one of every, cron.
  if (t.Has("every") == t.Has("cron")) {
    t.Fail("every", t.Has("every")
                        ? "give either every or cron, not both"
                        : "each [[watch]] needs every (\"6h\") or cron (\"0 */6 * * *\")");
    return;
  }
  t.Duration("every", kMinEvery, kMaxEvery, &e->every_ms);
  std::string cron_text;
  t.String("cron", &cron_text);
  if (t.Has("cron")) {
    Result<CronExpr> cron = CronExpr::Parse(cron_text);
    if (!cron.ok()) {
      t.Fail("cron", cron.status().message());
      return;
    }
    e->cron = std::move(cron).value();
  }
  std::string zone = "UTC";
  t.String("cron_zone", &zone);
  if (std::optional<CronZone> parsed = CronZone::Parse(zone)) {
    e->cron_zone = *parsed;
  } else {
    t.Fail("cron_zone",
           "must be \"UTC\", \"local\" or an offset such as \"+08:00\", got \"" + zone + "\"");
  }
  if (t.Has("cron_zone") && !e->cron) t.Fail("cron_zone", "applies only with cron");

  const int64_t period = e->PeriodMs();
  e->jitter_ms = std::min(period / 10, kHour);
  t.Duration("jitter", 0, kMaxEvery, &e->jitter_ms);
  if (e->jitter_ms >= period) {
    t.Fail("jitter", "must be less than the period (" + std::to_string(period / 1000) + "s)");
  }

  // Adaptive revisits: url entries with an interval.
  const bool can_adapt = is_url && !e->cron;
  e->adaptive = can_adapt;
  for (const char* key : {"adaptive", "min_every", "max_every"}) {
    if (t.Has(key) && !can_adapt) {
      t.Fail(key, "applies only to url entries scheduled with every");
    }
  }
  t.Bool("adaptive", &e->adaptive);
  if (can_adapt) {
    e->min_every_ms = std::max(kMinEvery, e->every_ms / 4);
    e->max_every_ms = std::min(kMaxEvery, e->every_ms * 4);
    t.Duration("min_every", kMinEvery, kMaxEvery, &e->min_every_ms);
    t.Duration("max_every", kMinEvery, kMaxEvery, &e->max_every_ms);
    if (e->min_every_ms > e->every_ms) t.Fail("min_every", "must not be more than every");
    if (e->max_every_ms < e->every_ms) t.Fail("max_every", "must not be less than every");
  }

  // Crawl overrides (url entries) and the feed's item limit.
  for (const char* key : {"follow", "max_depth", "max_pages"}) {
    if (t.Has(key) && !is_url) t.Fail(key, "applies only to url entries");
  }
  if (t.Has("follow")) {
    bool follow = false;
    t.Bool("follow", &follow);
    e->follow = follow;
  }
  if (t.Has("max_depth")) {
    int depth = 0;
    t.Int("max_depth", -1, 1'000'000, &depth);
    e->max_depth = depth;
  }
  if (t.Has("max_pages")) {
    int64_t pages = 0;
    t.Int("max_pages", int64_t{0}, int64_t{1} << 40, &pages);
    e->max_pages = pages;
  }
  if (t.Has("max_items") && e->kind != WatchEntry::Kind::kFeed) {
    t.Fail("max_items", "applies only to feed entries");
  }
  t.Int("max_items", 1, 10'000, &e->max_items);
  t.RejectUnknownKeys();
}

std::string FormatMs(int64_t ms) { return std::to_string(ms) + "ms"; }

}  // namespace

std::string_view WatchKindName(WatchEntry::Kind kind) {
  switch (kind) {
    case WatchEntry::Kind::kUrl:
      return "url";
    case WatchEntry::Kind::kAuthor:
      return "author";
    case WatchEntry::Kind::kFeed:
      return "feed";
  }
  return "url";
}

std::string WatchEntry::ScheduleKey() const {
  std::string key =
      cron ? "cron " + cron->text() + " " + cron_zone.ToString() : "every " + FormatMs(every_ms);
  key += " jitter " + FormatMs(jitter_ms);
  if (adaptive) key += " adaptive " + FormatMs(min_every_ms) + ".." + FormatMs(max_every_ms);
  return key;
}

int64_t WatchEntry::PeriodMs() const {
  if (cron) return cron->ShortestGapMs();
  return every_ms > 0 ? every_ms : kMinEvery;
}

void ReadWatchEntries(TableReader& root, std::vector<WatchEntry>* entries) {
  std::map<std::string, size_t> names;  // name -> index of the entry that has it
  std::vector<TableReader> tables = root.Tables("watch");
  for (size_t i = 0; i < tables.size(); ++i) {
    WatchEntry entry;
    ReadEntry(tables[i], &entry);
    auto [it, inserted] = names.emplace(entry.name, i);
    if (!inserted) {
      tables[i].Fail("name", "\"" + entry.name + "\" is also the name of watch[" +
                                 std::to_string(it->second) + "] (give one of them another name)");
    }
    entries->push_back(std::move(entry));
  }
}

void ReadHooks(TableReader t, HooksOptions* h) {
  t.String("on_change_command", &h->on_change_command);
  t.String("on_change_url", &h->on_change_url);
  if (!h->on_change_url.empty() && !NormalizeUrl(h->on_change_url)) {
    t.Fail("on_change_url", "must be an absolute http(s) URL");
  }
  t.StringList("headers", &h->headers);
  for (const std::string& header : h->headers) {
    const size_t colon = header.find(':');
    if (colon == std::string::npos || colon == 0 ||
        header.find_first_of("\r\n") != std::string::npos) {
      t.Fail("headers", "each must be \"Name: value\" on one line, got \"" + header + "\"");
      break;
    }
  }
  t.Duration("timeout", 100, 3'600'000, &h->timeout_ms);
  t.Bool("on_new", &h->on_new);
  t.RejectUnknownKeys();
}

}  // namespace strata::config
