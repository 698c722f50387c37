#include "crawler/jobs/page_work.h"

#include <unordered_set>

#include "parser/block_page.h"
#include "parser/extract.h"

namespace strata::jobs {
namespace {

bool LooksLikeHtml(const FetchedPage& page) {
  const std::string_view type = page.content_type();
  if (type.empty()) return true;  // let the parser sniff it
  return type.find("html") != std::string_view::npos || type.find("xml") != std::string_view::npos;
}

bool IsDefault(const UrlNormalizeOptions& options) {
  static const UrlNormalizeOptions kDefaults;
  return options.drop_fragment == kDefaults.drop_fragment &&
         options.sort_params == kDefaults.sort_params &&
         options.drop_params == kDefaults.drop_params;
}

// Normalises the parser's links with the crawl's own URL options (the parser uses the
// defaults), dropping the ones that no longer normalise and any duplicates this creates.
void Renormalize(const UrlNormalizeOptions& options, std::vector<std::string>* links) {
  std::unordered_set<std::string> seen;
  std::vector<std::string> out;
  out.reserve(links->size());
  for (const std::string& link : *links) {
    std::optional<std::string> normalized = NormalizeUrl(link, options);
    if (normalized && seen.insert(*normalized).second) out.push_back(std::move(*normalized));
  }
  *links = std::move(out);
}

}  // namespace

bool NeedsExtraction(const FetchedPage& page) { return page.ok() && page.http_status == 200; }

ExtractedPage ExtractPage(const FetchedPage& page, std::string_view key,
                          const ExtractSettings& settings) {
  ExtractedPage out;
  if (!LooksLikeHtml(page)) {
    out.error = "not an HTML page (" + std::string(page.content_type()) + ")";
    return out;
  }
  parser::ExtractInput input;
  input.url = page.final_url.empty() ? key : std::string_view(page.final_url);
  input.body = page.body;
  input.content_type = page.content_type();
  input.fetched_at = page.fetched_at_ms;
  parser::ExtractOptions options;
  options.collect_links = settings.collect_links;
  options.max_links = settings.max_links;
  options.site_profiles = settings.site_profiles;
  // Not kept in the archive: readers render it from body_html (parser/html_fragment.h), which
  // saves a rendering and its compression on every page a crawl records.
  options.markdown = false;
  Result<Article> extracted = parser::Extract(input, options);
  if (!extracted.ok()) {
    out.error = extracted.status().message();
    return out;
  }
  out.article = std::move(extracted).value();
  if (settings.block_pages) {
    if (std::optional<std::string> reason = parser::DetectBlockedArticle(*out.article)) {
      out.blocked = std::move(*reason);
      out.article.reset();
      return out;
    }
  }
  if (settings.collect_links && settings.url_options != nullptr &&
      !IsDefault(*settings.url_options)) {
    Renormalize(*settings.url_options, &out.article->links);
  }
  return out;
}

std::string DetectBlockPage(const FetchedPage& page) {
  return parser::DetectBlockResponse(page.http_status, page.content_type(), page.body).value_or("");
}

void MarkBlocked(const std::string& reason, FetchedPage* page, ExtractedPage* extracted) {
  page->outcome = FetchOutcome::kBlocked;
  page->error = reason;
  extracted->article.reset();
  extracted->blocked = reason;
}

PageResult DescribePage(const std::string& given_url, const std::string& key,
                        const FetchedPage& page, const ExtractedPage& extracted,
                        const Result<storage::RecordResult>& recorded) {
  PageResult result;
  result.url = given_url;
  result.key = key;
  result.http_status = page.http_status;
  if (!recorded.ok()) {
    result.kind = storage::RecordKind::kFailed;
    result.error = "archive: " + recorded.status().ToString();
    return result;
  }
  result.kind = recorded->kind;
  result.version = recorded->version;
  if (extracted.article) result.title = extracted.article->title;
  if (result.kind == storage::RecordKind::kFailed) {
    if (!page.ok()) {
      result.error = std::string(OutcomeName(page.outcome));
      if (!page.error.empty()) result.error += ": " + page.error;
    } else if (!extracted.error.empty()) {
      result.error = extracted.error;
    } else {
      result.error = "HTTP " + std::to_string(page.http_status);
    }
  }
  return result;
}

}  // namespace strata::jobs
