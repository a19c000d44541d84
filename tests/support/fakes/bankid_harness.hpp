// A BankIdProvider wired to the fake BankID (in process), a fake clock, counting entropy and an
// in-memory SignInStateStore, plus `sign_in()`: the whole browser round trip (start -> BankID
// -> callback) in one call. Shared by the adapter and app tests.
#pragma once

#include <catch2/catch.hpp>
#include <memory>
#include <span>

#include "drop/adapters/bankid/bankid_provider.hpp"
#include "drop/adapters/memory/memory_sign_in_state_store.hpp"
#include "support/fakes/bankid_fake.hpp"
#include "support/in_process_http.hpp"

namespace drop_test {

class SteppingClock final : public drop::ports::Clock {
 public:
  drop::Timestamp now() const override { return now_; }
  void advance_s(std::int64_t seconds) { now_ = now_.plus_seconds(seconds); }

 private:
  drop::Timestamp now_ = drop::Timestamp::from_unix_seconds(1'800'000'000);
};

class CountingEntropy final : public drop::ports::Entropy {
 public:
  void fill(std::span<std::byte> bytes) override {
    for (std::byte& byte : bytes) byte = static_cast<std::byte>(next_++ * 13 + 7);
  }

 private:
  unsigned next_ = 1;
};

struct BankIdHarness {
  static constexpr const char* issuer = "https://bankid.test";
  static constexpr const char* client_id = "drop-client";
  // Characters that client_secret_basic must form-encode (RFC 6749 2.3.1).
  static constexpr const char* client_secret = "s3cr:et/+ &x";
  static constexpr const char* redirect_uri = "https://drop.test/api/auth/bankid/callback";

  SteppingClock clock;
  CountingEntropy entropy;
  drop::adapters::memory::MemorySignInStateStore states;
  BankIdFake fake{issuer, client_id, client_secret};
  InProcessHttpClient client{fake.handler()};
  std::unique_ptr<drop::adapters::bankid::BankIdProvider> provider;

  // `assertion_key_pem` non-empty: private_key_jwt with that key instead of the secret.
  explicit BankIdHarness(std::string secret = client_secret, std::string assertion_key_pem = "") {
    drop::adapters::bankid::BankIdConfig config;
    config.issuer = issuer;
    config.client_id = client_id;
    config.client_secret = std::move(secret);
    config.client_assertion_key_pem = std::move(assertion_key_pem);
    config.client_assertion_kid = "drop-client-key-1";
    config.redirect_uri = redirect_uri;
    provider = std::make_unique<drop::adapters::bankid::BankIdProvider>(std::move(config), client,
                                                                        states, clock, entropy);
  }

  // Start, authorize at the fake (whose clock follows ours), return {code, state}.
  std::pair<std::string, std::string> start() {
    auto started = provider->begin_sign_in();
    REQUIRE(started.ok());
    fake.now_s = clock.now().unix_seconds();
    const std::string code = fake.authorize(started->authorization_url);
    REQUIRE_FALSE(code.empty());
    return {code, started->state};
  }

  drop::Result<drop::ports::VerifiedIdentity, drop::ports::SignInFailure> sign_in() {
    const auto [code, state] = start();
    return provider->finish_sign_in(code, state);
  }
};

}  // namespace drop_test
