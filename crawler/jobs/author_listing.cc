#include <utility>  // before Asio (Boost 1.74 with C++20)

#include "crawler/jobs/author_listing.h"

#include <boost/asio/io_context.hpp>
#include <deque>
#include <set>
#include <unordered_set>

#include "common/url.h"
#include "config/api_request.h"
#include "parser/feed.h"
#include "parser/gzip.h"
#include "parser/listing_api.h"
#include "parser/listing_html.h"
#include "parser/listing_links.h"
#include "parser/sitemap.h"

namespace strata::jobs {
namespace {

namespace asio = boost::asio;
using parser::ListedPost;

// Sitemap files read at most in one walk (an index may name thousands).
constexpr size_t kMaxSitemaps = 50;
// Posts listed at most: a bound on memory and on the crawl a hostile listing can cause.
constexpr size_t kMaxPosts = 100'000;

bool IsSuccess(const FetchedPage& page) {
  return page.ok() && page.http_status >= 200 && page.http_status < 300;
}
bool IsNotFound(const FetchedPage& page) {
  return page.ok() && (page.http_status == 404 || page.http_status == 410);
}

std::string DescribeFailure(const FetchedPage& page) {
  std::string what = page.url + ": ";
  if (!page.ok()) {
    what += std::string(OutcomeName(page.outcome));
    if (!page.error.empty()) what += " (" + page.error + ")";
  } else {
    what += "HTTP " + std::to_string(page.http_status);
    if (!page.error.empty()) what += " (" + page.error + ")";
  }
  return what;
}

std::string Origin(const UrlParts& parts) {
  std::string origin = parts.scheme + "://" + parts.host;
  if (parts.port != 0) origin += ":" + std::to_string(parts.port);
  return origin;
}

bool IsXmlType(std::string_view content_type) {
  return content_type.find("xml") != std::string_view::npos;
}

// The walk over one author's listing. One object per ListAuthorPosts call.
class Walk {
 public:
  Walk(std::string author_url, const PageSource& source, const ListingOptions& options)
      : source_(source), options_(options) {
    result_.author_url = std::move(author_url);
  }

  ListingResult Run();

 private:
  // One request, counted; false (and the stop set) when the cap or a stop request ends the walk
  // before it is made.
  std::optional<FetchedPage> Get(crawler::FetchRequest request);
  bool CanFetch();
  void Stop(ListingStop stop, std::string detail) {
    result_.stop = stop;
    result_.stop_detail = std::move(detail);
  }
  // Adds the posts not seen before; returns how many were new.
  size_t AddPosts(std::vector<ListedPost> posts);

  void RunRule(const parser::ListingMatch& match, const FetchedPage* first_page);
  void RunHtml(const parser::CompiledListingRule* rule, const config::TemplateValues& values,
               const FetchedPage* first_page);
  void RunApi(const parser::CompiledListingRule& rule, config::TemplateValues values);
  void RunFeed(const std::string& feed_url, const FetchedPage* first_page);
  // From `start` (sitemap URLs given: every page they list is taken), else from robots.txt and
  // the usual places, keeping the pages under the author's path.
  void RunSitemaps(std::vector<std::string> start);

