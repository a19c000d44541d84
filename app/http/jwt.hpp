// Session tokens: HS256 JWTs signed with JWT_SECRET (API.md "Auth"), and the drop_session cookie.
//
// Claims: iss "drop", aud "drop-api", sub (user id), iat, exp (iat + 15 min), jti.
// Verification is strict and happens in this order, before any claim is trusted:
//   1. exactly three base64url segments, canonical encoding (no padding, no stray bits);
//   2. the header is parsed here, not by cpp-jwt: a JSON object whose only members are
//      "alg":"HS256" and optionally "typ":"JWT" (so `none`, RS256, ... never reach a library);
//   3. the HMAC-SHA256 over "header.payload" is computed with OpenSSL and compared in constant
//      time (CRYPTO_memcmp);
//   4. only then cpp-jwt decodes the payload (with its own verification off: it would read
//      system_clock), and the claims are checked here against `now` from the injected clock.
// Thread-safety: immutable after construction; safe to share.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "drop/result.hpp"
#include "drop/time/timestamp.hpp"
#include "http/secret_cell.hpp"

namespace drop::http {

struct TokenClaims {
  std::string subject;   // sub: the user id
  std::string token_id;  // jti
  std::int64_t issued_at_s = 0;
  std::int64_t expires_at_s = 0;
};

enum class TokenError : std::uint8_t {
  malformed,              // not three canonical base64url segments of JSON
  algorithm_not_allowed,  // header is anything but {"alg":"HS256"[,"typ":"JWT"]}
  bad_signature,
  expired,
  not_yet_valid,  // iat in the future (beyond the clock skew allowance)
  wrong_issuer,
  wrong_audience,
  missing_claim,  // sub, jti, iat or exp missing or of the wrong type
};
std::string_view to_string(TokenError error);

class TokenCodec {
 public:
  static constexpr std::int64_t lifetime_s = 15 * 60;
  // Tolerated clock difference between server instances for iat.
  static constexpr std::int64_t clock_skew_s = 60;
  static constexpr std::string_view issuer = "drop";
  static constexpr std::string_view audience = "drop-api";

  // REQUIRES: !secret.empty().
  explicit TokenCodec(std::string secret);
  // Signs and verifies with the cell's current value (a rotated JWT_SECRET takes effect at
  // once). REQUIRES: `secret` outlives the codec and is not empty.
  explicit TokenCodec(const SecretCell& secret);

  // A signed token for `subject` with id `token_id`, issued at `now`, valid for lifetime_s.
  std::string issue(std::string_view subject, std::string_view token_id, Timestamp now) const;

  // The claims of a valid token, else why it is refused.
  Result<TokenClaims, TokenError> verify(std::string_view token, Timestamp now) const;

 private:
  std::unique_ptr<SecretCell> owned_;  // when constructed from a string
  const SecretCell* secret_;
};

// Strict base64url without padding; false on any other character, a bad length or non-zero
// unused trailing bits (so each byte string has exactly one accepted encoding).
bool decode_base64url(std::string_view text, std::string& out);
std::string encode_base64url(std::string_view bytes);

// Set-Cookie values for the session cookie.
inline constexpr std::string_view session_cookie_name = "drop_session";
std::string session_cookie(std::string_view token, bool secure);
std::string cleared_session_cookie(bool secure);
// The drop_session value in a Cookie header, or empty.
std::string_view find_session_cookie(std::string_view cookie_header);

}  // namespace drop::http
