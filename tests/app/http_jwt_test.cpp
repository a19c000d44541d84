// The token codec with a fake clock (no system time): issue -> verify round trip; every must-fail
// token of the RFC 7515 vectors (/work/shared/vectors/jwt) refused; alg none / RS256 / extra
// header members refused before any library sees them; expired, not-yet-valid, wrong audience,
// wrong issuer, too long-lived and forged tokens refused; strict base64url; cookie helpers.
#include <openssl/hmac.h>
#include <rapidjson/document.h>

#include <catch2/catch.hpp>

#include "http/jwt.hpp"
#include "support/vectors.hpp"

using drop::Timestamp;
using namespace drop::http;

namespace {

const std::string secret = "0123456789abcdef0123456789abcdef-test-secret";
const Timestamp now = Timestamp::from_unix_seconds(1'800'000'000);

std::string hmac(std::string_view key, std::string_view data) {
  unsigned char mac[32];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &length);
  return std::string(reinterpret_cast<char*>(mac), length);
}

// A token signed here with `key`, from raw header and payload JSON.
std::string forge(std::string_view header, std::string_view payload,
                  std::string_view key = secret) {
  const std::string signing_input = encode_base64url(header) + "." + encode_base64url(payload);
  return signing_input + "." + encode_base64url(hmac(key, signing_input));
}

std::string claims(std::int64_t iat, std::int64_t exp, std::string_view aud = "drop-api",
                   std::string_view iss = "drop") {
  return R"({"iss":")" + std::string(iss) + R"(","aud":")" + std::string(aud) +
         R"(","sub":"usr_1","iat":)" + std::to_string(iat) + R"(,"exp":)" + std::to_string(exp) +
         R"(,"jti":"jti_1"})";
}

}  // namespace

TEST_CASE("jwt: issue then verify with an injected clock") {
  const TokenCodec codec(secret);
  const std::string token = codec.issue("usr_42", "jti_abc", now);
  auto verified = codec.verify(token, now);
  REQUIRE(verified.ok());
  CHECK(verified->subject == "usr_42");
  CHECK(verified->token_id == "jti_abc");
  CHECK(verified->issued_at_s == now.unix_seconds());
  CHECK(verified->expires_at_s == now.unix_seconds() + 15 * 60);
  CHECK(codec.verify(token, now.plus_seconds(15 * 60 - 1)).ok());
  CHECK(codec.verify(token, now.plus_seconds(15 * 60)).error() == TokenError::expired);
  // The payload carries exactly the API's claims.
  const std::string payload_part =
      token.substr(token.find('.') + 1, token.rfind('.') - token.find('.') - 1);
  std::string payload;
  REQUIRE(decode_base64url(payload_part, payload));
  rapidjson::Document document;
  document.Parse(payload.c_str());
  CHECK(std::string(document["iss"].GetString()) == "drop");
  CHECK(std::string(document["aud"].GetString()) == "drop-api");
  // Another secret refuses it.
  CHECK(TokenCodec("another-secret-another-secret-0000").verify(token, now).error() ==
        TokenError::bad_signature);
}

TEST_CASE("jwt: every must-fail RFC 7515 vector is refused") {
  const std::string text = drop_test::read_vector("jwt/rfc7515_rfc7636_vectors.json");
  rapidjson::Document vectors;
  vectors.Parse(text.c_str());
  REQUIRE(vectors.IsObject());
  std::string key;
  {
    const std::string hex = vectors["rfc7515_A1_HS256"]["hmac_key_hex"].GetString();
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
      key.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    }
  }
  // With the RFC's own key and a clock before its exp, the A.1 token's signature is valid, yet
  // it is refused: iss "joe" and no aud are not Drop's.
  const TokenCodec codec(key);
  const Timestamp before_expiry = Timestamp::from_unix_seconds(1300819370);
  CHECK(codec.verify(vectors["rfc7515_A1_HS256"]["compact"].GetString(), before_expiry).error() ==
        TokenError::wrong_issuer);
  CHECK(!codec.verify(vectors["rfc7515_A2_RS256"]["compact"].GetString(), before_expiry).ok());
  CHECK(codec.verify(vectors["rfc7515_A2_RS256"]["compact"].GetString(), before_expiry).error() ==
        TokenError::algorithm_not_allowed);
  CHECK(codec.verify(vectors["rfc7515_A5_unsecured_none"]["compact"].GetString(), before_expiry)
            .error() == TokenError::algorithm_not_allowed);
  int checked = 0;
  for (const auto& member : vectors["negative_string_manipulations_of_A1"].GetObject()) {
    const std::string name = member.name.GetString();
    if (name.starts_with("_")) continue;
    INFO(name);
    const auto result = codec.verify(member.value.GetString(), before_expiry);
    REQUIRE(!result.ok());
    // Refused before the claims are looked at: the header or the signature is wrong.
    CHECK(result.error() != TokenError::wrong_issuer);
    ++checked;
  }
  CHECK(checked >= 10);
}

