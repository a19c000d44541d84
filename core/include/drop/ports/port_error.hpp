// PortError: the one small error type every port returns when its adapter fails (the database,
// a file, a remote service). Adapters translate vendor errors into it at their edge; domain
// outcomes are never PortErrors. Thread-safety: a value type.
#pragma once

#include <string>

namespace drop::ports {

struct PortError {
  enum class Kind { unavailable, timeout, conflict, corrupt, invalid, internal } kind;
  std::string message;
};

}  // namespace drop::ports
