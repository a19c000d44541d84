// SHA-256 and HMAC-SHA256 through OpenSSL (the adapter's only use of it), and lowercase hex.
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "drop/adapters/aws/sigv4.hpp"

namespace drop::adapters::aws {

std::string hex_lower(std::string_view bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string text;
  text.reserve(bytes.size() * 2);
  for (const char each : bytes) {
    const auto byte = static_cast<unsigned char>(each);
    text.push_back(digits[byte >> 4]);
    text.push_back(digits[byte & 0x0F]);
  }
  return text;
}

std::string sha256_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  const int done = EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
  DROP_ASSERT(done == 1);
  return hex_lower(std::string_view(reinterpret_cast<const char*>(digest), length));
}

std::string hmac_sha256(std::string_view key, std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  const unsigned char* done =
      HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest, &length);
  DROP_ASSERT(done != nullptr);
  return std::string(reinterpret_cast<const char*>(digest), length);
}

std::string signing_key(std::string_view secret_access_key, std::string_view yyyymmdd,
                        std::string_view region, std::string_view service) {
  const std::string date_key = hmac_sha256("AWS4" + std::string(secret_access_key), yyyymmdd);
  const std::string region_key = hmac_sha256(date_key, region);
  const std::string service_key = hmac_sha256(region_key, service);
  return hmac_sha256(service_key, "aws4_request");
}

}  // namespace drop::adapters::aws
