// Row formats: as adapters/postgres/pg_ledger_rows.hpp (the same tables). Id lists are bound as
// JSON arrays and expanded with json_each(), SQLite's way of passing a list as one parameter.
#include "drop/adapters/sqlite/sqlite_ledger_store.hpp"

#include <algorithm>
#include <string>
#include <unordered_map>

#include "drop/assert.hpp"
#include "drop/ledger/lookup.hpp"
#include "drop/limits.hpp"

namespace drop::adapters::sqlite {

using ports::PortError;

namespace {

constexpr std::string_view account_columns =
    "id, currency, kind, flags, debits_pending, debits_posted, credits_pending, credits_posted, "
    "timestamp_us";
constexpr std::string_view transfer_columns =
    "id, debit_account_id, credit_account_id, amount, pending_id, currency, code, flags, "
    "timeout_s, reference, timestamp_us, pending_status";
constexpr std::string_view entry_columns =
    "account_id, id, transfer_id, amount, balance_after, code";

std::string json_ids(std::span<const std::uint64_t> ids) {
  std::string json = "[";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) json.push_back(',');
    json += std::to_string(ids[i]);
  }
  json.push_back(']');
  return json;
}

Currency currency_of(const std::string& code) {
  auto currency = Currency::from_code(code);
  DROP_ASSERT(currency.ok());
  return *currency;
}

ledger::Account account_from(const SqliteRow& row) {
  ledger::Account account{.id = static_cast<std::uint64_t>(row.int64(0)),
                          .currency = currency_of(row.text(1))};
  const std::int64_t kind = row.int64(2);
  DROP_ASSERT(kind >= 1 && kind <= ledger::account_kind_max);
  account.kind = static_cast<ledger::AccountKind>(kind);
  account.flags = static_cast<std::uint16_t>(row.int64(3));
  account.debits_pending = row.int64(4);
  account.debits_posted = row.int64(5);
  account.credits_pending = row.int64(6);
  account.credits_posted = row.int64(7);
  account.timestamp = Timestamp{row.int64(8)};
  DROP_ASSERT(ledger::id_in_range(account.id));
  DROP_ASSERT(account.debits_pending >= 0 && account.debits_posted >= 0);
  DROP_ASSERT(account.credits_pending >= 0 && account.credits_posted >= 0);
  return account;
}

ledger::TransferRecord transfer_from(const SqliteRow& row) {
  ledger::TransferRecord record{.transfer =
                                    ledger::Transfer{.id = static_cast<std::uint64_t>(row.int64(0)),
                                                     .currency = currency_of(row.text(5))}};
  ledger::Transfer& transfer = record.transfer;
  transfer.debit_account_id = static_cast<std::uint64_t>(row.int64(1));
  transfer.credit_account_id = static_cast<std::uint64_t>(row.int64(2));
  transfer.amount_minor = row.int64(3);
  transfer.pending_id = static_cast<std::uint64_t>(row.int64(4));
  transfer.code = static_cast<std::uint16_t>(row.int64(6));
  transfer.flags = static_cast<std::uint16_t>(row.int64(7));
  transfer.timeout_s = static_cast<std::uint32_t>(row.int64(8));
  transfer.reference = row.text(9);
  transfer.timestamp = Timestamp{row.int64(10)};
  const std::int64_t status = row.int64(11);
  DROP_ASSERT(status >= 0 && status <= 4);
  record.status = static_cast<ledger::PendingStatus>(status);
  DROP_ASSERT(transfer.amount_minor > 0);
  return record;
}

ledger::Entry entry_from(const SqliteRow& row) {
  ledger::Entry entry;
  entry.account_id = static_cast<std::uint64_t>(row.int64(0));
  entry.id = static_cast<std::uint64_t>(row.int64(1));
  entry.transfer_id = static_cast<std::uint64_t>(row.int64(2));
  entry.amount_minor = row.int64(3);
  entry.balance_after_minor = row.int64(4);
  entry.code = static_cast<std::uint16_t>(row.int64(5));
  entry.column = static_cast<ledger::EntryColumn>(entry.id % 4);
  entry.timestamp = Timestamp{static_cast<std::int64_t>(entry.id / 4)};
  DROP_ASSERT(entry.amount_minor != 0);
  return entry;
}

template <typename T, typename Decode>
Result<std::vector<T>, PortError> load(SqliteConnection& connection, std::string_view columns,
                                       std::string_view table, std::span<const std::uint64_t> ids,
                                       Decode decode) {
  std::vector<T> loaded;
  if (ids.empty()) return loaded;
  auto rows = connection.query("SELECT " + std::string(columns) + " FROM " + std::string(table) +
                                   " WHERE id IN (SELECT value FROM json_each(?1)) ORDER BY id",
                               {json_ids(ids)});
  if (!rows) return Err{rows.error()};
  loaded.reserve(rows->size());
  for (const SqliteRow& row : *rows) loaded.push_back(decode(row));
  return loaded;
}

