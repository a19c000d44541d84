// In-memory UserStore, IdempotencyStore and RevokedTokenStore: the reference behaviour the SQL
// adapters are held to by the contract suites, and stores for tests. Thread-safe (one mutex each).
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "drop/ports/idempotency_store.hpp"
#include "drop/ports/revoked_token_store.hpp"
#include "drop/ports/user_store.hpp"

namespace drop::adapters::memory {

class MemoryUserStore final : public ports::UserStore {
 public:
  Result<users::User, ports::PortError> find_or_create(const users::User& candidate) override;
  Result<std::optional<users::User>, ports::PortError> find_by_id(
      std::string_view user_id) override;
  Result<bool, ports::PortError> set_kyc_status(std::string_view user_id, users::KycStatus status,
                                                std::int64_t event_time_ms, Timestamp now) override;
  Result<void, ports::PortError> set_wallet_account(std::string_view user_id,
                                                    std::uint64_t account_id,
                                                    Timestamp now) override;

 private:
  std::mutex mutex_;
  std::map<std::string, users::User, std::less<>> by_id_;
  std::map<std::string, std::string, std::less<>> id_by_subject_;
};

class MemoryIdempotencyStore final : public ports::IdempotencyStore {
 public:
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
  struct Record {
    std::string request_hash;
    bool done = false;
    int status_code = 0;
    std::string response_body;
    Timestamp created_at;
    Timestamp expires_at;
  };
  std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, Record> records_;
};

class MemoryRevokedTokenStore final : public ports::RevokedTokenStore {
 public:
  Result<void, ports::PortError> revoke(std::string_view jti, Timestamp expires_at) override;
  Result<bool, ports::PortError> is_revoked(std::string_view jti, Timestamp now) override;

 private:
  std::mutex mutex_;
  std::map<std::string, Timestamp, std::less<>> revoked_;
};

}  // namespace drop::adapters::memory
