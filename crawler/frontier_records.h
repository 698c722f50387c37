// The frontier's keys and values in a KvStore (the archive's state store, Archive::State()).
// This file is the authoritative description of that layout; docs/ARCHITECTURE.md ("Frontier
// and resume") summarises it. Every value starts with a format byte (1); fields are appended
// only; an unknown format byte or a short value is reported as Corruption naming the key.
//
//   frontier/<crawl-id>/meta          -> [1][state][created_at varint][description...]
//   frontier/<crawl-id>/q/<seq:BE64>  -> [1][depth varint][url...]    queued, not yet done
//   frontier/<crawl-id>/s<~run:BE64>/<url> -> [1][SeenState][depth varint] every URL the
//                                        run queued (bitwise-inverted run number, so that later
//                                        runs sort first; run 0, written before runs were
//                                        numbered, is "s/<url>")
//   frontier/<crawl-id>/s<~run:BE64>/\xff -> [1]  the end of that run's seen set (SeenEndKey)
//   links/<url>                       -> [1][count varint]([len varint][url])*
//   frontier-seq/<crawl-id>           -> [1][seq varint][run varint][garbage_from varint]:
//                                        the crawl's runs (RunRecord); kept when a finished
//                                        crawl's keys are deleted
//
// <seq> is the order URLs were queued in (big-endian, so the store's byte order is queue
// order: breadth first). A queue entry is deleted, and its seen entry set to kDone, in the same
// batch as the archive record of its fetch. `links/<url>` keeps the links of the last fetch of
// <url> that had a body, so that a re-crawl answered by 304 still knows where to go next; it is
// shared by every crawl (it describes the page, not a crawl).
//
// A run of a crawl numbers its queue on from where the crawl's last run stopped
// (frontier-seq/): LevelDB keeps the deleted queue keys of that run as tombstones until
// compactions drop them, and a run reusing their numbers would read its queue through them
// (thousands per read in a re-crawl).
//
// Each run of a crawl has its own seen set (s<~run>/). A run that ends with its queue empty
// leaves its seen set behind (meta kClosed), and the next run deletes it while it crawls
// (Frontier::garbage()): deleting it at the end was a pass over every URL of the run, the last
// and only serial step of a re-crawl. RunRecord::garbage_from is the first run whose seen set
// may still be there. A run's set ends in a key of its own, written when the run starts and
// deleted last: the deletion stops at that live key. Without it, the last scan of a set would
// run on into the sets deleted before it, whose tombstones LevelDB's iterator steps over one by
// one until compactions drop them (a re-crawl a day made that pass longer every day). Byte 0xff
// never occurs in a URL (UTF-8), so it sorts after every URL of the set.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace strata::crawler {

// The state of a URL in a crawl's seen set. DO NOT CHANGE THESE VALUES: they are stored.
enum class SeenState : unsigned char {
  kQueued = 0,   // in the queue (or being fetched)
  kDone = 1,     // fetched and recorded in the archive
  kSkipped = 2,  // never fetched, for good in this crawl (robots.txt said no)
};

// The state of a crawl as a whole. DO NOT CHANGE THESE VALUES: they are stored.
enum class CrawlState : unsigned char {
  kRunning = 0,   // started, not finished: running it again resumes it
  kFinished = 1,  // finished: its keys are being deleted; running it again starts afresh
  kClosed = 2,    // finished with an empty queue: only its seen set is left, for the next run
                  // to delete; running it again starts afresh
};

struct QueueValue {
  int depth = 0;
  std::string url;
};

struct SeenValue {
  SeenState state = SeenState::kQueued;
  int depth = 0;
};

// frontier-seq/<crawl-id>: where the crawl's runs are. Absent: no run yet (all zero).
struct RunRecord {
  uint64_t next_seq = 0;      // the first queue <seq> the next run uses (0: from 1)
  uint64_t run = 0;           // the current run (running) or the last one (finished)
  uint64_t garbage_from = 0;  // seen sets of runs from here to `run` - 1 may remain
};

struct MetaValue {
  CrawlState state = CrawlState::kRunning;
  int64_t created_at_ms = 0;
  std::string description;  // for people: seeds and options
};

// True for 1 to 64 characters of [A-Za-z0-9._-]: a crawl id never contains '/'.
bool IsValidCrawlId(std::string_view id);

std::string CrawlKeyPrefix(std::string_view crawl_id);  // "frontier/<id>/"
std::string MetaKey(std::string_view crawl_id);
std::string QueueKeyPrefix(std::string_view crawl_id);
std::string QueueKey(std::string_view crawl_id, uint64_t seq);
std::string SeenKeyPrefix(std::string_view crawl_id, uint64_t run);
std::string SeenKey(std::string_view crawl_id, uint64_t run, std::string_view url);
std::string SeenEndKey(std::string_view crawl_id, uint64_t run);  // run > 0
inline constexpr std::string_view kSeenEndSuffix = "\xff";        // after SeenKeyPrefix
std::string LinksKey(std::string_view url);
std::string NextSeqKey(std::string_view crawl_id);

// The sequence number of a queue key (QueueKey(id, seq)); Corruption for any other key.
Result<uint64_t> QueueSeqFromKey(std::string_view key, std::string_view crawl_id);
// The same, given the crawl's QueueKeyPrefix (for scans: no string built per key).
Result<uint64_t> QueueSeqFromKeyWithPrefix(std::string_view key, std::string_view queue_prefix);

std::string EncodeQueue(const QueueValue& value);
Result<QueueValue> DecodeQueue(std::string_view bytes);
std::string EncodeSeen(const SeenValue& value);
Result<SeenValue> DecodeSeen(std::string_view bytes);
std::string EncodeSeenEnd();  // the value of a SeenEndKey: the format byte alone
std::string EncodeMeta(const MetaValue& value);
Result<MetaValue> DecodeMeta(std::string_view bytes);
std::string EncodeRunRecord(const RunRecord& value);
// Accepts the older [1][seq] form (run and garbage_from 0).
Result<RunRecord> DecodeRunRecord(std::string_view bytes);
// A page's links, in order, each stored as what it shares with the one before and the rest.
std::string EncodeLinks(const std::vector<std::string>& links);
// The links, as views into `*text`, which holds them one after another and must outlive them
// (and not change): a re-crawl reads a page's links on one thread and queues them on another,
// and one buffer is far cheaper to hand over and free than a string per link. Reads both forms
// (plain, before 2026-11, and front-coded).
Result<std::vector<std::string_view>> DecodeLinks(std::string_view bytes, std::string* text);

}  // namespace strata::crawler
