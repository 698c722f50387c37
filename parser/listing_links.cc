#include "parser/listing_links.h"

#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <set>

#include "common/url.h"

namespace strata::parser {
namespace {

// Path segments that name a page of links, not a post.
const RE2& NonPostPath() {
  static const RE2 re(
      R"((?i)/(?:tags?|category|categories|topics?|labels?|authors?|users?|people|members?|)"
      R"(search|login|log-in|signin|sign-in|signup|sign-up|register|account|settings|)"
      R"(feed|feeds|rss|atom|comments|wp-admin|wp-login\.php|cdn-cgi|share|print)(?:/|$|\.|\?))");
  return re;
}
// Pagination: /page/2, ?page=2, ?paged=2, /list/2 after a listing path.
const RE2& PaginationPath() {
  static const RE2 re(R"((?i)(?:/page/\d+/?$|[?&](?:page|paged|p|start|offset)=\d+))");
  return re;
}
// Year, month and day archives: /archive/2025/02.html, /archive/2025/02/14, /2025/02/.
const RE2& ArchivePath() {
  static const RE2 re(
      R"((?i)(?:/archives?/?$|/archives?/\d{4}(?:/\d{1,2}){0,2}(?:\.html?)?/?$|^/\d{4}(?:/\d{1,2})?/?$))");
  return re;
}
// Files that are not pages.
const RE2& FilePath() {
  static const RE2 re(
      R"((?i)\.(?:xml|rss|atom|json|txt|pdf|zip|gz|rar|7z|png|jpe?g|gif|webp|svg|ico|mp[34]|webm|css|js|woff2?|ttf|exe|dmg|apk)$)");
  return re;
}
// Post-like paths: a long number, a date, a slug of three words or more, a .html page.
const RE2& PostLikePath() {
  static const RE2 re(
      R"((?i)(?:\d{4,}|/\d{4}/\d{1,2}/|/\d{4}-\d{2}-\d{2}|/[^/]*[a-z0-9]-[a-z0-9][^/]*-[^/]+/?$|\.s?html?$|/[0-9a-f]{12,}/?$))");
  return re;
}

std::string PathAndQuery(const UrlParts& parts) {
  return parts.query.empty() ? parts.path : parts.path + "?" + parts.query;
}

// The last two labels of a host: "www.cnblogs.com" -> "cnblogs.com". Enough to tell the site's
// own subdomains from other sites for this heuristic.
std::string_view SiteOf(std::string_view host) {
  size_t dot = host.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return host;
  dot = host.rfind('.', dot - 1);
  return dot == std::string_view::npos ? host : host.substr(dot + 1);
}

// Code points, not bytes: "下一篇文章" is five characters.
size_t CharCount(std::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string WithoutTrailingSlash(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

}  // namespace

bool IsNonPostUrl(std::string_view url) {
  const std::optional<UrlParts> parts = ParseUrl(url);
  if (!parts) return true;
  const std::string path = parts->path.empty() ? "/" : parts->path;
  if (path == "/" && parts->query.empty()) return true;
  const std::string full = PathAndQuery(*parts);
  return RE2::PartialMatch(path, NonPostPath()) || RE2::PartialMatch(full, PaginationPath()) ||
         RE2::PartialMatch(path, ArchivePath()) || RE2::PartialMatch(path, FilePath());
}

std::string UrlShape(std::string_view url) {
  const std::optional<UrlParts> parts = ParseUrl(url);
  if (!parts) return "";
  std::string path = parts->path.empty() ? "/" : parts->path;
  // The last segment ("my-first-post", "123.html", "") and what comes before it.
  const bool trailing_slash = path.size() > 1 && path.back() == '/';
  std::string trimmed = WithoutTrailingSlash(path);
  const size_t slash = trimmed.rfind('/');
  std::string dirs = trimmed.substr(0, slash + 1);
  std::string last = trimmed.substr(slash + 1);
  auto digits_to_hash = [](const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] >= '0' && s[i] <= '9') {
        if (out.empty() || out.back() != '#') out.push_back('#');
      } else {
        out.push_back(s[i]);
      }
    }
    return out;
  };
  std::string shape = parts->host + digits_to_hash(dirs);
  if (std::count(last.begin(), last.end(), '-') >= 2 || last.size() > 40) {
    const size_t ext = last.rfind('.');
    shape += "*";
    if (ext != std::string::npos) shape += last.substr(ext);
  } else {
    shape += digits_to_hash(last);
  }
  if (trailing_slash) shape += "/";
  return shape;
}

