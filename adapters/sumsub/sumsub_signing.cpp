#include "drop/adapters/sumsub/sumsub_signing.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <array>

namespace drop::adapters::sumsub {

namespace {

std::string to_hex(const unsigned char* bytes, std::size_t size) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    hex.push_back(digits[bytes[i] >> 4]);
    hex.push_back(digits[bytes[i] & 0x0F]);
  }
  return hex;
}

}  // namespace

std::optional<DigestAlgorithm> parse_digest_algorithm(std::string_view header) {
  if (header == "HMAC_SHA256_HEX") return DigestAlgorithm::hmac_sha256_hex;
  if (header == "HMAC_SHA512_HEX") return DigestAlgorithm::hmac_sha512_hex;
  return std::nullopt;
}

std::string hmac_hex(DigestAlgorithm algorithm, std::string_view key, std::string_view message) {
  const EVP_MD* md = algorithm == DigestAlgorithm::hmac_sha256_hex ? EVP_sha256() : EVP_sha512();
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  unsigned int size = 0;
  // HMAC() with an empty key needs a non-null pointer.
  static const unsigned char empty = 0;
  const void* key_bytes = key.empty() ? static_cast<const void*>(&empty) : key.data();
  if (HMAC(md, key_bytes, static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(message.data()), message.size(), out.data(),
           &size) == nullptr) {
    return "";  // OpenSSL failed (out of memory): an empty digest matches nothing
  }
  return to_hex(out.data(), size);
}

std::string sha256_hex(std::string_view bytes) {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> out{};
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), out.data());
  return to_hex(out.data(), out.size());
}

std::string request_signature(std::string_view secret_key, std::int64_t timestamp_s,
                              std::string_view method, std::string_view path_with_query,
                              std::string_view body) {
  std::string message = std::to_string(timestamp_s);
  message.append(method);
  message.append(path_with_query);
  message.append(body);
  return hmac_hex(DigestAlgorithm::hmac_sha256_hex, secret_key, message);
}

bool constant_time_equal(std::string_view left, std::string_view right) {
  if (left.size() != right.size() || left.empty()) return false;
  return CRYPTO_memcmp(left.data(), right.data(), left.size()) == 0;
}

}  // namespace drop::adapters::sumsub
