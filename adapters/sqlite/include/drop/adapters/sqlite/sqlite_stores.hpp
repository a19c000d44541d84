// SQLite UserStore, IdempotencyStore and RevokedTokenStore (tables from migration 1), with the
// same contract as PostgreSQL. Thread-safe (through SqliteDatabase).
#pragma once

#include "drop/adapters/sqlite/sqlite_database.hpp"
#include "drop/ports/idempotency_store.hpp"
#include "drop/ports/revoked_token_store.hpp"
#include "drop/ports/user_store.hpp"

namespace drop::adapters::sqlite {

class SqliteUserStore final : public ports::UserStore {
 public:
  explicit SqliteUserStore(SqliteDatabase& database) : database_(database) {}
  Result<users::User, ports::PortError> find_or_create(const users::User& candidate) override;
  Result<std::optional<users::User>, ports::PortError> find_by_id(
      std::string_view user_id) override;
  Result<bool, ports::PortError> set_kyc_status(std::string_view user_id, users::KycStatus status,
                                                std::int64_t event_time_ms, Timestamp now) override;
  Result<void, ports::PortError> set_wallet_account(std::string_view user_id,
                                                    std::uint64_t account_id,
                                                    Timestamp now) override;

 private:
  SqliteDatabase& database_;
};

class SqliteIdempotencyStore final : public ports::IdempotencyStore {
 public:
  explicit SqliteIdempotencyStore(SqliteDatabase& database) : database_(database) {}
  Result<ports::IdempotencyBegin, ports::PortError> begin(std::string_view scope,
                                                          std::string_view key,
                                                          std::string_view request_hash,
                                                          Timestamp now, std::int64_t retention_s,
                                                          std::int64_t lease_s) override;
  Result<void, ports::PortError> complete(std::string_view scope, std::string_view key,
                                          int status_code, std::string_view response_body) override;
  Result<void, ports::PortError> release(std::string_view scope, std::string_view key) override;
  Result<std::size_t, ports::PortError> purge_expired(Timestamp now) override;

 private:
  SqliteDatabase& database_;
};

class SqliteRevokedTokenStore final : public ports::RevokedTokenStore {
 public:
  explicit SqliteRevokedTokenStore(SqliteDatabase& database) : database_(database) {}
  Result<void, ports::PortError> revoke(std::string_view jti, Timestamp expires_at) override;
  Result<bool, ports::PortError> is_revoked(std::string_view jti, Timestamp now) override;

 private:
  SqliteDatabase& database_;
};

}  // namespace drop::adapters::sqlite
