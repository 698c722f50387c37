#include "tools/cli/print.h"

#include <fmt/core.h>

#include <algorithm>

#include "storage/change_analysis.h"

namespace strata::tools {

std::string FormatTime(UnixMillis ms) {
  if (ms == 0) return "-";
  std::string iso = FormatIsoUtc(ms);
  iso[10] = ' ';
  return iso;
}

std::string FormatCounters(const Counters& c) {
  std::string out;
  auto add = [&](const char* name, const std::optional<int64_t>& v) {
    if (!v) return;
    if (!out.empty()) out += ' ';
    out += fmt::format("{}={}", name, *v);
  };
  add("views", c.views);
  add("likes", c.likes);
  add("comments", c.comments);
  return out;
}

void PrintPageResult(std::FILE* out, const jobs::PageResult& r) {
  using storage::RecordKind;
  std::string label(storage::RecordKindName(r.kind));
  if (r.version > 0 && r.kind != RecordKind::kFailed) label += fmt::format(" (v{})", r.version);
  const std::string& url = r.key.empty() ? r.url : r.key;
  std::string detail;
  if (r.kind == RecordKind::kFailed) {
    detail = "(" + r.error + ")";
  } else if (r.kind == RecordKind::kGone) {
    detail = fmt::format("(HTTP {})", r.http_status);
  } else if (!r.title.empty()) {
    detail = r.title;
  }
  fmt::print(out, "{:<16} {}  {}\n", label, url, detail);
}

void PrintSummary(std::FILE* out, const jobs::CrawlSummary& s) {
  using storage::RecordKind;
  std::string parts;
  for (int k = 0; k < 6; ++k) {
    if (s.by_kind[k] == 0) continue;
    if (!parts.empty()) parts += ", ";
    parts +=
        fmt::format("{} {}", s.by_kind[k], storage::RecordKindName(static_cast<RecordKind>(k)));
  }
  fmt::print(out, "{} pages in {:.1f} s ({}), {:.1f} KiB received\n", s.pages,
             static_cast<double>(s.elapsed_ms) / 1000.0, parts.empty() ? "nothing" : parts,
             static_cast<double>(s.bytes) / 1024.0);
}

std::string DescribeChange(const storage::Version& v) {
  if (v.gone) return fmt::format("gone (HTTP {})", v.http_status);
  const storage::ChangeSummary& c = v.change;
  if (c.compared_to == 0) return "first version";
  // compared_to skips tombstones: a version compared with anything but its predecessor is a
  // return after the article was gone.
  const bool back = c.compared_to != v.number - 1;
  if (c.fields.empty()) {
    return back ? fmt::format("back, same content as v{}", c.compared_to) : "same content";
  }
  std::string what;
  if (back) what = fmt::format("back, changed since v{}: ", c.compared_to);
  if (c.edit_class != storage::EditClass::kNone) {
    what += std::string(storage::EditClassName(c.edit_class)) + ": ";
  }
  std::string fields;
  for (const std::string& f : c.fields) fields += (fields.empty() ? "" : ", ") + f;
  what += fields;
  std::vector<std::string> sizes;
  if (c.lines_added || c.lines_removed) {
    sizes.push_back(fmt::format("+{} -{} lines", c.lines_added, c.lines_removed));
  }
  auto blocks = [&](int64_t n, const char* verb) {
    if (n > 0) sizes.push_back(fmt::format("{} block{} {}", n, n == 1 ? "" : "s", verb));
  };
  blocks(c.blocks_added, "added");
  blocks(c.blocks_removed, "removed");
  blocks(c.blocks_changed, "changed");
  blocks(c.blocks_moved, "moved");
  if (c.chars_added || c.chars_removed) {
    sizes.push_back(fmt::format("+{} -{} chars", c.chars_added, c.chars_removed));
  }
  if (!sizes.empty()) {
    std::string joined;
    for (const std::string& s : sizes) joined += (joined.empty() ? "" : "; ") + s;
    what += " (" + joined + ")";
  }
  return what;
}

void PrintHistory(std::FILE* out, const storage::ArticleHead& head,
                  const std::vector<storage::Version>& versions,
                  const std::vector<storage::CounterSample>& counters,
                  const std::vector<storage::Observation>* fetches) {
  fmt::print(out, "{}\n", head.url);
  if (!head.title.empty()) {
    fmt::print(out, "  {}{}\n", head.title, head.author.empty() ? "" : " — " + head.author);
  }
  fmt::print(out, "  first seen {}, last seen {}, {} version{}, {} fetch{}{}\n",
             FormatTime(head.first_seen), FormatTime(head.last_seen), head.latest_version,
             head.latest_version == 1 ? "" : "s", head.observation_count,
             head.observation_count == 1 ? "" : "es", head.gone ? " (gone)" : "");
  if (!head.last_error.empty()) {
    fmt::print(out, "  last fetch {} failed: {}\n", FormatTime(head.last_fetched), head.last_error);
  }
  fmt::print(out, "\nversions:\n");
  if (versions.empty()) fmt::print(out, "  (none: no fetch yielded the article)\n");
  for (const storage::Version& v : versions) {
    fmt::print(out, "  v{:<4} {}  {}\n", v.number, FormatTime(v.fetched_at), DescribeChange(v));
  }
  if (!counters.empty()) {
    fmt::print(out, "\ncounters:\n");
    for (const storage::CounterSample& s : counters) {
      fmt::print(out, "  {}  {}\n", FormatTime(s.at), FormatCounters(s.counters));
    }
  }
  if (fetches != nullptr) {
    fmt::print(out, "\nfetches:\n");
    for (const storage::Observation& o : *fetches) {
      std::string status = o.http_status ? fmt::format("HTTP {}", o.http_status) : "no response";
      std::string extra = FormatCounters(o.counters);
      if (!o.error.empty()) extra += (extra.empty() ? "" : "  ") + o.error;
      fmt::print(out, "  {}  {:<12} {:<14} v{:<4} {}\n", FormatTime(o.at), status,
                 storage::RecordKindName(o.kind), o.version, extra);
    }
  }
}

void PrintHistory(std::FILE* out, const storage::ArticleHead& head,
                  const std::vector<storage::Version>& versions,
                  const std::vector<storage::Observation>& observations) {
  std::vector<storage::CounterSample> counters;
  for (const storage::Observation& o : observations) {
    if (!o.counters.empty()) counters.push_back({o.at, o.counters});
  }
  PrintHistory(out, head, versions, counters, &observations);
}

void PrintVersion(std::FILE* out, const std::string& url, const storage::Version& v,
                  int64_t latest) {
  const Article& a = v.article;
  fmt::print(out, "url:       {}\n", url);
  fmt::print(out, "version:   {} of {} (fetched {})\n", v.number, latest, FormatTime(v.fetched_at));
  if (v.gone) {
    fmt::print(out, "status:    gone (HTTP {})\n", v.http_status);
    return;
  }
  fmt::print(out, "title:     {}\n", a.title);
  if (!a.author.empty()) fmt::print(out, "author:    {}\n", a.author);
  if (!a.published.empty()) fmt::print(out, "published: {}\n", a.published);
  if (!a.tags.empty()) {
    std::string tags;
    for (const std::string& t : a.tags) tags += (tags.empty() ? "" : ", ") + t;
    fmt::print(out, "tags:      {}\n", tags);
  }
  fmt::print(out, "\n{}\n", a.body);
}

void PrintList(std::FILE* out, const std::vector<storage::ArticleHead>& heads) {
  for (const storage::ArticleHead& h : heads) {
    std::string state = h.gone ? "gone" : h.latest_version == 0 ? "failed" : "";
    fmt::print(out, "v{:<4} {}  {:<6} {}  {}\n", h.latest_version, FormatTime(h.last_changed),
               state, h.url, h.title);
  }
}

void PrintCheckProblems(std::FILE* out, const std::vector<storage::CheckProblem>& problems) {
  for (const storage::CheckProblem& p : problems) {
    fmt::print(out, "{}{}{}{}\n", p.key, p.key.empty() ? "" : ": ", p.message,
               p.repairable ? " [repairable]" : "");
  }
}

void PrintCheckSummary(std::FILE* out, const storage::CheckReport& r) {
  fmt::print(out,
             "checked {} articles, {} versions, {} fetches, {} counter samples, {} raw "
             "responses, {} index entries: ",
             r.articles, r.versions, r.observations, r.counter_samples, r.blobs, r.index_entries);
  const size_t repairable = static_cast<size_t>(
      std::count_if(r.problems.begin(), r.problems.end(),
                    [](const storage::CheckProblem& p) { return p.repairable; }));
  if (r.problems.empty()) {
    fmt::print(out, "no problems\n");
    return;
  }
  fmt::print(out, "{}{} problem{}", r.truncated ? "more than " : "", r.problems.size(),
             r.problems.size() == 1 ? "" : "s");
  if (r.repaired) {
    fmt::print(out, "; rebuilt the indexes and counter series: {}\n",
               r.remaining.empty() ? std::string("none remains")
                                   : fmt::format("{} remain", r.remaining.size()));
  } else if (repairable > 0) {
    fmt::print(out, " ({} repairable: run `strata check --repair`)\n", repairable);
  } else {
    fmt::print(out, "\n");
  }
}

}  // namespace strata::tools
