#include "tools/cli/json_output.h"

#include <cstdio>

#include "common/fetched_page.h"
#include "parser/html_fragment.h"
#include "storage/change_analysis.h"

namespace strata::tools {

Json TimeJson(UnixMillis ms) {
  if (ms == 0) return nullptr;
  return FormatIsoUtc(ms, /*with_millis=*/true);
}

Json CountersJson(const Counters& c) {
  Json json = Json::object();
  if (c.views) json["views"] = *c.views;
  if (c.likes) json["likes"] = *c.likes;
  if (c.comments) json["comments"] = *c.comments;
  return json;
}

Json ChangeJson(const storage::ChangeSummary& c) {
  Json json;
  json["compared_to"] = c.compared_to;
  json["fields"] = c.fields;
  json["edit_class"] = std::string(storage::EditClassName(c.edit_class));
  json["lines_added"] = c.lines_added;
  json["lines_removed"] = c.lines_removed;
  json["blocks_added"] = c.blocks_added;
  json["blocks_removed"] = c.blocks_removed;
  json["blocks_changed"] = c.blocks_changed;
  json["blocks_moved"] = c.blocks_moved;
  json["chars_added"] = c.chars_added;
  json["chars_removed"] = c.chars_removed;
  return json;
}

Json HeadJson(const storage::ArticleHead& h) {
  Json json;
  json["url"] = h.url;
  json["site"] = h.site;
  json["title"] = h.title;
  json["author"] = h.author;
  json["latest_version"] = h.latest_version;
  json["gone"] = h.gone;
  json["failing"] = !h.last_error.empty();
  json["first_seen"] = TimeJson(h.first_seen);
  json["last_seen"] = TimeJson(h.last_seen);
  json["last_changed"] = TimeJson(h.last_changed);
  json["last_fetched"] = TimeJson(h.last_fetched);
  json["last_status"] = h.last_status;
  json["last_outcome"] = std::string(OutcomeName(h.last_outcome));
  json["last_error"] = h.last_error;
  json["fetches"] = h.observation_count;
  json["last_counters"] = CountersJson(h.last_counters);
  return json;
}

Json VersionSummaryJson(const storage::Version& v) {
  Json json;
  json["number"] = v.number;
  json["fetched_at"] = TimeJson(v.fetched_at);
  json["http_status"] = v.http_status;
  json["gone"] = v.gone;
  json["title"] = v.article.title;
  json["author"] = v.article.author;
  json["content_hash"] = v.content_hash;
  json["raw_hash"] = v.raw_hash;
  json["change"] = ChangeJson(v.change);
  return json;
}

Json VersionJson(const storage::Version& v, int64_t latest) {
  Json json = VersionSummaryJson(v);
  json["latest_version"] = latest;
  const Article& a = v.article;
  Json article;
  article["url"] = a.url;
  article["canonical_url"] = a.canonical_url;
  article["site"] = a.site;
  article["title"] = a.title;
  article["author"] = a.author;
  article["published"] = a.published;
  article["modified"] = a.modified;
  article["tags"] = a.tags;
  article["description"] = a.description;
  article["lang"] = a.lang;
  article["word_count"] = a.word_count;
  article["body"] = a.body;
  // Versions recorded by crawls keep no Markdown: it is rendered from the stored HTML.
  article["body_markdown"] = a.body_markdown.empty() && !a.body_html.empty()
                                 ? parser::RenderMarkdownOfHtml(a.body_html, a.url)
                                 : a.body_markdown;
  article["body_html"] = a.body_html;
  json["article"] = std::move(article);
  return json;
}

Json CounterSampleJson(const storage::CounterSample& s) {
  Json json;
  json["at"] = TimeJson(s.at);
  const Json counters = CountersJson(s.counters);  // named: items() refers into it
  for (const auto& [name, value] : counters.items()) json[name] = value;
  return json;
}

Json ObservationJson(const storage::Observation& o) {
  Json json;
  json["at"] = TimeJson(o.at);
  json["kind"] = std::string(storage::RecordKindName(o.kind));
  json["http_status"] = o.http_status;
  json["outcome"] = std::string(OutcomeName(o.outcome));
  json["version"] = o.version;
  json["counters"] = CountersJson(o.counters);
  json["error"] = o.error;
  return json;
}

Json HistoryJson(const storage::ArticleHead& head, const std::vector<storage::Version>& versions,
                 const std::vector<storage::CounterSample>& counters,
                 const std::vector<storage::Observation>& observations) {
  Json json;
  json["article"] = HeadJson(head);
  json["versions"] = Json::array();
  for (const storage::Version& v : versions) json["versions"].push_back(VersionSummaryJson(v));
  json["counters"] = Json::array();
  for (const storage::CounterSample& s : counters) json["counters"].push_back(CounterSampleJson(s));
  json["fetches"] = Json::array();
  for (const storage::Observation& o : observations) {
    json["fetches"].push_back(ObservationJson(o));
  }
  return json;
}

Json CheckReportJson(const storage::CheckReport& r) {
  auto problems = [](const std::vector<storage::CheckProblem>& list) {
    Json out = Json::array();
    for (const storage::CheckProblem& p : list) {
      out.push_back({{"key", p.key}, {"message", p.message}, {"repairable", p.repairable}});
    }
    return out;
  };
  Json json;
  json["clean"] = r.clean();
  json["checked"] = {{"articles", r.articles},
                     {"versions", r.versions},
                     {"observations", r.observations},
                     {"counter_samples", r.counter_samples},
                     {"blobs", r.blobs},
                     {"index_entries", r.index_entries}};
  json["problems"] = problems(r.problems);
  json["truncated"] = r.truncated;
  json["repaired"] = r.repaired;
  if (r.repaired) json["remaining"] = problems(r.remaining);
  return json;
}

void PrintJson(std::FILE* out, const Json& json) {
  const std::string text =
      json.dump(2, ' ', /*ensure_ascii=*/false, nlohmann::json::error_handler_t::replace);
  std::fwrite(text.data(), 1, text.size(), out);
  std::fputc('\n', out);
}

}  // namespace strata::tools
