// PgLedgerStore: the LedgerStore port on PostgreSQL (tables from migration 2).
//
// A batch is one READ COMMITTED transaction:
//   1. read the batch's transfer ids (to find pendings referenced by post/void);
//   2. lock every touched account, ascending id (SELECT ... ORDER BY id FOR UPDATE), so batches
//      of several server instances never deadlock on accounts;
//   3. lock the ledger_clock row (the last lock; it orders batches, like TigerBeetle's single
//      writer) and, under it, read the batch's transfers and failed ids afresh;
//   4. let drop::ledger::apply_transfers decide (pure), then write everything with one
//      statement per table (unnest of arrays) in one pipeline with COMMIT: one round trip.
// Why READ COMMITTED and not SERIALIZABLE: every row the decision depends on is locked (accounts,
// the clock) or read after the clock lock that every writer takes, so no concurrent change can
// invalidate it; SERIALIZABLE would add predicate-lock overhead and spurious 40001 failures.
// Retries: deadlocks or serialization failures (40P01/40001, only possible when something else
// locks these rows) and connections lost before COMMIT are retried by in_transaction(); a
// connection lost during COMMIT is retried too, because transfer ids make the batch idempotent
// (a retry of a committed batch returns `exists` for each transfer).
// Thread-safety: every method may be called from any thread (connections come from the pool).
#pragma once

#include "drop/adapters/postgres/pg_pool.hpp"
#include "drop/ports/ledger_store.hpp"

namespace drop::adapters::postgres {

class PgLedgerStore final : public ports::LedgerStore {
 public:
  explicit PgLedgerStore(PgPool& pool) : pool_(pool) {}

  Result<std::vector<ledger::CreateAccountResult>, ports::PortError> create_accounts(
      std::span<const ledger::Account> batch, Timestamp now) override;
  Result<std::vector<ledger::CreateTransferResult>, ports::PortError> create_transfers(
      std::span<const ledger::Transfer> batch, Timestamp now) override;
  Result<std::vector<ledger::Account>, ports::PortError> lookup_accounts(
      std::span<const ledger::AccountId> ids) override;
  Result<std::vector<ledger::TransferRecord>, ports::PortError> lookup_transfers(
      std::span<const ledger::TransferId> ids) override;
  Result<ports::EntryPage, ports::PortError> account_entries(
      ledger::AccountId account_id, std::size_t limit,
      std::optional<std::uint64_t> before_entry_id) override;
  Result<std::size_t, ports::PortError> expire_pending(Timestamp now) override;
  Result<ledger::LedgerSnapshot, ports::PortError> snapshot() override;

 private:
  PgPool& pool_;
};

}  // namespace drop::adapters::postgres
