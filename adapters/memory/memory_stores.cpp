#include "drop/adapters/memory/memory_stores.hpp"

#include "drop/assert.hpp"

namespace drop::adapters::memory {

using ports::IdempotencyBegin;
using ports::PortError;

// --- users -------------------------------------------------------------------------------------

Result<users::User, PortError> MemoryUserStore::find_or_create(const users::User& candidate) {
  DROP_ASSERT(!candidate.id.empty());
  DROP_ASSERT(!candidate.identity_subject.empty());
  std::lock_guard lock(mutex_);
  if (auto found = id_by_subject_.find(candidate.identity_subject); found != id_by_subject_.end()) {
    return by_id_.at(found->second);
  }
  if (by_id_.contains(candidate.id)) {
    return Err{PortError{PortError::Kind::invalid, "user id already exists"}};
  }
  by_id_.emplace(candidate.id, candidate);
  id_by_subject_.emplace(candidate.identity_subject, candidate.id);
  return candidate;
}

Result<std::optional<users::User>, PortError> MemoryUserStore::find_by_id(
    std::string_view user_id) {
  std::lock_guard lock(mutex_);
  auto found = by_id_.find(user_id);
  if (found == by_id_.end()) return std::optional<users::User>();
  return std::optional<users::User>(found->second);
}

Result<bool, PortError> MemoryUserStore::set_kyc_status(std::string_view user_id,
                                                        users::KycStatus status,
                                                        std::int64_t event_time_ms, Timestamp now) {
  std::lock_guard lock(mutex_);
  auto found = by_id_.find(user_id);
  if (found == by_id_.end() || event_time_ms <= found->second.kyc_updated_at_ms) return false;
  found->second.kyc_status = status;
  found->second.kyc_updated_at_ms = event_time_ms;
  found->second.updated_at = now;
  return true;
}

Result<void, PortError> MemoryUserStore::set_wallet_account(std::string_view user_id,
                                                            std::uint64_t account_id,
                                                            Timestamp now) {
  std::lock_guard lock(mutex_);
  auto found = by_id_.find(user_id);
  if (found == by_id_.end()) return Err{PortError{PortError::Kind::invalid, "no such user"}};
  if (found->second.wallet_account_id != 0 && found->second.wallet_account_id != account_id) {
    return Err{PortError{PortError::Kind::invalid, "user already has another wallet account"}};
  }
  found->second.wallet_account_id = account_id;
  found->second.updated_at = now;
  return {};
}

// --- idempotency -------------------------------------------------------------------------------

Result<IdempotencyBegin, PortError> MemoryIdempotencyStore::begin(
    std::string_view scope, std::string_view key, std::string_view request_hash, Timestamp now,
    std::int64_t retention_s, std::int64_t lease_s) {
  std::lock_guard lock(mutex_);
  auto [found, inserted] = records_.try_emplace({std::string(scope), std::string(key)});
  Record& record = found->second;
  const bool expired = !inserted && record.expires_at <= now;
  const bool abandoned =
      !inserted && !record.done && record.created_at.plus_seconds(lease_s) <= now;
  if (inserted || expired || (abandoned && record.request_hash == request_hash)) {
    record = Record{std::string(request_hash), false, 0, {}, now, now.plus_seconds(retention_s)};
    return IdempotencyBegin{IdempotencyBegin::Outcome::started, 0, {}};
  }
  if (record.request_hash != request_hash) {
    return IdempotencyBegin{IdempotencyBegin::Outcome::mismatch, 0, {}};
  }
  if (!record.done) return IdempotencyBegin{IdempotencyBegin::Outcome::in_progress, 0, {}};
  return IdempotencyBegin{IdempotencyBegin::Outcome::replay, record.status_code,
                          record.response_body};
}

Result<void, PortError> MemoryIdempotencyStore::complete(std::string_view scope,
                                                         std::string_view key, int status_code,
                                                         std::string_view response_body) {
  std::lock_guard lock(mutex_);
  auto found = records_.find({std::string(scope), std::string(key)});
  if (found == records_.end()) {
    return Err{PortError{PortError::Kind::invalid, "idempotency key was not started"}};
  }
  found->second.done = true;
  found->second.status_code = status_code;
  found->second.response_body = std::string(response_body);
  return {};
}

Result<void, PortError> MemoryIdempotencyStore::release(std::string_view scope,
                                                        std::string_view key) {
  std::lock_guard lock(mutex_);
  auto found = records_.find({std::string(scope), std::string(key)});
  if (found != records_.end() && !found->second.done) records_.erase(found);
  return {};
}

Result<std::size_t, PortError> MemoryIdempotencyStore::purge_expired(Timestamp now) {
  std::lock_guard lock(mutex_);
  return static_cast<std::size_t>(
      std::erase_if(records_, [&](const auto& entry) { return entry.second.expires_at <= now; }));
}

// --- revoked tokens ----------------------------------------------------------------------------

Result<void, PortError> MemoryRevokedTokenStore::revoke(std::string_view jti,
                                                        Timestamp expires_at) {
  std::lock_guard lock(mutex_);
  auto [found, inserted] = revoked_.try_emplace(std::string(jti), expires_at);
  if (!inserted && found->second < expires_at) found->second = expires_at;
  return {};
}

Result<bool, PortError> MemoryRevokedTokenStore::is_revoked(std::string_view jti, Timestamp now) {
  std::lock_guard lock(mutex_);
  auto found = revoked_.find(jti);
  return found != revoked_.end() && now < found->second;
}

}  // namespace drop::adapters::memory