Result<std::vector<ledger::FailedTransfer>, PortError> load_failed(
    SqliteConnection& connection, std::span<const std::uint64_t> ids) {
  std::vector<ledger::FailedTransfer> failed;
  if (ids.empty()) return failed;
  auto rows = connection.query(
      "SELECT id, result, timestamp_us FROM transfer_failures WHERE id IN (SELECT value FROM "
      "json_each(?1))",
      {json_ids(ids)});
  if (!rows) return Err{rows.error()};
  for (const SqliteRow& row : *rows) {
    failed.push_back(ledger::FailedTransfer{static_cast<ledger::TransferId>(row.int64(0)),
                                            static_cast<ledger::CreateTransferResult>(row.int64(1)),
                                            Timestamp{row.int64(2)}});
  }
  return failed;
}

Result<Timestamp, PortError> read_clock(SqliteConnection& connection) {
  auto rows = connection.query("SELECT timestamp_last_us FROM ledger_clock WHERE id = 1");
  if (!rows) return Err{rows.error()};
  if (rows->size() != 1) {
    return Err{PortError{PortError::Kind::corrupt, "ledger_clock row missing: run drop migrate"}};
  }
  return Timestamp{rows->front().int64(0)};
}

Result<void, PortError> run(SqliteConnection& connection, std::string_view sql,
                            const std::vector<SqliteValue>& values,
                            std::int64_t expected_changes = -1) {
  auto done = connection.query(sql, values);
  if (!done) return Err{done.error()};
  if (expected_changes >= 0 && connection.changes() != expected_changes) {
    return Err{PortError{PortError::Kind::corrupt, "ledger write did not change the expected row"}};
  }
  return {};
}

Result<void, PortError> persist(SqliteConnection& connection, const ledger::BatchOutcome& outcome) {
  for (const ledger::Account& account : outcome.accounts) {
    if (auto done = run(connection,
                        "UPDATE accounts SET debits_pending = ?2, debits_posted = ?3, "
                        "credits_pending = ?4, credits_posted = ?5 WHERE id = ?1",
                        {static_cast<std::int64_t>(account.id), account.debits_pending,
                         account.debits_posted, account.credits_pending, account.credits_posted},
                        1);
        !done) {
      return done;
    }
  }
  for (const ledger::TransferRecord& record : outcome.transfers) {
    const ledger::Transfer& t = record.transfer;
    if (auto done =
            run(connection,
                "INSERT INTO transfers (" + std::string(transfer_columns) +
                    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                {static_cast<std::int64_t>(t.id), static_cast<std::int64_t>(t.debit_account_id),
                 static_cast<std::int64_t>(t.credit_account_id), t.amount_minor,
                 static_cast<std::int64_t>(t.pending_id), std::string(t.currency.code()),
                 std::int64_t{t.code}, std::int64_t{t.flags}, std::int64_t{t.timeout_s},
                 t.reference, t.timestamp.unix_us, static_cast<std::int64_t>(record.status)});
        !done) {
      return done;
    }
  }
  for (const ledger::PendingChange& change : outcome.pending_changes) {
    if (auto done =
            run(connection,
                "UPDATE transfers SET pending_status = ?2 WHERE id = ?1 AND pending_status = 1",
                {static_cast<std::int64_t>(change.pending_id),
                 static_cast<std::int64_t>(change.status)},
                1);
        !done) {
      return done;
    }
  }
  for (const ledger::Entry& entry : outcome.entries) {
    DROP_ASSERT(entry.id == ledger::entry_id(entry.timestamp, entry.column));
    if (auto done =
            run(connection,
                "INSERT INTO ledger_entries (" + std::string(entry_columns) +
                    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                {static_cast<std::int64_t>(entry.account_id), static_cast<std::int64_t>(entry.id),
                 static_cast<std::int64_t>(entry.transfer_id), entry.amount_minor,
                 entry.balance_after_minor, std::int64_t{entry.code}});
        !done) {
      return done;
    }
  }
  for (const ledger::FailedTransfer& failure : outcome.failed) {
    if (auto done =
            run(connection,
                "INSERT INTO transfer_failures (id, result, timestamp_us) VALUES (?1, ?2, ?3)",
                {static_cast<std::int64_t>(failure.id), static_cast<std::int64_t>(failure.result),
                 failure.timestamp.unix_us});
        !done) {
      return done;
    }
  }
  return run(connection, "UPDATE ledger_clock SET timestamp_last_us = ?1 WHERE id = 1",
             {outcome.timestamp_last.unix_us}, 1);
}

