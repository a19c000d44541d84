// LedgerState: a whole ledger held in memory, driven by the pure engine.
//
// Loads what a batch needs (needs_for_transfers), runs apply_transfers / apply_expiries /
// apply_accounts, and applies the outcome to its maps exactly as a database adapter would
// persist it. It is the state behind the in-memory LedgerStore adapter and the seeded property
// test, and the reference the SQLite and PostgreSQL adapters are held to.
// Thread-safety: none; callers serialise (the memory adapter holds a mutex).
#pragma once

#include <cstddef>
#include <cstdint>
#include <set>
#include <span>
#include <unordered_map>
#include <utility>
#include <vector>

#include "drop/ledger/ledger.hpp"
#include "drop/ledger/verify.hpp"

namespace drop::ledger {

class LedgerState {
 public:
  // Validates and inserts accounts. REQUIRES: batch.size() <= ledger_batch_transfers_max.
  AccountBatchOutcome create_accounts(std::span<const Account> batch, Timestamp now);
  // Applies a batch and returns its whole outcome (results, entries, ...).
  // REQUIRES: batch.size() <= limits::ledger_batch_transfers_max.
  BatchOutcome create_transfers(std::span<const Transfer> batch, Timestamp now);
  // Releases up to `limit` pendings whose expiry is <= now (earliest first).
  BatchOutcome expire_pending(Timestamp now, std::size_t limit);

  const Account* account(AccountId id) const;
  const TransferRecord* transfer(TransferId id) const;
  const FailedTransfer* failed(TransferId id) const;
  // An account's entries with id < before_entry_id, newest first, at most `limit`.
  std::vector<Entry> account_entries(AccountId id, std::size_t limit,
                                     std::uint64_t before_entry_id) const;
  // Accounts by id, transfers by timestamp, entries by id: deterministic.
  LedgerSnapshot snapshot() const;
  Timestamp timestamp_last() const { return timestamp_last_; }
  std::size_t account_count() const { return accounts_.size(); }
  std::size_t transfer_count() const { return transfers_.size(); }

 private:
  void apply(const BatchOutcome& outcome);
  // Loads accounts (by id, skipping missing ones) into `out`.
  void load_accounts(std::span<const AccountId> ids, std::vector<Account>& out) const;

  std::unordered_map<AccountId, Account> accounts_;
  std::unordered_map<TransferId, TransferRecord> transfers_;
  std::unordered_map<TransferId, FailedTransfer> failed_;
  std::unordered_map<AccountId, std::vector<Entry>> entries_;  // per account, ascending id
  std::set<std::pair<std::int64_t, TransferId>> expiries_;     // (expires_at_us, id), pending
  Timestamp timestamp_last_{};
};

}  // namespace drop::ledger
