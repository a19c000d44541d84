#include "drop/adapters/sqlite/sqlite_sign_in_state_store.hpp"

namespace drop::adapters::sqlite {

using ports::PendingSignIn;
using ports::PortError;

Result<void, PortError> SqliteSignInStateStore::put(const PendingSignIn& pending) {
  auto rows = database_.with_connection([&](SqliteConnection& connection) {
    return connection.query(
        "INSERT INTO sign_in_states (state, nonce, code_verifier, expires_at_us) "
        "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (state) DO NOTHING RETURNING 1",
        {pending.state, pending.nonce, pending.code_verifier, pending.expires_at.unix_us});
  });
  if (!rows) return Err{rows.error()};
  if (rows->empty()) {
    return Err{PortError{PortError::Kind::conflict, "sign-in state already exists"}};
  }
  return {};
}

Result<std::optional<PendingSignIn>, PortError> SqliteSignInStateStore::take(
    std::string_view state) {
  auto rows = database_.with_connection([&](SqliteConnection& connection) {
    return connection.query(
        "DELETE FROM sign_in_states WHERE state = ?1 "
        "RETURNING state, nonce, code_verifier, expires_at_us",
        {std::string(state)});
  });
  if (!rows) return Err{rows.error()};
  if (rows->empty()) return std::optional<PendingSignIn>();
  const SqliteRow& row = rows->front();
  return std::optional<PendingSignIn>(
      PendingSignIn{row.text(0), row.text(1), row.text(2), Timestamp{row.int64(3)}});
}

Result<std::size_t, PortError> SqliteSignInStateStore::purge_expired(Timestamp now) {
  auto rows = database_.with_connection([&](SqliteConnection& connection) {
    return connection.query("DELETE FROM sign_in_states WHERE expires_at_us < ?1 RETURNING 1",
                            {now.unix_us});
  });
  if (!rows) return Err{rows.error()};
  return rows->size();
}

}  // namespace drop::adapters::sqlite
