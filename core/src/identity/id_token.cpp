#include "drop/identity/id_token.hpp"

#include <algorithm>

#include "drop/identity/base64url.hpp"
#include "drop/limits.hpp"

namespace drop::identity {

std::string_view to_string(IdTokenRefusal refusal) {
  switch (refusal) {
    case IdTokenRefusal::malformed:
      return "malformed";
    case IdTokenRefusal::bad_encoding:
      return "bad_encoding";
    case IdTokenRefusal::algorithm_not_allowed:
      return "algorithm_not_allowed";
    case IdTokenRefusal::unknown_key:
      return "unknown_key";
    case IdTokenRefusal::bad_signature:
      return "bad_signature";
    case IdTokenRefusal::missing_claim:
      return "missing_claim";
    case IdTokenRefusal::wrong_issuer:
      return "wrong_issuer";
    case IdTokenRefusal::wrong_audience:
      return "wrong_audience";
    case IdTokenRefusal::wrong_authorized_party:
      return "wrong_authorized_party";
    case IdTokenRefusal::expired:
      return "expired";
    case IdTokenRefusal::issued_in_future:
      return "issued_in_future";
    case IdTokenRefusal::nonce_mismatch:
      return "nonce_mismatch";
    case IdTokenRefusal::acr_not_allowed:
      return "acr_not_allowed";
  }
  return "unknown";
}

Result<CompactJws, IdTokenRefusal> split_compact_jws(std::string_view token) {
  if (token.empty() || token.size() > limits::id_token_bytes_max) {
    return Err{IdTokenRefusal::malformed};
  }
  const std::size_t first = token.find('.');
  if (first == std::string_view::npos) return Err{IdTokenRefusal::malformed};
  const std::size_t second = token.find('.', first + 1);
  if (second == std::string_view::npos) return Err{IdTokenRefusal::malformed};
  if (token.find('.', second + 1) != std::string_view::npos) {
    return Err{IdTokenRefusal::malformed};
  }
  auto header = decode_base64url(token.substr(0, first));
  auto payload = decode_base64url(token.substr(first + 1, second - first - 1));
  auto signature = decode_base64url(token.substr(second + 1));
  if (!header || !payload || !signature) return Err{IdTokenRefusal::bad_encoding};
  if (header->empty() || payload->empty()) return Err{IdTokenRefusal::malformed};
  CompactJws jws;
  jws.header_json = std::move(*header);
  jws.payload_json = std::move(*payload);
  jws.signature = std::move(*signature);
  jws.signing_input = token.substr(0, second);
  return jws;
}

Result<void, IdTokenRefusal> check_id_token_claims(const IdTokenClaims& claims,
                                                   const IdTokenExpectations& expected) {
  if (!claims.issuer || !claims.subject || claims.subject->empty() || claims.audiences.empty() ||
      !claims.expires_at_s || !claims.issued_at_s || !claims.nonce) {
    return Err{IdTokenRefusal::missing_claim};
  }
  // Step 2: iss exactly the issuer of the discovery document.
  if (*claims.issuer != expected.issuer) return Err{IdTokenRefusal::wrong_issuer};
  // Step 3: aud contains our client_id.
  const auto& audiences = claims.audiences;
  if (std::find(audiences.begin(), audiences.end(), expected.client_id) == audiences.end()) {
    return Err{IdTokenRefusal::wrong_audience};
  }
  // Step 4 (and 5): several audiences need azp; an azp that is present must be us.
  if ((audiences.size() > 1 && !claims.authorized_party) ||
      (claims.authorized_party && *claims.authorized_party != expected.client_id)) {
    return Err{IdTokenRefusal::wrong_authorized_party};
  }
  // Step 9: exp in the future, with a small leeway for clock differences.
  const std::int64_t now_s = expected.now.unix_seconds();
  if (*claims.expires_at_s + expected.leeway_s <= now_s) return Err{IdTokenRefusal::expired};
  // Step 10: iat not in the future.
  if (*claims.issued_at_s > now_s + expected.leeway_s) {
    return Err{IdTokenRefusal::issued_in_future};
  }
  // Step 11: the nonce we sent with this sign-in.
  if (*claims.nonce != expected.nonce) return Err{IdTokenRefusal::nonce_mismatch};
  // Step 12: acr from the allow-list, when one is configured.
  if (!expected.acr_allowed.empty()) {
    if (!claims.acr || std::find(expected.acr_allowed.begin(), expected.acr_allowed.end(),
                                 *claims.acr) == expected.acr_allowed.end()) {
      return Err{IdTokenRefusal::acr_not_allowed};
    }
  }
  return {};
}

}  // namespace drop::identity
