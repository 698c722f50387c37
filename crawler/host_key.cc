#include "crawler/host_key.h"

#include "common/url.h"

namespace strata::crawler {

std::optional<HostKeys> HostKeysOf(std::string_view url) {
  std::optional<UrlParts> parts = ParseUrl(url);
  if (!parts || parts->host.empty() || (parts->scheme != "http" && parts->scheme != "https")) {
    return std::nullopt;
  }
  HostKeys keys;
  const bool ipv6 = parts->host.find(':') != std::string::npos;
  keys.host = ipv6 ? "[" + parts->host + "]" : parts->host;
  const int default_port = parts->scheme == "https" ? 443 : 80;
  if (parts->port != 0 && parts->port != default_port) {
    keys.host += ':';
    keys.host += std::to_string(parts->port);
  }
  keys.origin = parts->scheme + "://" + keys.host;
  keys.path = parts->path.empty() ? "/" : parts->path;
  if (!parts->query.empty()) {
    keys.path += '?';
    keys.path += parts->query;
  }
  return keys;
}

}  // namespace strata::crawler
