// The pure ID-token checks: split_compact_jws (segments, sizes, strict encoding) and
// check_id_token_claims (OIDC Core 3.1.3.7: iss, aud, azp, exp/iat with leeway, nonce, acr),
// one refusal per broken claim, with a fixed `now`.
#include <catch2/catch.hpp>

#include "drop/identity/base64url.hpp"
#include "drop/identity/id_token.hpp"
#include "drop/limits.hpp"

using namespace drop::identity;
using drop::Timestamp;

namespace {

const Timestamp now = Timestamp::from_unix_seconds(1'800'000'000);

IdTokenClaims good_claims() {
  IdTokenClaims claims;
  claims.issuer = "https://idp.example";
  claims.subject = "sub-1";
  claims.audiences = {"drop"};
  claims.expires_at_s = 1'800'000'300;
  claims.issued_at_s = 1'800'000'000;
  claims.nonce = "n-1";
  claims.acr = "urn:bankid:bid";
  return claims;
}

IdTokenExpectations expectations() {
  IdTokenExpectations expected;
  expected.issuer = "https://idp.example";
  expected.client_id = "drop";
  expected.nonce = "n-1";
  expected.now = now;
  expected.leeway_s = 60;
  return expected;
}

IdTokenRefusal refusal_of(const IdTokenClaims& claims,
                          const IdTokenExpectations& expected = expectations()) {
  auto checked = check_id_token_claims(claims, expected);
  REQUIRE_FALSE(checked.ok());
  return checked.error();
}

}  // namespace

TEST_CASE("id token claims: a good token passes, within leeway too") {
  CHECK(check_id_token_claims(good_claims(), expectations()).ok());
  auto claims = good_claims();
  claims.expires_at_s = 1'800'000'000 - 59;  // expired 59 s ago: within the 60 s leeway
  claims.issued_at_s = 1'800'000'000 - 600;
  CHECK(check_id_token_claims(claims, expectations()).ok());
  claims = good_claims();
  claims.issued_at_s = 1'800'000'000 + 60;  // a provider clock 60 s ahead
  CHECK(check_id_token_claims(claims, expectations()).ok());
  claims.audiences = {"drop", "other"};
  claims.authorized_party = "drop";
  CHECK(check_id_token_claims(claims, expectations()).ok());
}

TEST_CASE("id token claims: each broken claim is refused with its reason") {
  auto claims = good_claims();
  claims.subject.reset();
  CHECK(refusal_of(claims) == IdTokenRefusal::missing_claim);
  claims = good_claims();
  claims.nonce.reset();
  CHECK(refusal_of(claims) == IdTokenRefusal::missing_claim);
  claims = good_claims();
  claims.expires_at_s.reset();
  CHECK(refusal_of(claims) == IdTokenRefusal::missing_claim);
  claims = good_claims();
  claims.issuer = "https://idp.example/";  // exact comparison: a trailing slash differs
  CHECK(refusal_of(claims) == IdTokenRefusal::wrong_issuer);
  claims = good_claims();
  claims.audiences = {"other"};
  CHECK(refusal_of(claims) == IdTokenRefusal::wrong_audience);
  claims = good_claims();
  claims.audiences = {"drop", "other"};
  CHECK(refusal_of(claims) == IdTokenRefusal::wrong_authorized_party);
  claims.authorized_party = "other";
  CHECK(refusal_of(claims) == IdTokenRefusal::wrong_authorized_party);
  claims = good_claims();
  claims.expires_at_s = 1'800'000'000 - 60;
  CHECK(refusal_of(claims) == IdTokenRefusal::expired);
  claims = good_claims();
  claims.issued_at_s = 1'800'000'000 + 61;
  CHECK(refusal_of(claims) == IdTokenRefusal::issued_in_future);
  claims = good_claims();
  claims.nonce = "n-2";
  CHECK(refusal_of(claims) == IdTokenRefusal::nonce_mismatch);
  auto expected = expectations();
  expected.acr_allowed = {"urn:bankid:bid:substantial"};
  CHECK(refusal_of(good_claims(), expected) == IdTokenRefusal::acr_not_allowed);
  claims = good_claims();
  claims.acr.reset();
  CHECK(refusal_of(claims, expected) == IdTokenRefusal::acr_not_allowed);
  expected.acr_allowed.push_back("urn:bankid:bid");
  CHECK(check_id_token_claims(good_claims(), expected).ok());
}

TEST_CASE("id token: compact serialisation is split strictly") {
  const std::string header = encode_base64url("{\"alg\":\"RS256\"}");
  const std::string payload = encode_base64url("{}");
  const std::string token = header + "." + payload + "." + encode_base64url("sig");
  auto jws = split_compact_jws(token);
  REQUIRE(jws.ok());
  CHECK(jws->header_json == "{\"alg\":\"RS256\"}");
  CHECK(jws->signature == "sig");
  CHECK(jws->signing_input == header + "." + payload);
  CHECK(split_compact_jws(header + "." + payload).error() == IdTokenRefusal::malformed);
  CHECK(split_compact_jws(token + ".x").error() == IdTokenRefusal::malformed);
  CHECK(split_compact_jws("").error() == IdTokenRefusal::malformed);
  CHECK(split_compact_jws(header + "=." + payload + ".c2ln").error() ==
        IdTokenRefusal::bad_encoding);
  CHECK(split_compact_jws("..").error() == IdTokenRefusal::malformed);
  const std::string huge(drop::limits::id_token_bytes_max + 1, 'A');
  CHECK(split_compact_jws(huge).error() == IdTokenRefusal::malformed);
}
