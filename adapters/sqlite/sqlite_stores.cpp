#include "drop/adapters/sqlite/sqlite_stores.hpp"

#include <string>

#include "drop/assert.hpp"

namespace drop::adapters::sqlite {

using ports::IdempotencyBegin;
using ports::PortError;

namespace {

constexpr std::string_view select_user =
    "SELECT id, name, kyc_status, identity_subject, wallet_account_id, kyc_updated_at_ms, "
    "created_at_us, updated_at_us FROM users WHERE ";

users::User user_from_row(const SqliteRow& row) {
  users::User user;
  user.id = row.text(0);
  user.name = row.text(1);
  const auto status = users::parse_kyc_status(row.text(2));
  DROP_ASSERT(status.has_value());  // the table's CHECK constraint guarantees it
  user.kyc_status = *status;
  user.identity_subject = row.text(3);
  user.wallet_account_id = row.is_null(4) ? 0 : static_cast<std::uint64_t>(row.int64(4));
  user.kyc_updated_at_ms = row.int64(5);
  user.created_at = Timestamp{row.int64(6)};
  user.updated_at = Timestamp{row.int64(7)};
  return user;
}

}  // namespace

// --- users -------------------------------------------------------------------------------------

Result<users::User, PortError> SqliteUserStore::find_or_create(const users::User& candidate) {
  return database_.write_transaction<users::User>([&](SqliteConnection& connection)
                                                      -> Result<users::User, PortError> {
    auto existing = connection.query(std::string(select_user) + "identity_subject = ?1",
                                     {candidate.identity_subject});
    if (!existing) return Err{existing.error()};
    if (!existing->empty()) return user_from_row(existing->front());
    std::vector<SqliteValue> values = {candidate.id,
                                       candidate.name,
                                       std::string(users::to_string(candidate.kyc_status)),
                                       candidate.identity_subject,
                                       std::monostate{},
                                       candidate.kyc_updated_at_ms,
                                       candidate.created_at.unix_us,
                                       candidate.updated_at.unix_us};
    if (candidate.wallet_account_id != 0) {
      values[4].emplace<std::int64_t>(static_cast<std::int64_t>(candidate.wallet_account_id));
    }
    auto inserted = connection.query(
        "INSERT INTO users (id, name, kyc_status, identity_subject, wallet_account_id, "
        "kyc_updated_at_ms, created_at_us, updated_at_us) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        values);
    if (!inserted) return Err{inserted.error()};
    return candidate;
  });
}

Result<std::optional<users::User>, PortError> SqliteUserStore::find_by_id(
    std::string_view user_id) {
  auto rows = database_.with_connection([&](SqliteConnection& connection) {
    return connection.query(std::string(select_user) + "id = ?1", {std::string(user_id)});
  });
  if (!rows) return Err{rows.error()};
  if (rows->empty()) return std::optional<users::User>();
  return std::optional<users::User>(user_from_row(rows->front()));
}

Result<bool, PortError> SqliteUserStore::set_kyc_status(std::string_view user_id,
                                                        users::KycStatus status,
                                                        std::int64_t event_time_ms, Timestamp now) {
  return database_.with_connection([&](SqliteConnection& connection) -> Result<bool, PortError> {
    auto updated = connection.query(
        "UPDATE users SET kyc_status = ?2, kyc_updated_at_ms = ?3, updated_at_us = ?4 "
        "WHERE id = ?1 AND kyc_updated_at_ms < ?3",
        {std::string(user_id), std::string(users::to_string(status)), event_time_ms, now.unix_us});
    if (!updated) return Err{updated.error()};
    return connection.changes() == 1;
  });
}

Result<void, PortError> SqliteUserStore::set_wallet_account(std::string_view user_id,
                                                            std::uint64_t account_id,
                                                            Timestamp now) {
  return database_.with_connection([&](SqliteConnection& connection) -> Result<void, PortError> {
    auto updated = connection.query(
        "UPDATE users SET wallet_account_id = ?2, updated_at_us = ?3 WHERE id = ?1 AND "
        "(wallet_account_id IS NULL OR wallet_account_id = ?2)",
        {std::string(user_id), static_cast<std::int64_t>(account_id), now.unix_us});
    if (!updated) return Err{updated.error()};
    if (connection.changes() != 1) {
      return Err{
          PortError{PortError::Kind::invalid, "no such user, or it has another wallet account"}};
    }
    return {};
  });
}

// --- idempotency -------------------------------------------------------------------------------

Result<IdempotencyBegin, PortError> SqliteIdempotencyStore::begin(
    std::string_view scope, std::string_view key, std::string_view request_hash, Timestamp now,
    std::int64_t retention_s, std::int64_t lease_s) {
  return database_.write_transaction<IdempotencyBegin>([&](SqliteConnection& connection)
                                                           -> Result<IdempotencyBegin, PortError> {
    auto existing = connection.query(
        "SELECT request_hash, state, status_code, response_body, created_at_us, expires_at_us "
        "FROM idempotency_keys WHERE scope = ?1 AND key = ?2",
        {std::string(scope), std::string(key)});
    if (!existing) return Err{existing.error()};
    if (!existing->empty()) {
      const SqliteRow& row = existing->front();
      const bool expired = row.int64(5) <= now.unix_us;
      const bool same_request = row.text(0) == request_hash;
      const bool running = row.text(1) == "running";
      const bool abandoned =
          running && same_request && row.int64(4) + lease_s * 1'000'000 <= now.unix_us;
      if (!expired && !abandoned) {
        if (!same_request) return IdempotencyBegin{IdempotencyBegin::Outcome::mismatch, 0, {}};
        if (running) return IdempotencyBegin{IdempotencyBegin::Outcome::in_progress, 0, {}};
        return IdempotencyBegin{IdempotencyBegin::Outcome::replay, static_cast<int>(row.int64(2)),
                                row.text(3)};
      }
    }
    auto claimed = connection.query(
        "INSERT OR REPLACE INTO idempotency_keys (scope, key, request_hash, state, status_code, "
        "response_body, created_at_us, expires_at_us) VALUES (?1, ?2, ?3, 'running', NULL, NULL, "
        "?4, ?5)",
        {std::string(scope), std::string(key), std::string(request_hash), now.unix_us,
         now.plus_seconds(retention_s).unix_us});
    if (!claimed) return Err{claimed.error()};
    return IdempotencyBegin{IdempotencyBegin::Outcome::started, 0, {}};
  });
}

Result<void, PortError> SqliteIdempotencyStore::complete(std::string_view scope,
                                                         std::string_view key, int status_code,
                                                         std::string_view response_body) {
  return database_.with_connection([&](SqliteConnection& connection) -> Result<void, PortError> {
    auto updated = connection.query(
        "UPDATE idempotency_keys SET state = 'done', status_code = ?3, response_body = ?4 "
        "WHERE scope = ?1 AND key = ?2",
        {std::string(scope), std::string(key), std::int64_t{status_code},
         std::string(response_body)});
    if (!updated) return Err{updated.error()};
    if (connection.changes() != 1) {
      return Err{PortError{PortError::Kind::invalid, "idempotency key was not started"}};
    }
    return {};
  });
}

Result<void, PortError> SqliteIdempotencyStore::release(std::string_view scope,
                                                        std::string_view key) {
  return database_.with_connection([&](SqliteConnection& connection) -> Result<void, PortError> {
    auto deleted = connection.query(
        "DELETE FROM idempotency_keys WHERE scope = ?1 AND key = ?2 AND state = 'running'",
        {std::string(scope), std::string(key)});
    if (!deleted) return Err{deleted.error()};
    return {};
  });
}

Result<std::size_t, PortError> SqliteIdempotencyStore::purge_expired(Timestamp now) {
  return database_.with_connection(
      [&](SqliteConnection& connection) -> Result<std::size_t, PortError> {
        auto deleted = connection.query("DELETE FROM idempotency_keys WHERE expires_at_us <= ?1",
                                        {now.unix_us});
        if (!deleted) return Err{deleted.error()};
        return static_cast<std::size_t>(connection.changes());
      });
}

// --- revoked tokens ----------------------------------------------------------------------------

Result<void, PortError> SqliteRevokedTokenStore::revoke(std::string_view jti,
                                                        Timestamp expires_at) {
  return database_.with_connection([&](SqliteConnection& connection) -> Result<void, PortError> {
    auto upserted = connection.query(
        "INSERT INTO revoked_tokens AS r (jti, expires_at_us) VALUES (?1, ?2) "
        "ON CONFLICT (jti) DO UPDATE SET expires_at_us = max(r.expires_at_us, ?2)",
        {std::string(jti), expires_at.unix_us});
    if (!upserted) return Err{upserted.error()};
    return {};
  });
}

Result<bool, PortError> SqliteRevokedTokenStore::is_revoked(std::string_view jti, Timestamp now) {
  auto rows = database_.with_connection([&](SqliteConnection& connection) {
    return connection.query("SELECT 1 FROM revoked_tokens WHERE jti = ?1 AND expires_at_us > ?2",
                            {std::string(jti), now.unix_us});
  });
  if (!rows) return Err{rows.error()};
  return !rows->empty();
}

}  // namespace drop::adapters::sqlite
