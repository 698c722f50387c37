// Extraction: bytes of one HTML page in, an Article out. Pure and synchronous: no I/O, no
// global state, safe to call from many threads at once on different inputs.
//
// The fields come from a cascade, strongest source first: site profile selectors (when given),
// JSON-LD and microdata, meta tags (OpenGraph, article:*, name=author...), then the visible page
// (h1, bylines, <time>, main-content heuristics).
//
// The stages, one file each: content_type (is it HTML?) -> charset (to UTF-8) -> html_document
// (one Gumbo parse, depth-capped by nesting_guard) -> page_index (one walk gathering what the
// field extractors read) and page_lines (short visible lines outside boilerplate) -> the field
// extractors: json_ld, meta_tags, title, author, date_parse, counters, links, main_content
// (with content_hints and text_render), text_stats -> the cascade in extract.cc. Site
// profiles (profile.h: compiled once; profile_apply.h: chosen per page and read with the CSS
// engine of selector.h) come first in the cascade, field by field.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "common/article.h"
#include "common/result.h"
#include "common/time.h"

namespace strata::parser {

class SiteProfiles;  // parser/profile.h

struct ExtractInput {
  std::string_view url;           // the page's URL (final, after redirects): resolves links
  std::string_view body;          // raw response bytes, any charset
  std::string_view content_type;  // the Content-Type header, "" if none (charset hint)
  UnixMillis fetched_at = 0;      // resolves relative dates ("3 天前"); 0 = unknown
};

struct ExtractOptions {
  bool collect_links = true;  // fill Article::links
  // Links kept per page (0 = no limit). Default 10,000: far above any article page, and a
  // bound on the work a hostile page full of anchors can cause.
  size_t max_links = 10'000;
  // The zone of dates a page shows without one ("2025-02-14 10:00"), in minutes east of UTC
  // (+480 for a Chinese site). Unset (the default): such times are kept zone-less
  // ("2025-02-14T10:00:00"), which is honest when the site's zone is unknown.
  std::optional<int> default_utc_offset_minutes;
  // Site profiles (parser/profile.h), or null for the generic cascade alone. The profile a page
  // gets overrides the cascade field by field, and its utc_offset applies when
  // default_utc_offset_minutes is unset. Not owned: must outlive the call; shared by threads.
  const SiteProfiles* site_profiles = nullptr;
  // Fill Article::body_markdown. Default true. The archive turns it off: Markdown is rendered
  // from the stored body_html when asked for (RenderMarkdownOfHtml), not kept per version.
  bool markdown = true;
};

// Returns the article. Fails (InvalidArgument) only when the input is not HTML at all (an
// image, a PDF, an archive: by Content-Type, or by signature when the type is missing or
// generic); a page without an article still yields an Article with what could be found
// (possibly an empty body). Malformed, truncated, deeply nested or huge HTML never fails.
Result<Article> Extract(const ExtractInput& input, const ExtractOptions& options = {});

}  // namespace strata::parser
