// OpenID Connect ID tokens: the pure parts of their validation (OIDC Core 3.1.3.7).
//
// The adapter does what needs a JSON parser and RSA: it splits the compact JWS with
// split_compact_jws() (strict base64url), parses the header (alg pinned to RS256, kid), verifies
// the signature with the issuer's key, parses the payload into IdTokenClaims, then calls
// check_id_token_claims() with the clock's `now`. Every refusal is an IdTokenRefusal.
// Thread-safety: pure functions on values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "drop/result.hpp"
#include "drop/time/timestamp.hpp"

namespace drop::identity {

enum class IdTokenRefusal : std::uint8_t {
  malformed,              // not three segments, too large, or header/payload not a JSON object
  bad_encoding,           // a segment is not canonical base64url
  algorithm_not_allowed,  // alg is anything but "RS256" (none, HS256, RS512, ...)
  unknown_key,            // no key of the issuer has this kid (after one JWKS refresh)
  bad_signature,
  missing_claim,  // iss, sub, aud, exp, iat or nonce missing or of the wrong type
  wrong_issuer,
  wrong_audience,          // aud does not contain client_id
  wrong_authorized_party,  // several audiences and azp is not client_id (or azp present but wrong)
  expired,                 // exp + leeway <= now
  issued_in_future,        // iat > now + leeway
  nonce_mismatch,
  acr_not_allowed,  // an acr allow-list is configured and acr is not in it
};
std::string_view to_string(IdTokenRefusal refusal);

// The three segments of a compact JWS, decoded. `signing_input` is "header.payload" as received.
struct CompactJws {
  std::string header_json;
  std::string payload_json;
  std::string signature;
  std::string_view signing_input;  // a view into the token passed to split_compact_jws
};

// REQUIRES: nothing. Refuses tokens over limits::id_token_bytes_max (malformed), other than
// exactly three segments (malformed) and any non-canonical segment (bad_encoding).
Result<CompactJws, IdTokenRefusal> split_compact_jws(std::string_view token);

struct IdTokenClaims {
  std::optional<std::string> issuer;            // iss
  std::optional<std::string> subject;           // sub
  std::vector<std::string> audiences;           // aud (a string or an array of strings)
  std::optional<std::string> authorized_party;  // azp
  std::optional<std::int64_t> expires_at_s;     // exp
  std::optional<std::int64_t> issued_at_s;      // iat
  std::optional<std::string> nonce;
  std::optional<std::string> acr;
};

struct IdTokenExpectations {
  std::string issuer;     // exactly, as in the discovery document
  std::string client_id;  // must be in aud
  std::string nonce;      // the one stored with the state
  Timestamp now;
  std::int64_t leeway_s = 60;
  std::vector<std::string> acr_allowed;  // empty: any acr (or none)
};

// The claim checks of OIDC Core 3.1.3.7 steps 2, 3, 4, 9, 10, 11 and 12, in that order.
Result<void, IdTokenRefusal> check_id_token_claims(const IdTokenClaims& claims,
                                                   const IdTokenExpectations& expected);

}  // namespace drop::identity
