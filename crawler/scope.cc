#include "crawler/scope.h"

#include <re2/re2.h>

#include <algorithm>
#include <array>

namespace strata::crawler {

struct Scope::Patterns {
  std::vector<std::unique_ptr<re2::RE2>> allow;
  std::vector<std::unique_ptr<re2::RE2>> deny;
};

namespace {

// Second-level labels under which a country TLD sells names (example.co.uk, example.com.cn).
constexpr std::array<std::string_view, 16> kGenericSecondLevel = {
    "ac",  "co",  "com", "edu", "gen", "go", "gob", "gov",
    "ltd", "mil", "ne",  "net", "nic", "or", "org", "sch"};

// Suffixes under which each subdomain belongs to a different owner (a blog per subdomain).
constexpr std::array<std::string_view, 12> kSharedHostingSuffixes = {
    "blogspot.com", "github.io",  "gitlab.io",  "herokuapp.com", "netlify.app",  "pages.dev",
    "substack.com", "tumblr.com", "vercel.app", "wordpress.com", "hashnode.dev", "livejournal.com"};

// Extensions of files that are never an article page.
// Sorted: looked up with binary_search.
constexpr std::array<std::string_view, 41> kBinaryExtensions = {
    "7z",  "apk",  "avi", "bmp",  "bz2",  "css",  "deb",   "dmg", "doc", "docx", "eot",
    "exe", "flac", "gif", "gz",   "ico",  "iso",  "jpeg",  "jpg", "js",  "m4a",  "mkv",
    "mov", "mp3",  "mp4", "ogg",  "otf",  "pdf",  "png",   "ppt", "rar", "svg",  "tar",
    "tgz", "ttf",  "wav", "webm", "webp", "woff", "woff2", "zip"};
static_assert(std::is_sorted(kBinaryExtensions.begin(), kBinaryExtensions.end()));

bool IsIpAddress(std::string_view host) {
  if (host.find(':') != std::string_view::npos) return true;  // IPv6
  return !host.empty() && host.find_first_not_of("0123456789.") == std::string_view::npos;
}

// The path of a normalised URL, without query or fragment.
std::string_view PathOf(std::string_view url) {
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return {};
  size_t path_start = url.find('/', scheme_end + 3);
  if (path_start == std::string_view::npos) return {};
  std::string_view path = url.substr(path_start);
  return path.substr(0, path.find_first_of("?#"));
}

bool HasBinaryExtension(std::string_view url) {
  std::string_view path = PathOf(url);
  const size_t slash = path.rfind('/');
  std::string_view last = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const size_t dot = last.rfind('.');
  if (dot == std::string_view::npos || dot + 1 >= last.size() || last.size() - dot > 6) {
    return false;
  }
  char lower[6];  // no allocation: this runs for every link of every page
  const std::string_view ext = last.substr(dot + 1);
  for (size_t i = 0; i < ext.size(); ++i) {
    lower[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(ext[i])));
  }
  return std::binary_search(kBinaryExtensions.begin(), kBinaryExtensions.end(),
                            std::string_view(lower, ext.size()));
}

Status Compile(const std::vector<std::string>& patterns, std::string_view key,
               std::vector<std::unique_ptr<re2::RE2>>* out) {
  for (const std::string& pattern : patterns) {
    re2::RE2::Options options;
    options.set_log_errors(false);
    auto re = std::make_unique<re2::RE2>(pattern, options);
    if (!re->ok()) {
      return Status::InvalidArgument("scope." + std::string(key) + ": bad pattern \"" + pattern +
                                     "\": " + re->error());
    }
    out->push_back(std::move(re));
  }
  return Status::Ok();
}

bool AnyMatches(const std::vector<std::unique_ptr<re2::RE2>>& patterns, std::string_view url) {
  for (const auto& re : patterns) {
    if (re2::RE2::PartialMatch(re2::StringPiece(url.data(), url.size()), *re)) return true;
  }
  return false;
}

}  // namespace

