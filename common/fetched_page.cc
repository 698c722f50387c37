#include "common/fetched_page.h"

#include <strings.h>

namespace strata {

std::string_view FindHeader(const HttpHeaders& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (key.size() == name.size() && strncasecmp(key.data(), name.data(), name.size()) == 0) {
      return value;
    }
  }
  return {};
}

std::string_view OutcomeName(FetchOutcome outcome) {
  switch (outcome) {
    case FetchOutcome::kOk:
      return "ok";
    case FetchOutcome::kNetworkError:
      return "network error";
    case FetchOutcome::kTimeout:
      return "timeout";
    case FetchOutcome::kTooLarge:
      return "too large";
    case FetchOutcome::kTooManyRedirects:
      return "too many redirects";
    case FetchOutcome::kBadUrl:
      return "bad url";
    case FetchOutcome::kDisallowedByRobots:
      return "disallowed by robots.txt";
    case FetchOutcome::kAborted:
      return "aborted";
    case FetchOutcome::kBlocked:
      return "blocked";
  }
  return "unknown";
}

}  // namespace strata
