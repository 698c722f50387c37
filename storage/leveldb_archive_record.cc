// LevelDbArchive::Record and RecordMany: what one fetch writes (see the stages in
// leveldb_archive.h and the table in docs/ARCHITECTURE.md).
#include <algorithm>
#include <utility>

#include "common/url.h"
#include "storage/blob.h"
#include "storage/content.h"
#include "storage/keys.h"
#include "storage/leveldb_archive.h"
#include "storage/records.h"
#include "storage/version_change.h"

namespace strata::storage {
namespace {

// How one fetch is recorded.
enum class FetchClass {
  kContent,      // 2xx with an extracted article
  kSameBody,     // 2xx, extraction skipped: the caller says the body is the last one archived
  kNotModified,  // 304
  kGone,         // 404, 410
  kFailed,       // anything else
};

// Classifies a fetch; for kFailed, sets `*error` to why.
FetchClass Classify(const FetchRecord& record, std::string* error) {
  const FetchedPage& page = *record.page;
  const std::string detail = page.error.empty() ? "" : ": " + page.error;
  if (!page.ok()) {
    *error = std::string(OutcomeName(page.outcome)) + detail;
    return FetchClass::kFailed;
  }
  const int status = page.http_status;
  if (status == 304) return FetchClass::kNotModified;
  if (status == 404 || status == 410) return FetchClass::kGone;
  if (status >= 200 && status < 300) {
    if (record.article != nullptr) return FetchClass::kContent;
    if (record.body_unchanged) return FetchClass::kSameBody;
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

// The page as a raw response, by reference (`page` must outlive it).
RawResponseView RawOf(const FetchedPage& page) {
  return RawResponseView{page.url,           page.final_url,       page.http_status,
                         page.fetched_at_ms, page.request_headers, page.response_headers,
                         page.body};
}

// Validators of a 200 with content, for the next conditional GET.
void TakeValidators(const FetchedPage& page, ArticleHead* head) {
  head->etag = std::string(FindHeader(page.response_headers, "etag"));
  head->last_modified = std::string(FindHeader(page.response_headers, "last-modified"));
}

// Why a body_unchanged fetch cannot be recorded as such ("" when it can): the head must have
// content, and its last body must be these bytes.
std::string SameBodyMismatch(const ArticleHead& head, const std::string& body_hash) {
  if (head.latest_version == 0) return "no version yet";
  if (head.gone) return "the article is gone";
  if (head.last_body_hash == body_hash) return "";
  return "it hashes to " + body_hash.substr(0, 12) + ", the archive has " +
         (head.last_body_hash.empty() ? std::string("none") : head.last_body_hash.substr(0, 12));
}

// Record() writes without fsync: LevelDB's log survives a crash of the process, and a batch is
// all-or-nothing even when a power loss drops the last writes, so throughput wins.
leveldb::WriteOptions Unsynced() { return {}; }

}  // namespace

Result<PreparedFetch> LevelDbArchive::Prepare(const FetchRecord& record) const {
  if (record.url.empty()) return Status::InvalidArgument("record: the URL is empty");
  if (record.page == nullptr) {
    return Status::InvalidArgument("record " + record.url + ": no fetched page given");
  }
  const UnixMillis at = record.page->fetched_at_ms;
  if (at < 0) {
    return Status::InvalidArgument("record " + record.url + ": negative fetch time " +
                                   std::to_string(at));
  }
  if (record.body_unchanged && record.article != nullptr) {
    return Status::InvalidArgument("record " + record.url +
                                   ": body_unchanged says extraction was skipped, yet an article "
                                   "was given");
  }
  auto prepared = std::make_shared<PreparedState>();
  const HeadSnapshot* known = record.known_head;
  prepared->id = known != nullptr && known->url == record.url ? known->id : ArticleId(record.url);
  if (record.article != nullptr) prepared->content_hash = ContentHash(*record.article);
  std::string ignored;
  const FetchClass fetch_class = Classify(record, &ignored);
  // Only these read the body's hash (a version's raw_hash, the head's last_body_hash, the
  // same-body check); a 304 or a failure has no body worth hashing.
  if (fetch_class == FetchClass::kContent || fetch_class == FetchClass::kSameBody ||
      fetch_class == FetchClass::kGone) {
    prepared->body_hash = BodyHash(record.page->body);
  }
  // Only content and a 404/410 can make a version; the rest have nothing to speculate on (and
  // a re-crawl's 304s are spared a head read that the planning stage does anyway).
  if (fetch_class == FetchClass::kContent || fetch_class == FetchClass::kGone) {
    Speculate(record, prepared.get());
  }
  return PreparedFetch{record, std::move(prepared)};
}

void LevelDbArchive::Speculate(const FetchRecord& record, PreparedState* prepared) const {
  const FetchedPage& page = *record.page;
  // Errors are ignored here: the planning stage reads the same records again and reports them.
  // A head read before the fetch will do: what changed since, the planning stage redoes.
  const HeadSnapshot* known = record.known_head;
  Result<std::optional<ArticleHead>> read = known != nullptr && known->url == record.url
                                                ? Result<std::optional<ArticleHead>>(known->head)
                                                : ReadHead(prepared->id, record.url);
  if (!read.ok()) return;
  const std::optional<ArticleHead>& head = *read;
  std::string ignored;
  const FetchClass fetch_class = Classify(record, &ignored);
  const bool content_version =
      fetch_class == FetchClass::kContent && (!head || head->latest_version == 0 || head->gone ||
                                              head->content_hash != prepared->content_hash);
  const bool tombstone =
      fetch_class == FetchClass::kGone && head && head->latest_version > 0 && !head->gone;
  if (!content_version && !tombstone) return;
  if (keep_raw_) prepared->blob = EncodeBlob(RawOf(page), zstd_level_);
  if (!content_version) return;
  prepared->text = CompressVersionText(*record.article, zstd_level_);  // no counters, no links
  if (!head || head->content_version == 0) return;
  Result<Version> previous = ReadVersion(prepared->id, record.url, head->content_version);
  if (!previous.ok()) return;
  prepared->change = SummarizeChange(previous->article, *record.article, head->content_version);
  prepared->change_base = head->content_version;
}

Result<std::optional<ArticleHead>> LevelDbArchive::CurrentHead(const FetchRecord& record,
                                                               const std::string& id,
                                                               const BatchState& state) const {
  if (auto it = state.heads.find(id); it != state.heads.end()) {
    return std::optional<ArticleHead>(it->second);
  }
  const HeadSnapshot* known = record.known_head;
  if (known != nullptr && known->url == record.url && !HeadWrittenSince(id, known->as_of)) {
    return known->head;
  }
  return ReadHead(id, record.url);
}

Result<RecordResult> LevelDbArchive::Plan(const FetchRecord& record, const PreparedState& prepared,
                                          BatchState* state, leveldb::WriteBatch* batch) const {
  const FetchedPage& page = *record.page;
  const std::string& id = prepared.id;
  const UnixMillis at = page.fetched_at_ms;

  // --- Reads (the only step that can fail; nothing is changed before it completes). ---
  STRATA_ASSIGN_OR_RETURN(const std::optional<ArticleHead> existing,
                          CurrentHead(record, id, *state));
  ArticleHead head;
  if (existing) {
    head = *existing;
  } else {
    head.url = record.url;
    head.site = UrlHost(record.url);
  }

  Observation observation;
  observation.at = at;
  observation.http_status = page.http_status;
  observation.outcome = page.outcome;
  const FetchClass fetch_class = Classify(record, &observation.error);

  if (fetch_class == FetchClass::kSameBody) {
    const std::string mismatch = SameBodyMismatch(head, prepared.body_hash);
    if (!mismatch.empty()) {
      return Status::FailedPrecondition("record " + record.url +
                                        ": body_unchanged, but the body is not the last one "
                                        "archived (" +
                                        mismatch + "): extract it and record again");
    }
  }

  // Does this fetch make a version with content, and what did it change?
  const bool content_changed =
      fetch_class == FetchClass::kContent &&
      (head.latest_version == 0 || head.gone || prepared.content_hash != head.content_hash);
  ChangeSummary change;
  if (content_changed && head.content_version > 0) {
    if (prepared.change && prepared.change_base == head.content_version) {
      change = *prepared.change;  // the speculation held
    } else {
      const std::string base_key = VersionKey(id, head.content_version);
      if (auto it = state->versions.find(base_key); it != state->versions.end()) {
        change = SummarizeChange(it->second.article, *record.article, head.content_version);
      } else {
        STRATA_ASSIGN_OR_RETURN(Version base, ReadVersion(id, record.url, head.content_version));
        change = SummarizeChange(base.article, *record.article, head.content_version);
      }
    }
  }

  // --- Planning: from here on nothing fails, except the blob's append, which comes before
  // the first write to `batch` (RecordPrepared plans every fetch into one batch). ---
  head.last_fetched = at;
  head.last_status = page.http_status;
  head.last_outcome = page.outcome;
  head.last_error.clear();

  RecordKind kind = RecordKind::kFailed;
  std::optional<Version> version;  // a new version, when this fetch makes one
  switch (fetch_class) {
    case FetchClass::kContent: {
      const Article& article = *record.article;
      observation.counters = article.counters;
      if (!content_changed) {
        kind = RecordKind::kUnchanged;
      } else {
        // After a tombstone the article's return is a version even with the old content: the
        // history must show that it was gone and came back.
        kind = head.latest_version == 0 ? RecordKind::kNew : RecordKind::kChanged;
        version.emplace();
        version->article = StoredContent(article);
        version->content_hash = prepared.content_hash;
        version->change = std::move(change);
        head.content_hash = prepared.content_hash;
        head.gone = false;
        if (!article.site.empty()) head.site = article.site;
        head.title = article.title;
        head.author = article.author;
      }
      if (head.first_seen == 0) head.first_seen = at;
      head.last_seen = at;
      head.last_body_hash = prepared.body_hash;
      head.last_counters = article.counters;
      TakeValidators(page, &head);
      break;
    }
    case FetchClass::kSameBody:
      kind = RecordKind::kUnchanged;
      observation.counters = head.last_counters;  // the same bytes show the same counters
      head.last_seen = at;
      TakeValidators(page, &head);
      break;
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
      head.last_body_hash.clear();  // a return must be extracted: it makes a version
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
      version->raw_hash = prepared.body_hash;
      bool stored = state->blobs.contains(prepared.body_hash);
      if (!stored) {
        Result<bool> has = HasBlob(prepared.body_hash);
        // A failed existence check costs at worst a second copy of the same bytes.
        stored = has.ok() && *has;
      }
      if (!stored) {
        // The record goes to a segment, its reference to the batch (blob_segments.h): bytes
        // the batch then fails to reference are garbage, never a dangling reference.
        Result<SegmentRef> ref = segments_->Append(
            prepared.blob ? *prepared.blob : EncodeBlob(RawOf(page), zstd_level_));
        if (!ref.ok()) return ref.status().WithContext("record " + record.url);
        batch->Put(BlobKey(prepared.body_hash), EncodeBlobRef(*ref));
        state->blobs.insert(prepared.body_hash);
      }
    }
    const std::string key = VersionKey(id, version->number);
    // Two branches, not `?:`, which would copy the prepared text into a temporary.
    if (prepared.text && !version->gone) {
      batch->Put(key, EncodeVersion(*version, *prepared.text));
    } else {
      batch->Put(key, EncodeVersion(*version, CompressVersionText(version->article, zstd_level_)));
    }
    batch->Put(TimeIndexKey(at, id, version->number), leveldb::Slice());
    head.latest_version = version->number;
    head.last_changed = at;
    if (!version->gone) {
      head.content_version = version->number;
      state->versions[key] = std::move(*version);  // not read below
    }
  }

  observation.kind = kind;
  observation.version = head.latest_version;
  const auto seq = static_cast<uint64_t>(head.observation_count);
  batch->Put(ObservationKey(id, at, seq), EncodeObservation(observation));
  if (!observation.counters.empty()) {
    batch->Put(CounterKey(id, at, seq), EncodeCounterSample(observation.counters));
  }
  ++head.observation_count;

  // The index entries follow the head's site and author; most fetches change neither.
  if (!existing || existing->site != head.site || existing->author != head.author) {
    const std::vector<std::string> old_index_keys =
        existing ? HeadIndexKeys(existing->site, existing->author, id) : std::vector<std::string>{};
    const std::vector<std::string> new_index_keys = HeadIndexKeys(head.site, head.author, id);
    for (const std::string& key : old_index_keys) {
      if (std::find(new_index_keys.begin(), new_index_keys.end(), key) == new_index_keys.end()) {
        batch->Delete(key);
      }
    }
    for (const std::string& key : new_index_keys) {
      if (std::find(old_index_keys.begin(), old_index_keys.end(), key) == old_index_keys.end()) {
        batch->Put(key, leveldb::Slice());
      }
    }
  }
  batch->Put(HeadKey(id), EncodeHead(head));
  if (record.also != nullptr) StateStore::AddTo(*record.also, batch);

  const RecordResult result{kind, head.latest_version};
  state->heads[id] = std::move(head);
  return result;
}

Result<RecordResult> LevelDbArchive::Record(const FetchRecord& record) {
  std::vector<Result<RecordResult>> results = RecordMany({record});
  return std::move(results.front());
}

std::vector<Result<RecordResult>> LevelDbArchive::RecordMany(
    const std::vector<FetchRecord>& records) {
  // Stage 1 here, on the caller's thread: concurrent callers prepare in parallel.
  std::vector<PreparedFetch> fetches;
  fetches.reserve(records.size());
  std::vector<std::optional<Status>> refused(records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    Result<PreparedFetch> prepared = Prepare(records[i]);
    if (prepared.ok()) {
      fetches.push_back(std::move(*prepared));
    } else {
      refused[i] = prepared.status();
    }
  }
  std::vector<Result<RecordResult>> recorded = RecordPrepared(fetches);
  std::vector<Result<RecordResult>> results;
  results.reserve(records.size());
  size_t next = 0;
  for (size_t i = 0; i < records.size(); ++i) {
    results.push_back(refused[i] ? Result<RecordResult>(*refused[i]) : std::move(recorded[next++]));
  }
  return results;
}

std::vector<Result<RecordResult>> LevelDbArchive::RecordPrepared(
    const std::vector<PreparedFetch>& fetches) {
  // A fetch handed over unprepared is prepared here, before the lock.
  std::vector<std::optional<PreparedFetch>> late(fetches.size());
  std::vector<Result<RecordResult>> results;
  results.reserve(fetches.size());
  for (size_t i = 0; i < fetches.size(); ++i) {
    results.push_back(RecordResult{});  // replaced below
    if (fetches[i].state) continue;
    Result<PreparedFetch> prepared = Prepare(fetches[i].record);
    if (prepared.ok()) {
      late[i] = std::move(*prepared);
    } else {
      results[i] = prepared.status();
    }
  }

  // Stages 2 and 3.
  std::lock_guard<std::mutex> lock(record_mutex_);
  BatchState state;
  leveldb::WriteBatch batch;
  std::vector<bool> planned(fetches.size(), false);
  for (size_t i = 0; i < fetches.size(); ++i) {
    const PreparedFetch& fetch = late[i] ? *late[i] : fetches[i];
    if (!fetch.state) continue;  // refused above
    // Planned into the batch itself (a batch of its own, appended, copied every version's
    // text once more): Plan fails only before its first write.
    const size_t before = batch.ApproximateSize();
    results[i] = Plan(fetch.record, *fetch.state, &state, &batch);
    if (!results[i].ok()) {
      if (batch.ApproximateSize() != before) {
        // A failure after a write would leave half a record in the batch: write none of it.
        const Status broken = Status::FailedPrecondition(
            "record " + fetch.record.url + ": failed after writing part of its batch");
        for (Result<RecordResult>& result : results) result = broken;
        return results;
      }
      continue;
    }
    planned[i] = true;
  }
  if (state.heads.empty()) return results;  // nothing to write
  // The blobs the batch references reach the OS first.
  const Status flushed = segments_->Flush();
  const leveldb::Status s = flushed.ok() ? db_->Write(Unsynced(), &batch) : leveldb::Status::OK();
  if (flushed.ok()) NoteHeadsWritten(state);  // even a failed write may have written some
  if (!flushed.ok() || !s.ok()) {
    const std::string what = "record " +
                             (fetches.size() == 1 ? fetches.front().record.url
                                                  : std::to_string(fetches.size()) + " fetches") +
                             " in " + dir_;
    const Status error = flushed.ok() ? FromLevelDb(s, what) : flushed.WithContext(what);
    for (size_t i = 0; i < fetches.size(); ++i) {
      if (planned[i]) results[i] = error;
    }
  }
  return results;
}

}  // namespace strata::storage
