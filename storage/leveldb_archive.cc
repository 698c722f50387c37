#include "storage/leveldb_archive.h"

#include <leveldb/iterator.h>
#include <leveldb/write_batch.h>

#include <algorithm>
#include <utility>

#include "common/url.h"
#include "storage/archive_check.h"
#include "storage/blob.h"
#include "storage/derived_data.h"
#include "storage/keys.h"
#include "storage/records.h"
#include "storage/sha256.h"

namespace strata::storage {
namespace {

std::string_view View(const leveldb::Slice& slice) { return {slice.data(), slice.size()}; }

leveldb::ReadOptions Checked() {
  leveldb::ReadOptions options;
  options.verify_checksums = true;  // a damaged block is reported, not returned as data
  return options;
}

}  // namespace

Status FromLevelDb(const leveldb::Status& status, std::string_view context) {
  if (status.ok()) return Status::Ok();
  const std::string message = std::string(context) + ": " + status.ToString();
  if (status.IsNotFound()) return Status::NotFound(message);
  if (status.IsCorruption()) return Status::Corruption(message);
  if (status.IsIOError()) return Status::IOError(message);
  return Status::InvalidArgument(message);
}

LevelDbArchive::LevelDbArchive(std::string dir, const ArchiveOptions& options,
                               std::unique_ptr<const leveldb::FilterPolicy> filter_policy,
                               std::unique_ptr<leveldb::Cache> block_cache,
                               std::unique_ptr<leveldb::DB> db,
                               std::unique_ptr<BlobSegments> segments)
    : dir_(std::move(dir)),
      keep_raw_(options.keep_raw),
      zstd_level_(options.zstd_level),
      filter_policy_(std::move(filter_policy)),
      block_cache_(std::move(block_cache)),
      db_(std::move(db)),
      segments_(std::move(segments)) {}

LevelDbArchive::~LevelDbArchive() { FlushMemTableAtClose(); }

void LevelDbArchive::FlushMemTableAtClose() {
  // Below this, replaying the log costs the next Open about nothing.
  constexpr uint64_t kWorthFlushingBytes = 1 << 20;
  std::string usage;
  if (!db_->GetProperty("leveldb.approximate-memory-usage", &usage)) return;
  // The property counts the block cache too; what is left is the memtables.
  const uint64_t total = std::strtoull(usage.c_str(), nullptr, 10);
  if (total <= block_cache_->TotalCharge() + kWorthFlushingBytes) return;
  // CompactRange writes the memtable out first, then compacts the files that overlap the range;
  // every key sorts below "\xff" (keys.h), so none do. Errors are LevelDB's own to recover
  // from: the log still holds everything until the table is written.
  const leveldb::Slice past_every_key("\xff", 1);
  db_->CompactRange(&past_every_key, &past_every_key);
}

Result<std::optional<ArticleHead>> LevelDbArchive::ReadHead(const std::string& id,
                                                            const std::string& url) const {
  const std::string key = HeadKey(id);
  std::string value;
  const leveldb::Status s = db_->Get(Checked(), key, &value);
  if (s.IsNotFound()) return std::optional<ArticleHead>();
  if (!s.ok()) return FromLevelDb(s, "read " + DescribeKey(key));
  Result<ArticleHead> head = DecodeHead(value);
  if (!head.ok()) return head.status().WithContext(DescribeKey(key) + " (" + url + ")");
  if (head->url != url) {
    return Status::Corruption(DescribeKey(key) + ": holds " + head->url + ", not " + url +
                              " (article id collision or damaged record)");
  }
  return std::optional<ArticleHead>(std::move(*head));
}

Result<ArticleHead> LevelDbArchive::RequireHead(const std::string& id,
                                                const std::string& url) const {
  STRATA_ASSIGN_OR_RETURN(std::optional<ArticleHead> head, ReadHead(id, url));
  if (!head) return Status::NotFound("no article " + url + " in the archive");
  return std::move(*head);
}

Result<Version> LevelDbArchive::ReadVersion(const std::string& id, const std::string& url,
                                            int64_t number) const {
  const std::string key = VersionKey(id, number);
  std::string value;
  const leveldb::Status s = db_->Get(Checked(), key, &value);
  if (s.IsNotFound()) {
    return Status::NotFound("no version " + std::to_string(number) + " of " + url);
  }
  if (!s.ok()) return FromLevelDb(s, "read " + DescribeKey(key));
  Result<Version> version = DecodeVersion(value);
  if (!version.ok()) return version.status().WithContext(DescribeKey(key) + " (" + url + ")");
  if (version->number != number) {
    return Status::Corruption(DescribeKey(key) + " (" + url + "): holds version " +
                              std::to_string(version->number));
  }
  return version;
}

Status LevelDbArchive::ScanPrefix(std::string_view prefix, const ScanFn& fn) const {
  std::unique_ptr<leveldb::Iterator> it(db_->NewIterator(Checked()));
  const leveldb::Slice start(prefix.data(), prefix.size());
  for (it->Seek(start); it->Valid() && it->key().starts_with(start); it->Next()) {
    STRATA_RETURN_IF_ERROR(fn(View(it->key()), View(it->value())));
  }
  return FromLevelDb(it->status(), "scan " + DescribeKey(prefix));
}

Result<ArticleHead> LevelDbArchive::Head(const std::string& url) const {
  return RequireHead(ArticleId(url), url);
}

Result<HeadSnapshot> LevelDbArchive::SnapshotHead(const std::string& url) const {
  HeadSnapshot snapshot;
  // Counted before the read: a write counted after this load may or may not be seen by it, and
  // HeadWrittenSince then treats the snapshot as stale.
  snapshot.as_of = head_writes_.load(std::memory_order_acquire);
  snapshot.url = url;
  snapshot.id = ArticleId(url);
  STRATA_ASSIGN_OR_RETURN(snapshot.head, ReadHead(snapshot.id, url));
  return snapshot;
}

bool LevelDbArchive::HeadWrittenSince(const std::string& id, uint64_t as_of) const {
  const size_t slot = std::hash<std::string>()(id) % kHeadWriteSlots;
  return every_head_written_.load(std::memory_order_acquire) > as_of ||
         head_written_[slot].load(std::memory_order_acquire) > as_of;
}

void LevelDbArchive::NoteHeadsWritten(const BatchState& state) {
  const uint64_t write = head_writes_.load(std::memory_order_relaxed) + 1;
  for (const auto& [id, head] : state.heads) {
    head_written_[std::hash<std::string>()(id) % kHeadWriteSlots].store(write,
                                                                        std::memory_order_release);
  }
  head_writes_.store(write, std::memory_order_release);
}

void LevelDbArchive::NoteEveryHeadWritten() {
  const uint64_t write = head_writes_.load(std::memory_order_relaxed) + 1;
  every_head_written_.store(write, std::memory_order_release);
  head_writes_.store(write, std::memory_order_release);
}

namespace {

// Whether `head` passes every filter of `query`.
bool Matches(const ArticleHead& head, const ListQuery& query) {
  if (!query.site.empty()) {
    const std::string want = ReverseSite(query.site);
    const std::string have = ReverseSite(head.site);
    if (have != want && !(have.starts_with(want) && have[want.size()] == '.')) return false;
  }
  if (!query.author.empty() && FoldAuthor(head.author) != FoldAuthor(query.author)) return false;
  if (query.changed_since > 0 &&
      (head.latest_version == 0 || head.last_changed < query.changed_since)) {
    return false;
  }
  if (query.only_gone && !head.gone) return false;
  if (query.only_failed && head.last_error.empty()) return false;
  return true;
}

}  // namespace

Status LevelDbArchive::ScanHeads(const ListQuery& query,
                                 const std::function<bool(const ArticleHead&)>& visit) const {
  size_t visited = 0;
  bool stop = false;
  // Visits the head of article `id` if it matches; `via` is the index key that named it.
  const auto offer = [&](std::string_view id, std::string_view via) -> Status {
    const std::string key = HeadKey(id);
    std::string value;
    const leveldb::Status s = db_->Get(Checked(), key, &value);
    if (s.IsNotFound()) {
      return Status::Corruption(DescribeKey(via) + " names article " + std::string(id) +
                                ", which has no head (run `strata check --repair`)");
    }
    if (!s.ok()) return FromLevelDb(s, "read " + DescribeKey(key));
    Result<ArticleHead> head = DecodeHead(value);
    if (!head.ok()) return head.status().WithContext(DescribeKey(key));
    if (!Matches(*head, query)) return Status::Ok();
    ++visited;
    if (!visit(*head) || (query.limit > 0 && visited >= query.limit)) stop = true;
    return Status::Ok();
  };

  std::unique_ptr<leveldb::Iterator> it(db_->NewIterator(Checked()));
  if (!query.author.empty() || !query.site.empty()) {
    // The author index also narrows by site; the site index serves a site alone.
    const bool by_author = !query.author.empty();
    const std::string prefix = by_author ? AuthorIndexScanPrefix(query.author, query.site)
                                         : SiteIndexScanPrefix(query.site);
    const bool with_site = !query.site.empty();
    for (it->Seek(prefix); !stop && it->Valid() && it->key().starts_with(prefix); it->Next()) {
      const std::string_view key = View(it->key());
      if (!SiteMatchesAt(key, prefix.size(), with_site)) continue;
      const std::string_view id = IdFromNamedIndexKey(key);
      if (id.empty()) return Status::Corruption(DescribeKey(key) + ": not an index key");
      STRATA_RETURN_IF_ERROR(offer(id, key));
    }
  } else if (query.changed_since > 0) {
    // Every version since then, newest articles' several versions included: visit each once.
    std::set<std::string> seen;
    const std::string start =
        TimeIndexKey(query.changed_since, "", 0).substr(0, kTimeIndexPrefix.size() + 8);
    const leveldb::Slice time_prefix(kTimeIndexPrefix.data(), kTimeIndexPrefix.size());
    for (it->Seek(start); !stop && it->Valid() && it->key().starts_with(time_prefix); it->Next()) {
      TimeIndexEntry entry;
      if (!ParseTimeIndexKey(View(it->key()), &entry)) {
        return Status::Corruption(DescribeKey(View(it->key())) + ": not a time index key");
      }
      if (!seen.insert(entry.id).second) continue;
      STRATA_RETURN_IF_ERROR(offer(entry.id, View(it->key())));
    }
  } else {
    const leveldb::Slice heads(kHeadPrefix.data(), kHeadPrefix.size());
    for (it->Seek(heads); !stop && it->Valid() && it->key().starts_with(heads); it->Next()) {
      Result<ArticleHead> head = DecodeHead(View(it->value()));
      if (!head.ok()) return head.status().WithContext(DescribeKey(View(it->key())));
      if (!Matches(*head, query)) continue;
      ++visited;
      if (!visit(*head) || (query.limit > 0 && visited >= query.limit)) stop = true;
    }
  }
  return FromLevelDb(it->status(), "list the archive " + dir_);
}

Status LevelDbArchive::ScanVersions(const std::string& url, bool summary,
                                    const std::function<bool(Version&&)>& visit) const {
  const std::string id = ArticleId(url);
  STRATA_ASSIGN_OR_RETURN(ArticleHead head, RequireHead(id, url));
  int64_t count = 0;
  bool stopped = false;
  STRATA_RETURN_IF_ERROR(
      ScanPrefix(VersionKeyPrefix(id), [&](std::string_view key, std::string_view value) -> Status {
        if (stopped) return Status::Ok();
        Result<Version> version =
            DecodeVersion(value, summary ? VersionDetail::kSummary : VersionDetail::kFull);
        if (!version.ok()) return version.status().WithContext(DescribeKey(key) + " (" + url + ")");
        if (version->number != VersionNumberFromKey(key) || version->number != count + 1) {
          return Status::Corruption(DescribeKey(key) + " (" + url + "): holds version " +
                                    std::to_string(version->number) + ", expected " +
                                    std::to_string(count + 1));
        }
        ++count;
        if (!visit(std::move(*version))) stopped = true;
        return Status::Ok();
      }));
  // Versions are written with their head in one batch, so fewer than the head promised is
  // damage. More is a Record() that landed between the two reads: versions only ever grow.
  if (!stopped && count < head.latest_version) {
    return Status::Corruption(DescribeKey(HeadKey(id)) + " (" + url + "): says version " +
                              std::to_string(head.latest_version) + " exists, found only " +
                              std::to_string(count));
  }
  return Status::Ok();
}

Result<std::vector<Version>> LevelDbArchive::Versions(const std::string& url) const {
  std::vector<Version> versions;
  STRATA_RETURN_IF_ERROR(ScanVersions(url, /*summary=*/false, [&](Version&& v) {
    versions.push_back(std::move(v));
    return true;
  }));
  return versions;
}

Result<std::vector<Version>> LevelDbArchive::VersionSummaries(const std::string& url) const {
  std::vector<Version> versions;
  STRATA_RETURN_IF_ERROR(ScanVersions(url, /*summary=*/true, [&](Version&& v) {
    versions.push_back(std::move(v));
    return true;
  }));
  return versions;
}

Status LevelDbArchive::ForEachVersion(const std::string& url,
                                      const std::function<bool(const Version&)>& visit) const {
  return ScanVersions(url, /*summary=*/false, [&](Version&& v) { return visit(v); });
}

Result<Version> LevelDbArchive::VersionAt(const std::string& url, UnixMillis at) const {
  const std::string id = ArticleId(url);
  STRATA_ASSIGN_OR_RETURN(ArticleHead head, RequireHead(id, url));
  if (head.latest_version == 0) {
    return Status::NotFound(url + " has no version (only failed fetches)");
  }
  // Newest first: the version current at `at` is usually one of the last few.
  const std::string prefix = VersionKeyPrefix(id);
  std::unique_ptr<leveldb::Iterator> it(db_->NewIterator(Checked()));
  it->Seek(VersionKey(id, head.latest_version));
  UnixMillis first = 0;
  for (; it->Valid() && it->key().starts_with(prefix); it->Prev()) {
    const std::string_view key = View(it->key());
    Result<Version> summary = DecodeVersion(View(it->value()), VersionDetail::kSummary);
    if (!summary.ok()) return summary.status().WithContext(DescribeKey(key) + " (" + url + ")");
    first = summary->fetched_at;
    if (summary->fetched_at <= at) {
      Result<Version> version = DecodeVersion(View(it->value()));
      if (!version.ok()) return version.status().WithContext(DescribeKey(key) + " (" + url + ")");
      return version;
    }
  }
  STRATA_RETURN_IF_ERROR(FromLevelDb(it->status(), "read the versions of " + url));
  return Status::NotFound(url + " had no version yet at " + FormatIsoUtc(at) +
                          (first > 0 ? " (the first is of " + FormatIsoUtc(first) + ")" : ""));
}

Result<Version> LevelDbArchive::GetVersion(const std::string& url, int64_t number) const {
  const std::string id = ArticleId(url);
  if (number < 1) {
    return Status::InvalidArgument("version numbers start at 1, not " + std::to_string(number));
  }
  Result<Version> version = ReadVersion(id, url, number);
  if (version.ok() || !version.status().IsNotFound()) return version;
  // Say which part was missing: the article, or only this version of it.
  STRATA_ASSIGN_OR_RETURN(ArticleHead head, RequireHead(id, url));
  return Status::NotFound("no version " + std::to_string(number) + " of " + url + " (latest is " +
                          std::to_string(head.latest_version) + ")");
}

Result<std::vector<Observation>> LevelDbArchive::Observations(const std::string& url) const {
  const std::string id = ArticleId(url);
  STRATA_RETURN_IF_ERROR(RequireHead(id, url).status());
  std::vector<Observation> observations;
  STRATA_RETURN_IF_ERROR(ScanPrefix(
      ObservationKeyPrefix(id), [&](std::string_view key, std::string_view value) -> Status {
        Result<Observation> observation = DecodeObservation(value);
        if (!observation.ok()) {
          return observation.status().WithContext(DescribeKey(key) + " (" + url + ")");
        }
        observations.push_back(std::move(*observation));
        return Status::Ok();
      }));
  return observations;
}

Result<std::vector<CounterSample>> LevelDbArchive::CounterSeries(const std::string& url,
                                                                 UnixMillis since,
                                                                 UnixMillis until) const {
  const std::string id = ArticleId(url);
  STRATA_RETURN_IF_ERROR(RequireHead(id, url).status());
  std::vector<CounterSample> series;
  const std::string prefix = CounterKeyPrefix(id);
  std::unique_ptr<leveldb::Iterator> it(db_->NewIterator(Checked()));
  for (it->Seek(CounterKey(id, std::max<UnixMillis>(since, 0), 0));
       it->Valid() && it->key().starts_with(prefix); it->Next()) {
    const std::string_view key = View(it->key());
    CounterSample sample;
    uint64_t seq = 0;
    if (!ParseObservationKey(key, &sample.at, &seq)) {
      return Status::Corruption(DescribeKey(key) + " (" + url + "): not a counter key");
    }
    if (sample.at > until) break;
    Result<Counters> counters = DecodeCounterSample(View(it->value()));
    if (!counters.ok()) return counters.status().WithContext(DescribeKey(key) + " (" + url + ")");
    sample.counters = *counters;
    series.push_back(std::move(sample));
  }
  STRATA_RETURN_IF_ERROR(FromLevelDb(it->status(), "read the counters of " + url));
  return series;
}

Result<bool> LevelDbArchive::HasBlob(const std::string& raw_hash) const {
  // An iterator finds the key without copying the (large) value out, as Get would.
  const std::string key = BlobKey(raw_hash);
  std::unique_ptr<leveldb::Iterator> it(db_->NewIterator(leveldb::ReadOptions()));
  it->Seek(key);
  if (it->Valid()) return it->key() == leveldb::Slice(key);
  STRATA_RETURN_IF_ERROR(FromLevelDb(it->status(), "read " + DescribeKey(key)));
  return false;
}

Result<RawResponse> LevelDbArchive::GetRaw(const std::string& raw_hash) const {
  if (!IsSha256Hex(raw_hash)) {
    return Status::InvalidArgument("not a raw hash (64 lowercase hex digits): " + raw_hash);
  }
  const std::string key = BlobKey(raw_hash);
  std::string value;
  const leveldb::Status s = db_->Get(Checked(), key, &value);
  if (s.IsNotFound()) return Status::NotFound("no raw response " + raw_hash + " in the archive");
  if (!s.ok()) return FromLevelDb(s, "read " + DescribeKey(key));
  Result<RawResponse> raw = ReadBlobValue(value, *segments_);
  if (!raw.ok()) return raw.status().WithContext(DescribeKey(key));
  if (Sha256Hex(raw->body) != raw_hash) {
    return Status::Corruption(DescribeKey(key) + ": the body does not hash to its key");
  }
  return raw;
}

Result<std::string> LevelDbArchive::RawBody(const std::string& raw_hash) const {
  STRATA_ASSIGN_OR_RETURN(RawResponse raw, GetRaw(raw_hash));
  return std::move(raw.body);
}

Result<ArchiveStats> LevelDbArchive::Stats() const {
  ArchiveStats stats;
  STRATA_RETURN_IF_ERROR(ScanPrefix("", [&stats](std::string_view key, std::string_view value) {
    const auto bytes = static_cast<int64_t>(key.size() + value.size());
    if (key.starts_with(kHeadPrefix)) {
      ++stats.articles;
      stats.head_bytes += bytes;
    } else if (key.starts_with(kVersionPrefix)) {
      ++stats.versions;
      stats.version_bytes += bytes;
    } else if (key.starts_with(kObservationPrefix)) {
      ++stats.observations;
      stats.observation_bytes += bytes;
    } else if (key.starts_with(kCounterPrefix)) {
      ++stats.counter_samples;
      stats.counter_bytes += bytes;
    } else if (key.starts_with(kBlobPrefix)) {
      ++stats.blobs;
      stats.blob_bytes += bytes;
      // A reference: the record's bytes are in its segment.
      if (Result<SegmentRef> ref = DecodeBlobRef(value); ref.ok()) {
        stats.blob_bytes += static_cast<int64_t>(ref->length);
      }
    } else if (key.starts_with(kIndexPrefix)) {
      ++stats.index_entries;
      stats.index_bytes += bytes;
    } else if (key.starts_with(kStatePrefix)) {
      ++stats.state_entries;
    }
    return Status::Ok();
  }));
  return stats;
}

Result<CheckReport> LevelDbArchive::Check(const CheckOptions& options) {
  // A repair must not interleave with Record(): it rewrites what Record() maintains.
  std::unique_lock<std::mutex> lock(record_mutex_, std::defer_lock);
  if (options.repair) lock.lock();
  STRATA_ASSIGN_OR_RETURN(CheckReport report, CheckArchive(*db_, *segments_));
  const bool repairable = std::any_of(report.problems.begin(), report.problems.end(),
                                      [](const CheckProblem& p) { return p.repairable; });
  if (options.repair && repairable) {
    const Status rebuilt = RebuildDerived(*db_);
    NoteEveryHeadWritten();  // also after a failure part-way
    STRATA_RETURN_IF_ERROR(rebuilt);
    report.repaired = true;
    STRATA_ASSIGN_OR_RETURN(CheckReport after, CheckArchive(*db_, *segments_));
    report.remaining = std::move(after.problems);
  }
  return report;
}

}  // namespace strata::storage
