// In-memory SignInStateStore: the reference behaviour the SQL adapters are held to (one
// process only, so not for several server instances). Thread-safe (one mutex).
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "drop/ports/sign_in_state_store.hpp"

namespace drop::adapters::memory {

class MemorySignInStateStore final : public ports::SignInStateStore {
 public:
  Result<void, ports::PortError> put(const ports::PendingSignIn& pending) override;
  Result<std::optional<ports::PendingSignIn>, ports::PortError> take(
      std::string_view state) override;
  Result<std::size_t, ports::PortError> purge_expired(Timestamp now) override;

 private:
  std::mutex mutex_;
  std::map<std::string, ports::PendingSignIn, std::less<>> pending_;
};

}  // namespace drop::adapters::memory
