// SignInStateStore port: the sign-ins in flight (OIDC state -> nonce and PKCE verifier), shared by
// every server instance so that the callback may land anywhere. A state is used at most once.
// Adapters: memory, sqlite, postgres (one contract suite, tests/contract/). Thread-safe; each
// method is atomic.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "drop/ports/port_error.hpp"
#include "drop/result.hpp"
#include "drop/time/timestamp.hpp"

namespace drop::ports {

struct PendingSignIn {
  std::string state;          // 1..128 bytes, unique
  std::string nonce;          // sent in the authorization request, expected in the ID token
  std::string code_verifier;  // PKCE (RFC 7636), sent with the code exchange
  Timestamp expires_at;

  friend bool operator==(const PendingSignIn&, const PendingSignIn&) = default;
};

class SignInStateStore {
 public:
  virtual ~SignInStateStore() = default;

  // Stores a new sign-in. A state that already exists fails with PortError::Kind::conflict.
  virtual Result<void, PortError> put(const PendingSignIn& pending) = 0;

  // Removes and returns the sign-in with `state` (expired or not: the caller checks
  // expires_at), or std::nullopt when there is none. Of two concurrent takes of one state, at
  // most one gets it.
  virtual Result<std::optional<PendingSignIn>, PortError> take(std::string_view state) = 0;

  // Deletes sign-ins that expired before `now`; returns how many.
  virtual Result<std::size_t, PortError> purge_expired(Timestamp now) = 0;
};

}  // namespace drop::ports
