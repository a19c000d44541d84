// BankID sign-in: the IdentityProvider port over OpenID Connect (authorization code flow,
// client_secret_basic, PKCE S256), held to OIDC Core 3.1.3.7 for the ID token.
//
// begin_sign_in: state, nonce and PKCE verifier (each 32 bytes from the injected Entropy,
// base64url) are stored in the SignInStateStore for limits::sign_in_state_lifetime_s, and the
// URL is <authorization_endpoint>?response_type=code&client_id&redirect_uri&scope&state&nonce
// &code_challenge&code_challenge_method=S256.
// finish_sign_in: the state is taken (single use) and its expiry checked; the code is exchanged
// at token_endpoint (POST, form-encoded grant_type, code, redirect_uri, code_verifier;
// Authorization: Basic per RFC 6749 2.3.1, or private_key_jwt when a key is configured); the ID
// token is verified (id_token_verifier.hpp) against the stored nonce. Codes, tokens, secrets and
// national ids never appear in a SignInFailure message. Thread-safety: thread-safe (ports are; the
// cache locks).
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "drop/adapters/bankid/crypto.hpp"
#include "drop/adapters/bankid/provider_cache.hpp"
#include "drop/adapters/http_client/http_client.hpp"
#include "drop/ports/clock.hpp"
#include "drop/ports/identity_provider.hpp"
#include "drop/ports/sign_in_state_store.hpp"

namespace drop::adapters::bankid {

struct BankIdConfig {
  std::string issuer;  // BANKID_ISSUER, exactly as the provider's "issuer"
  std::string client_id;
  std::string client_secret;  // client_secret_basic, unless a client assertion key is set
  // private_key_jwt (RFC 7523): a PEM RSA private key (and the kid BankID knows it by). When
  // set, the code exchange authenticates with a signed client_assertion instead of the secret.
  std::string client_assertion_key_pem;
  std::string client_assertion_kid;
  std::string redirect_uri;  // BANKID_REDIRECT_URI: our /api/auth/bankid/callback
  std::string scope = "openid";
  std::vector<std::string> acr_allowed;  // empty: any acr
  std::uint32_t timeout_ms = 10'000;     // each request to the provider
};

class BankIdProvider final : public ports::IdentityProvider {
 public:
  // REQUIRES: every reference outlives the provider; config fields non-empty.
  BankIdProvider(BankIdConfig config, http_client::HttpClient& client,
                 ports::SignInStateStore& states, const ports::Clock& clock,
                 ports::Entropy& entropy);

  Result<ports::SignInStart, ports::SignInFailure> begin_sign_in() override;
  Result<ports::VerifiedIdentity, ports::SignInFailure> finish_sign_in(
      std::string_view code, std::string_view state) override;

  const ProviderCache& cache() const { return cache_; }

 private:
  std::string random_token();
  Result<std::string, ports::SignInFailure> exchange_code(const ProviderMetadata& metadata,
                                                          std::string_view code,
                                                          const std::string& code_verifier);

  const BankIdConfig config_;
  http_client::HttpClient& client_;
  ports::SignInStateStore& states_;
  const ports::Clock& clock_;
  ports::Entropy& entropy_;
  ProviderCache cache_;
  std::optional<RsaPrivateKey> assertion_key_;  // parsed client_assertion_key_pem
  std::atomic<std::uint64_t> starts_{0};
};

}  // namespace drop::adapters::bankid
