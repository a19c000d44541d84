// PortError: the one small error type every adapter translates its vendor errors into at its
// edge (libpq, sqlite, OpenSSL, HTTP). Domain rejections are enums of their own; a PortError
// means the operation could not be carried out, and says whether retrying may help.
#pragma once

#include <string>
#include <string_view>

namespace drop::ports {

struct PortError {
  enum class Kind {
    unavailable,  // the backing service cannot be reached (retry later)
    timeout,      // no answer within the deadline (outcome may be unknown for writes)
    conflict,     // a concurrent change won (serialization failure, lock); safe to retry
    corrupt,      // stored data breaks an invariant or cannot be read
    invalid,      // the request was rejected by the backing service as malformed
    internal,     // anything else
  };
  Kind kind = Kind::internal;
  // For operators: never contains secrets, SQL parameters or personal data.
  std::string message;
};

using PortErrorKind = PortError::Kind;
std::string_view to_string(PortErrorKind kind);

}  // namespace drop::ports
