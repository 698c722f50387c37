#include "storage/leveldb_archive.h"

#include <leveldb/iterator.h>
#include <leveldb/write_batch.h>

#include <algorithm>
#include <utility>

#include "common/url.h"
#include "storage/blob.h"
#include "storage/content.h"
#include "storage/diff.h"
#include "storage/keys.h"
#include "storage/records.h"
#include "storage/sha256.h"

namespace strata::storage {
namespace {

// How one fetch is recorded.
enum class FetchClass {
  kContent,      // 2xx with an extracted article
  kNotModified,  // 304
  kGone,         // 404, 410
  kFailed,       // anything else
};

// Classifies `page`; for kFailed, sets `*error` to why.
FetchClass Classify(const FetchedPage& page, const Article* article, std::string* error) {
  const std::string detail = page.error.empty() ? "" : ": " + page.error;
  if (!page.ok()) {
    *error = std::string(OutcomeName(page.outcome)) + detail;
    return FetchClass::kFailed;
  }
  const int status = page.http_status;
  if (status == 304) return FetchClass::kNotModified;
  if (status == 404 || status == 410) return FetchClass::kGone;
  if (status >= 200 && status < 300) {
    if (article != nullptr) return FetchClass::kContent;
    *error = "HTTP " + std::to_string(status) + " but no article was extracted" + detail;
    return FetchClass::kFailed;
  }
  *error = "HTTP " + std::to_string(status) + detail;
  return FetchClass::kFailed;
}

// What a version keeps of an extracted article: counters are observations and links can be
// re-extracted from the raw response, so neither is stored with content.
Article StoredContent(const Article& article) {
  Article stored = article;
  stored.counters = {};
  stored.links.clear();
  return stored;
}

std::string_view View(const leveldb::Slice& slice) { return {slice.data(), slice.size()}; }

leveldb::ReadOptions Checked() {
  leveldb::ReadOptions options;
  options.verify_checksums = true;  // a damaged block is reported, not returned as data
  return options;
}

// Record() writes without fsync: LevelDB's log survives a crash of the process, and a batch is
// all-or-nothing even when a power loss drops the last writes, so throughput wins.
leveldb::WriteOptions Unsynced() { return {}; }

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
                               std::unique_ptr<leveldb::DB> db)
    : dir_(std::move(dir)),
      keep_raw_(options.keep_raw),
      filter_policy_(std::move(filter_policy)),
      db_(std::move(db)) {}

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

Status LevelDbArchive::PutBlobIfMissing(const std::string& raw_hash, const FetchedPage& page,
                                        leveldb::WriteBatch* batch) const {
  const std::string key = BlobKey(raw_hash);
  std::string existing;
  const leveldb::Status s = db_->Get(leveldb::ReadOptions(), key, &existing);
  if (s.ok()) return Status::Ok();  // the same bytes are stored once
  if (!s.IsNotFound()) return FromLevelDb(s, "read " + DescribeKey(key));
  RawResponse raw;
  raw.url = page.url;
  raw.final_url = page.final_url;
  raw.http_status = page.http_status;
  raw.fetched_at = page.fetched_at_ms;
  raw.request_headers = page.request_headers;
  raw.response_headers = page.response_headers;
  raw.body = page.body;
  batch->Put(key, EncodeBlob(raw));
  return Status::Ok();
}

Result<RecordResult> LevelDbArchive::Record(const FetchRecord& record) {
  if (record.url.empty()) return Status::InvalidArgument("record: the URL is empty");
  if (record.page == nullptr) {
    return Status::InvalidArgument("record " + record.url + ": no fetched page given");
  }
  const FetchedPage& page = *record.page;
  const UnixMillis at = page.fetched_at_ms;
  if (at < 0) {
    return Status::InvalidArgument("record " + record.url + ": negative fetch time " +
                                   std::to_string(at));
  }
  const std::string id = ArticleId(record.url);
  // Hashing is pure: done before taking the lock, so workers hash in parallel.
  std::string content_hash = record.article != nullptr ? ContentHash(*record.article) : "";
  const std::string raw_hash = keep_raw_ ? Sha256Hex(page.body) : "";

  std::lock_guard<std::mutex> lock(record_mutex_);
  STRATA_ASSIGN_OR_RETURN(std::optional<ArticleHead> existing, ReadHead(id, record.url));
  ArticleHead head;
  if (existing) {
    head = std::move(*existing);
  } else {
    head.url = record.url;
    head.site = UrlHost(record.url);
  }

  Observation observation;
  observation.at = at;
  observation.http_status = page.http_status;
  observation.outcome = page.outcome;
  if (record.article != nullptr) observation.counters = record.article->counters;

  head.last_fetched = at;
  head.last_status = page.http_status;
  head.last_outcome = page.outcome;
  head.last_error.clear();

  leveldb::WriteBatch batch;
  RecordKind kind = RecordKind::kFailed;
  // A new version, when this fetch makes one.
  std::optional<Version> version;

  switch (Classify(page, record.article, &observation.error)) {
    case FetchClass::kContent: {
      const Article& article = *record.article;
      // After a tombstone the article's return is a version even with the old content: the
      // history must show that it was gone and came back.
      if (head.latest_version > 0 && !head.gone && content_hash == head.content_hash) {
        kind = RecordKind::kUnchanged;
      } else {
        kind = head.latest_version == 0 ? RecordKind::kNew : RecordKind::kChanged;
        version.emplace();
        version->article = StoredContent(article);
        version->content_hash = content_hash;
        // Compare with the latest version that has content (tombstones have none).
        for (int64_t n = head.latest_version; n > 0; --n) {
          STRATA_ASSIGN_OR_RETURN(Version previous, ReadVersion(id, record.url, n));
          if (previous.gone) continue;
          version->change.fields = ChangedContentFields(previous.article, article);
          const LineChangeCount lines = CountChangedLines(previous.article.body, article.body);
          version->change.lines_added = lines.added;
          version->change.lines_removed = lines.removed;
          version->change.compared_to = n;
          break;
        }
        head.content_hash = std::move(content_hash);
        head.gone = false;
        if (!article.site.empty()) head.site = article.site;
        head.title = article.title;
        head.author = article.author;
      }
      if (head.first_seen == 0) head.first_seen = at;
      head.last_seen = at;
      head.etag = std::string(FindHeader(page.response_headers, "etag"));
      head.last_modified = std::string(FindHeader(page.response_headers, "last-modified"));
      break;
    }
    case FetchClass::kNotModified:
      kind = RecordKind::kNotModified;
      head.last_seen = at;
      break;
    case FetchClass::kGone:
      kind = RecordKind::kGone;
      // Only something that existed can be tombstoned; a repeated 404 is an observation.
      if (head.latest_version > 0 && !head.gone) {
        version.emplace();
        version->gone = true;
        version->article.url = page.final_url.empty() ? page.url : page.final_url;
      }
      head.gone = true;
      break;
    case FetchClass::kFailed:
      kind = RecordKind::kFailed;
      head.last_error = observation.error;
      break;
  }

  if (version) {
    version->number = head.latest_version + 1;
    version->fetched_at = at;
    version->http_status = page.http_status;
    if (keep_raw_) {
      version->raw_hash = raw_hash;
      STRATA_RETURN_IF_ERROR(PutBlobIfMissing(raw_hash, page, &batch));
    }
    batch.Put(VersionKey(id, version->number), EncodeVersion(*version));
    head.latest_version = version->number;
    head.last_changed = at;
  }

  observation.kind = kind;
  observation.version = head.latest_version;
  batch.Put(ObservationKey(id, at, static_cast<uint64_t>(head.observation_count)),
            EncodeObservation(observation));
  ++head.observation_count;
  batch.Put(HeadKey(id), EncodeHead(head));
  if (record.also != nullptr) StateStore::AddTo(*record.also, &batch);

  const leveldb::Status s = db_->Write(Unsynced(), &batch);
  if (!s.ok()) return FromLevelDb(s, "record " + record.url + " in " + dir_);
  return RecordResult{kind, head.latest_version};
}

Result<ArticleHead> LevelDbArchive::Head(const std::string& url) const {
  return RequireHead(ArticleId(url), url);
}

Result<std::vector<ArticleHead>> LevelDbArchive::List() const {
  std::vector<ArticleHead> heads;
  STRATA_RETURN_IF_ERROR(
      ScanPrefix(kHeadPrefix, [&heads](std::string_view key, std::string_view value) {
        Result<ArticleHead> head = DecodeHead(value);
        if (!head.ok()) return head.status().WithContext(DescribeKey(key));
        heads.push_back(std::move(*head));
        return Status::Ok();
      }));
  std::sort(heads.begin(), heads.end(),
            [](const ArticleHead& a, const ArticleHead& b) { return a.url < b.url; });
  return heads;
}

Result<std::vector<Version>> LevelDbArchive::Versions(const std::string& url) const {
  const std::string id = ArticleId(url);
  STRATA_ASSIGN_OR_RETURN(ArticleHead head, RequireHead(id, url));
  std::vector<Version> versions;
  STRATA_RETURN_IF_ERROR(
      ScanPrefix(VersionKeyPrefix(id), [&](std::string_view key, std::string_view value) -> Status {
        Result<Version> version = DecodeVersion(value);
        if (!version.ok()) return version.status().WithContext(DescribeKey(key) + " (" + url + ")");
        if (version->number != VersionNumberFromKey(key) ||
            version->number != static_cast<int64_t>(versions.size()) + 1) {
          return Status::Corruption(DescribeKey(key) + " (" + url + "): holds version " +
                                    std::to_string(version->number) + ", expected " +
                                    std::to_string(versions.size() + 1));
        }
        versions.push_back(std::move(*version));
        return Status::Ok();
      }));
  // Versions are written with their head in one batch, so fewer than the head promised is
  // damage. More is a Record() that landed between the two reads: versions only ever grow.
  if (static_cast<int64_t>(versions.size()) < head.latest_version) {
    return Status::Corruption(DescribeKey(HeadKey(id)) + " (" + url + "): says version " +
                              std::to_string(head.latest_version) + " exists, found only " +
                              std::to_string(versions.size()));
  }
  return versions;
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

Result<RawResponse> LevelDbArchive::GetRaw(const std::string& raw_hash) const {
  if (!IsSha256Hex(raw_hash)) {
    return Status::InvalidArgument("not a raw hash (64 lowercase hex digits): " + raw_hash);
  }
  const std::string key = BlobKey(raw_hash);
  std::string value;
  const leveldb::Status s = db_->Get(Checked(), key, &value);
  if (s.IsNotFound()) return Status::NotFound("no raw response " + raw_hash + " in the archive");
  if (!s.ok()) return FromLevelDb(s, "read " + DescribeKey(key));
  Result<RawResponse> raw = DecodeBlob(value);
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
    if (key.starts_with(kHeadPrefix)) {
      ++stats.articles;
    } else if (key.starts_with(kVersionPrefix)) {
      ++stats.versions;
    } else if (key.starts_with(kObservationPrefix)) {
      ++stats.observations;
    } else if (key.starts_with(kBlobPrefix)) {
      ++stats.blobs;
      stats.blob_bytes += static_cast<int64_t>(value.size());
    }
    return Status::Ok();
  }));
  return stats;
}

}  // namespace strata::storage