std::vector<std::uint64_t> merged(std::vector<std::uint64_t> a, std::span<const std::uint64_t> b) {
  a.insert(a.end(), b.begin(), b.end());
  std::sort(a.begin(), a.end());
  a.erase(std::unique(a.begin(), a.end()), a.end());
  return a;
}

}  // namespace

Result<std::vector<ledger::CreateTransferResult>, PortError> SqliteLedgerStore::create_transfers(
    std::span<const ledger::Transfer> batch, Timestamp now) {
  DROP_ASSERT(batch.size() <= limits::ledger_batch_transfers_max);
  using Results = std::vector<ledger::CreateTransferResult>;
  if (batch.empty()) return Results();
  return database_.write_transaction<Results>(
      [&](SqliteConnection& connection) -> Result<Results, PortError> {
        const ledger::BatchNeeds needs = ledger::needs_for_transfers(batch);
        auto transfers = load<ledger::TransferRecord>(connection, transfer_columns, "transfers",
                                                      needs.transfer_ids, transfer_from);
        if (!transfers) return Err{transfers.error()};
        const auto account_ids =
            merged(needs.account_ids, ledger::needs_for_pendings(needs, *transfers));
        auto accounts = load<ledger::Account>(connection, account_columns, "accounts", account_ids,
                                              account_from);
        if (!accounts) return Err{accounts.error()};
        auto failed = load_failed(connection, needs.transfer_ids);
        if (!failed) return Err{failed.error()};
        auto timestamp_last = read_clock(connection);
        if (!timestamp_last) return Err{timestamp_last.error()};
        const ledger::LockedState state{*accounts, *transfers, *failed, *timestamp_last};
        const ledger::BatchOutcome outcome = ledger::apply_transfers(state, batch, now);
        if (auto written = persist(connection, outcome); !written) return Err{written.error()};
        return outcome.results;
      });
}

Result<std::vector<ledger::CreateAccountResult>, PortError> SqliteLedgerStore::create_accounts(
    std::span<const ledger::Account> batch, Timestamp now) {
  DROP_ASSERT(batch.size() <= limits::ledger_batch_transfers_max);
  using Results = std::vector<ledger::CreateAccountResult>;
  return database_.write_transaction<Results>(
      [&](SqliteConnection& connection) -> Result<Results, PortError> {
        std::vector<std::uint64_t> ids;
        for (const ledger::Account& account : batch) {
          if (ledger::id_in_range(account.id)) ids.push_back(account.id);
        }
        ids = merged(std::move(ids), {});
        auto existing =
            load<ledger::Account>(connection, account_columns, "accounts", ids, account_from);
        if (!existing) return Err{existing.error()};
        auto timestamp_last = read_clock(connection);
        if (!timestamp_last) return Err{timestamp_last.error()};
        const ledger::AccountBatchOutcome outcome =
            ledger::apply_accounts(*existing, batch, *timestamp_last, now);
        for (const ledger::Account& account : outcome.accounts) {
          if (auto done =
                  run(connection,
                      "INSERT INTO accounts (" + std::string(account_columns) +
                          ") VALUES (?1, ?2, ?3, ?4, 0, 0, 0, 0, ?5)",
                      {static_cast<std::int64_t>(account.id), std::string(account.currency.code()),
                       static_cast<std::int64_t>(account.kind), std::int64_t{account.flags},
                       account.timestamp.unix_us});
              !done) {
            return Err{done.error()};
          }
        }
        if (auto done =
                run(connection, "UPDATE ledger_clock SET timestamp_last_us = ?1 WHERE id = 1",
                    {outcome.timestamp_last.unix_us}, 1);
            !done) {
          return Err{done.error()};
        }
        return outcome.results;
      });
}

Result<std::vector<ledger::Account>, PortError> SqliteLedgerStore::lookup_accounts(
    std::span<const ledger::AccountId> ids) {
  DROP_ASSERT(ids.size() <= limits::ledger_batch_accounts_max);
  const std::vector<std::uint64_t> valid = ledger::ids_in_range(ids);
  auto found = database_.with_connection([&](SqliteConnection& connection) {
    return load<ledger::Account>(connection, account_columns, "accounts", valid, account_from);
  });
  if (!found) return Err{found.error()};
  return ledger::in_requested_order(*found, ids,
                                    [](const ledger::Account& account) { return account.id; });
}

Result<std::vector<ledger::TransferRecord>, PortError> SqliteLedgerStore::lookup_transfers(
    std::span<const ledger::TransferId> ids) {
  DROP_ASSERT(ids.size() <= limits::ledger_batch_transfers_max);
  const std::vector<std::uint64_t> valid = ledger::ids_in_range(ids);
  auto found = database_.with_connection([&](SqliteConnection& connection) {
    return load<ledger::TransferRecord>(connection, transfer_columns, "transfers", valid,
                                        transfer_from);
  });
  if (!found) return Err{found.error()};
  return ledger::in_requested_order(
      *found, ids, [](const ledger::TransferRecord& record) { return record.transfer.id; });
}

