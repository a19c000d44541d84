// Discovery and JWKS caching of the BankID adapter on a fake clock: the issuer must match
// exactly; discovery is fetched once and again after 12 hours (a failed refresh keeps the last
// good document); an unknown kid triggers one JWKS refresh and is then accepted once the key is
// published, with no second refresh inside the minute; provider outages are `unavailable`.
#include <catch2/catch.hpp>

#include "support/fakes/bankid_harness.hpp"

using drop::identity::IdTokenRefusal;
using drop::ports::SignInRefusal;
using drop_test::BankIdHarness;

TEST_CASE("bankid discovery: the issuer must equal BANKID_ISSUER exactly") {
  BankIdHarness harness;
  harness.fake.discovery_issuer = "https://bankid.test/";
  auto started = harness.provider->begin_sign_in();
  REQUIRE_FALSE(started.ok());
  CHECK(started.error().refusal == SignInRefusal::unavailable);
  CHECK(started.error().message.find("issuer") != std::string::npos);
}

TEST_CASE("bankid discovery: cached, refreshed after 12 hours, last good kept on failure") {
  BankIdHarness harness;
  REQUIRE(harness.sign_in().ok());
  REQUIRE(harness.sign_in().ok());
  CHECK(harness.fake.discovery_requests() == 1);
  harness.clock.advance_s(12 * 3600 - 1);
  REQUIRE(harness.sign_in().ok());
  CHECK(harness.fake.discovery_requests() == 1);
  harness.clock.advance_s(1);
  harness.fake.discovery_status = 503;
  REQUIRE(harness.sign_in().ok());  // refresh failed: the last good document serves
  CHECK(harness.fake.discovery_requests() >= 2);
  harness.fake.discovery_status = 200;
  REQUIRE(harness.sign_in().ok());
  const int after_recovery = harness.fake.discovery_requests();
  REQUIRE(harness.sign_in().ok());
  CHECK(harness.fake.discovery_requests() == after_recovery);
}

TEST_CASE("bankid jwks: an unknown kid triggers one rate-limited refresh") {
  BankIdHarness harness;
  REQUIRE(harness.sign_in().ok());
  CHECK(harness.fake.jwks_requests() == 1);
  REQUIRE(harness.sign_in().ok());
  CHECK(harness.fake.jwks_requests() == 1);  // known kid: no fetch

  // BankID rotates: the new key is published and tokens carry its kid.
  harness.clock.advance_s(120);
  harness.fake.publish_kids = {"key-1", "key-2"};
  harness.fake.token_kid = "key-2";
  REQUIRE(harness.sign_in().ok());
  CHECK(harness.fake.jwks_requests() == 2);

  // A kid nobody publishes, within the minute: refused without another fetch.
  harness.clock.advance_s(10);
  harness.fake.token_kid = "key-3";
  auto refused = harness.sign_in();
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().token_refusal == IdTokenRefusal::unknown_key);
  CHECK(harness.fake.jwks_requests() == 2);
  auto again = harness.sign_in();
  REQUIRE_FALSE(again.ok());
  CHECK(harness.fake.jwks_requests() == 2);

  // After the interval one more refresh is allowed, and the key appears then.
  harness.clock.advance_s(60);
  harness.fake.publish_kids = {"key-2", "key-3"};
  REQUIRE(harness.sign_in().ok());
  CHECK(harness.fake.jwks_requests() == 3);
}

TEST_CASE("bankid: provider outages are unavailable, never a sign-in") {
  SECTION("token endpoint 503") {
    BankIdHarness harness;
    harness.fake.token_status = 503;
    CHECK(harness.sign_in().error().refusal == SignInRefusal::unavailable);
  }
  SECTION("token endpoint 429") {
    BankIdHarness harness;
    harness.fake.token_status = 429;
    CHECK(harness.sign_in().error().refusal == SignInRefusal::unavailable);
  }
  SECTION("discovery down at the first start") {
    BankIdHarness harness;
    harness.fake.discovery_status = 500;
    CHECK(harness.provider->begin_sign_in().error().refusal == SignInRefusal::unavailable);
  }
}
