#include "drop/adapters/postgres/pg_stores.hpp"

#include <string>

#include "drop/assert.hpp"

namespace drop::adapters::postgres {

using ports::IdempotencyBegin;
using ports::PortError;

namespace {

std::string text(std::int64_t value) { return std::to_string(value); }

constexpr std::string_view user_columns =
    "id, name, kyc_status, identity_subject, wallet_account_id, kyc_updated_at_ms, created_at_us, "
    "updated_at_us";

// Row layout: user_columns, in order.
users::User user_from_row(const PgResult& rows, int row) {
  users::User user;
  user.id = std::string(rows.text(row, 0));
  user.name = std::string(rows.text(row, 1));
  const auto status = users::parse_kyc_status(rows.text(row, 2));
  DROP_ASSERT(status.has_value());  // the table's CHECK constraint guarantees it
  user.kyc_status = *status;
  user.identity_subject = std::string(rows.text(row, 3));
  user.wallet_account_id =
      rows.is_null(row, 4) ? 0 : static_cast<std::uint64_t>(rows.int64(row, 4));
  user.kyc_updated_at_ms = rows.int64(row, 5);
  user.created_at = Timestamp{rows.int64(row, 6)};
  user.updated_at = Timestamp{rows.int64(row, 7)};
  return user;
}

}  // namespace

// --- users -------------------------------------------------------------------------------------

Result<users::User, PortError> PgUserStore::find_or_create(const users::User& candidate) {
  const std::string insert =
      "INSERT INTO users (" + std::string(user_columns) +
      ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (identity_subject) DO NOTHING "
      "RETURNING " +
      std::string(user_columns);
  const PgParameters parameters = {candidate.id,
                                   candidate.name,
                                   std::string(users::to_string(candidate.kyc_status)),
                                   candidate.identity_subject,
                                   candidate.wallet_account_id == 0
                                       ? std::nullopt
                                       : std::optional<std::string>(text(static_cast<std::int64_t>(
                                             candidate.wallet_account_id))),
                                   text(candidate.kyc_updated_at_ms),
                                   text(candidate.created_at.unix_us),
                                   text(candidate.updated_at.unix_us)};
  auto inserted = pool_.exec(insert, parameters);
  if (!inserted) return Err{inserted.error()};
  if (inserted->rows() == 1) return user_from_row(*inserted, 0);
  // Another sign-in created this subject first: return that user.
  auto existing =
      pool_.exec("SELECT " + std::string(user_columns) + " FROM users WHERE identity_subject = $1",
                 {candidate.identity_subject});
  if (!existing) return Err{existing.error()};
  if (existing->rows() != 1) return Err{PortError{PortError::Kind::conflict, "user vanished"}};
  return user_from_row(*existing, 0);
}

Result<std::optional<users::User>, PortError> PgUserStore::find_by_id(std::string_view user_id) {
  auto rows = pool_.exec("SELECT " + std::string(user_columns) + " FROM users WHERE id = $1",
                         {std::string(user_id)});
  if (!rows) return Err{rows.error()};
  if (rows->rows() == 0) return std::optional<users::User>();
  return std::optional<users::User>(user_from_row(*rows, 0));
}

Result<bool, PortError> PgUserStore::set_kyc_status(std::string_view user_id,
                                                    users::KycStatus status,
                                                    std::int64_t event_time_ms, Timestamp now) {
  auto rows = pool_.exec(
      "UPDATE users SET kyc_status = $2, kyc_updated_at_ms = $3, updated_at_us = $4 "
      "WHERE id = $1 AND kyc_updated_at_ms < $3",
      {std::string(user_id), std::string(users::to_string(status)), text(event_time_ms),
       text(now.unix_us)});
  if (!rows) return Err{rows.error()};
  return rows->affected_rows() == 1;
}

Result<void, PortError> PgUserStore::set_wallet_account(std::string_view user_id,
                                                        std::uint64_t account_id, Timestamp now) {
  auto rows = pool_.exec(
      "UPDATE users SET wallet_account_id = $2, updated_at_us = $3 WHERE id = $1 AND "
      "(wallet_account_id IS NULL OR wallet_account_id = $2)",
      {std::string(user_id), text(static_cast<std::int64_t>(account_id)), text(now.unix_us)});
  if (!rows) return Err{rows.error()};
  if (rows->affected_rows() != 1) {
    return Err{
        PortError{PortError::Kind::invalid, "no such user, or it has another wallet account"}};
  }
  return {};
}

// --- idempotency -------------------------------------------------------------------------------

Result<IdempotencyBegin, PortError> PgIdempotencyStore::begin(
    std::string_view scope, std::string_view key, std::string_view request_hash, Timestamp now,
    std::int64_t retention_s, std::int64_t lease_s) {
  // Claims the key when it is new, expired, or running past its lease with the same request.
  constexpr std::string_view claim = R"sql(
INSERT INTO idempotency_keys AS k (scope, key, request_hash, state, created_at_us, expires_at_us)
VALUES ($1, $2, $3, 'running', $4, $5)
ON CONFLICT (scope, key) DO UPDATE SET
  request_hash = EXCLUDED.request_hash, state = 'running', status_code = NULL,
  response_body = NULL, created_at_us = EXCLUDED.created_at_us,
  expires_at_us = EXCLUDED.expires_at_us
WHERE k.expires_at_us <= $4
   OR (k.state = 'running' AND k.created_at_us + $6 <= $4 AND k.request_hash = $3)
RETURNING 1)sql";
  const PgParameters parameters = {std::string(scope),
                                   std::string(key),
                                   std::string(request_hash),
                                   text(now.unix_us),
                                   text(now.plus_seconds(retention_s).unix_us),
                                   text(lease_s * 1'000'000)};
  for (int attempt = 0; attempt < 3; ++attempt) {
    auto claimed = pool_.exec(claim, parameters);
    if (!claimed) return Err{claimed.error()};
    if (claimed->rows() == 1) return IdempotencyBegin{IdempotencyBegin::Outcome::started, 0, {}};
    auto existing = pool_.exec(
        "SELECT request_hash, state, status_code, response_body FROM "
        "idempotency_keys WHERE scope = $1 AND key = $2",
        {std::string(scope), std::string(key)});
    if (!existing) return Err{existing.error()};
    if (existing->rows() == 0) continue;  // released between the two statements: claim again
    if (existing->text(0, 0) != request_hash) {
      return IdempotencyBegin{IdempotencyBegin::Outcome::mismatch, 0, {}};
    }
    if (existing->text(0, 1) == "running") {
      return IdempotencyBegin{IdempotencyBegin::Outcome::in_progress, 0, {}};
    }
    return IdempotencyBegin{IdempotencyBegin::Outcome::replay,
                            static_cast<int>(existing->int64(0, 2)),
                            std::string(existing->text(0, 3))};
  }
  return Err{PortError{PortError::Kind::conflict, "idempotency key kept changing; retry"}};
}

