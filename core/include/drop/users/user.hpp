// A Drop user: who signed in (BankID subject, or a development identity), their KYC state and
// their NOK wallet account. Never holds a national identity number. Value type.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "drop/time/timestamp.hpp"

namespace drop::users {

enum class KycStatus : std::uint8_t { none, pending, approved, retry, rejected };

std::string_view to_string(KycStatus status);
std::optional<KycStatus> parse_kyc_status(std::string_view text);

struct User {
  std::string id;    // "usr_..." (opaque)
  std::string name;  // 1..limits::user_name_bytes_max bytes of UTF-8
  KycStatus kyc_status = KycStatus::none;
  // Who this user is to the identity provider: "bankid:<sub>" or "dev:<name>". Unique.
  std::string identity_subject;
  std::uint64_t wallet_account_id = 0;  // 0 until the wallet is opened
  // createdAtMs of the KYC event that set kyc_status; older events are ignored.
  std::int64_t kyc_updated_at_ms = 0;
  Timestamp created_at;
  Timestamp updated_at;

  friend bool operator==(const User&, const User&) = default;
};

}  // namespace drop::users
