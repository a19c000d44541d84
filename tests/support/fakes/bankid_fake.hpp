// A fake BankID OpenID Connect provider, as a handler `HttpResponse(const HttpRequest&)` that
// speaks the real wire protocol: discovery (/.well-known/openid-configuration), JWKS (/jwks),
// and the token endpoint (/token) which checks client_secret_basic (RFC 6749 2.3.1) or a
// private_key_jwt client assertion (RFC 7523, signed with the RFC 7515 A.2 key), the
// authorization code (single use), redirect_uri and the PKCE verifier (S256, RFC 7636 4.6),
// answering RFC 6749 5.2 error bodies, and returns an ID token signed RS256 with the RFC 7515
// A.2 key (read from the vectors at test time). `authorize()` plays the user at BankID: it reads
// the authorization URL and returns the code the browser would bring back.
// Knobs: `fault` makes the next ID tokens bad in one way each; `token_kid`/`publish_kids` rotate
// keys. Thread-safe (one mutex). Drive it with drop_test::InProcessHttpClient, later
// FakeHttpServer.
#pragma once

#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "drop/adapters/http_client/http_client.hpp"
#include "support/fakes/bankid_fake_crypto.hpp"
#include "support/in_process_http.hpp"

namespace drop_test {

enum class IdTokenFault {
  none,
  alg_none,               // {"alg":"none"} and an empty signature
  hs256_with_public_key,  // HMAC-SHA256 keyed with the RSA public key PEM (HS/RS confusion)
  bad_base64url,          // the signature re-encoded with the standard alphabet and padding
  expired,                // exp two hours ago
  wrong_audience,         // aud is another client
  unknown_kid,            // a kid the JWKS does not publish
  bad_signature,          // one signature byte flipped
  foreign_key,            // validly signed, but with another RSA key under our kid
  wrong_issuer,
  nonce_mismatch,
  missing_subject,
  several_audiences_without_azp,
  issued_in_future,  // iat an hour ahead
};

class BankIdFake {
 public:
  struct Pending {
    std::string code_challenge, nonce, redirect_uri;
  };

  BankIdFake(std::string issuer, std::string client_id, std::string client_secret)
      : issuer_(std::move(issuer)),
        client_id_(std::move(client_id)),
        client_secret_(std::move(client_secret)),
        keys_(FakeRsaKeys::load()) {}

  // Knobs (set before the step they affect).
  IdTokenFault fault = IdTokenFault::none;
  std::string token_kid = "key-1";                 // kid in the ID tokens' header
  std::set<std::string> publish_kids = {"key-1"};  // kids the JWKS lists (all the same key)
  std::string discovery_issuer;                    // empty: the real issuer
  unsigned discovery_status = 200;                 // e.g. 503: the discovery endpoint is down
  unsigned token_status = 200;                     // e.g. 503 or 429: the token endpoint fails
  std::int64_t now_s = 1'800'000'000;              // the provider's clock (iat/exp)
  std::string subject = "bankid-sub-9f3c";
  std::string name = "Kari Nordmann";
  std::string nnin = "01017012345";  // a made-up national id (never log it)

  // Plays the user: parses the authorization URL, remembers its challenge and nonce, returns
  // the code. Empty when the URL lacks what a real provider requires.
  std::string authorize(const std::string& authorization_url);

  drop::http_client::HttpResponse handle(const drop::http_client::HttpRequest& request);
  FakeHandler handler() {
    return [this](const drop::http_client::HttpRequest& request) { return handle(request); };
  }

  int discovery_requests() const {
    std::lock_guard lock(mutex_);
    return discovery_requests_;
  }
  int jwks_requests() const {
    std::lock_guard lock(mutex_);
    return jwks_requests_;
  }
  int token_requests() const {
    std::lock_guard lock(mutex_);
    return token_requests_;
  }
  const std::string& client_secret() const { return client_secret_; }

 private:
  drop::http_client::HttpResponse token(const drop::http_client::HttpRequest& request);
  std::string id_token(const Pending& pending);
  bool client_assertion_valid(const std::string& body);  // REQUIRES: mutex_ held

  const std::string issuer_, client_id_, client_secret_;
  const FakeRsaKeys keys_;
  mutable std::mutex mutex_;
  std::map<std::string, Pending> codes_;
  std::set<std::string> used_jtis_;
  int next_code_ = 1;
  int discovery_requests_ = 0, jwks_requests_ = 0, token_requests_ = 0;
};

}  // namespace drop_test

#include "support/fakes/bankid_fake.inl"
#include "support/fakes/bankid_fake_tokens.inl"