Result<ports::EntryPage, PortError> SqliteLedgerStore::account_entries(
    ledger::AccountId account_id, std::size_t limit, std::optional<std::uint64_t> before_entry_id) {
  DROP_ASSERT(limit >= 1 && limit <= limits::ledger_entries_page_max);
  ports::EntryPage page;
  if (!ledger::id_in_range(account_id)) return page;
  const std::int64_t before = static_cast<std::int64_t>(
      std::min<std::uint64_t>(before_entry_id.value_or(INT64_MAX), INT64_MAX));
  auto rows = database_.with_connection([&](SqliteConnection& connection) {
    return connection.query(
        "SELECT " + std::string(entry_columns) +
            " FROM ledger_entries WHERE account_id = ?1 AND id < ?2 "
            "ORDER BY id DESC LIMIT ?3",
        {static_cast<std::int64_t>(account_id), before, static_cast<std::int64_t>(limit + 1)});
  });
  if (!rows) return Err{rows.error()};
  for (std::size_t i = 0; i < rows->size() && page.entries.size() < limit; ++i) {
    page.entries.push_back(entry_from((*rows)[i]));
  }
  if (rows->size() > limit) page.next_before_entry_id = page.entries.back().id;
  return page;
}

Result<std::size_t, PortError> SqliteLedgerStore::expire_pending(Timestamp now) {
  return database_.write_transaction<std::size_t>([&](SqliteConnection& connection)
                                                      -> Result<std::size_t, PortError> {
    auto candidates = connection.query(
        "SELECT " + std::string(transfer_columns) +
            " FROM transfers WHERE pending_status = 1 AND timeout_s > 0 AND "
            "timestamp_us + timeout_s * 1000000 <= ?1 ORDER BY timestamp_us + timeout_s * 1000000, "
            "id LIMIT ?2",
        {now.unix_us, static_cast<std::int64_t>(limits::ledger_expiries_per_sweep_max)});
    if (!candidates) return Err{candidates.error()};
    if (candidates->empty()) return std::size_t{0};
    std::vector<ledger::TransferRecord> pendings;
    std::vector<std::uint64_t> account_ids;
    for (const SqliteRow& row : *candidates) {
      pendings.push_back(transfer_from(row));
      account_ids.push_back(pendings.back().transfer.debit_account_id);
      account_ids.push_back(pendings.back().transfer.credit_account_id);
    }
    account_ids = merged(std::move(account_ids), {});
    auto accounts =
        load<ledger::Account>(connection, account_columns, "accounts", account_ids, account_from);
    if (!accounts) return Err{accounts.error()};
    auto timestamp_last = read_clock(connection);
    if (!timestamp_last) return Err{timestamp_last.error()};
    const auto expired =
        ledger::select_expired(pendings, now, limits::ledger_expiries_per_sweep_max);
    if (expired.empty()) return std::size_t{0};
    const ledger::LockedState state{*accounts, pendings, {}, *timestamp_last};
    const ledger::BatchOutcome outcome = ledger::apply_expiries(state, expired, now);
    if (auto written = persist(connection, outcome); !written) return Err{written.error()};
    return expired.size();
  });
}

Result<ledger::LedgerSnapshot, PortError> SqliteLedgerStore::snapshot() {
  // Under the database mutex inside one read transaction: a consistent view.
  return database_.with_connection(
      [&](SqliteConnection& connection) -> Result<ledger::LedgerSnapshot, PortError> {
        if (auto begun = connection.exec_script("BEGIN"); !begun) return Err{begun.error()};
        ledger::LedgerSnapshot snapshot;
        auto accounts = connection.query("SELECT " + std::string(account_columns) +
                                         " FROM accounts ORDER BY id");
        auto transfers = connection.query("SELECT " + std::string(transfer_columns) +
                                          " FROM transfers ORDER BY timestamp_us");
        auto entries = connection.query("SELECT " + std::string(entry_columns) +
                                        " FROM ledger_entries ORDER BY id");
        (void)connection.exec_script("COMMIT");
        if (!accounts) return Err{accounts.error()};
        if (!transfers) return Err{transfers.error()};
        if (!entries) return Err{entries.error()};
        for (const SqliteRow& row : *accounts) snapshot.accounts.push_back(account_from(row));
        for (const SqliteRow& row : *transfers) snapshot.transfers.push_back(transfer_from(row));
        for (const SqliteRow& row : *entries) snapshot.entries.push_back(entry_from(row));
        return snapshot;
      });
}

}  // namespace drop::adapters::sqlite