Result<void, PortError> PgIdempotencyStore::complete(std::string_view scope, std::string_view key,
                                                     int status_code,
                                                     std::string_view response_body) {
  auto rows = pool_.exec(
      "UPDATE idempotency_keys SET state = 'done', status_code = $3, response_body = $4 "
      "WHERE scope = $1 AND key = $2",
      {std::string(scope), std::string(key), text(status_code), std::string(response_body)});
  if (!rows) return Err{rows.error()};
  if (rows->affected_rows() != 1) {
    return Err{PortError{PortError::Kind::invalid, "idempotency key was not started"}};
  }
  return {};
}

Result<void, PortError> PgIdempotencyStore::release(std::string_view scope, std::string_view key) {
  auto rows =
      pool_.exec("DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND state = 'running'",
                 {std::string(scope), std::string(key)});
  if (!rows) return Err{rows.error()};
  return {};
}

Result<std::size_t, PortError> PgIdempotencyStore::purge_expired(Timestamp now) {
  auto rows =
      pool_.exec("DELETE FROM idempotency_keys WHERE expires_at_us <= $1", {text(now.unix_us)});
  if (!rows) return Err{rows.error()};
  return static_cast<std::size_t>(rows->affected_rows());
}

// --- revoked tokens ----------------------------------------------------------------------------

Result<void, PortError> PgRevokedTokenStore::revoke(std::string_view jti, Timestamp expires_at) {
  auto rows = pool_.exec(
      "INSERT INTO revoked_tokens AS r (jti, expires_at_us) VALUES ($1, $2) "
      "ON CONFLICT (jti) DO UPDATE SET expires_at_us = greatest(r.expires_at_us, $2)",
      {std::string(jti), text(expires_at.unix_us)});
  if (!rows) return Err{rows.error()};
  return {};
}

Result<bool, PortError> PgRevokedTokenStore::is_revoked(std::string_view jti, Timestamp now) {
  auto rows = pool_.exec("SELECT 1 FROM revoked_tokens WHERE jti = $1 AND expires_at_us > $2",
                         {std::string(jti), text(now.unix_us)});
  if (!rows) return Err{rows.error()};
  return rows->rows() == 1;
}

}  // namespace drop::adapters::postgres
