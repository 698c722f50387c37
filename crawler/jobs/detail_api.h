// The crawl job's JSON API calls for one article page, as the page's site profile describes
// them ([api] and [counters], config/site_profile_api.h; compiled in parser/api_article.h):
//
//   [api] use = "instead"   the article's request IS the API call: the page is never fetched,
//                           the answer is what the archive keeps as the raw response, and the
//                           Article is read from its JSON (ExtractFromApi).
//   [api] use = "with"      the page is fetched and extracted as usual, then the API is called
//                           and its fields replace the page's (a follow-up); if the call fails,
//                           the fetch fails (a half-read article would be a false version).
//   [counters]              a follow-up after the page: only the counters are taken; if the
//                           call fails, the article is kept without them.
//
// Every call goes through the job's crawler::Fetcher, so robots.txt, politeness and retries
// apply to APIs as to pages. These are the pure steps; crawler/jobs/crawl_job.cc sequences
// them.
//
// Thread-safety: pure functions; the ApiProfiles they read is immutable and shared.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/fetched_page.h"
#include "common/result.h"
#include "crawler/fetcher.h"
#include "crawler/jobs/page_work.h"
#include "parser/api_article.h"

namespace strata::jobs {

// One API call to make after the page was extracted.
struct ApiFollowUp {
  enum class Kind { kDetail, kCounters };
  Kind kind = Kind::kDetail;
  parser::ApiMatch match;
};

// What the profiles ask of one article URL.
struct PageApis {
  std::optional<parser::ApiMatch> instead;  // [api] use = "instead": fetch this, not the page
  std::vector<ApiFollowUp> follow_ups;      // [api] use = "with", then [counters]

  bool empty() const { return !instead && follow_ups.empty(); }
};

// The API calls for `url` (none when `apis` is null or no pattern matches).
PageApis FindPageApis(const parser::ApiProfiles* apis, std::string_view url);

// The request of an API call: the profile's template filled with the match's values (and, for
// [counters], the values read from the extracted page's HTML, `page_html`: "" when there is
// none). Asks for JSON unless the profile says otherwise. InvalidArgument / NotFound naming
// the profile's key when a value is missing.
Result<crawler::FetchRequest> ApiRequestFor(const parser::ApiMatch& match,
                                            std::string_view page_html = {});

// use = "instead": the article in the API's answer (`answer`, a 200). `key` is the article's
// URL (the archive's key and the article's url).
ExtractedPage ExtractFromApi(const FetchedPage& answer, std::string_view key,
                             const parser::CompiledApi& api);

// Applies the answer of a follow-up to the page's extraction: the API's fields over the page's
// ([api] use = "with") or its counters ([counters]). A failed [api] call makes the whole fetch
// failed (`extracted->article` cleared, `extracted->error` and `page->error` say why); a failed
// [counters] call leaves the article as it was.
void ApplyFollowUp(const ApiFollowUp& follow_up, const FetchedPage& answer, FetchedPage* page,
                   ExtractedPage* extracted);

// [script]: the fields of the page's embedded script data (juejin's window.__NUXT__) over the
// page's, when the page has such a script (the raw body, read as UTF-8). `key` is the
// article's URL. Nothing changes when no [script] matches or the page has no such script.
void ApplyScriptData(const parser::ApiProfiles* apis, const FetchedPage& page, std::string_view key,
                     ExtractedPage* extracted);

// A follow-up that could not even be requested (`why`): as a failed answer.
void ApplyFollowUpError(const ApiFollowUp& follow_up, const Status& why, FetchedPage* page,
                        ExtractedPage* extracted);

}  // namespace strata::jobs
