// PortError: the one small error every adapter translates its vendor errors into, at its edge
// (libpq, sqlite3, OpenSSL, HTTP). Domain rejections are never PortErrors: they are result
// enums (a transfer's CreateTransferResult). Thread-safety: a value type.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace drop::ports {

enum class PortErrorKind : std::uint8_t {
  unavailable = 1,  // cannot reach the backend (connection refused, pool exhausted, down)
  timeout = 2,      // the backend did not answer in time; the outcome may be unknown
  conflict = 3,     // a concurrent change won (serialization failure, deadlock): retry
  corrupt = 4,      // stored data breaks an invariant (a row that cannot be decoded)
  internal = 5,     // anything else (a bug, an unexpected vendor error)
};
std::string_view to_string(PortErrorKind kind);

struct PortError {
  PortErrorKind kind = PortErrorKind::internal;
  // For logs and operators only: never shown to API clients, never contains secrets or SQL
  // parameters.
  std::string message;
};

}  // namespace drop::ports
