// UserStore port: persistence of users. Adapters: memory, sqlite, postgres (one contract suite).
// Thread-safe; every method is atomic.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "drop/ports/port_error.hpp"
#include "drop/result.hpp"
#include "drop/users/user.hpp"

namespace drop::ports {

class UserStore {
 public:
  virtual ~UserStore() = default;

  // Returns the user with `candidate.identity_subject`, creating `candidate` when there is none
  // (sign-in: find or create, safe when two requests race). An existing user is returned as
  // stored (its name is not changed).
  virtual Result<users::User, PortError> find_or_create(const users::User& candidate) = 0;

  virtual Result<std::optional<users::User>, PortError> find_by_id(std::string_view user_id) = 0;

  // Sets the KYC status when `event_time_ms` is newer than the one that set the current status
  // (events may arrive out of order). Returns true when applied, false when ignored as stale or
  // when the user does not exist.
  virtual Result<bool, PortError> set_kyc_status(std::string_view user_id, users::KycStatus status,
                                                 std::int64_t event_time_ms, Timestamp now) = 0;

  // Records the user's wallet account (once; a second call with another id fails with
  // PortError::Kind::invalid).
  virtual Result<void, PortError> set_wallet_account(std::string_view user_id,
                                                     std::uint64_t account_id, Timestamp now) = 0;
};

}  // namespace drop::ports
