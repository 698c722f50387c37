#include "crawler/frontier_records.h"

#include <algorithm>
#include <cstring>

namespace strata::crawler {
namespace {

constexpr char kFormat = 1;
// Links records since 2026-11: each link stored as the length of the prefix it shares with the
// link before and the rest (a page's links share their scheme, host and most of their path, so
// the record is about a third of the plain form, which is kFormat and still read).
constexpr char kFrontCodedLinksFormat = 2;
constexpr size_t kMaxDecodedLinksBytes = size_t{256} << 20;

void PutVarint(uint64_t v, std::string* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

// Reads a varint from the front of `*in`, advancing it; false when truncated or too long.
bool GetVarint(std::string_view* in, uint64_t* v) {
  *v = 0;
  for (int shift = 0; shift <= 63 && !in->empty(); shift += 7) {
    const auto byte = static_cast<unsigned char>(in->front());
    in->remove_prefix(1);
    *v |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return true;
  }
  return false;
}

// Checks and removes the format byte.
Status TakeFormat(std::string_view* in, std::string_view what) {
  if (in->empty()) return Status::Corruption(std::string(what) + ": empty value");
  if (in->front() != kFormat) {
    return Status::Corruption(std::string(what) + ": unknown format " +
                              std::to_string(static_cast<unsigned char>(in->front())));
  }
  in->remove_prefix(1);
  return Status::Ok();
}

Result<int> TakeDepth(std::string_view* in, std::string_view what) {
  uint64_t depth = 0;
  if (!GetVarint(in, &depth) || depth > 1'000'000) {
    return Status::Corruption(std::string(what) + ": bad depth");
  }
  return static_cast<int>(depth);
}

}  // namespace

bool IsValidCrawlId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string CrawlKeyPrefix(std::string_view crawl_id) {
  return "frontier/" + std::string(crawl_id) + "/";
}
std::string MetaKey(std::string_view crawl_id) { return CrawlKeyPrefix(crawl_id) + "meta"; }
std::string QueueKeyPrefix(std::string_view crawl_id) { return CrawlKeyPrefix(crawl_id) + "q/"; }
std::string QueueKey(std::string_view crawl_id, uint64_t seq) {
  std::string key = QueueKeyPrefix(crawl_id);
  for (int shift = 56; shift >= 0; shift -= 8) key.push_back(static_cast<char>(seq >> shift));
  return key;
}
std::string SeenKeyPrefix(std::string_view crawl_id, uint64_t run) {
  std::string prefix = CrawlKeyPrefix(crawl_id) + "s";
  if (run > 0) {
    // Later runs sort first: right after the queue comes the running run's seen set (live
    // keys), not an earlier run's being deleted, whose tombstones a queue read reaching the end
    // of the queue would otherwise step over one by one. Fixed width, first byte 0xff: no
    // prefix of another run's, nor of "s/".
    const uint64_t descending = ~run;
    for (int shift = 56; shift >= 0; shift -= 8) {
      prefix.push_back(static_cast<char>(descending >> shift));
    }
  }
  prefix.push_back('/');
  return prefix;
}
std::string SeenKey(std::string_view crawl_id, uint64_t run, std::string_view url) {
  return SeenKeyPrefix(crawl_id, run).append(url);
}
std::string SeenEndKey(std::string_view crawl_id, uint64_t run) {
  return SeenKeyPrefix(crawl_id, run).append(kSeenEndSuffix);
}
std::string LinksKey(std::string_view url) { return "links/" + std::string(url); }
std::string NextSeqKey(std::string_view crawl_id) {
  return "frontier-seq/" + std::string(crawl_id);
}

Result<uint64_t> QueueSeqFromKey(std::string_view key, std::string_view crawl_id) {
  return QueueSeqFromKeyWithPrefix(key, QueueKeyPrefix(crawl_id));
}

Result<uint64_t> QueueSeqFromKeyWithPrefix(std::string_view key, std::string_view prefix) {
  if (key.size() != prefix.size() + 8 || !key.starts_with(prefix)) {
    return Status::Corruption("frontier: not a queue key: " + std::string(key));
  }
  uint64_t seq = 0;
  for (size_t i = prefix.size(); i < key.size(); ++i) {
    seq = (seq << 8) | static_cast<unsigned char>(key[i]);
  }
  return seq;
}

std::string EncodeRunRecord(const RunRecord& value) {
  std::string out(1, kFormat);
  PutVarint(value.next_seq, &out);
  PutVarint(value.run, &out);
  PutVarint(value.garbage_from, &out);
  return out;
}

Result<RunRecord> DecodeRunRecord(std::string_view bytes) {
  STRATA_RETURN_IF_ERROR(TakeFormat(&bytes, "crawl runs"));
  RunRecord value;
  if (!GetVarint(&bytes, &value.next_seq) || value.next_seq == 0) {
    return Status::Corruption("crawl runs: bad next sequence number");
  }
  if (bytes.empty()) return value;  // written before runs were numbered
  if (!GetVarint(&bytes, &value.run) || !GetVarint(&bytes, &value.garbage_from) ||
      value.garbage_from > value.run + 1) {
    return Status::Corruption("crawl runs: bad run numbers");
  }
  return value;
}

std::string EncodeQueue(const QueueValue& value) {
  std::string out(1, kFormat);
  PutVarint(static_cast<uint64_t>(value.depth), &out);
  out += value.url;
  return out;
}

Result<QueueValue> DecodeQueue(std::string_view bytes) {
  STRATA_RETURN_IF_ERROR(TakeFormat(&bytes, "queue entry"));
  QueueValue value;
  STRATA_ASSIGN_OR_RETURN(value.depth, TakeDepth(&bytes, "queue entry"));
  if (bytes.empty()) return Status::Corruption("queue entry: no URL");
  value.url = std::string(bytes);
  return value;
}

std::string EncodeSeen(const SeenValue& value) {
  std::string out(1, kFormat);
  out.push_back(static_cast<char>(value.state));
  PutVarint(static_cast<uint64_t>(value.depth), &out);
  return out;
}

std::string EncodeSeenEnd() { return std::string(1, kFormat); }

Result<SeenValue> DecodeSeen(std::string_view bytes) {
  STRATA_RETURN_IF_ERROR(TakeFormat(&bytes, "seen entry"));
  if (bytes.empty() || static_cast<unsigned char>(bytes.front()) > 2) {
    return Status::Corruption("seen entry: bad state");
  }
  SeenValue value;
  value.state = static_cast<SeenState>(bytes.front());
  bytes.remove_prefix(1);
  STRATA_ASSIGN_OR_RETURN(value.depth, TakeDepth(&bytes, "seen entry"));
  return value;
}

std::string EncodeMeta(const MetaValue& value) {
  std::string out(1, kFormat);
  out.push_back(static_cast<char>(value.state));
  PutVarint(static_cast<uint64_t>(value.created_at_ms), &out);
  out += value.description;
  return out;
}

Result<MetaValue> DecodeMeta(std::string_view bytes) {
  STRATA_RETURN_IF_ERROR(TakeFormat(&bytes, "crawl meta"));
  if (bytes.empty() || static_cast<unsigned char>(bytes.front()) > 2) {
    return Status::Corruption("crawl meta: bad state");
  }
  MetaValue value;
  value.state = static_cast<CrawlState>(bytes.front());
  bytes.remove_prefix(1);
  uint64_t created = 0;
  if (!GetVarint(&bytes, &created)) return Status::Corruption("crawl meta: bad time");
  value.created_at_ms = static_cast<int64_t>(created);
  value.description = std::string(bytes);
  return value;
}

std::string EncodeLinks(const std::vector<std::string>& links) {
  std::string out(1, kFrontCodedLinksFormat);
  PutVarint(links.size(), &out);
  std::string_view previous;
  for (const std::string& link : links) {
    const size_t limit = std::min(previous.size(), link.size());
    size_t shared = 0;
    while (shared < limit && previous[shared] == link[shared]) ++shared;
    PutVarint(shared, &out);
    PutVarint(link.size() - shared, &out);
    out.append(link, shared);
    previous = link;
  }
  return out;
}

Result<std::vector<std::string_view>> DecodeLinks(std::string_view bytes, std::string* text) {
  text->clear();
  if (bytes.empty()) return Status::Corruption("links: empty value");
  const char format = bytes.front();
  if (format != kFormat && format != kFrontCodedLinksFormat) {
    return Status::Corruption("links: unknown format " +
                              std::to_string(static_cast<unsigned char>(format)));
  }
  bytes.remove_prefix(1);
  uint64_t count = 0;
  if (!GetVarint(&bytes, &count) || count > bytes.size()) {
    return Status::Corruption("links: bad count");
  }
  const bool front_coded = format == kFrontCodedLinksFormat;
  // Two passes: the first checks the record and sizes `text`, which then never moves while the
  // second fills it, so the views can be made as it goes.
  uint64_t total = 0;
  {
    std::string_view in = bytes;
    uint64_t previous_size = 0;
    for (uint64_t i = 0; i < count; ++i) {
      uint64_t shared = 0;
      if (front_coded && (!GetVarint(&in, &shared) || shared > previous_size)) {
        return Status::Corruption("links: bad shared prefix");
      }
      uint64_t rest = 0;
      if (!GetVarint(&in, &rest) || rest > in.size()) return Status::Corruption("links: truncated");
      in.remove_prefix(rest);
      previous_size = shared + rest;
      total += previous_size;
      // Each link may repeat all of the one before: a damaged record could ask for a square of
      // its size.
      if (total > kMaxDecodedLinksBytes) {
        return Status::Corruption("links: more than " + std::to_string(kMaxDecodedLinksBytes) +
                                  " bytes decoded");
      }
    }
  }
  text->resize(total);
  char* out = text->data();
  std::vector<std::string_view> links;
  links.reserve(count);
  std::string_view previous;
  for (uint64_t i = 0; i < count; ++i) {
    uint64_t shared = 0;
    if (front_coded) GetVarint(&bytes, &shared);  // checked by the first pass
    uint64_t rest = 0;
    GetVarint(&bytes, &rest);
    // The link before is earlier in `text`. (Empty copies skipped: data() may be null.)
    if (shared > 0) std::memcpy(out, previous.data(), shared);
    if (rest > 0) std::memcpy(out + shared, bytes.data(), rest);
    bytes.remove_prefix(rest);
    previous = std::string_view(out, shared + rest);
    links.push_back(previous);
    out += shared + rest;
  }
  return links;
}

}  // namespace strata::crawler
