// PostgreSQL SignInStateStore (table sign_in_states, migration 4), shared by every server
// instance. Each method is one statement; take is a DELETE ... RETURNING, so a state is handed
// out at most once even when two instances race. Thread-safe (a pooled connection per call).
#pragma once

#include "drop/adapters/postgres/pg_pool.hpp"
#include "drop/ports/sign_in_state_store.hpp"

namespace drop::adapters::postgres {

class PgSignInStateStore final : public ports::SignInStateStore {
 public:
  explicit PgSignInStateStore(PgPool& pool) : pool_(pool) {}
  Result<void, ports::PortError> put(const ports::PendingSignIn& pending) override;
  Result<std::optional<ports::PendingSignIn>, ports::PortError> take(
      std::string_view state) override;
  Result<std::size_t, ports::PortError> purge_expired(Timestamp now) override;

 private:
  PgPool& pool_;
};

}  // namespace drop::adapters::postgres
