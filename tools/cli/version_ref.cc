#include "tools/cli/version_ref.h"

namespace strata::tools {
namespace {

bool AllDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

VersionRef ParseVersionRef(const std::string& arg) {
  VersionRef ref;
  ref.url = arg;
  const size_t at = arg.rfind('@');
  if (at == std::string::npos || at == 0) return ref;
  const std::string suffix = arg.substr(at + 1);
  if (AllDigits(suffix) && suffix.size() <= 12) {
    ref.number = std::stoll(suffix);
    if (ref.number == 0) return ref;  // "@0" is no version: part of the URL
  } else if (std::optional<UnixMillis> time = ParseTimeArg(suffix, /*end_of_day=*/true)) {
    ref.at = *time;
  } else {
    return ref;
  }
  ref.url = arg.substr(0, at);
  ref.suffix = suffix;
  return ref;
}

Result<storage::Version> ResolveVersion(const storage::Archive& archive, const std::string& key,
                                        const VersionRef& ref) {
  if (ref.at) return archive.VersionAt(key, *ref.at);
  if (ref.number > 0) return archive.GetVersion(key, ref.number);
  STRATA_ASSIGN_OR_RETURN(storage::ArticleHead head, archive.Head(key));
  if (head.latest_version == 0) {
    return Status::NotFound(key + ": no version archived (only failed fetches)");
  }
  return archive.GetVersion(key, head.latest_version);
}

}  // namespace strata::tools
