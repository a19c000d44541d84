// SQLite SignInStateStore (table sign_in_states, migration 4). Each method is one statement;
// take is a DELETE ... RETURNING, so a state is handed out at most once. Thread-safe.
#pragma once

#include "drop/adapters/sqlite/sqlite_database.hpp"
#include "drop/ports/sign_in_state_store.hpp"

namespace drop::adapters::sqlite {

class SqliteSignInStateStore final : public ports::SignInStateStore {
 public:
  explicit SqliteSignInStateStore(SqliteDatabase& database) : database_(database) {}
  Result<void, ports::PortError> put(const ports::PendingSignIn& pending) override;
  Result<std::optional<ports::PendingSignIn>, ports::PortError> take(
      std::string_view state) override;
  Result<std::size_t, ports::PortError> purge_expired(Timestamp now) override;

 private:
  SqliteDatabase& database_;
};

}  // namespace drop::adapters::sqlite
