// The identity of a crawl: what makes two runs of `strata crawl` "the same crawl", so that the
// second resumes the first (crawler/frontier.h keeps the state under this id).
//
// Two runs are the same crawl when they have the same seeds (normalised, order and duplicates
// ignored), both follow links or both do not, and (when following) the same scope: domain rule,
// allow and deny patterns, skip_binary, max_depth and max_pages. Everything else (politeness,
// concurrency, timeouts, the config file's path) may change between runs without starting a
// new crawl. `strata crawl --crawl-id NAME` names a crawl explicitly instead.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include "config/config.h"

namespace strata::jobs {

// 16 lowercase hex digits: the first 64 bits of SHA-256 over a canonical description of the
// crawl (DescribeCrawl). `normalized_seeds` are normalised URLs.
std::string DeriveCrawlId(const std::vector<std::string>& normalized_seeds, bool follow,
                          const config::ScopeOptions& scope);

// A one-line description for people ("12 seeds (first https://...), follow, domain host, depth
// 3"), kept with the crawl's state.
std::string DescribeCrawl(const std::vector<std::string>& normalized_seeds, bool follow,
                          const config::ScopeOptions& scope);

}  // namespace strata::jobs
