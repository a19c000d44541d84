// Parsers for the provider's JSON documents (RapidJSON, strict about what we rely on):
//   - the discovery document (OpenID Connect Discovery 1.0, section 3): issuer,
//     authorization_endpoint, token_endpoint, jwks_uri; `issuer` must equal the configured
//     BANKID_ISSUER exactly (section 4.3) and every endpoint must be an allowed outbound URL;
//   - the JWK Set (RFC 7517): RSA keys with a kid, usable for signatures (use "sig" or absent,
//     alg "RS256" or absent); other keys are skipped, at most limits::jwks_keys_max kept;
//   - the token endpoint's answer (RFC 6749 5.1/5.2): id_token, or the error code.
// Thread-safety: pure functions.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "drop/adapters/bankid/crypto.hpp"
#include "drop/result.hpp"

namespace drop::adapters::bankid {

struct ProviderMetadata {
  std::string issuer;
  std::string authorization_endpoint;
  std::string token_endpoint;
  std::string jwks_uri;
};

// A one-line reason (for operators) on failure.
Result<ProviderMetadata, std::string> parse_discovery(std::string_view json,
                                                      std::string_view expected_issuer);

using KeySet = std::map<std::string, RsaPublicKey, std::less<>>;
Result<KeySet, std::string> parse_jwks(std::string_view json);

struct TokenResponse {
  std::optional<std::string> id_token;  // on success
  std::string error;                    // RFC 6749 5.2 "error" on failure ("invalid_grant")
};
Result<TokenResponse, std::string> parse_token_response(std::string_view json);

// True for https URLs, and http URLs on a loopback host (localhost, 127.0.0.0/8, [::1]).
bool is_allowed_endpoint(std::string_view url);

}  // namespace drop::adapters::bankid
