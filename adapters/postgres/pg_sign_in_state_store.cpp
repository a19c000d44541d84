#include "drop/adapters/postgres/pg_sign_in_state_store.hpp"

#include <string>

namespace drop::adapters::postgres {

using ports::PendingSignIn;
using ports::PortError;

namespace {}  // namespace

Result<void, PortError> PgSignInStateStore::put(const PendingSignIn& pending) {
  auto rows = pool_.exec(
      "INSERT INTO sign_in_states (state, nonce, code_verifier, expires_at_us) "
      "VALUES ($1, $2, $3, $4) ON CONFLICT (state) DO NOTHING RETURNING 1",
      {pending.state, pending.nonce, pending.code_verifier,
       std::to_string(pending.expires_at.unix_us)});
  if (!rows) return Err{rows.error()};
  if (rows->rows() == 0) {
    return Err{PortError{PortError::Kind::conflict, "sign-in state already exists"}};
  }
  return {};
}

Result<std::optional<PendingSignIn>, PortError> PgSignInStateStore::take(std::string_view state) {
  auto rows = pool_.exec(
      "DELETE FROM sign_in_states WHERE state = $1 "
      "RETURNING state, nonce, code_verifier, expires_at_us",
      {std::string(state)});
  if (!rows) return Err{rows.error()};
  if (rows->rows() == 0) return std::optional<PendingSignIn>();
  return std::optional<PendingSignIn>(
      PendingSignIn{std::string(rows->text(0, 0)), std::string(rows->text(0, 1)),
                    std::string(rows->text(0, 2)), Timestamp{rows->int64(0, 3)}});
}

Result<std::size_t, PortError> PgSignInStateStore::purge_expired(Timestamp now) {
  auto rows = pool_.exec("DELETE FROM sign_in_states WHERE expires_at_us < $1",
                         {std::to_string(now.unix_us)});
  if (!rows) return Err{rows.error()};
  return static_cast<std::size_t>(rows->affected_rows());
}

}  // namespace drop::adapters::postgres
