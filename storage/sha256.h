// SHA-256 (OpenSSL) as lowercase hex: the content address of raw bodies, the content hash of
// versions and the article id of URLs.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace strata::storage {

// 64 lowercase hex digits.
std::string Sha256Hex(std::string_view bytes);

// True when `text` looks like a Sha256Hex() result (64 lowercase hex digits).
bool IsSha256Hex(std::string_view text);

}  // namespace strata::storage
