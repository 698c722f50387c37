#include "storage/keys.h"

#include <cstdio>

#include "storage/coding.h"
#include "storage/sha256.h"

namespace strata::storage {
namespace {

// Length of "ver/<id>/" and "obs/<id>/".
constexpr size_t kVersionPrefixLength = kVersionPrefix.size() + kArticleIdLength + 1;
constexpr size_t kObservationPrefixLength = kObservationPrefix.size() + kArticleIdLength + 1;

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

}  // namespace

std::string ArticleId(std::string_view url) { return Sha256Hex(url).substr(0, kArticleIdLength); }

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

std::string BlobKey(std::string_view sha256_hex) {
  std::string key(kBlobPrefix);
  key += sha256_hex;
  return key;
}

int64_t VersionNumberFromKey(std::string_view key) {
  if (key.size() != kVersionPrefixLength + 8 || !key.starts_with(kVersionPrefix)) return -1;
  const uint64_t number = DecodeBigEndian64(key.substr(kVersionPrefixLength));
  return number > static_cast<uint64_t>(INT64_MAX) ? -1 : static_cast<int64_t>(number);
}

std::string DescribeKey(std::string_view key) {
  if (key.starts_with(kVersionPrefix) && key.size() == kVersionPrefixLength + 8) {
    return Escape(key.substr(0, kVersionPrefixLength)) +
           std::to_string(DecodeBigEndian64(key.substr(kVersionPrefixLength)));
  }
  if (key.starts_with(kObservationPrefix) && key.size() == kObservationPrefixLength + 16) {
    return Escape(key.substr(0, kObservationPrefixLength)) +
           std::to_string(DecodeBigEndian64(key.substr(kObservationPrefixLength))) + "." +
           std::to_string(DecodeBigEndian64(key.substr(kObservationPrefixLength + 8)));
  }
  return Escape(key);
}

}  // namespace strata::storage
