// Block pages: answers a server sends instead of the article asked for, often with status 200:
// anti-bot interstitials ("安全验证", "请完成验证", "Just a moment...", captcha and challenge
// pages, "Access denied"), tiny 401/403/429 bodies, login walls ("登录后查看", "Sign in to
// continue", a login form as the page), and shells that JavaScript would fill (almost no text,
// an empty <div id="app">). Archiving one would make a version out of a captcha, so the crawl
// records them as failed fetches (FetchOutcome::kBlocked, with the reason these functions give)
// and backs off the host.
//
// Two stages, both cheap, both conservative (a real article is never a block page: every
// marker counts only on a page with little visible text, where an article cannot hide):
//  - DetectBlockResponse: the raw response (status, Content-Type, bytes), no DOM. The fetch
//    policy layer runs it on every response, on its one thread, so it reads at most the first
//    256 KiB and stops counting visible text once the page clearly holds an article's worth.
//  - DetectBlockedArticle: an extracted Article, for what only the main content shows (a
//    teaser cut off by "登录后查看全文" / "Sign in to continue reading").
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/article.h"

namespace strata::parser {

// Why the response is a block page ("anti-bot interstitial: \"安全验证\"", "HTTP 403 with a
// 162-byte body", "login wall: a login form is the page", "empty shell: no text, an empty
// <div id=\"app\"> (3 scripts)"), or nullopt when it may be an article. Statuses other than
// 2xx, 401, 403 and 429 are never block pages here (a 404 is an answer, not a block).
std::optional<std::string> DetectBlockResponse(int http_status, std::string_view content_type,
                                               std::string_view body);

// Why an extracted article is a login wall's teaser rather than the article, or nullopt.
std::optional<std::string> DetectBlockedArticle(const Article& article);

// The guard for articles already archived: a page that now extracts to almost no text (under
// 240 bytes of body text, spaces not counted, and no picture: a shell's footer, a block page's
// notice) where the archived version had at least four times as much has lost its article to
// a shell or a block page that the response check missed; it must not become a version.
// MayHaveLostArticle is the cheap first test (on the fetched article alone); DetectLostArticle
// compares with the archived version and says why, or nullopt.
bool MayHaveLostArticle(const Article& fetched);
std::optional<std::string> DetectLostArticle(const Article& fetched, const Article& archived,
                                             int64_t archived_version);

}  // namespace strata::parser
