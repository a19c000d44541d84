// Ledger entries: the history of every balance column, one row per change.
//
// Each accepted transfer writes one entry per balance column it changes:
//   single-phase:  debit account  debits_posted   +amount   credit account  credits_posted  +amount
//   pending:       debit account  debits_pending  +amount   credit account  credits_pending +amount
//   post (amount a of pending p):
//                  debit account  debits_pending  -p        credit account  credits_pending -p
//                  debit account  debits_posted   +a        credit account  credits_posted  +a
//                  (no posted entries when a == 0 is impossible: a post always posts a > 0)
//   void / expiry: debit account  debits_pending  -p        credit account  credits_pending -p
// so that every balance column equals the sum (fold) of its entries' signed amounts, which is
// what `verify` checks. Posted entries are the account statement the API shows; pending entries
// (negative only when a reservation is released) keep reservations auditable too.
//
// Entry ids are unique across the ledger and ordered by time: id = timestamp_us * 4 + column.
// A transfer's timestamp is unique, and one transfer changes each column of at most one account
// (debit columns on the debit account, credit columns on the credit account), so
// (timestamp, column) is unique. Pages of an account's entries are ordered by id, newest first.
// Thread-safety: value types.
#pragma once

#include <cstdint>
#include <string_view>

#include "drop/ledger/account.hpp"
#include "drop/ledger/transfer.hpp"
#include "drop/time/timestamp.hpp"

namespace drop::ledger {

enum class EntryColumn : std::uint8_t {
  debits_posted = 0,
  credits_posted = 1,
  debits_pending = 2,
  credits_pending = 3,
};
std::string_view to_string(EntryColumn column);

enum class Direction : std::uint8_t { debit = 0, credit = 1 };
std::string_view to_string(Direction direction);

struct Entry {
  std::uint64_t id = 0;  // timestamp_us * 4 + column
  AccountId account_id = 0;
  TransferId transfer_id = 0;  // for an expiry: the expired pending transfer
  EntryColumn column = EntryColumn::debits_posted;
  std::int64_t amount_minor = 0;  // signed change of the column (< 0 only when releasing)
  // credits_posted - debits_posted of the account after this entry (the statement balance of a
  // credit-normal account; negate it for a debit-normal one).
  std::int64_t balance_after_minor = 0;
  std::uint16_t code = 0;
  Timestamp timestamp{};

  Direction direction() const {
    return column == EntryColumn::debits_posted || column == EntryColumn::debits_pending
               ? Direction::debit
               : Direction::credit;
  }
  bool is_posted() const {
    return column == EntryColumn::debits_posted || column == EntryColumn::credits_posted;
  }
  friend bool operator==(const Entry&, const Entry&) = default;
};

constexpr std::uint64_t entry_id(Timestamp timestamp, EntryColumn column) {
  return static_cast<std::uint64_t>(timestamp.unix_us) * 4 + static_cast<std::uint64_t>(column);
}

// The column of an account an entry changes.
std::int64_t& column_of(Account& account, EntryColumn column);
std::int64_t column_of(const Account& account, EntryColumn column);

}  // namespace drop::ledger
