// SqliteLedgerStore: the LedgerStore port on SQLite (tables from migration 2), same contract as
// PostgreSQL. A batch is one BEGIN IMMEDIATE transaction: SQLite has a single writer, so taking
// the write lock up front is the whole locking story (no account row locks are needed). The
// decision is drop::ledger::apply_transfers (pure); rows are written with cached prepared
// statements. synchronous=FULL: a batch that returned is on disk.
// Thread-safety: every method may be called from any thread.
#pragma once

#include "drop/adapters/sqlite/sqlite_database.hpp"
#include "drop/ports/ledger_store.hpp"

namespace drop::adapters::sqlite {

class SqliteLedgerStore final : public ports::LedgerStore {
 public:
  explicit SqliteLedgerStore(SqliteDatabase& database) : database_(database) {}

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
  SqliteDatabase& database_;
};

}  // namespace drop::adapters::sqlite
