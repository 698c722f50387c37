#include "storage/sha256.h"

#include <openssl/evp.h>
#include <openssl/sha.h>

#include <memory>

namespace strata::storage {
namespace {

struct FreeMd {
  void operator()(EVP_MD* md) const { EVP_MD_free(md); }
};
struct FreeMdCtx {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};

// OpenSSL 3's one-shot SHA256() looks the algorithm up in the provider tables and allocates a
// context on every call: ~5,000 instructions, more than hashing a URL takes. The algorithm is
// fetched once per process and a context kept per thread.
const EVP_MD* Sha256Algorithm() {
  static const std::unique_ptr<EVP_MD, FreeMd> md(EVP_MD_fetch(nullptr, "SHA256", nullptr));
  return md.get();
}

EVP_MD_CTX* ThreadContext() {
  thread_local const std::unique_ptr<EVP_MD_CTX, FreeMdCtx> ctx(EVP_MD_CTX_new());
  return ctx.get();
}

// The digest of `bytes` into `digest`; false when OpenSSL could not allocate.
bool Digest(std::string_view bytes, unsigned char* digest) {
  const EVP_MD* md = Sha256Algorithm();
  EVP_MD_CTX* ctx = ThreadContext();
  if (md == nullptr || ctx == nullptr) return false;
  unsigned int size = 0;
  return EVP_DigestInit_ex2(ctx, md, nullptr) == 1 &&
         EVP_DigestUpdate(ctx, bytes.data(), bytes.size()) == 1 &&
         EVP_DigestFinal_ex(ctx, digest, &size) == 1 && size == SHA256_DIGEST_LENGTH;
}

}  // namespace

std::string Sha256Hex(std::string_view bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  if (!Digest(bytes, digest)) {
    // The one-shot SHA256() is not deprecated in OpenSSL 3 (only the SHA256_Init family is),
    // and it cannot fail for in-memory input.
    SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), digest);
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex(2 * SHA256_DIGEST_LENGTH, '\0');
  for (size_t i = 0; i < SHA256_DIGEST_LENGTH; ++i) {
    hex[2 * i] = kHex[digest[i] >> 4];
    hex[2 * i + 1] = kHex[digest[i] & 0xf];
  }
  return hex;
}

bool IsSha256Hex(std::string_view text) {
  if (text.size() != 2 * SHA256_DIGEST_LENGTH) return false;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace strata::storage
