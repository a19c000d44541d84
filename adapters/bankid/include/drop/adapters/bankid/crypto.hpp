// The cryptography BankID sign-in needs, over OpenSSL EVP: SHA-256 for PKCE S256 (RFC 7636
// 4.2) and RS256 signature verification (RSASSA-PKCS1-v1_5 with SHA-256, RFC 7518 3.3) with an
// RSA public key built from a JWK's n and e. The algorithm is fixed here: an RsaPublicKey can
// only verify RS256, it is never usable as an HMAC secret (no HS/RS confusion).
// No exception escapes; OpenSSL errors become std::nullopt / false.
// Thread-safety: RsaPublicKey is immutable and shareable across threads.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace drop::adapters::bankid {

// base64url(SHA-256(ASCII(verifier))): the PKCE S256 code_challenge.
std::string pkce_challenge_s256(std::string_view code_verifier);

class RsaPublicKey {
 public:
  // From a JWK's base64url `n` and `e` (strict decoding). std::nullopt when either is not
  // canonical base64url, e is not an odd value >= 3, or the modulus is outside
  // limits::rsa_modulus_bits_min..max.
  static std::optional<RsaPublicKey> from_jwk(std::string_view n, std::string_view e);

  // True when `signature` is a valid RS256 signature of `signing_input` under this key.
  bool verify_rs256(std::string_view signing_input, std::string_view signature) const;

  int modulus_bits() const;

 private:
  struct Handle;
  explicit RsaPublicKey(std::shared_ptr<const Handle> handle) : handle_(std::move(handle)) {}
  std::shared_ptr<const Handle> handle_;
};

// An RSA private key for private_key_jwt client authentication (RFC 7523 2.2): signs RS256 only.
class RsaPrivateKey {
 public:
  // From a PEM private key (PKCS#8 or PKCS#1); std::nullopt when unreadable or not RSA of
  // limits::rsa_modulus_bits_min..max bits.
  static std::optional<RsaPrivateKey> from_pem(std::string_view pem);

  // The RS256 signature of `signing_input`; std::nullopt if OpenSSL fails.
  std::optional<std::string> sign_rs256(std::string_view signing_input) const;

 private:
  struct Handle;
  explicit RsaPrivateKey(std::shared_ptr<const Handle> handle) : handle_(std::move(handle)) {}
  std::shared_ptr<const Handle> handle_;
};

}  // namespace drop::adapters::bankid
