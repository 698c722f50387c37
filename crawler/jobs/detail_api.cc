#include "crawler/jobs/detail_api.h"

#include <utility>

namespace strata::jobs {
namespace {

// What a failed answer was, for the record: the outcome and error, or the HTTP status.
std::string DescribeFailure(const FetchedPage& answer) {
  if (!answer.ok()) {
    std::string why(OutcomeName(answer.outcome));
    if (!answer.error.empty()) why += ": " + answer.error;
    return why;
  }
  std::string why = "HTTP " + std::to_string(answer.http_status);
  if (!answer.error.empty()) why += " (" + answer.error + ")";
  return why;
}

std::string KeyOf(const ApiFollowUp& follow_up) {
  const parser::CompiledApi& api = *follow_up.match.api;
  return api.profile + " " + api.spec.key;
}

}  // namespace

PageApis FindPageApis(const parser::ApiProfiles* apis, std::string_view url) {
  PageApis out;
  if (apis == nullptr || apis->empty()) return out;
  if (std::optional<parser::ApiMatch> detail = apis->FindDetail(url)) {
    if (detail->api->with_page()) {
      out.follow_ups.push_back({ApiFollowUp::Kind::kDetail, std::move(*detail)});
    } else {
      out.instead = std::move(detail);
    }
  }
  if (std::optional<parser::ApiMatch> counters = apis->FindCounters(url)) {
    out.follow_ups.push_back({ApiFollowUp::Kind::kCounters, std::move(*counters)});
  }
  return out;
}

Result<crawler::FetchRequest> ApiRequestFor(const parser::ApiMatch& match,
                                            std::string_view page_html) {
  const parser::CompiledApi& api = *match.api;
  config::TemplateValues values = match.values;
  if (!api.page_values.empty()) {
    STRATA_RETURN_IF_ERROR(parser::AddPageValues(api, page_html, &values));
  }
  const auto url = values.find("url");
  const std::string base = url == values.end() ? std::string() : url->second;
  Result<config::ExpandedRequest> expanded =
      config::ExpandApiRequest(api.spec.request, values, base);
  if (!expanded.ok()) {
    return expanded.status().WithContext(api.source + ": " + api.spec.key);
  }
  crawler::FetchRequest request;
  request.url = std::move(expanded->url);
  request.method = std::move(expanded->method);
  request.body = std::move(expanded->body);
  request.headers = std::move(expanded->headers);
  if (FindHeader(request.headers, "accept").empty()) {
    request.headers.emplace_back("Accept", "application/json, text/plain, */*");
  }
  return request;
}

ExtractedPage ExtractFromApi(const FetchedPage& answer, std::string_view key,
                             const parser::CompiledApi& api) {
  ExtractedPage out;
  parser::ApiAnswer input;
  input.url = key;
  input.body = answer.body;
  input.fetched_at = answer.fetched_at_ms;
  Result<Article> article = parser::ArticleFromApi(api, input);
  if (!article.ok()) {
    out.error = api.profile + " " + api.spec.key + ": " + article.status().message();
    return out;
  }
  out.article = std::move(*article);
  return out;
}

void ApplyFollowUp(const ApiFollowUp& follow_up, const FetchedPage& answer, FetchedPage* page,
                   ExtractedPage* extracted) {
  if (!extracted->article) return;
  const parser::CompiledApi& api = *follow_up.match.api;
  if (!answer.ok() || answer.http_status != 200) {
    ApplyFollowUpError(follow_up, Status::Unavailable(DescribeFailure(answer)), page, extracted);
    return;
  }
  if (follow_up.kind == ApiFollowUp::Kind::kCounters) {
    Result<Counters> counters = parser::CountersFromApi(api, answer.body);
    if (!counters.ok()) return;  // counters are observations: the article stands without them
    Counters& kept = extracted->article->counters;  // the API's counters win, one by one
    if (counters->views) kept.views = counters->views;
    if (counters->likes) kept.likes = counters->likes;
    if (counters->comments) kept.comments = counters->comments;
    return;
  }
  parser::ApiAnswer input;
  input.url = extracted->article->url;
  input.body = answer.body;
  input.fetched_at = answer.fetched_at_ms;
  Result<Article> from_api = parser::ArticleFromApi(api, input);
  if (!from_api.ok()) {
    ApplyFollowUpError(follow_up, from_api.status(), page, extracted);
    return;
  }
  parser::MergeApiArticle(*from_api, &*extracted->article);
}

void ApplyScriptData(const parser::ApiProfiles* apis, const FetchedPage& page, std::string_view key,
                     ExtractedPage* extracted) {
  if (apis == nullptr || !extracted->article) return;
  const parser::CompiledScript* script = apis->FindScript(key);
  if (script == nullptr) return;
  Result<Article> data = parser::ArticleFromScript(*script, page.body, key, page.fetched_at_ms);
  if (data.ok()) parser::MergeApiArticle(*data, &*extracted->article);
}

void ApplyFollowUpError(const ApiFollowUp& follow_up, const Status& why, FetchedPage* page,
                        ExtractedPage* extracted) {
  if (follow_up.kind == ApiFollowUp::Kind::kCounters) return;
  // Without the API's fields the article would differ from the one archived with them: a false
  // version. The fetch fails instead, and the next visit tries again.
  extracted->article.reset();
  extracted->error = KeyOf(follow_up) + ": " + why.message();
  page->error = extracted->error;
}

}  // namespace strata::jobs
