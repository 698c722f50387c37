#include "storage/keys.h"

#include <cstdio>

#include "storage/coding.h"
#include "storage/sha256.h"

namespace strata::storage {
namespace {

// Length of "ver/<id>/", "obs/<id>/" and "cnt/<id>/" (all prefixes are 4 bytes).
constexpr size_t kArticlePrefixLength = 4 + kArticleIdLength + 1;
static_assert(kVersionPrefix.size() == 4 && kObservationPrefix.size() == 4 &&
              kCounterPrefix.size() == 4 && kHeadPrefix.size() == 4);
constexpr size_t kTimeIndexKeyLength = kTimeIndexPrefix.size() + 8 + kArticleIdLength + 8;

std::string PrefixedId(std::string_view prefix, std::string_view id) {
  std::string key(prefix);
  key += id;
  key += '/';
  return key;
}

std::string Escape(std::string_view bytes) {
  std::string out;
  for (char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7f && byte != '\\') {
      out += c;
    } else {
      char buf[5];
      std::snprintf(buf, sizeof(buf), "\\x%02x", byte);
      out += buf;
    }
  }
  return out;
}

char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool IsHexDigit(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

}  // namespace

std::string ArticleId(std::string_view url) { return Sha256Hex(url).substr(0, kArticleIdLength); }

bool IsArticleId(std::string_view text) {
  if (text.size() != kArticleIdLength) return false;
  for (char c : text) {
    if (!IsHexDigit(c)) return false;
  }
  return true;
}

std::string HeadKey(std::string_view id) {
  std::string key(kHeadPrefix);
  key += id;
  return key;
}

std::string VersionKeyPrefix(std::string_view id) { return PrefixedId(kVersionPrefix, id); }

std::string VersionKey(std::string_view id, int64_t number) {
  std::string key = VersionKeyPrefix(id);
  PutBigEndian64(&key, static_cast<uint64_t>(number));
  return key;
}

std::string ObservationKeyPrefix(std::string_view id) { return PrefixedId(kObservationPrefix, id); }

std::string ObservationKey(std::string_view id, int64_t at_ms, uint64_t seq) {
  std::string key = ObservationKeyPrefix(id);
  PutBigEndian64(&key, static_cast<uint64_t>(at_ms));
  PutBigEndian64(&key, seq);
  return key;
}

std::string CounterKeyPrefix(std::string_view id) { return PrefixedId(kCounterPrefix, id); }

std::string CounterKey(std::string_view id, int64_t at_ms, uint64_t seq) {
  std::string key = CounterKeyPrefix(id);
  PutBigEndian64(&key, static_cast<uint64_t>(at_ms));
  PutBigEndian64(&key, seq);
  return key;
}

std::string BlobKey(std::string_view sha256_hex) {
  std::string key(kBlobPrefix);
  key += sha256_hex;
  return key;
}

std::string FoldAuthor(std::string_view author) {
  std::string out;
  bool pending_space = false;
  for (char c : author) {
    if (c == '\0') continue;
    if (IsSpace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += AsciiLower(c);
  }
  return out;
}

std::string ReverseSite(std::string_view site) {
  while (site.ends_with('.')) site.remove_suffix(1);  // "example.com." is example.com
  std::string out;
  out.reserve(site.size());
  size_t end = site.size();
  while (true) {
    const size_t dot = end == 0 ? std::string_view::npos : site.rfind('.', end - 1);
    const size_t start = dot == std::string_view::npos ? 0 : dot + 1;
    for (char c : site.substr(start, end - start)) out += c == '\0' ? ' ' : AsciiLower(c);
    if (dot == std::string_view::npos) break;
    out += '.';
    end = dot;
  }
  return out;
}

std::string SiteIndexKey(std::string_view site, std::string_view id) {
  std::string key(kSiteIndexPrefix);
  key += ReverseSite(site);
  key += '\0';
  key += id;
  return key;
}

std::string AuthorIndexKey(std::string_view author, std::string_view site, std::string_view id) {
  std::string key(kAuthorIndexPrefix);
  key += FoldAuthor(author);
  key += '\0';
  key += ReverseSite(site);
  key += '\0';
  key += id;
  return key;
}

std::string TimeIndexKey(int64_t at_ms, std::string_view id, int64_t number) {
  std::string key(kTimeIndexPrefix);
  PutBigEndian64(&key, static_cast<uint64_t>(at_ms));
  key += id;
  PutBigEndian64(&key, static_cast<uint64_t>(number));
  return key;
}

std::vector<std::string> HeadIndexKeys(std::string_view site, std::string_view author,
                                       std::string_view id) {
  std::vector<std::string> keys;
  if (!site.empty()) keys.push_back(SiteIndexKey(site, id));
  if (!FoldAuthor(author).empty()) keys.push_back(AuthorIndexKey(author, site, id));
  return keys;
}

std::string SiteIndexScanPrefix(std::string_view site) {
  return std::string(kSiteIndexPrefix) + ReverseSite(site);
}

std::string AuthorIndexScanPrefix(std::string_view author, std::string_view site) {
  std::string prefix(kAuthorIndexPrefix);
  prefix += FoldAuthor(author);
  prefix += '\0';
  if (!site.empty()) prefix += ReverseSite(site);
  return prefix;
}

bool SiteMatchesAt(std::string_view key, size_t prefix_length, bool with_site) {
  if (!with_site) return true;
  if (key.size() <= prefix_length) return false;
  return key[prefix_length] == '\0' || key[prefix_length] == '.';
}

std::string_view IdFromNamedIndexKey(std::string_view key) {
  if (key.size() < kArticleIdLength + 1 || key[key.size() - kArticleIdLength - 1] != '\0') {
    return {};
  }
  const std::string_view id = key.substr(key.size() - kArticleIdLength);
  return IsArticleId(id) ? id : std::string_view();
}

bool ParseTimeIndexKey(std::string_view key, TimeIndexEntry* out) {
  if (key.size() != kTimeIndexKeyLength || !key.starts_with(kTimeIndexPrefix)) return false;
  key.remove_prefix(kTimeIndexPrefix.size());
  const uint64_t at = DecodeBigEndian64(key);
  const std::string_view id = key.substr(8, kArticleIdLength);
  const uint64_t number = DecodeBigEndian64(key.substr(8 + kArticleIdLength));
  if (at > static_cast<uint64_t>(INT64_MAX) || number > static_cast<uint64_t>(INT64_MAX) ||
      !IsArticleId(id)) {
    return false;
  }
  out->at_ms = static_cast<int64_t>(at);
  out->id = std::string(id);
  out->number = static_cast<int64_t>(number);
  return true;
}

int64_t VersionNumberFromKey(std::string_view key) {
  if (key.size() != kArticlePrefixLength + 8 || !key.starts_with(kVersionPrefix)) return -1;
  const uint64_t number = DecodeBigEndian64(key.substr(kArticlePrefixLength));
  return number > static_cast<uint64_t>(INT64_MAX) ? -1 : static_cast<int64_t>(number);
}

bool ParseObservationKey(std::string_view key, int64_t* at_ms, uint64_t* seq) {
  if (key.size() != kArticlePrefixLength + 16 ||
      !(key.starts_with(kObservationPrefix) || key.starts_with(kCounterPrefix))) {
    return false;
  }
  const uint64_t at = DecodeBigEndian64(key.substr(kArticlePrefixLength));
  if (at > static_cast<uint64_t>(INT64_MAX)) return false;
  *at_ms = static_cast<int64_t>(at);
  *seq = DecodeBigEndian64(key.substr(kArticlePrefixLength + 8));
  return true;
}

std::string_view IdFromArticleKey(std::string_view key) {
  const bool known = key.starts_with(kHeadPrefix) || key.starts_with(kVersionPrefix) ||
                     key.starts_with(kObservationPrefix) || key.starts_with(kCounterPrefix);
  if (!known || key.size() < 4 + kArticleIdLength) return {};
  const std::string_view id = key.substr(4, kArticleIdLength);
  if (!IsArticleId(id)) return {};
  // A head key ends with the id; the others continue with '/'.
  if (key.starts_with(kHeadPrefix)) return key.size() == 4 + kArticleIdLength ? id : "";
  return key.size() > 4 + kArticleIdLength && key[4 + kArticleIdLength] == '/' ? id : "";
}

std::string DescribeKey(std::string_view key) {
  if (key.starts_with(kVersionPrefix) && key.size() == kArticlePrefixLength + 8) {
    return Escape(key.substr(0, kArticlePrefixLength)) +
           std::to_string(DecodeBigEndian64(key.substr(kArticlePrefixLength)));
  }
  if ((key.starts_with(kObservationPrefix) || key.starts_with(kCounterPrefix)) &&
      key.size() == kArticlePrefixLength + 16) {
    return Escape(key.substr(0, kArticlePrefixLength)) +
           std::to_string(DecodeBigEndian64(key.substr(kArticlePrefixLength))) + "." +
           std::to_string(DecodeBigEndian64(key.substr(kArticlePrefixLength + 8)));
  }
  if (key.starts_with(kTimeIndexPrefix) && key.size() == kTimeIndexKeyLength) {
    const std::string_view rest = key.substr(kTimeIndexPrefix.size());
    return std::string(kTimeIndexPrefix) + std::to_string(DecodeBigEndian64(rest)) + "/" +
           Escape(rest.substr(8, kArticleIdLength)) + "/" +
           std::to_string(DecodeBigEndian64(rest.substr(8 + kArticleIdLength)));
  }
  return Escape(key);
}

}  // namespace strata::storage
