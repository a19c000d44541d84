#include "drop/adapters/postgres/pg_ledger_store.hpp"

#include <algorithm>
#include <string>
#include <unordered_map>

#include "drop/ledger/lookup.hpp"
#include "drop/limits.hpp"
#include "pg_ledger_rows.hpp"

namespace drop::adapters::postgres {

using ports::PortError;

namespace {

constexpr std::string_view begin_sql = "BEGIN ISOLATION LEVEL READ COMMITTED";

std::string select_accounts_sql(bool for_update) {
  return "SELECT " + std::string(rows::account_columns) +
         " FROM accounts WHERE id = ANY($1::bigint[]) ORDER BY id" +
         (for_update ? " FOR UPDATE" : "");
}

std::string select_transfers_sql() {
  return "SELECT " + std::string(rows::transfer_columns) +
         " FROM transfers WHERE id = ANY($1::bigint[])";
}

Result<std::vector<ledger::Account>, PortError> load_accounts(PgConnection& connection,
                                                              std::span<const std::uint64_t> ids,
                                                              bool for_update) {
  std::vector<ledger::Account> accounts;
  if (ids.empty()) return accounts;
  auto result = connection.exec(select_accounts_sql(for_update), {rows::id_array(ids)});
  if (!result) return Err{result.error()};
  accounts.reserve(static_cast<std::size_t>(result->rows()));
  for (int row = 0; row < result->rows(); ++row) accounts.push_back(rows::account(*result, row));
  return accounts;
}

Result<std::vector<ledger::TransferRecord>, PortError> load_transfers(
    PgConnection& connection, std::span<const std::uint64_t> ids) {
  std::vector<ledger::TransferRecord> transfers;
  if (ids.empty()) return transfers;
  auto result = connection.exec(select_transfers_sql(), {rows::id_array(ids)});
  if (!result) return Err{result.error()};
  transfers.reserve(static_cast<std::size_t>(result->rows()));
  for (int row = 0; row < result->rows(); ++row) transfers.push_back(rows::transfer(*result, row));
  return transfers;
}

// Locks the clock row (after the accounts) and returns the last assigned timestamp.
Result<Timestamp, PortError> lock_clock(PgConnection& connection) {
  auto result =
      connection.exec("SELECT timestamp_last_us FROM ledger_clock WHERE id = 1 FOR UPDATE");
  if (!result) return Err{result.error()};
  if (result->rows() != 1) {
    return Err{PortError{PortError::Kind::corrupt, "ledger_clock row missing: run drop migrate"}};
  }
  return Timestamp{result->int64(0, 0)};
}

// Writes an outcome in one pipeline and checks that every update hit the rows it expected.
// With `commit`, COMMIT goes last in the same pipeline (the transaction ends here).
Result<void, PortError> persist(PgConnection& connection, const ledger::BatchOutcome& outcome,
                                bool commit = false) {
  std::vector<PgStatement> statements = rows::write_outcome(outcome);
  if (commit) statements.push_back(PgStatement{"COMMIT", {}});
  auto results = connection.exec_pipeline(statements);
  if (!results) return Err{results.error()};
  std::size_t index = 0;
  if (!outcome.accounts.empty() &&
      (*results)[index++].affected_rows() != static_cast<std::int64_t>(outcome.accounts.size())) {
    return Err{PortError{PortError::Kind::corrupt, "ledger batch: an account update missed"}};
  }
  if (!outcome.transfers.empty()) ++index;
  if (!outcome.pending_changes.empty() &&
      (*results)[index++].affected_rows() !=
          static_cast<std::int64_t>(outcome.pending_changes.size())) {
    return Err{
        PortError{PortError::Kind::conflict, "ledger batch: a pending was resolved meanwhile"}};
  }
  return {};
}

// Merges two ascending id lists.
std::vector<std::uint64_t> merged(std::span<const std::uint64_t> a,
                                  std::span<const std::uint64_t> b) {
  std::vector<std::uint64_t> all(a.begin(), a.end());
  all.insert(all.end(), b.begin(), b.end());
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  return all;
}

// Two round trips: [BEGIN, lock accounts, lock clock, read ids and failed ids under the locks],
// [every write, COMMIT]. A batch that posts or voids pendings needs one more in front (BEGIN,
// read those pendings), because their accounts must be locked too.
Result<std::vector<ledger::CreateTransferResult>, PortError> apply_batch(
    PgConnection& connection, std::span<const ledger::Transfer> batch, Timestamp now) {
  const ledger::BatchNeeds needs = ledger::needs_for_transfers(batch);
  const std::string transfer_ids = rows::id_array(needs.transfer_ids);
  std::vector<std::uint64_t> account_ids = needs.account_ids;
  std::vector<PgStatement> second;
  if (needs.pending_ids.empty()) {
    second.push_back({std::string(begin_sql), {}});
  } else {
    // 1. Pendings referenced by post/void name accounts the batch may leave as 0: lock those too.
    const PgStatement first[] = {{std::string(begin_sql), {}},
                                 {select_transfers_sql(), {rows::id_array(needs.pending_ids)}}};
    auto opened = connection.exec_pipeline(first);
    if (!opened) return Err{opened.error()};
    std::vector<ledger::TransferRecord> seen;
    seen.reserve(static_cast<std::size_t>((*opened)[1].rows()));
    for (int row = 0; row < (*opened)[1].rows(); ++row)
      seen.push_back(rows::transfer((*opened)[1], row));
    account_ids = merged(needs.account_ids, ledger::needs_for_pendings(needs, seen));
  }
  // 2. Accounts in ascending id order, then the clock; then, under the locks, fresh reads.
  const std::size_t at = second.size();
  second.push_back({select_accounts_sql(/*for_update=*/true), {rows::id_array(account_ids)}});
  second.push_back({"SELECT timestamp_last_us FROM ledger_clock WHERE id = 1 FOR UPDATE", {}});
  second.push_back({select_transfers_sql(), {transfer_ids}});
  second.push_back(
      {"SELECT id, result, timestamp_us FROM transfer_failures WHERE id = ANY($1::bigint[])",
       {transfer_ids}});
  auto locked = connection.exec_pipeline(second);
  if (!locked) return Err{locked.error()};
  const PgResult& account_rows = (*locked)[at + 0];
  const PgResult& clock_rows = (*locked)[at + 1];
  const PgResult& transfer_rows = (*locked)[at + 2];
  const PgResult& failed_rows = (*locked)[at + 3];
  if (clock_rows.rows() != 1) {
    return Err{PortError{PortError::Kind::corrupt, "ledger_clock row missing: run drop migrate"}};
  }
  std::vector<ledger::Account> accounts;
  accounts.reserve(static_cast<std::size_t>(account_rows.rows()));
  for (int row = 0; row < account_rows.rows(); ++row)
    accounts.push_back(rows::account(account_rows, row));
  std::vector<ledger::TransferRecord> transfers;
  transfers.reserve(static_cast<std::size_t>(transfer_rows.rows()));
  for (int row = 0; row < transfer_rows.rows(); ++row)
    transfers.push_back(rows::transfer(transfer_rows, row));
  std::vector<ledger::FailedTransfer> failed;
  failed.reserve(static_cast<std::size_t>(failed_rows.rows()));
  for (int row = 0; row < failed_rows.rows(); ++row) {
    failed.push_back(
        ledger::FailedTransfer{static_cast<ledger::TransferId>(failed_rows.int64(row, 0)),
                               static_cast<ledger::CreateTransferResult>(failed_rows.int64(row, 1)),
                               Timestamp{failed_rows.int64(row, 2)}});
  }
  // A pending created between step 1 and the clock lock may name accounts we did not lock.
  for (std::uint64_t id : ledger::needs_for_pendings(needs, transfers)) {
    if (!std::binary_search(account_ids.begin(), account_ids.end(), id)) {
      return Err{PortError{PortError::Kind::conflict, "ledger batch: pending appeared; retry"}};
    }
  }
  // 3. Decide (pure), write and commit in one pipeline.
  const ledger::LockedState state{accounts, transfers, failed, Timestamp{clock_rows.int64(0, 0)}};
  const ledger::BatchOutcome outcome = ledger::apply_transfers(state, batch, now);
  if (auto written = persist(connection, outcome, /*commit=*/true); !written)
    return Err{written.error()};
  return outcome.results;
}

}  // namespace

Result<std::vector<ledger::CreateTransferResult>, PortError> PgLedgerStore::create_transfers(
    std::span<const ledger::Transfer> batch, Timestamp now) {
  DROP_ASSERT(batch.size() <= limits::ledger_batch_transfers_max);
  if (batch.empty()) return std::vector<ledger::CreateTransferResult>();
  // Idempotent by transfer id: a retry after a COMMIT whose outcome was lost is safe.
  for (int attempt = 0;; ++attempt) {
    // apply_batch sends BEGIN itself, in its first pipeline.
    auto outcome = in_transaction<std::vector<ledger::CreateTransferResult>>(
        pool_, "", [&](PgConnection& connection) { return apply_batch(connection, batch, now); });
    if (outcome || outcome.error().kind != PortError::Kind::timeout || attempt >= 2) return outcome;
  }
}

Result<std::vector<ledger::CreateAccountResult>, PortError> PgLedgerStore::create_accounts(
    std::span<const ledger::Account> batch, Timestamp now) {
  DROP_ASSERT(batch.size() <= limits::ledger_batch_transfers_max);
  return in_transaction<std::vector<ledger::CreateAccountResult>>(
      pool_, begin_sql,
      [&](PgConnection& connection) -> Result<std::vector<ledger::CreateAccountResult>, PortError> {
        auto timestamp_last = lock_clock(connection);
        if (!timestamp_last) return Err{timestamp_last.error()};
        std::vector<std::uint64_t> ids;
        for (const ledger::Account& account : batch) {
          if (ledger::id_in_range(account.id)) ids.push_back(account.id);
        }
        std::sort(ids.begin(), ids.end());
        ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
        auto existing = load_accounts(connection, ids, /*for_update=*/false);
        if (!existing) return Err{existing.error()};
        const ledger::AccountBatchOutcome outcome =
            ledger::apply_accounts(*existing, batch, *timestamp_last, now);
        std::vector<PgStatement> statements;
        if (!outcome.accounts.empty()) {
          std::vector<std::uint64_t> new_ids;
          std::vector<std::int64_t> kinds, flags, timestamps;
          std::vector<std::string> currencies;
          for (const ledger::Account& account : outcome.accounts) {
            new_ids.push_back(account.id);
            currencies.emplace_back(account.currency.code());
            kinds.push_back(static_cast<std::int64_t>(account.kind));
            flags.push_back(account.flags);
            timestamps.push_back(account.timestamp.unix_us);
          }
          statements.push_back(PgStatement{
              "INSERT INTO accounts (id, currency, kind, flags, debits_pending, debits_posted, "
              "credits_pending, credits_posted, timestamp_us) SELECT u.id, u.currency, u.kind, "
              "u.flags, 0, 0, 0, 0, u.ts FROM unnest($1::bigint[], $2::text[], $3::smallint[], "
              "$4::smallint[], $5::bigint[]) AS u(id, currency, kind, flags, ts)",
              {rows::id_array(new_ids), rows::text_array(currencies), rows::int_array(kinds),
               rows::int_array(flags), rows::int_array(timestamps)}});
        }
        statements.push_back(
            PgStatement{"UPDATE ledger_clock SET timestamp_last_us = $1 WHERE id = 1",
                        {std::to_string(outcome.timestamp_last.unix_us)}});
        if (auto written = connection.exec_pipeline(statements); !written)
          return Err{written.error()};
        return outcome.results;
      });
}

Result<std::vector<ledger::Account>, PortError> PgLedgerStore::lookup_accounts(
    std::span<const ledger::AccountId> ids) {
  DROP_ASSERT(ids.size() <= limits::ledger_batch_accounts_max);
  auto lease = pool_.acquire();
  if (!lease) return Err{lease.error()};
  const std::vector<std::uint64_t> valid = ledger::ids_in_range(ids);
  auto found = load_accounts(**lease, valid, /*for_update=*/false);
  if (!found) return Err{found.error()};
  return ledger::in_requested_order(*found, ids,
                                    [](const ledger::Account& account) { return account.id; });
}

Result<std::vector<ledger::TransferRecord>, PortError> PgLedgerStore::lookup_transfers(
    std::span<const ledger::TransferId> ids) {
  DROP_ASSERT(ids.size() <= limits::ledger_batch_transfers_max);
  auto lease = pool_.acquire();
  if (!lease) return Err{lease.error()};
  const std::vector<std::uint64_t> valid = ledger::ids_in_range(ids);
  auto found = load_transfers(**lease, valid);
  if (!found) return Err{found.error()};
  return ledger::in_requested_order(
      *found, ids, [](const ledger::TransferRecord& record) { return record.transfer.id; });
}

Result<ports::EntryPage, PortError> PgLedgerStore::account_entries(
    ledger::AccountId account_id, std::size_t limit, std::optional<std::uint64_t> before_entry_id) {
  DROP_ASSERT(limit >= 1 && limit <= limits::ledger_entries_page_max);
  ports::EntryPage page;
  if (!ledger::id_in_range(account_id)) return page;
  auto lease = pool_.acquire();
  if (!lease) return Err{lease.error()};
  const std::uint64_t before = before_entry_id.value_or(static_cast<std::uint64_t>(INT64_MAX));
  auto result = (*lease)->exec(
      "SELECT " + std::string(rows::entry_columns) +
          " FROM ledger_entries WHERE account_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3",
      {std::to_string(account_id), std::to_string(std::min<std::uint64_t>(before, INT64_MAX)),
       std::to_string(limit + 1)});
  if (!result) return Err{result.error()};
  for (int row = 0; row < result->rows() && page.entries.size() < limit; ++row) {
    page.entries.push_back(rows::entry(*result, row));
  }
  if (static_cast<std::size_t>(result->rows()) > limit)
    page.next_before_entry_id = page.entries.back().id;
  return page;
}

Result<std::size_t, PortError> PgLedgerStore::expire_pending(Timestamp now) {
  return in_transaction<std::size_t>(
      pool_, begin_sql, [&](PgConnection& connection) -> Result<std::size_t, PortError> {
        auto candidates = connection.exec(
            "SELECT " + std::string(rows::transfer_columns) +
                " FROM transfers WHERE pending_status = 1 AND timeout_s > 0 AND "
                "timestamp_us + timeout_s * 1000000 <= $1 ORDER BY timestamp_us + timeout_s * "
                "1000000, id "
                "LIMIT $2",
            {std::to_string(now.unix_us), std::to_string(limits::ledger_expiries_per_sweep_max)});
        if (!candidates) return Err{candidates.error()};
        if (candidates->rows() == 0) return std::size_t{0};
        std::vector<std::uint64_t> transfer_ids, account_ids;
        for (int row = 0; row < candidates->rows(); ++row) {
          const ledger::TransferRecord record = rows::transfer(*candidates, row);
          transfer_ids.push_back(record.transfer.id);
          account_ids.push_back(record.transfer.debit_account_id);
          account_ids.push_back(record.transfer.credit_account_id);
        }
        std::sort(transfer_ids.begin(), transfer_ids.end());
        account_ids = merged(account_ids, {});
        auto accounts = load_accounts(connection, account_ids, /*for_update=*/true);
        if (!accounts) return Err{accounts.error()};
        auto timestamp_last = lock_clock(connection);
        if (!timestamp_last) return Err{timestamp_last.error()};
        auto pendings = load_transfers(connection, transfer_ids);  // fresh statuses under the locks
        if (!pendings) return Err{pendings.error()};
        const std::vector<ledger::TransferId> expired =
            ledger::select_expired(*pendings, now, limits::ledger_expiries_per_sweep_max);
        if (expired.empty()) return std::size_t{0};
        const ledger::LockedState state{*accounts, *pendings, {}, *timestamp_last};
        const ledger::BatchOutcome outcome = ledger::apply_expiries(state, expired, now);
        if (auto written = persist(connection, outcome); !written) return Err{written.error()};
        return expired.size();
      });
}

Result<ledger::LedgerSnapshot, PortError> PgLedgerStore::snapshot() {
  // One REPEATABLE READ transaction: every table read at the same instant.
  return in_transaction<ledger::LedgerSnapshot>(
      pool_, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
      [&](PgConnection& connection) -> Result<ledger::LedgerSnapshot, PortError> {
        ledger::LedgerSnapshot snapshot;
        auto accounts = connection.exec("SELECT " + std::string(rows::account_columns) +
                                        " FROM accounts ORDER BY id");
        if (!accounts) return Err{accounts.error()};
        for (int row = 0; row < accounts->rows(); ++row)
          snapshot.accounts.push_back(rows::account(*accounts, row));
        auto transfers = connection.exec("SELECT " + std::string(rows::transfer_columns) +
                                         " FROM transfers ORDER BY timestamp_us");
        if (!transfers) return Err{transfers.error()};
        for (int row = 0; row < transfers->rows(); ++row)
          snapshot.transfers.push_back(rows::transfer(*transfers, row));
        auto entries = connection.exec("SELECT " + std::string(rows::entry_columns) +
                                       " FROM ledger_entries ORDER BY id");
        if (!entries) return Err{entries.error()};
        for (int row = 0; row < entries->rows(); ++row)
          snapshot.entries.push_back(rows::entry(*entries, row));
        return snapshot;
      });
}

}  // namespace drop::adapters::postgres
