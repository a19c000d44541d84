// RevokedTokenStore port: logged-out tokens (by jti) are refused until they would have expired.
// Shared by all server instances. Thread-safe.
#pragma once

#include <string_view>

#include "drop/ports/port_error.hpp"
#include "drop/result.hpp"
#include "drop/time/timestamp.hpp"

namespace drop::ports {

class RevokedTokenStore {
 public:
  virtual ~RevokedTokenStore() = default;
  // Idempotent.
  virtual Result<void, PortError> revoke(std::string_view jti, Timestamp expires_at) = 0;
  // True while a revoked jti has not reached its expiry.
  virtual Result<bool, PortError> is_revoked(std::string_view jti, Timestamp now) = 0;
};

}  // namespace drop::ports
