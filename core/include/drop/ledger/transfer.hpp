// Ledger transfers: move an amount from a debit account to a credit account of one currency.
//
// A transfer is single-phase (posted at once) or two-phase: a `pending` transfer reserves the
// amount (debits_pending / credits_pending); a later `post_pending` transfer posts all of it or a
// smaller amount, or a `void_pending` transfer releases it; each pending is resolved exactly once.
// A pending with a nonzero `timeout_s` expires at timestamp + timeout_s, after which it can no
// longer be posted and the expiry sweep releases it. `linked` chains a transfer to the next one
// of the batch: the whole chain applies or none of it does.
//
// Post/void transfers inherit from the pending transfer: debit/credit account ids and code may
// be zero (inherit) or must equal the pending's; amount zero means "the pending amount"; the
// currency must equal the pending's. The ledger stores them with the inherited fields filled in.
// Thread-safety: value types.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "drop/ledger/account.hpp"
#include "drop/money/currency.hpp"
#include "drop/time/timestamp.hpp"

namespace drop::ledger {

using TransferId = std::uint64_t;

namespace transfer_flags {
inline constexpr std::uint16_t none = 0;
inline constexpr std::uint16_t linked = 1u << 0;        // chain with the next transfer
inline constexpr std::uint16_t pending = 1u << 1;       // reserve, resolve later
inline constexpr std::uint16_t post_pending = 1u << 2;  // post the pending `pending_id`
inline constexpr std::uint16_t void_pending = 1u << 3;  // void the pending `pending_id`
inline constexpr std::uint16_t all = linked | pending | post_pending | void_pending;
}  // namespace transfer_flags

struct Transfer {
  TransferId id = 0;
  AccountId debit_account_id = 0;
  AccountId credit_account_id = 0;
  std::int64_t amount_minor = 0;
  TransferId pending_id = 0;  // post/void only: the pending transfer being resolved
  Currency currency;
  std::uint16_t code = 0;  // what the transfer is for (deposit, fx leg, fee, qr payment...)
  std::uint16_t flags = transfer_flags::none;
  std::uint32_t timeout_s = 0;  // pending only; 0 = never expires
  std::string reference{};      // at most limits::transfer_reference_bytes_max bytes
  // Assigned by the ledger (unique, strictly increasing); must be zero when creating.
  Timestamp timestamp{};

  bool has_flag(std::uint16_t flag) const { return (flags & flag) != 0; }
  bool is_resolution() const {
    return has_flag(transfer_flags::post_pending) || has_flag(transfer_flags::void_pending);
  }
  // When a pending transfer stops being postable; Timestamp{max} when it never expires.
  Timestamp expires_at() const;

  friend bool operator==(const Transfer&, const Transfer&) = default;
};

// Where a pending transfer stands. Every other transfer is `none`.
enum class PendingStatus : std::uint8_t {
  none = 0,     // not a pending transfer
  pending = 1,  // reserved, not yet resolved
  posted = 2,   // resolved by a post_pending transfer
  voided = 3,   // resolved by a void_pending transfer
  expired = 4,  // released by the expiry sweep
};
std::string_view to_string(PendingStatus status);

// A stored transfer: the transfer as accepted (timestamp and inherited fields filled in) and,
// for a pending transfer, its status.
struct TransferRecord {
  Transfer transfer;
  PendingStatus status = PendingStatus::none;
  friend bool operator==(const TransferRecord&, const TransferRecord&) = default;
};

}  // namespace drop::ledger
