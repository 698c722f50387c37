#include "storage/diff_versions.h"

#include <charconv>

#include "common/time.h"

namespace strata::storage {

Result<int64_t> ResolveVersionRef(const Archive& archive, const std::string& url,
                                  std::string_view ref) {
  int64_t number = 0;
  const auto [end, error] = std::from_chars(ref.data(), ref.data() + ref.size(), number);
  if (error == std::errc() && end == ref.data() + ref.size() && !ref.empty()) {
    STRATA_ASSIGN_OR_RETURN(const ArticleHead head, archive.Head(url));
    if (number < 1 || number > head.latest_version) {
      return Status::NotFound("no version " + std::string(ref) + " of " + url + " (it has " +
                              std::to_string(head.latest_version) + ")");
    }
    return number;
  }
  // A day means the whole day: what the article said by its end.
  const std::optional<UnixMillis> moment = ParseTimeArg(ref, /*end_of_day=*/true);
  if (!moment) {
    std::string message = "'";
    message += ref;
    message += "' is neither a version number nor a date (YYYY-MM-DD or ISO 8601 date and time)";
    return Status::InvalidArgument(message);
  }
  Result<Version> version = archive.VersionAt(url, *moment);
  if (!version.ok()) {
    if (version.status().code() == Status::Code::kNotFound) {
      return Status::NotFound(url + " had no version yet at " + FormatIsoUtc(*moment));
    }
    return version.status();
  }
  return version->number;
}

Result<VersionPair> SelectVersionsToDiff(const Archive& archive, const std::string& url,
                                         const std::optional<std::string>& a,
                                         const std::optional<std::string>& b) {
  STRATA_ASSIGN_OR_RETURN(const ArticleHead head, archive.Head(url));
  const int64_t latest = head.latest_version;
  VersionPair pair;
  if (!a) {
    if (latest < 2) {
      return Status::FailedPrecondition(url + " has " + std::to_string(latest) +
                                        " version(s): nothing to compare");
    }
    return VersionPair{latest - 1, latest};
  }
  STRATA_ASSIGN_OR_RETURN(pair.from, ResolveVersionRef(archive, url, *a));
  if (!b) {
    pair.to = latest;
  } else {
    STRATA_ASSIGN_OR_RETURN(pair.to, ResolveVersionRef(archive, url, *b));
  }
  return pair;
}

}  // namespace strata::storage