bool IsNextLinkText(std::string_view text) {
  // Drop white space and arrows, lower-case ASCII.
  std::string plain;
  std::string arrows;
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    size_t length = 1;
    if (c >= 0xF0) {
      length = 4;
    } else if (c >= 0xE0) {
      length = 3;
    } else if (c >= 0xC0) {
      length = 2;
    }
    const std::string_view ch = text.substr(i, length);
    i += length;
    if (ch == " " || ch == "\t" || ch == "\n" || ch == "\r" || ch == "\xC2\xA0") continue;
    if (ch == "\xC2\xBB" || ch == "\xE2\x80\xBA" || ch == "\xE2\x86\x92" || ch == ">" ||
        ch == "\xEF\xBC\x9E" || ch == "\xE2\x9F\xA9") {  // » › → > ＞ ⟩
      arrows += ch;
      continue;
    }
    if (ch.size() == 1) {
      plain.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch[0]))));
    } else {
      plain += ch;
    }
  }
  if (plain.empty()) return arrows == "\xC2\xBB" || arrows == "\xE2\x80\xBA" || arrows == ">";
  static const std::set<std::string, std::less<>> kNext = {
      "下一页",    "下页",       "下一頁",       "后一页",  "next",     "nextpage",
      "nextposts", "olderposts", "olderentries", "older",   "older»",   "morearticles",
      "次へ",      "次のページ", "nächsteseite", "suivant", "siguiente"};
  return kNext.contains(plain);
}

std::vector<std::string> DetectPostLinks(const std::vector<LinkCandidate>& links,
                                         std::string_view page_url, std::string_view author_url) {
  const std::optional<UrlParts> page = ParseUrl(page_url);
  const std::optional<UrlParts> author = ParseUrl(author_url);
  if (!page) return {};
  const std::string site(SiteOf(page->host));
  const std::string page_path = WithoutTrailingSlash(PathAndQuery(*page));
  // The author's own path ("/ann"), when the author page is not the site's root and not a
  // query ("/?author=3").
  std::string author_path;
  if (author && author->host == page->host) {
    author_path = WithoutTrailingSlash(author->path);
    // "/ann/default.html" -> "/ann"; "/author/ann" stays (posts are rarely under it).
    if (author_path.ends_with(".html") || author_path.ends_with(".htm") ||
        author_path.ends_with(".aspx") || author_path.ends_with(".php")) {
      author_path = author_path.substr(0, author_path.rfind('/'));
    }
    if (author_path == "/") author_path.clear();
  }

  struct Scored {
    size_t order;
    std::string url;
    int score;
  };
  std::map<std::string, std::vector<Scored>> by_shape;
  std::set<std::string> seen;
  for (size_t i = 0; i < links.size(); ++i) {
    const LinkCandidate& link = links[i];
    const std::optional<UrlParts> parts = ParseUrl(link.url);
    if (!parts || SiteOf(parts->host) != site) continue;
    const std::string path_query = WithoutTrailingSlash(PathAndQuery(*parts));
    if (parts->host == page->host && path_query == page_path) continue;  // the page itself
    if (author && parts->host == author->host &&
        path_query == WithoutTrailingSlash(PathAndQuery(*author))) {
      continue;
    }
    if (IsNonPostUrl(link.url)) continue;
    int score = 0;
    if (link.in_article) score += 2;
    if (link.in_heading) score += 2;
    if (!author_path.empty() && parts->host == author->host &&
        parts->path.starts_with(author_path + "/") && parts->path.size() > author_path.size() + 1) {
      score += 2;
    }
    if (RE2::PartialMatch(parts->path, PostLikePath())) score += 2;
    if (CharCount(link.text) >= 6) score += 1;
    if (link.in_chrome) score -= 5;
    if (score <= 0) continue;
    const std::string shape = UrlShape(link.url);
    auto& group = by_shape[shape];
    // The same post linked twice (title and "read more") counts once, with its best score.
    auto same = std::find_if(group.begin(), group.end(),
                             [&](const Scored& s) { return s.url == link.url; });
    if (same != group.end()) {
      same->score = std::max(same->score, score);
      continue;
    }
    group.push_back({i, link.url, score});
  }

  // The best group by total score; groups scoring as well per link come too.
  int best_total = 0;
  double best_average = 0;
  for (const auto& [shape, group] : by_shape) {
    int total = 0;
    for (const Scored& s : group) total += s.score;
    const double average = static_cast<double>(total) / static_cast<double>(group.size());
    if (total > best_total || (total == best_total && average > best_average)) {
      best_total = total;
      best_average = average;
    }
  }
  if (best_total == 0 || best_average < 2.0) return {};
  std::vector<Scored> kept;
  for (const auto& [shape, group] : by_shape) {
    int total = 0;
    for (const Scored& s : group) total += s.score;
    const double average = static_cast<double>(total) / static_cast<double>(group.size());
    if (total == best_total || average >= std::max(3.0, best_average)) {
      kept.insert(kept.end(), group.begin(), group.end());
    }
  }
  std::sort(kept.begin(), kept.end(),
            [](const Scored& a, const Scored& b) { return a.order < b.order; });
  std::vector<std::string> urls;
  for (Scored& s : kept) {
    if (seen.insert(s.url).second) urls.push_back(std::move(s.url));
  }
  return urls;
}

}  // namespace strata::parser
