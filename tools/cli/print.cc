#include "tools/cli/print.h"

#include <fmt/core.h>

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

void PrintHistory(std::FILE* out, const storage::ArticleHead& head,
                  const std::vector<storage::Version>& versions,
                  const std::vector<storage::Observation>& observations) {
  fmt::print(out, "{}\n", head.url);
  if (!head.title.empty()) {
    fmt::print(out, "  {}{}\n", head.title, head.author.empty() ? "" : " — " + head.author);
  }
  fmt::print(out, "  first seen {}, last seen {}, {} version{}{}\n", FormatTime(head.first_seen),
             FormatTime(head.last_seen), head.latest_version, head.latest_version == 1 ? "" : "s",
             head.gone ? " (gone)" : "");
  fmt::print(out, "\nversions:\n");
  for (const storage::Version& v : versions) {
    std::string what;
    if (v.gone) {
      what = fmt::format("gone (HTTP {})", v.http_status);
    } else if (v.number == 1 || v.change.fields.empty()) {
      what = "first version";
    } else {
      for (const std::string& f : v.change.fields) what += (what.empty() ? "" : ", ") + f;
      what = "changed: " + what;
      if (v.change.lines_added || v.change.lines_removed) {
        what += fmt::format(" (+{} -{} lines)", v.change.lines_added, v.change.lines_removed);
      }
    }
    fmt::print(out, "  v{:<4} {}  {}\n", v.number, FormatTime(v.fetched_at), what);
  }
  fmt::print(out, "\nobservations:\n");
  for (const storage::Observation& o : observations) {
    std::string status = o.http_status ? fmt::format("HTTP {}", o.http_status) : "no response";
    std::string extra = FormatCounters(o.counters);
    if (!o.error.empty()) extra += (extra.empty() ? "" : "  ") + o.error;
    fmt::print(out, "  {}  {:<12} {:<14} v{:<4} {}\n", FormatTime(o.at), status,
               storage::RecordKindName(o.kind), o.version, extra);
  }
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

}  // namespace strata::tools
