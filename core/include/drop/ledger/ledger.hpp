// The ledger engine: pure functions from (locked state, batch, now) to the batch's outcome.
//
// A store (ports::LedgerStore) locks and loads what a batch needs (needs_for_transfers tells it
// what), calls apply_transfers, and persists the outcome atomically. The engine never reads a
// clock or performs I/O; given the same inputs it returns the same outcome, which makes seeded
// simulations replayable. Result codes and their precedence: results.hpp. Entries: entry.hpp.
//
// Timestamps: transfer i of a batch gets base + i microseconds, base = max(now, last + 1 us),
// where `last` is the highest timestamp the ledger ever assigned (LockedState::timestamp_last),
// so accepted transfers and their entries order strictly and deterministically.
// Thread-safety: pure functions over their arguments.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "drop/ledger/account.hpp"
#include "drop/ledger/entry.hpp"
#include "drop/ledger/results.hpp"
#include "drop/ledger/transfer.hpp"
#include "drop/time/timestamp.hpp"

namespace drop::ledger {

// A transfer id rejected before for a state-dependent reason.
struct FailedTransfer {
  TransferId id = 0;
  CreateTransferResult result = CreateTransferResult::ok;
  Timestamp timestamp{};
  friend bool operator==(const FailedTransfer&, const FailedTransfer&) = default;
};

// What a batch needs from storage, each list sorted ascending without duplicates. Lock the
// accounts in this (id) order so that concurrent batches on several instances never deadlock.
struct BatchNeeds {
  std::vector<AccountId> account_ids;    // debit and credit ids (nonzero, in range)
  std::vector<TransferId> transfer_ids;  // ids of the batch (existing? failed?) and pending_ids
  std::vector<TransferId> pending_ids;   // the pending_ids of its posts/voids (a subset)
};
BatchNeeds needs_for_transfers(std::span<const Transfer> batch);

// What the store loaded for a batch. Missing rows are simply absent. Any order.
struct LockedState {
  // Every existing account among needs.account_ids, plus the accounts of every pending
  // transfer referenced by a post/void (the store locks those too: see needs_for_pendings).
  std::span<const Account> accounts;
  // Every existing transfer among needs.transfer_ids (batch ids and referenced pendings).
  std::span<const TransferRecord> transfers;
  // Every failed id among needs.transfer_ids.
  std::span<const FailedTransfer> failed;
  Timestamp timestamp_last{};
};

// A change of a pending transfer's status (pending -> posted/voided/expired).
struct PendingChange {
  TransferId pending_id = 0;
  PendingStatus status = PendingStatus::pending;
  friend bool operator==(const PendingChange&, const PendingChange&) = default;
};

// Everything a batch changes; persist all of it in one transaction, in this order: accounts
// (update balances), transfers (insert), pending_changes (update status; may refer to a pending
// inserted by the same batch), entries (insert), failed (insert).
struct BatchOutcome {
  std::vector<CreateTransferResult> results;  // one per event, same order
  std::vector<Account> accounts;              // new state of each account whose balance changed
  std::vector<TransferRecord> transfers;      // accepted transfers, in batch order
  std::vector<PendingChange> pending_changes;
  std::vector<Entry> entries;  // in timestamp order
  std::vector<FailedTransfer> failed;
  Timestamp timestamp_last{};  // the new highest assigned timestamp
};

// Applies a batch of at most limits::ledger_batch_transfers_max transfers.
// REQUIRES: batch.size() <= limits::ledger_batch_transfers_max; `state` holds what
// needs_for_transfers (plus the pendings' accounts) asked for, at most one row per id;
// now >= the Unix epoch (entry ids are built from timestamps).
BatchOutcome apply_transfers(const LockedState& state, std::span<const Transfer> batch,
                             Timestamp now);

// After loading the transfers among needs.transfer_ids, the extra accounts to lock: the debit
// and credit accounts of the loaded pendings that the batch does not name (a post/void may leave
// them 0). Passing every loaded transfer is correct; passing only the pendings referenced by a
// post/void locks fewer accounts. Sorted ascending, without the ids already in `needs`.
std::vector<AccountId> needs_for_pendings(const BatchNeeds& needs,
                                          std::span<const TransferRecord> pendings);

// The expiry sweep. Of `candidates` (loaded pending transfers), the ids of those still pending
// whose expiry has come (expires_at <= now), ascending, at most `limit`.
std::vector<TransferId> select_expired(std::span<const TransferRecord> candidates, Timestamp now,
                                       std::size_t limit);
// Releases the given expired pendings: pending balances drop, entries are written with the
// pending's id as transfer_id, statuses become `expired`. `state` must hold the pendings (status
// pending, expired by now) and their accounts. results is empty; apply like any outcome.
BatchOutcome apply_expiries(const LockedState& state, std::span<const TransferId> pending_ids,
                            Timestamp now);

// create_accounts: validates each account against the existing ones (any with a batch id) and
// returns the accounts to insert with their timestamps assigned.
struct AccountBatchOutcome {
  std::vector<CreateAccountResult> results;  // one per event, same order
  std::vector<Account> accounts;             // to insert
  Timestamp timestamp_last{};
};
// REQUIRES: batch.size() <= limits::ledger_batch_transfers_max.
AccountBatchOutcome apply_accounts(std::span<const Account> existing,
                                   std::span<const Account> batch, Timestamp timestamp_last,
                                   Timestamp now);

}  // namespace drop::ledger
