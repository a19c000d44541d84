// Remittance: money sent abroad from a user's NOK wallet at a quoted rate, and its life:
//   pending -> processing                  (the funding chain applied: the wallet is debited)
//   pending -> rejected                    (the ledger refused the funding chain: no money
//                                           moved; the quote may be used again)
//   processing -> completed                (the payout rail paid the recipient)
//   processing -> failed -> refunded       (the rail refused; the wallet got everything back
//                                           through a new linked ledger chain)
// `pending` is the durable intent written BEFORE any money moves, so a crash between the
// ledger and the remittance row can always be finished (the funding chain is applied again by
// id: it either exists or is refused for good). `pending` and `rejected` are internal: the
// API never lists them.
// The ledger ids of its legs derive from `ledger_base_id` (see remittance_ledger_id), so every
// step can be retried safely (ledger transfer ids are idempotent). Value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "drop/money/money.hpp"
#include "drop/time/timestamp.hpp"

namespace drop::remittance {

enum class Status : std::uint8_t {
  processing = 1,
  completed = 2,
  failed = 3,
  refunded = 4,
  pending = 5,   // internal: written before the funding chain
  rejected = 6,  // internal: the funding chain was refused; nothing moved
};
// Whether the API shows a remittance in this status (pending and rejected are internal).
bool is_visible(Status status);
std::string_view to_string(Status status);
std::optional<Status> parse_status(std::string_view text);

struct Recipient {
  std::string name;     // 1..limits::recipient_name_bytes_max bytes
  std::string iban;     // electronic format (no spaces, upper case), mod-97 valid
  std::string bic;      // optional ("" when absent)
  std::string country;  // ISO 3166 alpha-2
};

// NOK 0.00 (the default of Remittance's money fields).
Money zero_nok();

struct Remittance {
  std::string id;  // "trf_<ledger_base_id>"
  std::string user_id;
  std::string quote_id;
  Status status = Status::processing;
  Money debited = zero_nok();    // the quote's source (NOK), fee included
  Money fee = zero_nok();        // NOK
  Money delivered = zero_nok();  // the quote's target
  Recipient recipient;
  std::string reference;
  Timestamp created_at;
  Timestamp updated_at;
};

// One row of a remittance's audit trail (never updated).
struct Event {
  Status status = Status::processing;
  std::string detail;
  Timestamp at;
};

// The legs of a remittance and their ledger transfer ids: ledger_base_id + leg.
enum class Leg : std::uint8_t {
  source = 1,         // wallet -> fx_liquidity NOK (source - fee)
  fee = 2,            // wallet -> fees NOK
  target = 3,         // fx_liquidity T -> payout_clearing T
  payout = 4,         // payout_clearing T -> settlement T
  refund_target = 5,  // payout_clearing T -> fx_liquidity T
  refund_source = 6,  // fx_liquidity NOK -> wallet
  refund_fee = 7,     // fees NOK -> wallet
};
// Base ids are multiples of 8 in [2^32, 2^63 - 8], so legs never collide across remittances.
inline constexpr std::uint64_t leg_count_max = 8;
constexpr std::uint64_t ledger_id(std::uint64_t ledger_base_id, Leg leg) {
  return ledger_base_id + static_cast<std::uint64_t>(leg);
}
// "trf_<base>" and back (nullopt when malformed).
std::string remittance_id(std::uint64_t ledger_base_id);
std::optional<std::uint64_t> parse_remittance_id(std::string_view id);

// The sandbox payout rail's rule: an IBAN whose last four characters are "0000" fails.
bool sandbox_payout_fails(std::string_view iban);

}  // namespace drop::remittance
