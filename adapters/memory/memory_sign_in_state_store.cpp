#include "drop/adapters/memory/memory_sign_in_state_store.hpp"

namespace drop::adapters::memory {

using ports::PendingSignIn;
using ports::PortError;

Result<void, PortError> MemorySignInStateStore::put(const PendingSignIn& pending) {
  std::lock_guard lock(mutex_);
  if (!pending_.emplace(pending.state, pending).second) {
    return Err{PortError{PortError::Kind::conflict, "sign-in state already exists"}};
  }
  return {};
}

Result<std::optional<PendingSignIn>, PortError> MemorySignInStateStore::take(
    std::string_view state) {
  std::lock_guard lock(mutex_);
  const auto found = pending_.find(state);
  if (found == pending_.end()) return std::optional<PendingSignIn>();
  std::optional<PendingSignIn> taken = std::move(found->second);
  pending_.erase(found);
  return taken;
}

Result<std::size_t, PortError> MemorySignInStateStore::purge_expired(Timestamp now) {
  std::lock_guard lock(mutex_);
  return static_cast<std::size_t>(
      std::erase_if(pending_, [now](const auto& entry) { return entry.second.expires_at < now; }));
}

}  // namespace drop::adapters::memory
