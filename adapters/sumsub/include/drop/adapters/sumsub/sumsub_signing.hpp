// Sumsub's request signing and webhook digests (OpenSSL underneath).
//
// App requests carry X-App-Token, X-App-Access-Ts (Unix seconds) and X-App-Access-Sig =
// lowercase hex HMAC-SHA256(secret key, ts + METHOD + path-with-query + body), computed over
// exactly the bytes sent. Webhooks carry X-Payload-Digest = hex HMAC(webhook secret, raw body)
// with the hash named by X-Payload-Digest-Alg (HMAC_SHA256_HEX or HMAC_SHA512_HEX).
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace drop::adapters::sumsub {

enum class DigestAlgorithm : std::uint8_t { hmac_sha256_hex, hmac_sha512_hex };

// "HMAC_SHA256_HEX" / "HMAC_SHA512_HEX" (exact spelling); nullopt for anything else.
std::optional<DigestAlgorithm> parse_digest_algorithm(std::string_view header);

// Lowercase hex HMAC of `message` under `key`.
std::string hmac_hex(DigestAlgorithm algorithm, std::string_view key, std::string_view message);

// Lowercase hex SHA-256 of `bytes`.
std::string sha256_hex(std::string_view bytes);

// The X-App-Access-Sig value for one request. `path_with_query` is the origin form sent
// ("/resources/applicants?levelName=basic-kyc-level").
std::string request_signature(std::string_view secret_key, std::int64_t timestamp_s,
                              std::string_view method, std::string_view path_with_query,
                              std::string_view body);

// Equality in time that depends only on the lengths (CRYPTO_memcmp).
bool constant_time_equal(std::string_view left, std::string_view right);

}  // namespace drop::adapters::sumsub
