// BankIdProvider against the fake BankID provider (in process, real wire format): the
// authorization URL, the code exchange request (client_secret_basic, form body, PKCE), every bad
// ID token refused with its reason, state single-use and expiry on a fake clock, token endpoint
// failures, and that no national id or secret reaches a failure message.
#include <catch2/catch.hpp>

#include "drop/adapters/bankid/crypto.hpp"
#include "support/fakes/bankid_harness.hpp"

using drop::identity::IdTokenRefusal;
using drop::ports::SignInRefusal;
using drop_test::BankIdHarness;
using drop_test::IdTokenFault;

namespace {

// The (last) request to the token endpoint (the JWKS is fetched after it).
drop::http_client::HttpRequest token_request(const BankIdHarness& harness) {
  const auto requests = harness.client.requests();
  for (auto it = requests.rbegin(); it != requests.rend(); ++it) {
    if (it->url == "/token") return *it;
  }
  FAIL("no request to the token endpoint");
  return {};
}

}  // namespace

TEST_CASE("bankid: a sign-in round trip yields the verified identity") {
  BankIdHarness harness;
  auto identity = harness.sign_in();
  REQUIRE(identity.ok());
  CHECK(identity->subject == "bankid-sub-9f3c");
  CHECK(identity->name == "Kari Nordmann");
  CHECK(identity->national_id == std::optional<std::string>("01017012345"));
  CHECK(harness.fake.token_requests() == 1);
}

TEST_CASE("bankid: the authorization URL carries code flow, state, nonce and PKCE S256") {
  BankIdHarness harness;
  auto started = harness.provider->begin_sign_in();
  REQUIRE(started.ok());
  const std::string& url = started->authorization_url;
  CHECK(url.rfind("https://bankid.test/authorize?response_type=code&client_id=drop-client&", 0) ==
        0);
  CHECK(url.find("&redirect_uri=https%3A%2F%2Fdrop.test%2Fapi%2Fauth%2Fbankid%2Fcallback&") !=
        std::string::npos);
  CHECK(url.find("&scope=openid&state=" + started->state + "&nonce=") != std::string::npos);
  CHECK(url.find("&code_challenge_method=S256") != std::string::npos);
  CHECK(started->state.size() == 43);  // 32 random bytes, base64url
  auto pending = harness.states.take(started->state);
  REQUIRE(pending.ok());
  REQUIRE(pending->has_value());
  const auto challenge = drop::adapters::bankid::pkce_challenge_s256((*pending)->code_verifier);
  CHECK(url.find("&code_challenge=" + challenge + "&") != std::string::npos);
  CHECK((*pending)->expires_at == harness.clock.now().plus_seconds(600));
  CHECK((*pending)->nonce != (*pending)->state);
}

TEST_CASE("bankid: the code exchange is client_secret_basic with a form body") {
  BankIdHarness harness;
  REQUIRE(harness.sign_in().ok());
  const auto token = token_request(harness);
  CHECK(token.method == "POST");
  CHECK(token.url == "/token");
  CHECK_FALSE(token.retry_safe);
  std::string authorization, content_type;
  for (const auto& header : token.headers) {
    if (header.name == "Authorization") authorization = header.value;
    if (header.name == "Content-Type") content_type = header.value;
  }
  // base64("drop-client:s3cr%3Aet%2F%2B+%26x"): id and secret form-encoded first.
  CHECK(authorization == "Basic " + drop_test::standard_base64("drop-client:s3cr%3Aet%2F%2B+%26x"));
  CHECK(content_type == "application/x-www-form-urlencoded");
  CHECK(token.body.rfind("grant_type=authorization_code&code=code-1&redirect_uri=https%3A%2F%2F",
                         0) == 0);
  CHECK(token.body.find("&code_verifier=") != std::string::npos);
  CHECK(token.body.find("client_secret") == std::string::npos);  // never in the body
}

TEST_CASE("bankid: every bad ID token is refused with its reason") {
  const std::pair<IdTokenFault, IdTokenRefusal> cases[] = {
      {IdTokenFault::alg_none, IdTokenRefusal::algorithm_not_allowed},
      {IdTokenFault::hs256_with_public_key, IdTokenRefusal::algorithm_not_allowed},
      {IdTokenFault::bad_base64url, IdTokenRefusal::bad_encoding},
      {IdTokenFault::expired, IdTokenRefusal::expired},
      {IdTokenFault::wrong_audience, IdTokenRefusal::wrong_audience},
      {IdTokenFault::unknown_kid, IdTokenRefusal::unknown_key},
      {IdTokenFault::bad_signature, IdTokenRefusal::bad_signature},
      {IdTokenFault::foreign_key, IdTokenRefusal::bad_signature},
      {IdTokenFault::wrong_issuer, IdTokenRefusal::wrong_issuer},
      {IdTokenFault::nonce_mismatch, IdTokenRefusal::nonce_mismatch},
      {IdTokenFault::missing_subject, IdTokenRefusal::missing_claim},
      {IdTokenFault::several_audiences_without_azp, IdTokenRefusal::wrong_authorized_party},
      {IdTokenFault::issued_in_future, IdTokenRefusal::issued_in_future},
  };
  for (const auto& [fault, reason] : cases) {
    INFO(static_cast<int>(fault));
    BankIdHarness harness;
    harness.fake.fault = fault;
    auto identity = harness.sign_in();
    REQUIRE_FALSE(identity.ok());
    CHECK(identity.error().refusal == SignInRefusal::invalid_token);
    CHECK(identity.error().token_refusal == reason);
    CHECK(identity.error().message.find(harness.fake.nnin) == std::string::npos);
    CHECK(identity.error().message.find("code-") == std::string::npos);
  }
}

