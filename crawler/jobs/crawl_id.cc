#include "crawler/jobs/crawl_id.h"

#include <openssl/evp.h>

#include <algorithm>
#include <memory>

namespace strata::jobs {
namespace {

std::string_view DomainName(config::ScopeOptions::Domain domain) {
  switch (domain) {
    case config::ScopeOptions::Domain::kHost:
      return "host";
    case config::ScopeOptions::Domain::kSite:
      return "site";
    case config::ScopeOptions::Domain::kAny:
      return "any";
  }
  return "?";
}

// Appends `text` length-prefixed, so that no two different lists encode alike.
void Field(std::string_view text, std::string* out) {
  *out += std::to_string(text.size());
  *out += ':';
  *out += text;
}

std::string Sha256Prefix(std::string_view bytes, size_t hex_digits) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), bytes.data(), bytes.size()) != 1 ||
      EVP_DigestFinal_ex(ctx.get(), digest, &size) != 1) {
    // Only out of memory gets here; a fixed id still names the crawl, it just cannot tell
    // crawls apart.
    return std::string(hex_digits, '0');
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < size && out.size() < hex_digits; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

}  // namespace

std::string DeriveCrawlId(const std::vector<std::string>& normalized_seeds, bool follow,
                          const config::ScopeOptions& scope) {
  std::vector<std::string> seeds = normalized_seeds;
  std::sort(seeds.begin(), seeds.end());
  seeds.erase(std::unique(seeds.begin(), seeds.end()), seeds.end());
  std::string canonical = "strata-crawl-1\n";
  canonical += "seeds=";
  for (const std::string& seed : seeds) Field(seed, &canonical);
  canonical += "\nfollow=";
  canonical += follow ? '1' : '0';
  if (follow) {
    // Without following, the scope decides nothing: it must not split a crawl.
    canonical += "\ndomain=";
    canonical += DomainName(scope.domain);
    canonical += "\nallow=";
    for (const std::string& p : scope.allow) Field(p, &canonical);
    canonical += "\ndeny=";
    for (const std::string& p : scope.deny) Field(p, &canonical);
    canonical += "\nskip_binary=";
    canonical += scope.skip_binary ? '1' : '0';
    canonical += "\nmax_depth=" + std::to_string(scope.max_depth);
    canonical += "\nmax_pages=" + std::to_string(scope.max_pages);
  } else {
    canonical += "\nmax_pages=" + std::to_string(scope.max_pages);
  }
  return Sha256Prefix(canonical, 16);
}

std::string DescribeCrawl(const std::vector<std::string>& normalized_seeds, bool follow,
                          const config::ScopeOptions& scope) {
  std::string out =
      std::to_string(normalized_seeds.size()) + (normalized_seeds.size() == 1 ? " seed" : " seeds");
  if (!normalized_seeds.empty()) out += " (first " + normalized_seeds.front() + ")";
  if (follow) {
    out += ", follow, domain ";
    out += DomainName(scope.domain);
    if (scope.max_depth >= 0) out += ", depth " + std::to_string(scope.max_depth);
    if (!scope.allow.empty()) out += ", " + std::to_string(scope.allow.size()) + " allow";
    if (!scope.deny.empty()) out += ", " + std::to_string(scope.deny.size()) + " deny";
  }
  if (scope.max_pages > 0) out += ", max " + std::to_string(scope.max_pages) + " pages";
  return out;
}

}  // namespace strata::jobs
