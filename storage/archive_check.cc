#include "storage/archive_check.h"

#include <leveldb/iterator.h>

#include <algorithm>
#include <charconv>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/blob.h"
#include "storage/content.h"
#include "storage/derived_data.h"
#include "storage/keys.h"
#include "storage/leveldb_archive.h"
#include "storage/records.h"
#include "storage/sha256.h"

namespace strata::storage {
namespace {

std::string_view View(const leveldb::Slice& slice) { return {slice.data(), slice.size()}; }

std::string Num(int64_t n) { return std::to_string(n); }

class Checker {
 public:
  Checker(leveldb::DB& db, const BlobSegments& segments) : db_(db), segments_(segments) {
    snapshot_ = db_.GetSnapshot();
    options_.snapshot = snapshot_;
    options_.verify_checksums = true;
    options_.fill_cache = false;  // a full scan must not evict the hot blocks
  }
  ~Checker() {
    probe_.reset();  // iterators before the snapshot they read
    db_.ReleaseSnapshot(snapshot_);
  }
  Checker(const Checker&) = delete;
  Checker& operator=(const Checker&) = delete;

  Result<CheckReport> Run() {
    std::unique_ptr<leveldb::Iterator> it(db_.NewIterator(options_));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      STRATA_RETURN_IF_ERROR(CheckKey(View(it->key()), View(it->value())));
    }
    STRATA_RETURN_IF_ERROR(FromLevelDb(it->status(), "check: scan the archive"));
    return std::move(report_);
  }

 private:
  void Problem(std::string_view key, std::string message, bool repairable = false) {
    if (report_.problems.size() >= kMaxCheckProblems) {
      report_.truncated = true;
      return;
    }
    report_.problems.push_back({DescribeKey(key), std::move(message), repairable});
  }

  // Whether `key` exists in the snapshot, without copying its value out.
  Result<bool> Exists(std::string_view key) {
    if (!probe_) probe_.reset(db_.NewIterator(options_));
    const leveldb::Slice wanted(key.data(), key.size());
    probe_->Seek(wanted);
    if (probe_->Valid()) return probe_->key() == wanted;
    STRATA_RETURN_IF_ERROR(FromLevelDb(probe_->status(), "check: read " + DescribeKey(key)));
    return false;
  }

  // The head of article `id` (nullopt: none, or it does not decode).
  Result<std::optional<ArticleHead>> HeadOf(std::string_view id) {
    std::string value;
    const leveldb::Status s = db_.Get(options_, HeadKey(id), &value);
    if (s.IsNotFound()) return std::optional<ArticleHead>();
    STRATA_RETURN_IF_ERROR(FromLevelDb(s, "check: read " + HeadKey(id)));
    Result<ArticleHead> head = DecodeHead(value);
    if (!head.ok()) return std::optional<ArticleHead>();
    return std::optional<ArticleHead>(std::move(*head));
  }

