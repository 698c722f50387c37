// The keys the fetch policies group requests by, derived from a request URL:
// - host:   lower-case host[:port] (the port only when it is not the scheme's default). Politeness
//           (in-flight limit, gap between starts, pauses) is per host: http and https of one
//           site are one server to be polite to.
// - origin: scheme://host[:port]. robots.txt is per origin (RFC 9309 2.3: the file applies to
//           the scheme, host and port it was fetched from).
// - path:   path and query as sent ("/" when the path is empty): what robots.txt rules match.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace strata::crawler {

struct HostKeys {
  std::string host;
  std::string origin;
  std::string path;
};

// nullopt when `url` is not an absolute http(s) URL with a host (the fetcher rejects those
// without any network).
std::optional<HostKeys> HostKeysOf(std::string_view url);

}  // namespace strata::crawler
