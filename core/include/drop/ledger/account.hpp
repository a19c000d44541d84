// Ledger accounts: one currency, a kind, balance-limit flags and four balance columns.
//
// Balances follow TigerBeetle: `debits_posted`, `credits_posted`, `debits_pending`,
// `credits_pending`, each an int64 count of minor units, never negative; the ledger checks every
// addition for overflow. A wallet (credit-normal) has balance = credits_posted - debits_posted and
// available = credits_posted - debits_posted - debits_pending.
// Thread-safety: value types.
#pragma once

#include <cstdint>
#include <string_view>

#include "drop/money/currency.hpp"
#include "drop/time/timestamp.hpp"

namespace drop::ledger {

// Account and transfer ids are client-chosen, in [1, 2^63 - 1] so that they fit a signed 64-bit
// database column (PostgreSQL BIGINT, SQLite INTEGER).
using AccountId = std::uint64_t;
inline constexpr std::uint64_t id_max = (std::uint64_t{1} << 63) - 1;
constexpr bool id_in_range(std::uint64_t id) { return id != 0 && id <= id_max; }

enum class AccountKind : std::uint8_t {
  wallet = 1,           // a user's wallet (credit-normal; usually debits_must_not_exceed_credits)
  merchant = 2,         // a merchant receiving QR payments
  fx_liquidity = 3,     // the house's liquidity in one currency for FX legs
  fees = 4,             // fee income
  settlement = 5,       // money held at the settlement bank (debit-normal)
  payout_clearing = 6,  // money on its way out through a payout rail
};
inline constexpr std::uint8_t account_kind_max = 6;
std::string_view to_string(AccountKind kind);

// Flags are a bit set; bits other than these are reserved and rejected.
namespace account_flags {
inline constexpr std::uint16_t none = 0;
// debits_posted + debits_pending must never exceed credits_posted (no overdraft).
inline constexpr std::uint16_t debits_must_not_exceed_credits = 1u << 0;
// credits_posted + credits_pending must never exceed debits_posted.
inline constexpr std::uint16_t credits_must_not_exceed_debits = 1u << 1;
inline constexpr std::uint16_t all =
    debits_must_not_exceed_credits | credits_must_not_exceed_debits;
}  // namespace account_flags

struct Account {
  AccountId id = 0;
  Currency currency;
  AccountKind kind = AccountKind::wallet;
  std::uint16_t flags = account_flags::none;
  std::int64_t debits_pending = 0;
  std::int64_t debits_posted = 0;
  std::int64_t credits_pending = 0;
  std::int64_t credits_posted = 0;
  // Assigned by the ledger when the account is created; must be zero in create_accounts.
  Timestamp timestamp{};

  bool has_flag(std::uint16_t flag) const { return (flags & flag) != 0; }
  // credits_posted - debits_posted (cannot overflow: both are in [0, int64 max]).
  std::int64_t posted_net() const { return credits_posted - debits_posted; }
  // What a credit-normal account may still spend: credits_posted - debits_posted - debits_pending.
  // Saturates instead of overflowing (it only informs; limits are enforced by the flags).
  std::int64_t available() const;

  friend bool operator==(const Account&, const Account&) = default;
};

}  // namespace drop::ledger
