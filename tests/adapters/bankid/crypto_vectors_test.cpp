// BankID crypto against the public vectors (../shared/vectors/jwt): the RFC 7636 App. B PKCE
// pair, the RFC 7515 A.2 RS256 signature verified with a key built from its JWK (and refused
// once tampered), and every must-fail token of the vectors README refused by verify_id_token
// with the expected reason (alg none in any case, HS256, HS/RS header swap, bad encodings,
// wrong segment counts). Also the JWKS parser's key filtering.
#include <rapidjson/document.h>

#include <catch2/catch.hpp>

#include "drop/adapters/bankid/crypto.hpp"
#include "drop/adapters/bankid/id_token_verifier.hpp"
#include "drop/adapters/bankid/oidc_documents.hpp"
#include "drop/identity/base64url.hpp"
#include "support/vectors.hpp"

using namespace drop::adapters::bankid;
using drop::identity::IdTokenRefusal;

namespace {

rapidjson::Document vectors() {
  rapidjson::Document document;
  const std::string json = drop_test::read_vector("jwt/rfc7515_rfc7636_vectors.json");
  document.Parse(json.data(), json.size());
  REQUIRE(document.IsObject());
  return document;
}

RsaPublicKey rfc_key(const rapidjson::Document& v) {
  const auto& jwk = v["rfc7515_A2_RS256"]["jwk_public"];
  auto key = RsaPublicKey::from_jwk(jwk["n"].GetString(), jwk["e"].GetString());
  REQUIRE(key.has_value());
  return *key;
}

}  // namespace

TEST_CASE("bankid crypto: RFC 7636 appendix B PKCE S256") {
  const auto v = vectors();
  const auto& pkce = v["rfc7636_appB_pkce"];
  CHECK(pkce_challenge_s256(pkce["code_verifier"].GetString()) ==
        pkce["code_challenge_S256"].GetString());
}

TEST_CASE("bankid crypto: RFC 7515 A.2 RS256 verifies with its JWK and fails when tampered") {
  const auto v = vectors();
  const RsaPublicKey key = rfc_key(v);
  CHECK(key.modulus_bits() == 2048);
  const std::string compact = v["rfc7515_A2_RS256"]["compact"].GetString();
  const auto last_dot = compact.rfind('.');
  const auto signature = drop::identity::decode_base64url(compact.substr(last_dot + 1));
  REQUIRE(signature.has_value());
  CHECK(key.verify_rs256(compact.substr(0, last_dot), *signature));
  std::string tampered = compact.substr(0, last_dot);
  tampered[tampered.size() - 3] ^= 1;
  CHECK_FALSE(key.verify_rs256(tampered, *signature));
  CHECK_FALSE(key.verify_rs256(compact.substr(0, last_dot), signature->substr(1)));
}

TEST_CASE("bankid crypto: every must-fail token of the vectors is refused with its reason") {
  const auto v = vectors();
  const RsaPublicKey key = rfc_key(v);
  // A lookup that would hand out the RFC key for any kid: refusals must come before it matters.
  const KeyLookup any_kid = [&](std::string_view) { return std::optional<RsaPublicKey>(key); };
  drop::identity::IdTokenExpectations expected;
  expected.issuer = "joe";
  expected.client_id = "drop";
  expected.nonce = "n";
  expected.now = drop::Timestamp::from_unix_seconds(1'300'819'370);
  auto refusal = [&](const std::string& token) {
    auto verified = verify_id_token(token, any_kid, expected);
    REQUIRE_FALSE(verified.ok());
    return verified.error();
  };
  CHECK(refusal(v["rfc7515_A5_unsecured_none"]["compact"].GetString()) ==
        IdTokenRefusal::algorithm_not_allowed);
  CHECK(refusal(v["rfc7515_A1_HS256"]["compact"].GetString()) ==
        IdTokenRefusal::algorithm_not_allowed);
  const auto& negatives = v["negative_string_manipulations_of_A1"];
  const std::pair<const char*, IdTokenRefusal> cases[] = {
      {"payload_tampered_keep_sig", IdTokenRefusal::algorithm_not_allowed},
      {"signature_stripped", IdTokenRefusal::algorithm_not_allowed},
      {"two_segments_only", IdTokenRefusal::malformed},
      {"four_segments", IdTokenRefusal::malformed},
      {"signature_last_char_flipped", IdTokenRefusal::algorithm_not_allowed},
      {"signature_base64_std_alphabet_padding", IdTokenRefusal::bad_encoding},
      {"header_alg_none_with_A1_sig", IdTokenRefusal::algorithm_not_allowed},
      {"header_alg_NONE_uppercase", IdTokenRefusal::algorithm_not_allowed},
      {"header_swapped_to_HS256_keeping_A2_RS256_sig", IdTokenRefusal::algorithm_not_allowed},
      {"signature_noncanonical_base64_trailing_bits", IdTokenRefusal::bad_encoding},
  };
  int checked = 0;
  for (const auto& [name, reason] : cases) {
    INFO(name);
    REQUIRE(negatives.HasMember(name));
    CHECK(refusal(negatives[name].GetString()) == reason);
    ++checked;
  }
  // Every named entry of the list is covered (entries starting with '_' are notes).
  int listed = 0;
  for (const auto& member : negatives.GetObject()) listed += member.name.GetString()[0] != '_';
  CHECK(checked == listed);
  // The RFC's own RS256 token has no kid: refused as unknown_key, never guessed.
  CHECK(refusal(v["rfc7515_A2_RS256"]["compact"].GetString()) == IdTokenRefusal::unknown_key);
}

TEST_CASE("bankid jwks: RSA signing keys are kept, anything else skipped") {
  const auto v = vectors();
  const auto& jwk = v["rfc7515_A2_RS256"]["jwk_public"];
  const std::string n = jwk["n"].GetString(), e = jwk["e"].GetString();
  auto rsa = [&](const std::string& kid, const std::string& extra) {
    return "{\"kty\":\"RSA\",\"kid\":\"" + kid + "\",\"n\":\"" + n + "\",\"e\":\"" + e + "\"" +
           extra + "}";
  };
  const std::string json =
      "{\"keys\":[" + rsa("a", "") + "," + rsa("b", ",\"use\":\"enc\"") + "," +
      rsa("c", ",\"alg\":\"RS512\"") + "," + rsa("d", ",\"use\":\"sig\",\"alg\":\"RS256\"") +
      ",{\"kty\":\"oct\",\"kid\":\"h\",\"k\":\"AAAA\"}," +
      "{\"kty\":\"RSA\",\"kid\":\"short\",\"n\":\"AQAB\",\"e\":\"AQAB\"}," + rsa("", "") + "]}";
  auto keys = parse_jwks(json);
  REQUIRE(keys.ok());
  CHECK(keys->size() == 2);
  CHECK(keys->count("a") == 1);
  CHECK(keys->count("d") == 1);
  CHECK_FALSE(parse_jwks("{\"keys\":{}}").ok());
  CHECK_FALSE(parse_jwks("[]").ok());
  CHECK_FALSE(RsaPublicKey::from_jwk(n + "=", e).has_value());
  CHECK_FALSE(RsaPublicKey::from_jwk(n, "AQAC").has_value());  // even exponent
}