TEST_CASE("bankid: a state is single-use and lives ten minutes") {
  BankIdHarness harness;
  auto [code, state] = harness.start();
  REQUIRE(harness.provider->finish_sign_in(code, state).ok());
  auto again = harness.provider->finish_sign_in(code, state);
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().refusal == SignInRefusal::unknown_state);
  CHECK(harness.fake.token_requests() == 1);  // a replayed callback never reaches BankID

  auto [late_code, late_state] = harness.start();
  harness.clock.advance_s(600);
  auto late = harness.provider->finish_sign_in(late_code, late_state);
  REQUIRE_FALSE(late.ok());
  CHECK(late.error().refusal == SignInRefusal::expired_state);
  // Used up even though it failed.
  CHECK(harness.provider->finish_sign_in(late_code, late_state).error().refusal ==
        SignInRefusal::unknown_state);

  auto [in_time_code, in_time_state] = harness.start();
  harness.clock.advance_s(599);
  harness.fake.now_s = harness.clock.now().unix_seconds();
  CHECK(harness.provider->finish_sign_in(in_time_code, in_time_state).ok());
  CHECK(harness.provider->finish_sign_in("c", "never-issued").error().refusal ==
        SignInRefusal::unknown_state);
  CHECK(harness.provider->finish_sign_in("c", std::string(129, 's')).error().refusal ==
        SignInRefusal::unknown_state);
}

TEST_CASE("bankid: the token endpoint's refusals and failures") {
  SECTION("a wrong client secret: invalid_client") {
    BankIdHarness harness("wrong-secret");
    auto identity = harness.sign_in();
    REQUIRE_FALSE(identity.ok());
    CHECK(identity.error().refusal == SignInRefusal::code_rejected);
    CHECK(identity.error().message.find("wrong-secret") == std::string::npos);
  }
  SECTION("a PKCE verifier that does not match the challenge: invalid_grant") {
    BankIdHarness harness;
    auto [code, state] = harness.start();
    auto pending = std::move(harness.states.take(state).value()).value();
    pending.code_verifier = std::string(43, 'x');
    REQUIRE(harness.states.put(pending).ok());
    auto identity = harness.provider->finish_sign_in(code, state);
    REQUIRE_FALSE(identity.ok());
    CHECK(identity.error().refusal == SignInRefusal::code_rejected);
  }
  SECTION("an unknown code: invalid_grant") {
    BankIdHarness harness;
    auto [code, state] = harness.start();
    CHECK(harness.provider->finish_sign_in("code-999", state).error().refusal ==
          SignInRefusal::code_rejected);
  }
}

TEST_CASE("bankid: private_key_jwt authenticates the code exchange with a signed assertion") {
  const std::string rfc_private = drop_test::read_vector("jwt/rfc7515_A2_private_pkcs8.pem");
  BankIdHarness harness("unused-secret", rfc_private);
  REQUIRE(harness.sign_in().ok());
  const auto token = token_request(harness);
  for (const auto& header : token.headers) CHECK(header.name != "Authorization");
  CHECK(token.body.find("&client_id=drop-client&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth"
                        "%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=ey") !=
        std::string::npos);
  CHECK(token.body.find("unused-secret") == std::string::npos);

  SECTION("an assertion signed with a key BankID does not know: invalid_client") {
    BankIdHarness stranger("unused-secret", drop_test::private_pem(drop_test::foreign_key().get()));
    auto identity = stranger.sign_in();
    REQUIRE_FALSE(identity.ok());
    CHECK(identity.error().refusal == SignInRefusal::code_rejected);
  }
  SECTION("an unreadable key: unavailable, nothing sent") {
    BankIdHarness broken("unused-secret", "-----BEGIN PRIVATE KEY-----\nnot a key\n");
    auto identity = broken.sign_in();
    REQUIRE_FALSE(identity.ok());
    CHECK(identity.error().refusal == SignInRefusal::unavailable);
    CHECK(broken.fake.token_requests() == 0);
  }
}