TEST_CASE("jwt: the header is pinned to HS256 before anything else") {
  const TokenCodec codec(secret);
  const std::string payload = claims(now.unix_seconds(), now.unix_seconds() + 900);
  CHECK(codec.verify(forge(R"({"alg":"HS256"})", payload), now).ok());
  CHECK(codec.verify(forge(R"({"alg":"HS256","typ":"JWT"})", payload), now).ok());
  for (const char* header :
       {R"({"alg":"none"})", R"({"alg":"HS512"})", R"({"alg":"RS256"})", R"({"alg":"hs256"})",
        R"({"typ":"JWT"})", R"({"alg":"HS256","kid":"x"})", R"({"alg":"HS256","crit":["exp"]})",
        R"({"alg":"HS256","alg":"HS256"})", R"({"alg":["HS256"]})", R"(["HS256"])", "not json"}) {
    INFO(header);
    CHECK(codec.verify(forge(header, payload), now).error() == TokenError::algorithm_not_allowed);
  }
  // alg none with an empty signature.
  const std::string none =
      encode_base64url(R"({"alg":"none"})") + "." + encode_base64url(payload) + ".";
  CHECK(!codec.verify(none, now).ok());
}

TEST_CASE("jwt: claims are checked against the injected clock") {
  const TokenCodec codec(secret);
  const std::int64_t t = now.unix_seconds();
  const std::string header = R"({"alg":"HS256","typ":"JWT"})";
  CHECK(codec.verify(forge(header, claims(t - 900, t)), now).error() == TokenError::expired);
  CHECK(codec.verify(forge(header, claims(t - 1000, t - 100)), now).error() == TokenError::expired);
  CHECK(codec.verify(forge(header, claims(t + 600, t + 900)), now).error() ==
        TokenError::not_yet_valid);
  CHECK(codec.verify(forge(header, claims(t, t + 86400)), now).error() == TokenError::expired);
  CHECK(codec.verify(forge(header, claims(t, t + 900, "other-api")), now).error() ==
        TokenError::wrong_audience);
  CHECK(codec.verify(forge(header, claims(t, t + 900, "drop-api", "evil")), now).error() ==
        TokenError::wrong_issuer);
  CHECK(codec
            .verify(forge(header, R"({"iss":"drop","aud":["x","drop-api"],"sub":"u","iat":)" +
                                      std::to_string(t) + R"(,"exp":)" + std::to_string(t + 60) +
                                      R"(,"jti":"j"})"),
                    now)
            .ok());
  CHECK(codec
            .verify(forge(header, R"({"iss":"drop","aud":"drop-api","sub":"u","iat":)" +
                                      std::to_string(t) + R"(,"exp":")" + std::to_string(t + 60) +
                                      R"(","jti":"j"})"),
                    now)
            .error() == TokenError::missing_claim);
  // Signed with another key: forged.
  CHECK(codec.verify(forge(header, claims(t, t + 900), "attacker-key-attacker-key-00000000"), now)
            .error() == TokenError::bad_signature);
  CHECK(codec.verify("", now).error() == TokenError::malformed);
  CHECK(codec.verify("a.b", now).error() == TokenError::malformed);
}

TEST_CASE("jwt: base64url is strict and canonical") {
  std::string out;
  CHECK(decode_base64url("", out));
  CHECK(decode_base64url("TWFu", out));
  CHECK(out == "Man");
  CHECK(decode_base64url("TWE", out));
  CHECK(out == "Ma");
  CHECK(!decode_base64url("TWF", out));  // "Ma" with non-zero unused bits
  CHECK(!decode_base64url("TWE=", out));
  CHECK(!decode_base64url("TW+u", out));
  CHECK(!decode_base64url("TW/u", out));
  CHECK(!decode_base64url("T", out));
  CHECK(decode_base64url("TQ", out));
  CHECK(out == "M");
  CHECK(!decode_base64url("TR", out));
  for (const std::string text : {"", "f", "fo", "foo", "foob", "fooba", "foobar"}) {
    REQUIRE(decode_base64url(encode_base64url(text), out));
    CHECK(out == text);
  }
}

TEST_CASE("jwt: session cookie attributes") {
  CHECK(session_cookie("t", true) ==
        "drop_session=t; Path=/; Max-Age=900; HttpOnly; SameSite=Lax; Secure");
  CHECK(session_cookie("t", false) ==
        "drop_session=t; Path=/; Max-Age=900; HttpOnly; SameSite=Lax");
  CHECK(cleared_session_cookie(true).find("Max-Age=0") != std::string::npos);
  CHECK(find_session_cookie("a=1; drop_session=abc.def.ghi; b=2") == "abc.def.ghi");
  CHECK(find_session_cookie("xdrop_session=1") == "");
  CHECK(find_session_cookie("") == "");
}