std::string_view ScopeVerdictName(ScopeVerdict verdict) {
  switch (verdict) {
    case ScopeVerdict::kIn:
      return "in scope";
    case ScopeVerdict::kOtherHost:
      return "other host";
    case ScopeVerdict::kOtherSite:
      return "other site";
    case ScopeVerdict::kBinary:
      return "binary file";
    case ScopeVerdict::kDenied:
      return "denied";
    case ScopeVerdict::kNotAllowed:
      return "not allowed";
    case ScopeVerdict::kTooDeep:
      return "too deep";
    case ScopeVerdict::kBadUrl:
      return "bad URL";
  }
  return "?";
}

std::string RegistrableDomain(std::string_view host) {
  if (host.empty() || IsIpAddress(host)) return std::string(host);
  while (!host.empty() && host.back() == '.') host.remove_suffix(1);  // "example.com."
  std::vector<std::string_view> labels;
  for (size_t start = 0; start <= host.size();) {
    size_t dot = host.find('.', start);
    if (dot == std::string_view::npos) dot = host.size();
    labels.push_back(host.substr(start, dot - start));
    start = dot + 1;
  }
  const size_t n = labels.size();
  if (n <= 2) return std::string(host);
  auto last = [&](size_t k) {  // the last k labels, joined
    const char* begin = labels[n - k].data();
    return std::string(begin, static_cast<size_t>(host.data() + host.size() - begin));
  };
  size_t keep = 2;
  const std::string two = last(2);
  if (std::find(kSharedHostingSuffixes.begin(), kSharedHostingSuffixes.end(), two) !=
      kSharedHostingSuffixes.end()) {
    keep = 3;
  } else if (labels[n - 1].size() == 2 &&
             std::find(kGenericSecondLevel.begin(), kGenericSecondLevel.end(), labels[n - 2]) !=
                 kGenericSecondLevel.end()) {
    keep = 3;
  }
  return last(keep);
}

std::string_view HostOfNormalizedUrl(std::string_view url) {
  const size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return {};
  std::string_view rest = url.substr(scheme_end + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (const size_t at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
  if (!rest.empty() && rest.front() == '[') {
    const size_t close = rest.find(']');
    return close == std::string_view::npos ? std::string_view() : rest.substr(1, close - 1);
  }
  return rest.substr(0, rest.find(':'));
}

Result<Scope> Scope::Create(const config::ScopeOptions& options,
                            const std::vector<std::string>& seed_urls) {
  Scope scope;
  scope.domain_ = options.domain;
  scope.skip_binary_ = options.skip_binary;
  scope.max_depth_ = options.max_depth;
  auto patterns = std::make_shared<Patterns>();
  STRATA_RETURN_IF_ERROR(Compile(options.allow, "allow", &patterns->allow));
  STRATA_RETURN_IF_ERROR(Compile(options.deny, "deny", &patterns->deny));
  scope.patterns_ = std::move(patterns);
  for (const std::string& seed : seed_urls) {
    std::string host(HostOfNormalizedUrl(seed));
    if (host.empty()) continue;
    scope.sites_.insert(RegistrableDomain(host));
    scope.hosts_.insert(std::move(host));
  }
  return scope;
}

ScopeVerdict Scope::Check(std::string_view url, int depth) const {
  if (TooDeep(depth)) return ScopeVerdict::kTooDeep;
  const std::string_view host = HostOfNormalizedUrl(url);
  if (host.empty()) return ScopeVerdict::kBadUrl;
  switch (domain_) {
    case config::ScopeOptions::Domain::kHost:
      if (!hosts_.contains(host)) return ScopeVerdict::kOtherHost;
      break;
    case config::ScopeOptions::Domain::kSite:
      // Cheap first: a seed host is always in one of the seeds' sites.
      if (!hosts_.contains(host) && !sites_.contains(RegistrableDomain(host))) {
        return ScopeVerdict::kOtherSite;
      }
      break;
    case config::ScopeOptions::Domain::kAny:
      break;
  }
  if (skip_binary_ && HasBinaryExtension(url)) return ScopeVerdict::kBinary;
  if (AnyMatches(patterns_->deny, url)) return ScopeVerdict::kDenied;
  if (!patterns_->allow.empty() && !AnyMatches(patterns_->allow, url)) {
    return ScopeVerdict::kNotAllowed;
  }
  return ScopeVerdict::kIn;
}

}  // namespace strata::crawler
