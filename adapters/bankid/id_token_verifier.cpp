#include "drop/adapters/bankid/id_token_verifier.hpp"

#include <rapidjson/document.h>

namespace drop::adapters::bankid {

namespace {

using identity::IdTokenRefusal;

std::optional<std::string> string_member(const rapidjson::Value& object, const char* name) {
  const auto found = object.FindMember(name);
  if (found == object.MemberEnd() || !found->value.IsString()) return std::nullopt;
  return std::string(found->value.GetString(), found->value.GetStringLength());
}

// A NumericDate (RFC 7519 2): an integer number of seconds. Fractions are refused.
std::optional<std::int64_t> seconds_member(const rapidjson::Value& object, const char* name) {
  const auto found = object.FindMember(name);
  if (found == object.MemberEnd() || !found->value.IsInt64()) return std::nullopt;
  return found->value.GetInt64();
}

// The kid of a header that pins RS256, else why not.
Result<std::string, IdTokenRefusal> check_header(const std::string& header_json) {
  rapidjson::Document header;
  header.Parse(header_json.data(), header_json.size());
  if (header.HasParseError() || !header.IsObject()) return Err{IdTokenRefusal::malformed};
  const auto alg = string_member(header, "alg");
  if (!alg || *alg != "RS256") return Err{IdTokenRefusal::algorithm_not_allowed};
  if (header.HasMember("crit")) return Err{IdTokenRefusal::malformed};  // RFC 7515 4.1.11
  auto kid = string_member(header, "kid");
  if (!kid || kid->empty()) return Err{IdTokenRefusal::unknown_key};
  return std::move(*kid);
}

// The claims of a payload whose signature was verified.
Result<VerifiedIdToken, IdTokenRefusal> parse_claims(const std::string& payload_json) {
  rapidjson::Document payload;
  payload.Parse(payload_json.data(), payload_json.size());
  if (payload.HasParseError() || !payload.IsObject()) return Err{IdTokenRefusal::malformed};
  VerifiedIdToken token;
  identity::IdTokenClaims& claims = token.claims;
  claims.issuer = string_member(payload, "iss");
  claims.subject = string_member(payload, "sub");
  claims.authorized_party = string_member(payload, "azp");
  claims.expires_at_s = seconds_member(payload, "exp");
  claims.issued_at_s = seconds_member(payload, "iat");
  claims.nonce = string_member(payload, "nonce");
  claims.acr = string_member(payload, "acr");
  if (const auto aud = payload.FindMember("aud"); aud != payload.MemberEnd()) {
    if (aud->value.IsString()) {
      claims.audiences.emplace_back(aud->value.GetString(), aud->value.GetStringLength());
    } else if (aud->value.IsArray()) {
      for (const auto& entry : aud->value.GetArray()) {
        if (!entry.IsString()) return Err{IdTokenRefusal::missing_claim};
        claims.audiences.emplace_back(entry.GetString(), entry.GetStringLength());
      }
    }
  }
  if (auto name = string_member(payload, "name")) {
    token.name = std::move(*name);
  } else {
    const auto given = string_member(payload, "given_name");
    const auto family = string_member(payload, "family_name");
    token.name = given.value_or("");
    if (family) token.name += (token.name.empty() ? "" : " ") + *family;
  }
  token.national_id = string_member(payload, "nnin");
  return token;
}

}  // namespace

Result<VerifiedIdToken, IdTokenRefusal> verify_id_token(
    std::string_view token, const KeyLookup& find_key,
    const identity::IdTokenExpectations& expected) {
  auto jws = identity::split_compact_jws(token);
  if (!jws) return Err{jws.error()};
  auto kid = check_header(jws->header_json);
  if (!kid) return Err{kid.error()};
  const std::optional<RsaPublicKey> key = find_key(*kid);
  if (!key) return Err{IdTokenRefusal::unknown_key};
  if (!key->verify_rs256(jws->signing_input, jws->signature)) {
    return Err{IdTokenRefusal::bad_signature};
  }
  auto verified = parse_claims(jws->payload_json);
  if (!verified) return Err{verified.error()};
  auto checked = identity::check_id_token_claims(verified->claims, expected);
  if (!checked) return Err{checked.error()};
  return verified;
}

}  // namespace drop::adapters::bankid
