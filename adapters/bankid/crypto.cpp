#include "drop/adapters/bankid/crypto.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/sha.h>

#include "drop/identity/base64url.hpp"
#include "drop/limits.hpp"

namespace drop::adapters::bankid {

struct RsaPublicKey::Handle {
  EVP_PKEY* key = nullptr;
  ~Handle() { EVP_PKEY_free(key); }
};

namespace {

struct BnFree {
  void operator()(BIGNUM* bn) const { BN_free(bn); }
};
using Bignum = std::unique_ptr<BIGNUM, BnFree>;

Bignum bignum(const std::string& bytes) {
  return Bignum(BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()),
                          static_cast<int>(bytes.size()), nullptr));
}

// An RSA public EVP_PKEY from n and e (OpenSSL 3 provider API), or nullptr.
EVP_PKEY* rsa_from_numbers(const BIGNUM* n, const BIGNUM* e) {
  OSSL_PARAM_BLD* builder = OSSL_PARAM_BLD_new();
  OSSL_PARAM* params = nullptr;
  EVP_PKEY_CTX* context = nullptr;
  EVP_PKEY* key = nullptr;
  if (builder != nullptr && OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_N, n) == 1 &&
      OSSL_PARAM_BLD_push_BN(builder, OSSL_PKEY_PARAM_RSA_E, e) == 1) {
    params = OSSL_PARAM_BLD_to_param(builder);
  }
  if (params != nullptr) context = EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr);
  if (context != nullptr && EVP_PKEY_fromdata_init(context) == 1) {
    if (EVP_PKEY_fromdata(context, &key, EVP_PKEY_PUBLIC_KEY, params) != 1) key = nullptr;
  }
  EVP_PKEY_CTX_free(context);
  OSSL_PARAM_free(params);
  OSSL_PARAM_BLD_free(builder);
  return key;
}

}  // namespace

std::string pkce_challenge_s256(std::string_view code_verifier) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(code_verifier.data()), code_verifier.size(),
         digest);
  return identity::encode_base64url(
      std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

std::optional<RsaPublicKey> RsaPublicKey::from_jwk(std::string_view n, std::string_view e) {
  const auto modulus = identity::decode_base64url(n);
  const auto exponent = identity::decode_base64url(e);
  if (!modulus || !exponent || modulus->empty() || exponent->empty() || exponent->size() > 8) {
    return std::nullopt;
  }
  // Canonical big-endian integers: no leading zero octet (RFC 7518 6.3.1.1).
  if ((*modulus)[0] == '\0' || (*exponent)[0] == '\0') return std::nullopt;
  Bignum n_number = bignum(*modulus), e_number = bignum(*exponent);
  if (!n_number || !e_number) return std::nullopt;
  const int bits = BN_num_bits(n_number.get());
  if (bits < limits::rsa_modulus_bits_min || bits > limits::rsa_modulus_bits_max) {
    return std::nullopt;
  }
  if (!BN_is_odd(e_number.get()) || BN_is_one(e_number.get())) return std::nullopt;
  auto handle = std::make_shared<Handle>();
  handle->key = rsa_from_numbers(n_number.get(), e_number.get());
  if (handle->key == nullptr) return std::nullopt;
  return RsaPublicKey(std::move(handle));
}

bool RsaPublicKey::verify_rs256(std::string_view signing_input, std::string_view signature) const {
  // A signature is exactly as long as the modulus (RFC 8017 8.2.2 step 1).
  if (static_cast<int>(signature.size()) != EVP_PKEY_get_size(handle_->key)) return false;
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  if (context == nullptr) return false;
  EVP_PKEY_CTX* key_context = nullptr;  // owned by `context`
  bool valid = false;
  if (EVP_DigestVerifyInit(context, &key_context, EVP_sha256(), nullptr, handle_->key) == 1 &&
      EVP_PKEY_CTX_set_rsa_padding(key_context, RSA_PKCS1_PADDING) == 1) {
    valid = EVP_DigestVerify(context, reinterpret_cast<const unsigned char*>(signature.data()),
                             signature.size(),
                             reinterpret_cast<const unsigned char*>(signing_input.data()),
                             signing_input.size()) == 1;
  }
  EVP_MD_CTX_free(context);
  return valid;
}

int RsaPublicKey::modulus_bits() const { return EVP_PKEY_get_bits(handle_->key); }

struct RsaPrivateKey::Handle {
  EVP_PKEY* key = nullptr;
  ~Handle() { EVP_PKEY_free(key); }
};

std::optional<RsaPrivateKey> RsaPrivateKey::from_pem(std::string_view pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  if (bio == nullptr) return std::nullopt;
  auto handle = std::make_shared<Handle>();
  handle->key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  if (handle->key == nullptr || EVP_PKEY_get_base_id(handle->key) != EVP_PKEY_RSA) {
    return std::nullopt;
  }
  const int bits = EVP_PKEY_get_bits(handle->key);
  if (bits < limits::rsa_modulus_bits_min || bits > limits::rsa_modulus_bits_max) {
    return std::nullopt;
  }
  return RsaPrivateKey(std::move(handle));
}

std::optional<std::string> RsaPrivateKey::sign_rs256(std::string_view signing_input) const {
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  if (context == nullptr) return std::nullopt;
  std::string signature(static_cast<std::size_t>(EVP_PKEY_get_size(handle_->key)), '\0');
  std::size_t length = signature.size();
  EVP_PKEY_CTX* key_context = nullptr;  // owned by `context`
  const bool signed_ok =
      EVP_DigestSignInit(context, &key_context, EVP_sha256(), nullptr, handle_->key) == 1 &&
      EVP_PKEY_CTX_set_rsa_padding(key_context, RSA_PKCS1_PADDING) == 1 &&
      EVP_DigestSign(context, reinterpret_cast<unsigned char*>(signature.data()), &length,
                     reinterpret_cast<const unsigned char*>(signing_input.data()),
                     signing_input.size()) == 1;
  EVP_MD_CTX_free(context);
  if (!signed_ok) return std::nullopt;
  signature.resize(length);
  return signature;
}

}  // namespace drop::adapters::bankid
