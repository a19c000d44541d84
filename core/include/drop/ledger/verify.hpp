// verify: checks every ledger invariant over a snapshot (accounts, transfers, entries).
//
// Invariants (each violation is reported with a human-readable text, at most
// limits::ledger_verify_violations_max of them):
//   - per currency, total debits equal total credits, posted and pending separately;
//   - every balance column equals the fold (sum) of its entries, and each entry's
//     balance_after equals the running credits_posted - debits_posted of its account;
//   - every balance column equals what the transfers imply (posted: single-phase amounts and
//     posted amounts; pending: the amounts of pendings still pending);
//   - no account breaks its flags, no balance is negative;
//   - every pending transfer is resolved at most once, consistently with its status.
// Used by the tests, the property test and `drop ledger verify`. Pure; O(n log n).
// Thread-safety: a pure function.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "drop/ledger/account.hpp"
#include "drop/ledger/entry.hpp"
#include "drop/ledger/transfer.hpp"
#include "drop/money/currency.hpp"

namespace drop::ledger {

struct LedgerSnapshot {
  std::vector<Account> accounts;
  std::vector<TransferRecord> transfers;
  std::vector<Entry> entries;
};

enum class ViolationKind : std::uint8_t {
  duplicate_id = 1,              // two accounts, transfers or entries with one id
  debits_not_equal_credits = 2,  // per currency, posted or pending
  totals_overflow = 3,           // a currency's total does not fit in int64
  negative_balance = 4,
  flag_violated = 5,  // debits/credits_must_not_exceed_* broken
  balance_not_fold_of_entries = 6,
  balance_after_mismatch = 7,
  entry_without_account = 8,
  balance_not_sum_of_transfers = 9,
  pending_resolved_twice = 10,
  pending_status_inconsistent =
      11,  // e.g. status posted without a post, or a post of a non-pending
};

struct Violation {
  ViolationKind kind;
  std::uint64_t id = 0;  // the account, transfer or entry concerned (0: a currency total)
  std::string text;
};

struct CurrencyTotals {
  Currency currency;
  std::int64_t debits_posted = 0;
  std::int64_t credits_posted = 0;
  std::int64_t debits_pending = 0;
  std::int64_t credits_pending = 0;
};

struct VerifyReport {
  std::vector<Violation> violations;
  bool truncated = false;  // more violations than the limit
  std::size_t accounts = 0;
  std::size_t transfers = 0;
  std::size_t entries = 0;
  std::vector<CurrencyTotals> currencies;  // sorted by code
  bool ok() const { return violations.empty(); }
};

VerifyReport verify(const LedgerSnapshot& snapshot);

}  // namespace drop::ledger
