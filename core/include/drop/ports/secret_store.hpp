// SecretStore port: where the program's secrets come from (JWT_SECRET, DATABASE_URL,
// SLACK_WEBHOOK_URL, SUMSUB_*, BANKID_CLIENT_SECRET, DROP_ADMIN_TOKEN, ...), looked up by their
// setting name. Adapters: the process environment (the default), AWS Secrets Manager (when
// AWS_SECRET_ARN is set; cached with a TTL), a map in tests.
//
// A value is never logged or put in an error message by any implementation.
// Thread-safety: implementations must be thread-safe (`get` may be called from many threads).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "drop/ports/port_error.hpp"
#include "drop/result.hpp"

namespace drop::ports {

class SecretStore {
 public:
  virtual ~SecretStore() = default;
  // The value of the secret called `name` ("JWT_SECRET"), or std::nullopt when the store holds
  // no such secret (the caller may then fall back to another source or a default).
  // Fails with unavailable / timeout when the backing service cannot be reached and no earlier
  // value is known, invalid when the service refuses the request (credentials, permissions, an
  // unknown secret), corrupt when the stored secret cannot be read. The message never holds a
  // secret value.
  // REQUIRES: !name.empty().
  virtual Result<std::optional<std::string>, PortError> get(std::string_view name) = 0;
};

}  // namespace drop::ports
