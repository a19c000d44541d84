// Full ID-token validation (OIDC Core 3.1.3.7) for the BankID adapter, in this order:
//   1. split_compact_jws: three canonical base64url segments (core);
//   2. the protected header parsed here: a JSON object with "alg" exactly "RS256" (none, HS256,
//      RS512, ... refused before any key is looked at) and a "kid"; a "crit" header is refused;
//   3. the issuer's RSA key for that kid (`find_key` may refresh the JWKS once) and the RS256
//      signature over "header.payload" verified with it (OpenSSL EVP, crypto.hpp);
//   4. only then the payload is parsed and the claims checked (core check_id_token_claims).
// Thread-safety: pure function (find_key must be safe to call from the calling thread).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "drop/adapters/bankid/crypto.hpp"
#include "drop/identity/id_token.hpp"
#include "drop/result.hpp"

namespace drop::adapters::bankid {

struct VerifiedIdToken {
  identity::IdTokenClaims claims;
  std::string name;                        // "name", else "given_name family_name", else empty
  std::optional<std::string> national_id;  // "nnin" when released; never log it
};

// The key of the issuer with this kid, or std::nullopt when unknown.
using KeyLookup = std::function<std::optional<RsaPublicKey>(std::string_view kid)>;

Result<VerifiedIdToken, identity::IdTokenRefusal> verify_id_token(
    std::string_view token, const KeyLookup& find_key,
    const identity::IdTokenExpectations& expected);

}  // namespace drop::adapters::bankid