  Status CheckKey(std::string_view key, std::string_view value) {
    if (key.starts_with(kHeadPrefix)) {
      ++report_.articles;
      return CheckArticle(key, value);
    }
    if (key.starts_with(kVersionPrefix)) {
      ++report_.versions;
      return CheckOwned(key, "version", /*repairable=*/false);
    }
    if (key.starts_with(kObservationPrefix)) {
      ++report_.observations;
      return CheckOwned(key, "observation", /*repairable=*/false);
    }
    if (key.starts_with(kCounterPrefix)) {
      ++report_.counter_samples;
      return CheckOwned(key, "counter sample", /*repairable=*/true);
    }
    if (key.starts_with(kBlobPrefix)) {
      ++report_.blobs;
      CheckBlob(key, value);
      return Status::Ok();
    }
    if (key.starts_with(kIndexPrefix)) {
      ++report_.index_entries;
      return CheckIndexEntry(key);
    }
    if (key == kSchemaKey) {
      int64_t schema = 0;
      const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), schema);
      if (error != std::errc() || end != value.data() + value.size() || schema != kSchemaVersion) {
        Problem(key, "schema '" + std::string(value) + "', expected " + Num(kSchemaVersion));
      }
      return Status::Ok();
    }
    if (key.starts_with(kStatePrefix)) return Status::Ok();  // other modules' state: opaque
    Problem(key, "not a key of this archive's layout (schema " + Num(kSchemaVersion) + ")");
    return Status::Ok();
  }

  // A version, observation or counter sample must belong to an article with a head. Reported
  // once per article and kind.
  Status CheckOwned(std::string_view key, std::string_view what, bool repairable) {
    const std::string_view id = IdFromArticleKey(key);
    if (id.empty()) {
      Problem(key, "malformed " + std::string(what) + " key", repairable);
      return Status::Ok();
    }
    const std::string owner = std::string(key.substr(0, 4)) + std::string(id);
    if (owner == last_owner_) return Status::Ok();
    last_owner_ = owner;
    STRATA_ASSIGN_OR_RETURN(bool has_head, Exists(HeadKey(id)));
    if (!has_head) {
      Problem(key, std::string(what) + "s of article " + std::string(id) + ", which has no head",
              repairable);
    }
    return Status::Ok();
  }

  void CheckBlob(std::string_view key, std::string_view value) {
    const std::string_view hash = key.substr(kBlobPrefix.size());
    if (!IsSha256Hex(hash)) return Problem(key, "malformed blob key");
    Result<RawResponse> raw = ReadBlobValue(value, segments_);
    if (!raw.ok()) return Problem(key, raw.status().message());
    if (Sha256Hex(raw->body) != hash) Problem(key, "the body does not hash to its key");
  }

  Status CheckIndexEntry(std::string_view key) {
    if (key.starts_with(kTimeIndexPrefix)) {
      TimeIndexEntry entry;
      if (!ParseTimeIndexKey(key, &entry)) {
        Problem(key, "malformed time index key", true);
        return Status::Ok();
      }
      std::string value;
      const std::string version_key = VersionKey(entry.id, entry.number);
      const leveldb::Status s = db_.Get(options_, version_key, &value);
      if (s.IsNotFound()) {
        Problem(key, "names " + DescribeKey(version_key) + ", which does not exist", true);
        return Status::Ok();
      }
      STRATA_RETURN_IF_ERROR(FromLevelDb(s, "check: read " + DescribeKey(version_key)));
      Result<Version> version = DecodeVersion(value, VersionDetail::kSummary);
      if (version.ok() && version->fetched_at != entry.at_ms) {
        Problem(key,
                "says " + DescribeKey(version_key) + " was fetched at " + Num(entry.at_ms) +
                    ", the version says " + Num(version->fetched_at),
                true);
      }
      return Status::Ok();
    }
    if (key.starts_with(kSiteIndexPrefix) || key.starts_with(kAuthorIndexPrefix)) {
      const std::string_view id = IdFromNamedIndexKey(key);
      if (id.empty()) {
        Problem(key, "malformed index key", true);
        return Status::Ok();
      }
      STRATA_ASSIGN_OR_RETURN(std::optional<ArticleHead> head, HeadOf(id));
      if (!head) {
        Problem(key, "names article " + std::string(id) + ", which has no (readable) head", true);
        return Status::Ok();
      }
      const std::vector<std::string> expected = HeadIndexKeys(head->site, head->author, id);
      if (std::find(expected.begin(), expected.end(), key) == expected.end()) {
        Problem(key,
                "stale: " + head->url + " now has site '" + head->site + "' and author '" +
                    head->author + "'",
                true);
      }
      return Status::Ok();
    }
    Problem(key, "not an index of this archive's layout", true);
    return Status::Ok();
  }

  Status CheckArticle(std::string_view key, std::string_view value) {
    const std::string_view id = IdFromArticleKey(key);
    if (id.empty()) {
      Problem(key, "malformed head key");
      return Status::Ok();
    }
    Result<ArticleHead> decoded = DecodeHead(value);
    if (!decoded.ok()) {
      Problem(key, decoded.status().message());
      return Status::Ok();
    }
    const ArticleHead& head = *decoded;
    if (ArticleId(head.url) != id) {
      Problem(key, "holds " + head.url + ", whose article id is " + ArticleId(head.url));
    }
    const std::string url = " (" + head.url + ")";
    STRATA_RETURN_IF_ERROR(CheckVersions(key, id, head, url));
    STRATA_RETURN_IF_ERROR(CheckObservations(key, id, head, url));
    for (const std::string& index_key : HeadIndexKeys(head.site, head.author, id)) {
      STRATA_ASSIGN_OR_RETURN(bool present, Exists(index_key));
      if (!present) Problem(index_key, "missing: the index entry of " + head.url, true);
    }
    return Status::Ok();
  }

  Status CheckVersions(std::string_view head_key, std::string_view id, const ArticleHead& head,
                       const std::string& url) {
    struct Seen {
      int64_t number = 0;
      bool gone = false;
      UnixMillis fetched_at = 0;
      std::string content_hash;
    };
    std::optional<Seen> latest;        // version head.latest_version
    std::optional<Seen> with_content;  // the newest version with content up to it
    int64_t expected = 1;
    const std::string prefix = VersionKeyPrefix(id);
    std::unique_ptr<leveldb::Iterator> it(db_.NewIterator(options_));
    for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
      const std::string_view key = View(it->key());
      const int64_t number = VersionNumberFromKey(key);
      if (number < 1) {
        Problem(key, "malformed version key" + url);
        continue;
      }
      if (number > head.latest_version) {
        Problem(key, "beyond the head's latest version " + Num(head.latest_version) + url);
      } else if (number != expected) {
        Problem(VersionKey(id, expected), "missing" + url + " (the next is " + Num(number) + ")");
      }
      expected = number + 1;
      Result<Version> version = DecodeVersion(View(it->value()));
      if (!version.ok()) {
        Problem(key, version.status().message() + url);
        continue;
      }
      if (version->number != number) {
        Problem(key, "holds version " + Num(version->number) + url);
        continue;
      }
      if (!version->gone && ContentHash(version->article) != version->content_hash) {
        Problem(key, "its content does not hash to its content hash" + url);
      }
      if (!version->raw_hash.empty()) {
        STRATA_ASSIGN_OR_RETURN(bool has_blob, Exists(BlobKey(version->raw_hash)));
        if (!has_blob) Problem(key, "its raw response blob/" + version->raw_hash + " is missing");
      }
      const std::string time_key = TimeIndexKey(version->fetched_at, id, number);
      STRATA_ASSIGN_OR_RETURN(bool indexed, Exists(time_key));
      if (!indexed) Problem(time_key, "missing: the time index entry of " + DescribeKey(key), true);
      if (number <= head.latest_version) {
        Seen seen{number, version->gone, version->fetched_at, version->content_hash};
        if (!version->gone) with_content = seen;
        if (number == head.latest_version) latest = std::move(seen);
      }
    }
    STRATA_RETURN_IF_ERROR(FromLevelDb(it->status(), "check: scan " + DescribeKey(prefix)));
    if (expected <= head.latest_version) {
      Problem(head_key, "says version " + Num(head.latest_version) + " exists, found only up to " +
                            Num(expected - 1) + url);
    }
    if (latest) {
      if (head.gone != latest->gone) {
        Problem(head_key, std::string("says the article is ") + (head.gone ? "" : "not ") +
                              "gone, version " + Num(latest->number) + " says otherwise" + url);
      }
      if (head.last_changed != latest->fetched_at) {
        Problem(head_key, "last_changed " + Num(head.last_changed) + " differs from version " +
                              Num(latest->number) + "'s fetch time " + Num(latest->fetched_at) +
                              url);
      }
      const std::string content_hash = with_content ? with_content->content_hash : "";
      if (head.content_hash != content_hash) {
        Problem(head_key,
                "content hash differs from that of its latest version with content" + url);
      }
      const int64_t content_version = with_content ? with_content->number : 0;
      if (head.content_version != content_version) {
        Problem(head_key,
                "content_version " + Num(head.content_version) + ", the versions say " +
                    Num(content_version) + url,
                true);
      }
    }
    if (head.gone && !head.last_body_hash.empty()) {
      Problem(head_key, "the article is gone but keeps a last body hash" + url, true);
    }
    return Status::Ok();
  }

  Status CheckObservations(std::string_view head_key, std::string_view id, const ArticleHead& head,
                           const std::string& url) {
    std::vector<uint64_t> seqs;
    std::vector<std::pair<std::string, Counters>> samples;  // expected counter samples, in order
    std::optional<Observation> last;                        // seq observation_count - 1
    std::optional<std::pair<uint64_t, Counters>> last_content;
    const std::string prefix = ObservationKeyPrefix(id);
    std::unique_ptr<leveldb::Iterator> it(db_.NewIterator(options_));
    for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
      const std::string_view key = View(it->key());
      int64_t at = 0;
      uint64_t seq = 0;
      if (!ParseObservationKey(key, &at, &seq)) {
        Problem(key, "malformed observation key" + url);
        continue;
      }
      seqs.push_back(seq);
      Result<Observation> observation = DecodeObservation(View(it->value()));
      if (!observation.ok()) {
        Problem(key, observation.status().message() + url);
        continue;
      }
      if (observation->at != at) Problem(key, "holds time " + Num(observation->at) + url);
      if (seq >= static_cast<uint64_t>(head.observation_count)) {
        Problem(key, "beyond the head's observation count " + Num(head.observation_count) + url);
      }
      if (observation->version > head.latest_version || observation->version < 0) {
        Problem(key, "names version " + Num(observation->version) + ", the head's latest is " +
                         Num(head.latest_version) + url);
      }
      if (!observation->counters.empty()) {
        samples.emplace_back(CounterKey(id, at, seq), observation->counters);
      }
      if (SawContent(observation->kind) && (!last_content || seq >= last_content->first)) {
        last_content.emplace(seq, observation->counters);
      }
      if (seq + 1 == static_cast<uint64_t>(head.observation_count)) last = *observation;
    }
    STRATA_RETURN_IF_ERROR(FromLevelDb(it->status(), "check: scan " + DescribeKey(prefix)));

    std::sort(seqs.begin(), seqs.end());
    if (std::adjacent_find(seqs.begin(), seqs.end()) != seqs.end()) {
      Problem(head_key, "two observations share a sequence number" + url);
    }
    if (static_cast<int64_t>(seqs.size()) != head.observation_count) {
      Problem(head_key, "counts " + Num(head.observation_count) + " observations, found " +
                            Num(static_cast<int64_t>(seqs.size())) + url);
    }
    if (last) {
      if (last->at != head.last_fetched || last->version != head.latest_version ||
          last->http_status != head.last_status) {
        Problem(head_key, "disagrees with its last observation (fetched " + Num(head.last_fetched) +
                              " vs " + Num(last->at) + ", version " + Num(head.latest_version) +
                              " vs " + Num(last->version) + ", HTTP " + Num(head.last_status) +
                              " vs " + Num(last->http_status) + ")" + url);
      }
    }
    const Counters expected_counters = last_content ? last_content->second : Counters{};
    if (head.last_counters != expected_counters) {
      Problem(head_key, "last_counters differ from those of the last fetch with content" + url,
              true);
    }
    return CheckCounterSamples(id, samples, url);
  }

  // The counter samples of an article must be exactly those of its observations with counters.
  Status CheckCounterSamples(std::string_view id,
                             const std::vector<std::pair<std::string, Counters>>& expected,
                             const std::string& url) {
    const std::string prefix = CounterKeyPrefix(id);
    std::unique_ptr<leveldb::Iterator> it(db_.NewIterator(options_));
    auto want = expected.begin();
    it->Seek(prefix);
    while (true) {
      const bool have_stored = it->Valid() && it->key().starts_with(prefix);
      if (!have_stored && want == expected.end()) break;
      const std::string_view stored = have_stored ? View(it->key()) : std::string_view();
      if (want != expected.end() && (!have_stored || want->first < stored)) {
        Problem(want->first, "missing: the counter sample of an observation" + url, true);
        ++want;
        continue;
      }
      if (want == expected.end() || stored < want->first) {
        Problem(stored, "no observation with counters has this time and sequence" + url, true);
        it->Next();
        continue;
      }
      Result<Counters> counters = DecodeCounterSample(View(it->value()));
      if (!counters.ok()) {
        Problem(stored, counters.status().message() + url, true);
      } else if (*counters != want->second) {
        Problem(stored, "differs from the counters of its observation" + url, true);
      }
      ++want;
      it->Next();
    }
    return FromLevelDb(it->status(), "check: scan " + DescribeKey(prefix));
  }

  leveldb::DB& db_;
  const BlobSegments& segments_;
  const leveldb::Snapshot* snapshot_ = nullptr;
  leveldb::ReadOptions options_;
  std::unique_ptr<leveldb::Iterator> probe_;  // for Exists()
  std::string last_owner_;                    // "ver/<id>" last checked by CheckOwned
  CheckReport report_;
};

}  // namespace

Result<CheckReport> CheckArchive(leveldb::DB& db, const BlobSegments& segments) {
  Checker checker(db, segments);
  return checker.Run();
}

}  // namespace strata::storage
