#include "crawler/jobs/author_state.h"

#include <nlohmann/json.hpp>

#include "storage/archive.h"

namespace strata::jobs {
namespace {

using Json = nlohmann::json;

constexpr std::string_view kSummaryPrefix = "author/m/";
constexpr std::string_view kPostPrefix = "author/p/";

std::string PostPrefix(std::string_view author_id) {
  return std::string(kPostPrefix) + std::string(author_id) + "/";
}

Result<Json> Decode(std::string_view key, std::string_view value) {
  Json json = Json::parse(value, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded() || !json.is_object()) {
    return Status::Corruption("author state " + std::string(key) + ": not a JSON object");
  }
  return json;
}

std::string StringOf(const Json& json, const char* name) {
  const auto it = json.find(name);
  return it != json.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int64_t IntOf(const Json& json, const char* name) {
  const auto it = json.find(name);
  return it != json.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}

Result<AuthorRunSummary> DecodeSummary(std::string_view key, std::string_view value) {
  STRATA_ASSIGN_OR_RETURN(Json json, Decode(key, value));
  AuthorRunSummary summary;
  summary.author_url = StringOf(json, "url");
  summary.last_run_ms = IntOf(json, "last_run_ms");
  summary.runs = IntOf(json, "runs");
  summary.method = StringOf(json, "method");
  summary.stop = StringOf(json, "stop");
  summary.completeness = StringOf(json, "completeness");
  summary.found = IntOf(json, "found");
  summary.failed = IntOf(json, "failed");
  if (json.contains("stated_total") && json["stated_total"].is_number_integer()) {
    summary.stated_total = json["stated_total"].get<int64_t>();
  }
  return summary;
}

}  // namespace

std::string_view KnownPostStateName(KnownPostState state) {
  switch (state) {
    case KnownPostState::kListed:
      return "listed";
    case KnownPostState::kUnlisted:
      return "unlisted";
    case KnownPostState::kGone:
      return "gone";
  }
  return "listed";
}

std::string AuthorId(std::string_view normalized_author_url) {
  return storage::BodyHash(normalized_author_url).substr(0, 16);
}

Result<std::map<std::string, KnownPost>> LoadKnownPosts(const KvStore& store,
                                                        std::string_view author_id) {
  std::map<std::string, KnownPost> posts;
  const std::string prefix = PostPrefix(author_id);
  Status error;
  STRATA_RETURN_IF_ERROR(store.Scan(prefix, "", [&](std::string_view key, std::string_view value) {
    Result<Json> json = Decode(key, value);
    if (!json.ok()) {
      error = json.status();
      return false;
    }
    KnownPost post;
    post.url = std::string(key.substr(prefix.size()));
    const std::string state = StringOf(*json, "state");
    if (state == "gone") {
      post.state = KnownPostState::kGone;
    } else if (state == "unlisted") {
      post.state = KnownPostState::kUnlisted;
    } else if (state == "listed") {
      post.state = KnownPostState::kListed;
    } else {
      error = Status::Corruption("author state " + std::string(key) + ": unknown state '" + state +
                                 "'");
      return false;
    }
    post.modified = StringOf(*json, "modified");
    post.title = StringOf(*json, "title");
    post.first_listed_ms = IntOf(*json, "first_listed_ms");
    post.last_listed_ms = IntOf(*json, "last_listed_ms");
    posts.emplace(post.url, std::move(post));
    return true;
  }));
  if (!error.ok()) return error;
  return posts;
}

Result<std::optional<AuthorRunSummary>> LoadAuthorSummary(const KvStore& store,
                                                          std::string_view author_id) {
  const std::string key = std::string(kSummaryPrefix) + std::string(author_id);
  STRATA_ASSIGN_OR_RETURN(std::optional<std::string> value, store.Get(key));
  if (!value) return std::optional<AuthorRunSummary>();
  STRATA_ASSIGN_OR_RETURN(AuthorRunSummary summary, DecodeSummary(key, *value));
  return std::optional<AuthorRunSummary>(std::move(summary));
}

void PutKnownPost(std::string_view author_id, const KnownPost& post, KvBatch* batch) {
  Json json = {{"state", KnownPostStateName(post.state)},
               {"first_listed_ms", post.first_listed_ms},
               {"last_listed_ms", post.last_listed_ms}};
  if (!post.modified.empty()) json["modified"] = post.modified;
  if (!post.title.empty()) json["title"] = post.title;
  batch->Put(PostPrefix(author_id) + post.url,
             json.dump(-1, ' ', false, Json::error_handler_t::replace));
}

void PutAuthorSummary(std::string_view author_id, const AuthorRunSummary& summary, KvBatch* batch) {
  Json json = {{"url", summary.author_url}, {"last_run_ms", summary.last_run_ms},
               {"runs", summary.runs},      {"method", summary.method},
               {"stop", summary.stop},      {"completeness", summary.completeness},
               {"found", summary.found},    {"failed", summary.failed}};
  if (summary.stated_total) json["stated_total"] = *summary.stated_total;
  batch->Put(std::string(kSummaryPrefix) + std::string(author_id),
             json.dump(-1, ' ', false, Json::error_handler_t::replace));
}

Status ForEachAuthor(
    const KvStore& store,
    const std::function<bool(std::string_view author_id, const AuthorRunSummary& summary)>& visit) {
  Status error;
  STRATA_RETURN_IF_ERROR(
      store.Scan(kSummaryPrefix, "", [&](std::string_view key, std::string_view value) {
        Result<AuthorRunSummary> summary = DecodeSummary(key, value);
        if (!summary.ok()) {
          error = summary.status();
          return false;
        }
        return visit(key.substr(kSummaryPrefix.size()), *summary);
      }));
  return error;
}

}  // namespace strata::jobs
