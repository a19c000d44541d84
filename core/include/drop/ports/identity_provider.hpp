// IdentityProvider port: signing a person in with an outside identity provider (BankID over
// OpenID Connect: authorization code flow with state, nonce and PKCE S256).
//
//   begin_sign_in()  -> the URL to send the browser to; the adapter remembers (state, nonce,
//                       PKCE verifier) in shared storage for limits::sign_in_state_lifetime_s.
//   finish_sign_in() -> with the `code` and `state` of the callback: the state is used up (single
//                       use, even when the rest fails), the code is exchanged and the ID token
//                       fully verified; the verified identity, or why not.
//
// Adapters: bankid (adapters/bankid). Thread-safe: many sign-ins may run at once, on many
// server instances (the callback may land on another instance than the start).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "drop/identity/id_token.hpp"
#include "drop/ports/port_error.hpp"
#include "drop/result.hpp"

namespace drop::ports {

struct SignInStart {
  std::string authorization_url;  // where to redirect the browser (302)
  std::string state;              // the state in that URL (already stored by the adapter)
};

struct VerifiedIdentity {
  std::string subject;  // the provider's stable pseudonymous id ("sub"); never empty
  std::string name;     // display name when the provider gave one, else empty
  // The national identity number, only when the provider released it. NEVER logged, stored in
  // plain text, put in a URL, an error or a response.
  std::optional<std::string> national_id;
};

enum class SignInRefusal : std::uint8_t {
  unknown_state,   // no such state (never issued, or already used)
  expired_state,   // issued more than limits::sign_in_state_lifetime_s ago
  code_rejected,   // the token endpoint refused the code (invalid_grant, PKCE mismatch, ...)
  invalid_token,   // the ID token failed validation: see `token_refusal`
  provider_error,  // the provider answered something that is not OpenID Connect (bad JSON, ...)
  unavailable,     // the provider or our storage could not be reached (retry later)
};
std::string_view to_string(SignInRefusal refusal);

struct SignInFailure {
  SignInRefusal refusal = SignInRefusal::provider_error;
  std::optional<identity::IdTokenRefusal> token_refusal;  // with invalid_token
  // For operators: what failed; never a code, token, secret or national id.
  std::string message;
};

class IdentityProvider {
 public:
  virtual ~IdentityProvider() = default;

  // A fresh state, nonce and PKCE verifier (stored), and the authorization URL carrying them.
  // Fails with unavailable when the discovery document or the storage cannot be reached.
  virtual Result<SignInStart, SignInFailure> begin_sign_in() = 0;

  // REQUIRES: nothing (code and state come from the browser and may be anything).
  virtual Result<VerifiedIdentity, SignInFailure> finish_sign_in(std::string_view code,
                                                                 std::string_view state) = 0;
};

}  // namespace drop::ports