  const PageSource& source_;
  const ListingOptions& options_;
  ListingResult result_;
  int64_t max_pages_ = kDefaultMaxListingPages;
  std::unordered_set<std::string> seen_posts_;
};

bool Walk::CanFetch() {
  if (result_.posts.size() >= kMaxPosts) {
    Stop(ListingStop::kPageCap,
         "stopped at " + std::to_string(kMaxPosts) + " posts, the most one run lists");
    return false;
  }
  if (options_.stopped && options_.stopped()) {
    Stop(ListingStop::kStopped, "stopped after " + std::to_string(result_.pages) + " requests");
    return false;
  }
  if (result_.pages >= max_pages_) {
    Stop(ListingStop::kPageCap,
         "stopped at the cap of " + std::to_string(max_pages_) + " listing requests (--max-pages)");
    return false;
  }
  return true;
}

std::optional<FetchedPage> Walk::Get(crawler::FetchRequest request) {
  if (!CanFetch()) return std::nullopt;
  ++result_.pages;
  FetchedPage page = source_(request);
  if (page.outcome == FetchOutcome::kAborted || (options_.stopped && options_.stopped())) {
    Stop(ListingStop::kStopped, "stopped while fetching " + request.url);
    return std::nullopt;
  }
  return page;
}

size_t Walk::AddPosts(std::vector<ListedPost> posts) {
  size_t added = 0;
  for (ListedPost& post : posts) {
    if (result_.posts.size() >= kMaxPosts) break;
    if (post.url.empty() || !seen_posts_.insert(post.url).second) continue;
    result_.posts.push_back(std::move(post));
    ++added;
  }
  return added;
}

ListingResult Walk::Run() {
  const std::string& author_url = result_.author_url;
  if (options_.max_pages > 0) max_pages_ = options_.max_pages;

  // 1. A profile chosen by host needs no page to pick its rule.
  std::optional<parser::ListingMatch> match;
  if (options_.rules != nullptr) {
    const std::string profile = options_.rules->ProfileForHost(author_url);
    if (!profile.empty()) match = options_.rules->Find(profile, author_url);
  }
  if (match) {
    RunRule(*match, nullptr);
    return std::move(result_);
  }

  // The author page itself: a page, a feed, or a sitemap.
  crawler::FetchRequest request;
  request.url = author_url;
  std::optional<FetchedPage> first = Get(request);
  if (!first) return std::move(result_);
  if (!IsSuccess(*first)) {
    Stop(ListingStop::kFetchFailed, "the author page failed: " + DescribeFailure(*first));
    return std::move(result_);
  }
  const std::string page_url = first->final_url.empty() ? first->url : first->final_url;
  if (IsXmlType(first->content_type()) || parser::LooksLikeFeed(first->body) ||
      parser::IsGzip(first->body)) {  // sitemap.xml.gz
    if (parser::LooksLikeFeed(first->body)) {
      RunFeed(page_url, &*first);
      result_.method = result_.posts.empty() ? ListingMethod::kNone : ListingMethod::kFeed;
      return std::move(result_);
    }
    if (Result<parser::Sitemap> sitemap = parser::ParseSitemap(first->body, page_url);
        sitemap.ok()) {
      result_.notes.push_back("the URL is a sitemap: every page it lists is taken");
      RunSitemaps({page_url});
      return std::move(result_);
    }
  }

  const parser::ListingPageInput input{page_url, first->body, first->content_type()};
  const parser::HtmlListingPage parsed =
      parser::ParseHtmlListing(input, nullptr, author_url, options_.profiles);
  if (options_.rules != nullptr && !parsed.profile.empty()) {
    match = options_.rules->Find(parsed.profile, author_url);
    if (match) {
      RunRule(*match, &*first);
      return std::move(result_);
    }
  }

  // 2. Generic: post links on the author page and its next pages.
  RunHtml(nullptr, {}, &*first);
  if (!result_.posts.empty()) {
    result_.method = result_.pages > 1 ? ListingMethod::kRelNext : ListingMethod::kGeneric;
    return std::move(result_);
  }
  if (result_.stop == ListingStop::kStopped || result_.stop == ListingStop::kPageCap) {
    return std::move(result_);
  }
  result_.notes.push_back("no post links on the author page");

  // 3. The feed the page advertises.
  if (!parsed.feeds.empty()) {
    RunFeed(parsed.feeds.front().url, nullptr);
    if (!result_.posts.empty()) {
      result_.method = ListingMethod::kFeed;
      return std::move(result_);
    }
    if (result_.stop == ListingStop::kStopped || result_.stop == ListingStop::kPageCap) {
      return std::move(result_);
    }
    result_.notes.push_back("the feed " + parsed.feeds.front().url + " listed no posts");
  } else {
    result_.notes.push_back("the author page advertises no feed");
  }

  // 4. The site's sitemaps.
  RunSitemaps({});
  return std::move(result_);
}

void Walk::RunRule(const parser::ListingMatch& match, const FetchedPage* first_page) {
  const parser::CompiledListingRule& rule = *match.rule;
  result_.profile = rule.profile;
  result_.max_items = rule.rule.max_items;
  if (options_.max_pages <= 0 && rule.rule.max_pages > 0) max_pages_ = rule.rule.max_pages;
  config::TemplateValues values = match.captures;
  switch (rule.rule.kind) {
    case config::ListingKind::kHtml:
      result_.method = ListingMethod::kProfileHtml;
      RunHtml(&rule, values, first_page);
      break;
    case config::ListingKind::kApi:
      result_.method = ListingMethod::kProfileApi;
      RunApi(rule, std::move(values));
      break;
    case config::ListingKind::kFeed: {
      result_.method = ListingMethod::kProfileFeed;
      Result<std::string> url =
          config::ExpandTemplate(rule.rule.feed_url, values, config::TemplateEscape::kUrlComponent);
      std::optional<std::string> absolute =
          url.ok() ? ResolveUrl(result_.author_url, *url) : std::nullopt;
      if (!absolute) {
        Stop(ListingStop::kBadResponse,
             rule.rule.source + ": " + rule.rule.key + ".feed_url: " +
                 (url.ok() ? "'" + *url + "' is not a URL" : url.status().message()));
        return;
      }
      RunFeed(*absolute, nullptr);
      break;
    }
  }
}

// HTML pages: from a page-URL template, or from the author page along next links.
void Walk::RunHtml(const parser::CompiledListingRule* rule, const config::TemplateValues& values,
                   const FetchedPage* first_page) {
  const bool by_template = rule != nullptr && !rule->rule.page_url.empty();
  std::set<std::string> fetched_urls;  // final URLs of the pages read: a loop shows here
  std::optional<FetchedPage> current;
  int64_t page_number = by_template ? rule->rule.first_page : 1;
  int64_t page_index = 0;  // pages read in this walk
  std::string next_url = result_.author_url;
  while (true) {
    std::string url;
    if (by_template) {
      config::TemplateValues with_page = values;
      with_page.insert_or_assign("page", std::to_string(page_number));
      with_page.insert_or_assign("size", std::to_string(rule->rule.page_size));
      with_page.insert_or_assign("offset", "0");
      with_page.insert_or_assign("cursor", "");
      Result<std::string> expanded = config::ExpandTemplate(rule->rule.page_url, with_page,
                                                            config::TemplateEscape::kUrlComponent);
      std::optional<std::string> absolute =
          expanded.ok() ? ResolveUrl(result_.author_url, *expanded) : std::nullopt;
      if (!absolute) {
        Stop(ListingStop::kBadResponse, rule->rule.source + ": " + rule->rule.key + ".page_url: " +
                                            (expanded.ok() ? "'" + *expanded + "' is not a URL"
                                                           : expanded.status().message()));
        return;
      }
      url = NormalizeUrl(*absolute).value_or(*absolute);
    } else {
      url = next_url;
    }

    if (!by_template && page_index == 0 && first_page != nullptr) {
      current = *first_page;  // the author page, already fetched
    } else {
      crawler::FetchRequest request;
      request.url = url;
      current = Get(request);
      if (!current) return;
    }
    ++page_index;
    if (IsNotFound(*current) && page_index > 1) {
      Stop(ListingStop::kPageNotFound, "page " + std::to_string(page_index) + " (" + url +
                                           ") answered " + std::to_string(current->http_status));
      return;
    }
    if (!IsSuccess(*current)) {
      Stop(ListingStop::kFetchFailed,
           "listing page " + std::to_string(page_index) + " failed: " + DescribeFailure(*current));
      return;
    }
    const std::string final_url =
        NormalizeUrl(current->final_url.empty() ? current->url : current->final_url).value_or(url);
    if (!fetched_urls.insert(final_url).second) {
      Stop(ListingStop::kUrlRepeated, "page " + std::to_string(page_index) + " (" + url + ") is " +
                                          final_url + ", read before");
      return;
    }
    const parser::ListingPageInput input{final_url, current->body, current->content_type()};
    parser::HtmlListingPage page =
        parser::ParseHtmlListing(input, rule, result_.author_url, options_.profiles);
    std::vector<ListedPost> posts;
    for (size_t i = 0; i < page.items.size(); ++i) {
      ListedPost post;
      post.url = std::move(page.items[i]);
      post.title = std::move(page.item_titles[i]);
      posts.push_back(std::move(post));
    }
    if (posts.empty()) {
      // A first page without posts is no listing; past the first, the listing has ended.
      Stop(ListingStop::kEmptyPage,
           "page " + std::to_string(page_index) + " (" + final_url + ") lists no posts");
      return;
    }
    if (AddPosts(std::move(posts)) == 0) {
      Stop(ListingStop::kAllSeen, "every post of page " + std::to_string(page_index) + " (" +
                                      final_url + ") was listed before: the listing repeats");
      return;
    }
    if (by_template) {
      page_number += rule->rule.page_step;
      continue;
    }
    // Along next links: the first candidate not read before.
    std::string chosen;
    bool any_seen = false;
    for (const std::string& candidate : page.next_urls) {
      if (fetched_urls.contains(candidate)) {
        any_seen = true;
        continue;
      }
      chosen = candidate;
      break;
    }
    if (chosen.empty()) {
      if (any_seen) {
        Stop(ListingStop::kUrlRepeated, "the next page of page " + std::to_string(page_index) +
                                            " (" + page.next_urls.front() + ") was read before");
      } else {
        Stop(ListingStop::kEnd, "page " + std::to_string(page_index) + " has no next page");
      }
      return;
    }
    next_url = chosen;
  }
}

void Walk::RunApi(const parser::CompiledListingRule& rule, config::TemplateValues values) {
  const config::ListingRule& r = rule.rule;
  if (r.has_lookup) {
    Result<config::ExpandedRequest> lookup =
        config::ExpandApiRequest(r.lookup.request, values, result_.author_url);
    if (!lookup.ok()) {
      Stop(ListingStop::kBadResponse, lookup.status().message());
      return;
    }
    crawler::FetchRequest request{lookup->url, lookup->method, lookup->body, lookup->headers};
    std::optional<FetchedPage> answer = Get(std::move(request));
    if (!answer) return;
    if (!IsSuccess(*answer)) {
      Stop(ListingStop::kFetchFailed, "the lookup failed: " + DescribeFailure(*answer));
      return;
    }
    Result<config::TemplateValues> found = parser::ParseListingLookup(answer->body, rule);
    if (!found.ok()) {
      Stop(ListingStop::kBadResponse,
           r.source + ": " + r.key + ".lookup: " + found.status().message());
      return;
    }
    for (auto& [name, value] : *found) values.insert_or_assign(name, value);
  }

  int64_t page = r.first_page;
  int64_t offset = r.first_offset;
  std::string cursor = r.first_cursor;
  std::set<std::string> cursors = {cursor};
  for (int64_t request_index = 1;; ++request_index) {
    values.insert_or_assign("page", std::to_string(page));
    values.insert_or_assign("offset", std::to_string(offset));
    values.insert_or_assign("cursor", cursor);
    values.insert_or_assign("size", std::to_string(r.page_size));
    Result<config::ExpandedRequest> expanded =
        config::ExpandApiRequest(r.api, values, result_.author_url);
    if (!expanded.ok()) {
      Stop(ListingStop::kBadResponse, expanded.status().message());
      return;
    }
    const std::string url = expanded->url;
    crawler::FetchRequest request{expanded->url, expanded->method, expanded->body,
                                  expanded->headers};
    std::optional<FetchedPage> answer = Get(std::move(request));
    if (!answer) return;
    const std::string which = "request " + std::to_string(request_index) + " (" + url + ")";
    if (IsNotFound(*answer) && request_index > 1) {
      Stop(ListingStop::kPageNotFound, which + " answered " + std::to_string(answer->http_status));
      return;
    }
    if (!IsSuccess(*answer)) {
      Stop(ListingStop::kFetchFailed, "listing " + which + " failed: " + DescribeFailure(*answer));
      return;
    }
    Result<parser::ApiListingPage> parsed =
        parser::ParseApiListing(answer->body, rule, values, url);
    if (!parsed.ok()) {
      Stop(ListingStop::kBadResponse, which + ": " + parsed.status().message());
      return;
    }
    if (parsed->total) result_.stated_total = parsed->total;
    if (!parsed->problem.empty() && parsed->items.empty() && parsed->raw_items > 0) {
      Stop(ListingStop::kBadResponse, which + ": " + parsed->problem);
      return;
    }
    if (parsed->raw_items == 0) {
      Stop(ListingStop::kEmptyPage, which + " lists no posts");
      return;
    }
    const bool had_items = !parsed->items.empty();
    if (AddPosts(std::move(parsed->items)) == 0 && had_items) {
      Stop(ListingStop::kAllSeen,
           "every post of " + which + " was listed before: the listing repeats");
      return;
    }
    if (parsed->has_more.has_value() && !*parsed->has_more) {
      Stop(ListingStop::kEnd, which + " says there is no more");
      return;
    }
    if (result_.stated_total && *result_.stated_total > 0 &&
        static_cast<int64_t>(result_.posts.size()) >= *result_.stated_total) {
      Stop(ListingStop::kTotalReached,
           "found the " + std::to_string(*result_.stated_total) + " posts the site states");
      return;
    }
    switch (r.paging) {
      case config::PagingKind::kNone:
        Stop(ListingStop::kEnd, "a single request (no paging)");
        return;
      case config::PagingKind::kPage:
        ++page;
        break;
      case config::PagingKind::kOffset:
        offset += parsed->raw_items;
        ++page;
        break;
      case config::PagingKind::kCursor:
        if (!parsed->next_cursor || parsed->next_cursor->empty()) {
          Stop(ListingStop::kEnd, which + " gives no next cursor");
          return;
        }
        if (!cursors.insert(*parsed->next_cursor).second) {
          Stop(ListingStop::kCursorRepeated,
               which + " gives the cursor '" + *parsed->next_cursor + "' again: the listing loops");
          return;
        }
        cursor = *parsed->next_cursor;
        ++page;
        break;
    }
  }
}

void Walk::RunFeed(const std::string& feed_url, const FetchedPage* first_page) {
  std::set<std::string> read;
  std::string url = NormalizeUrl(feed_url).value_or(feed_url);
  bool first = true;
  while (true) {
    std::optional<FetchedPage> page;
    if (first && first_page != nullptr) {
      page = *first_page;
    } else {
      crawler::FetchRequest request;
      request.url = url;
      page = Get(request);
      if (!page) return;
    }
    const bool is_first = first;
    first = false;
    read.insert(url);
    if (IsNotFound(*page) && !is_first) {
      Stop(ListingStop::kPageNotFound,
           "the feed page " + url + " answered " + std::to_string(page->http_status));
      return;
    }
    if (!IsSuccess(*page)) {
      Stop(ListingStop::kFetchFailed, "the feed failed: " + DescribeFailure(*page));
      return;
    }
    Result<parser::Feed> feed = parser::ParseFeed(page->body, url);
    if (!feed.ok()) {
      Stop(ListingStop::kBadResponse, url + ": " + feed.status().message());
      return;
    }
    if (feed->entries.empty()) {
      Stop(ListingStop::kEmptyPage, "the feed " + url + " lists no posts");
      return;
    }
    if (AddPosts(std::move(feed->entries)) == 0) {
      Stop(ListingStop::kAllSeen,
           "every post of the feed page " + url + " was listed before: the feed repeats");
      return;
    }
    if (feed->next_url.empty()) {
      Stop(ListingStop::kEnd, "the feed has no next page");
      if (result_.notes.empty() || result_.notes.back().find("feed") == std::string::npos) {
        result_.notes.push_back("a feed may list only the latest posts");
      }
      return;
    }
    if (read.contains(feed->next_url)) {
      Stop(ListingStop::kUrlRepeated,
           "the feed's next page " + feed->next_url + " was read before");
      return;
    }
    url = feed->next_url;
  }
}

void Walk::RunSitemaps(std::vector<std::string> start) {
  const std::optional<UrlParts> author = ParseUrl(result_.author_url);
  if (!author) return;
  const std::string origin = Origin(*author);
  const bool given = !start.empty();
  std::string author_path = given ? "" : author->path;
  while (author_path.size() > 1 && author_path.back() == '/') author_path.pop_back();
  if (author_path.ends_with(".html") || author_path.ends_with(".htm") ||
      author_path.ends_with(".php") || author_path.ends_with(".aspx")) {
    author_path = author_path.substr(0, author_path.rfind('/'));
  }
  if (author_path == "/") author_path.clear();

  // Where the sitemaps are: robots.txt names them; else the usual places.
  std::deque<std::string> queue(start.begin(), start.end());
  bool from_robots = given;  // given sitemaps are not the usual places: none is dropped
  if (!given) {
    crawler::FetchRequest request;
    request.url = origin + "/robots.txt";
    std::optional<FetchedPage> robots = Get(request);
    if (!robots) return;
    if (IsSuccess(*robots)) {
      for (std::string& url : parser::RobotsTxtSitemaps(robots->body)) {
        queue.push_back(std::move(url));
      }
      from_robots = !queue.empty();
    }
  }
  if (queue.empty()) {
    for (const char* path : {"/sitemap.xml", "/wp-sitemap.xml", "/sitemap_index.xml"}) {
      queue.push_back(origin + path);
    }
  }

  std::set<std::string> read;
  size_t sitemaps_read = 0;
  bool any_parsed = false;
  std::string last_problem;
  while (!queue.empty()) {
    const std::string url = queue.front();
    queue.pop_front();
    if (!read.insert(url).second) continue;
    if (sitemaps_read >= kMaxSitemaps) {
      result_.notes.push_back("read the first " + std::to_string(kMaxSitemaps) + " sitemaps only");
      break;
    }
    crawler::FetchRequest request;
    request.url = url;
    std::optional<FetchedPage> page = Get(request);
    if (!page) {
      result_.method = result_.posts.empty() ? ListingMethod::kNone : ListingMethod::kSitemap;
      return;
    }
    ++sitemaps_read;
    if (!IsSuccess(*page)) {
      last_problem = DescribeFailure(*page);
      continue;
    }
    Result<parser::Sitemap> sitemap = parser::ParseSitemap(page->body, url);
    if (!sitemap.ok()) {
      last_problem = url + ": " + sitemap.status().message();
      continue;
    }
    any_parsed = true;
    if (sitemap->is_index) {
      for (parser::SitemapEntry& entry : sitemap->entries) {
        // Sitemaps of tags, categories and users list no posts.
        static constexpr std::string_view kSkip[] = {"taxonom", "tag", "categor", "user", "author"};
        std::string lower = entry.url;
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        const std::string_view file = std::string_view(lower).substr(lower.rfind('/') + 1);
        bool skip = false;
        for (std::string_view word : kSkip) skip = skip || file.find(word) != std::string::npos;
        if (!skip) queue.push_back(std::move(entry.url));
      }
      continue;
    }
    std::vector<ListedPost> posts;
    for (parser::SitemapEntry& entry : sitemap->entries) {
      const std::optional<UrlParts> parts = ParseUrl(entry.url);
      if (!parts || parts->host != author->host) continue;
      if (!author_path.empty() && !parts->path.starts_with(author_path + "/")) continue;
      if (parser::IsNonPostUrl(entry.url)) continue;
      if (NormalizeUrl(result_.author_url) == entry.url) continue;
      ListedPost post;
      post.url = std::move(entry.url);
      post.modified = std::move(entry.lastmod);
      posts.push_back(std::move(post));
    }
    AddPosts(std::move(posts));
    // The usual places hold the same sitemap under several names: the first that reads is it.
    if (!from_robots) {
      std::erase_if(queue, [&](const std::string& u) {
        return u == origin + "/wp-sitemap.xml" || u == origin + "/sitemap_index.xml" ||
               u == origin + "/sitemap.xml";
      });
    }
  }
  result_.method = result_.posts.empty() ? ListingMethod::kNone : ListingMethod::kSitemap;
  if (result_.stop == ListingStop::kPageCap || result_.stop == ListingStop::kStopped) return;
  if (!any_parsed) {
    Stop(ListingStop::kFetchFailed,
         "no sitemap could be read" + (last_problem.empty() ? "" : ": " + last_problem));
    return;
  }
  if (result_.posts.empty()) {
    Stop(ListingStop::kEmptyPage, "the sitemaps list no page under " +
                                      (author_path.empty() ? origin : origin + author_path));
    return;
  }
  Stop(ListingStop::kEnd, "read " + std::to_string(sitemaps_read) + " sitemaps" +
                              (author_path.empty() ? "" : ", kept the pages under " + author_path));
  result_.notes.push_back("a sitemap does not say who wrote a page");
}

}  // namespace

Result<ListingResult> ListAuthorPosts(const std::string& author_url, const PageSource& source,
                                      const ListingOptions& options) {
  std::optional<std::string> normal =
      IsHttpUrl(author_url) ? NormalizeUrl(author_url) : std::nullopt;
  if (!normal) {
    return Status::InvalidArgument("'" + author_url + "' is not an absolute http(s) URL");
  }
  Walk walk(std::move(*normal), source, options);
  return walk.Run();
}

PageSource FetchOnIo(crawler::Fetcher& fetcher, asio::io_context& io) {
  return [&fetcher, &io](const crawler::FetchRequest& request) {
    // Shared with the callback: a fetcher stopped mid-request may still call it later, from a
    // later run of `io`, after this function has returned.
    auto result = std::make_shared<std::optional<FetchedPage>>();
    fetcher.Fetch(request, [result](FetchedPage page) { *result = std::move(page); });
    io.restart();
    while (!result->has_value()) {
      if (io.run_one() == 0) break;  // nothing left to run: the fetcher was stopped
    }
    if (!result->has_value()) {
      FetchedPage aborted;
      aborted.url = request.url;
      aborted.outcome = FetchOutcome::kAborted;
      aborted.error = "the fetcher stopped";
      return aborted;
    }
    return std::move(**result);
  };
}

}  // namespace strata::jobs
