// LedgerStore port: durable storage of the double-entry ledger (accounts, transfers, entries).
//
// An adapter applies each batch atomically: it locks the accounts the batch touches in
// ascending id order (no deadlocks between instances), loads what the pure engine needs,
// calls drop::ledger::apply_transfers, and persists the BatchOutcome in one transaction. On a
// storage failure nothing of the batch is persisted and a PortError is returned; the caller may
// retry the same batch (ids make retries idempotent). Domain rejections are per-transfer result
// codes, never PortErrors. Batch procedure for a database adapter:
//   1. needs = needs_for_transfers(batch); read the transfers among needs.transfer_ids;
//   2. lock (SELECT ... FOR UPDATE) accounts needs.account_ids + needs_for_pendings(needs, the
//      loaded transfers among needs.pending_ids), ascending; lock the ledger's clock row;
//   3. re-read the transfers (statuses) and failed ids among needs.transfer_ids under the locks;
//   4. outcome = apply_transfers(...); write it in the order BatchOutcome documents; commit.
// Suggested rows (every id and amount a signed 64-bit integer; enums stored as their numbers):
//   accounts(id PK, currency CHAR(3), kind, flags, debits_pending, debits_posted,
//            credits_pending, credits_posted, timestamp_us)
//   transfers(id PK, debit_account_id, credit_account_id, amount_minor, pending_id, currency,
//             code, flags, timeout_s, reference, timestamp_us, status, expires_at_us)
//             + an index on (expires_at_us) WHERE status = pending, for expire_pending
//   entries(id PK = timestamp_us * 4 + column, account_id, transfer_id, column, amount_minor,
//           balance_after_minor, code, timestamp_us) + an index on (account_id, id DESC)
//   failed_transfers(id PK, result, timestamp_us)
//   ledger_clock(timestamp_last_us)  -- one row, locked by every batch
// Implementations: adapters/memory (reference), sqlite, postgres; one contract suite
// (tests/contract/ledger_store_contract.hpp) runs against each. Thread-safety: every method may
// be called concurrently from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "drop/ledger/account.hpp"
#include "drop/ledger/entry.hpp"
#include "drop/ledger/ledger.hpp"
#include "drop/ledger/results.hpp"
#include "drop/ledger/transfer.hpp"
#include "drop/ledger/verify.hpp"
#include "drop/ports/port_error.hpp"
#include "drop/result.hpp"
#include "drop/time/timestamp.hpp"

namespace drop::ports {

// One page of an account's entries, newest first.
struct EntryPage {
  std::vector<ledger::Entry> entries;
  // Pass as `before_entry_id` to get the next (older) page; empty on the last page.
  std::optional<std::uint64_t> next_before_entry_id;
};

class LedgerStore {
 public:
  virtual ~LedgerStore() = default;

  // Creates accounts; one result per account, in order (results.hpp).
  // REQUIRES: batch.size() <= limits::ledger_batch_transfers_max.
  virtual Result<std::vector<ledger::CreateAccountResult>, PortError> create_accounts(
      std::span<const ledger::Account> batch, Timestamp now) = 0;

  // Applies a batch of transfers atomically; one result per transfer, in order.
  // REQUIRES: batch.size() <= limits::ledger_batch_transfers_max.
  virtual Result<std::vector<ledger::CreateTransferResult>, PortError> create_transfers(
      std::span<const ledger::Transfer> batch, Timestamp now) = 0;

  // The accounts that exist among `ids`, in the order asked (missing ones are skipped).
  // REQUIRES: ids.size() <= limits::ledger_batch_accounts_max.
  virtual Result<std::vector<ledger::Account>, PortError> lookup_accounts(
      std::span<const ledger::AccountId> ids) = 0;

  // The transfers that exist among `ids` (with pending status), in the order asked.
  // REQUIRES: ids.size() <= limits::ledger_batch_transfers_max.
  virtual Result<std::vector<ledger::TransferRecord>, PortError> lookup_transfers(
      std::span<const ledger::TransferId> ids) = 0;

  // An account's entries with id < before_entry_id (all when absent), newest first.
  // REQUIRES: 1 <= limit <= limits::ledger_entries_page_max. An unknown account: empty page.
  virtual Result<EntryPage, PortError> account_entries(
      ledger::AccountId account_id, std::size_t limit,
      std::optional<std::uint64_t> before_entry_id) = 0;

  // Releases pending transfers whose expiry is <= now, at most
  // limits::ledger_expiries_per_sweep_max per call (earliest first), atomically. Returns how
  // many were released; call again while it returns the maximum.
  virtual Result<std::size_t, PortError> expire_pending(Timestamp now) = 0;

  // A consistent copy of the whole ledger (for `drop ledger verify` and tests; O(ledger)).
  virtual Result<ledger::LedgerSnapshot, PortError> snapshot() = 0;
};

// snapshot() then ledger::verify().
Result<ledger::VerifyReport, PortError> verify_store(LedgerStore& store);

}  // namespace drop::ports
