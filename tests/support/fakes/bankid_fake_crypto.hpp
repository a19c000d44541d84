// Test-only signing for the fake BankID provider (OpenSSL): the RFC 7515 A.2 RSA key from
// ../shared/vectors/jwt (PEM for signing, its JWK n/e for the JWKS), a second RSA key generated
// at test time (a "foreign" signer), RS256 and HS256 signing, standard base64.
#pragma once

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <rapidjson/document.h>

#include <memory>
#include <string>
#include <string_view>

#include "support/vectors.hpp"

namespace drop_test {

struct PkeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using Pkey = std::shared_ptr<EVP_PKEY>;

inline std::string rs256_sign(EVP_PKEY* key, std::string_view input) {
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  std::string signature(static_cast<std::size_t>(EVP_PKEY_get_size(key)), '\0');
  std::size_t length = signature.size();
  const bool ok =
      EVP_DigestSignInit(context, nullptr, EVP_sha256(), nullptr, key) == 1 &&
      EVP_DigestSign(context, reinterpret_cast<unsigned char*>(signature.data()), &length,
                     reinterpret_cast<const unsigned char*>(input.data()), input.size()) == 1;
  EVP_MD_CTX_free(context);
  if (!ok) FAIL("RS256 signing failed");
  signature.resize(length);
  return signature;
}

inline bool rs256_verify(EVP_PKEY* key, std::string_view input, std::string_view signature) {
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  const bool ok =
      EVP_DigestVerifyInit(context, nullptr, EVP_sha256(), nullptr, key) == 1 &&
      EVP_DigestVerify(context, reinterpret_cast<const unsigned char*>(signature.data()),
                       signature.size(), reinterpret_cast<const unsigned char*>(input.data()),
                       input.size()) == 1;
  EVP_MD_CTX_free(context);
  return ok;
}

inline std::string hs256_sign(std::string_view key, std::string_view input) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &length);
  return std::string(reinterpret_cast<const char*>(mac), length);
}

// The PKCS#8 PEM of a private key.
inline std::string private_pem(EVP_PKEY* key) {
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<std::size_t>(length));
  BIO_free(bio);
  return pem;
}

inline std::string standard_base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                     reinterpret_cast<const unsigned char*>(bytes.data()),
                                     static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(length));
  return out;
}

// Another 2048-bit RSA key, generated once per process (key generation is slow).
inline Pkey foreign_key() {
  static const Pkey key(EVP_RSA_gen(2048), PkeyFree{});
  REQUIRE(key);
  return key;
}

struct FakeRsaKeys {
  Pkey rfc_private;        // RFC 7515 A.2
  std::string public_pem;  // its SPKI PEM (the HS/RS confusion "secret")
  Pkey rfc_public;         // the same key, public part (checks our client assertions)
  std::string jwk_n, jwk_e;
  Pkey foreign_private;  // foreign_key()

  static FakeRsaKeys load() {
    FakeRsaKeys keys;
    const std::string pem = read_vector("jwt/rfc7515_A2_private_pkcs8.pem");
    BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    keys.rfc_private = Pkey(PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr), PkeyFree{});
    BIO_free(bio);
    REQUIRE(keys.rfc_private);
    keys.public_pem = read_vector("jwt/rfc7515_A2_public_spki.pem");
    BIO* public_bio =
        BIO_new_mem_buf(keys.public_pem.data(), static_cast<int>(keys.public_pem.size()));
    keys.rfc_public = Pkey(PEM_read_bio_PUBKEY(public_bio, nullptr, nullptr, nullptr), PkeyFree{});
    BIO_free(public_bio);
    REQUIRE(keys.rfc_public);
    rapidjson::Document vectors;
    const std::string json = read_vector("jwt/rfc7515_rfc7636_vectors.json");
    vectors.Parse(json.data(), json.size());
    REQUIRE(vectors.IsObject());
    const auto& jwk = vectors["rfc7515_A2_RS256"]["jwk_public"];
    keys.jwk_n = jwk["n"].GetString();
    keys.jwk_e = jwk["e"].GetString();
    keys.foreign_private = foreign_key();
    return keys;
  }
};

}  // namespace drop_test
