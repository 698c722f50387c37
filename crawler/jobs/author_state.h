// What `strata author` remembers about an author between runs, in the archive's state store
// (Archive::State(), a KvStore): the posts its listing named, so that the next run knows which
// ones disappeared, and a summary of the last run (for `strata status` and the watch loop).
//
// Keys (in State(); the author id is 16 hex digits of SHA-256 over the normalised author URL):
//   author/m/<id>          the last run: author URL, time, method, found, stated total, verdict
//   author/p/<id>/<url>    one known post: listed / unlisted / gone, the listing's modified
//                          time and title, when it was first and last listed
// Values are small JSON objects (readable with any LevelDB tool; a few per post).
//
// Thread-safety: plain values and functions over a KvStore (which allows concurrent calls).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "common/kv_store.h"
#include "common/result.h"

namespace strata::jobs {

// DO NOT CHANGE THE NAMES: they are stored ("listed", "unlisted", "gone").
enum class KnownPostState { kListed, kUnlisted, kGone };
std::string_view KnownPostStateName(KnownPostState state);

struct KnownPost {
  std::string url;
  KnownPostState state = KnownPostState::kListed;
  std::string modified;  // the listing's modified time when it was last archived ("" = none)
  std::string title;     // as listed
  int64_t first_listed_ms = 0;
  int64_t last_listed_ms = 0;
};

struct AuthorRunSummary {
  std::string author_url;
  int64_t last_run_ms = 0;
  int64_t runs = 0;
  std::string method;        // ListingMethodName
  std::string stop;          // ListingStopName
  std::string completeness;  // CompletenessName
  int64_t found = 0;
  std::optional<int64_t> stated_total;
  int64_t failed = 0;
};

// 16 lowercase hex digits naming the author's state.
std::string AuthorId(std::string_view normalized_author_url);

// The known posts of the author, by URL (empty for an author never run). Corruption naming the
// key when a stored value does not decode.
Result<std::map<std::string, KnownPost>> LoadKnownPosts(const KvStore& store,
                                                        std::string_view author_id);
// The last run's summary, or nullopt when there was none.
Result<std::optional<AuthorRunSummary>> LoadAuthorSummary(const KvStore& store,
                                                          std::string_view author_id);

// Writes (into `batch`) a known post / the summary.
void PutKnownPost(std::string_view author_id, const KnownPost& post, KvBatch* batch);
void PutAuthorSummary(std::string_view author_id, const AuthorRunSummary& summary, KvBatch* batch);

// Every author with a stored summary, in id order; stops when `visit` returns false.
Status ForEachAuthor(
    const KvStore& store,
    const std::function<bool(std::string_view author_id, const AuthorRunSummary& summary)>& visit);

}  // namespace strata::jobs
