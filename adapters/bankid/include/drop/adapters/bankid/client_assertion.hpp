// private_key_jwt client authentication (OIDC Core 9, RFC 7523 2.2): a short-lived JWT signed
// RS256 with our private key, sent as client_assertion with client_assertion_type
// urn:ietf:params:oauth:client-assertion-type:jwt-bearer instead of a client secret.
// Claims: iss = sub = client_id, aud = the token endpoint, jti (single use), iat, exp = iat + 60.
// Thread-safety: pure function.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "drop/adapters/bankid/crypto.hpp"
#include "drop/time/timestamp.hpp"

namespace drop::adapters::bankid {

inline constexpr std::string_view client_assertion_type =
    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
inline constexpr std::int64_t client_assertion_lifetime_s = 60;

// The compact JWS, or std::nullopt when signing fails. `kid` may be empty (then omitted).
std::optional<std::string> make_client_assertion(const RsaPrivateKey& key, std::string_view kid,
                                                 std::string_view client_id,
                                                 std::string_view token_endpoint,
                                                 std::string_view jti, Timestamp now);

}  // namespace drop::adapters::bankid
