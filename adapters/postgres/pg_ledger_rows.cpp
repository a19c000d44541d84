#include "pg_ledger_rows.hpp"

#include "drop/assert.hpp"
#include "drop/limits.hpp"

namespace drop::adapters::postgres::rows {

namespace {

Currency currency_at(const PgResult& result, int row, int column) {
  auto currency = Currency::from_code(result.text(row, column));
  DROP_ASSERT(currency.ok());
  return *currency;
}

std::uint64_t id_at(const PgResult& result, int row, int column) {
  const std::int64_t value = result.int64(row, column);
  DROP_ASSERT(value >= 0);
  return static_cast<std::uint64_t>(value);
}

}  // namespace

ledger::Account account(const PgResult& result, int row) {
  ledger::Account account{.id = id_at(result, row, 0), .currency = currency_at(result, row, 1)};
  const std::int64_t kind = result.int64(row, 2);
  DROP_ASSERT(kind >= 1);
  DROP_ASSERT(kind <= ledger::account_kind_max);
  account.kind = static_cast<ledger::AccountKind>(kind);
  account.flags = static_cast<std::uint16_t>(result.int64(row, 3));
  account.debits_pending = result.int64(row, 4);
  account.debits_posted = result.int64(row, 5);
  account.credits_pending = result.int64(row, 6);
  account.credits_posted = result.int64(row, 7);
  account.timestamp = Timestamp{result.int64(row, 8)};
  DROP_ASSERT(ledger::id_in_range(account.id));
  DROP_ASSERT(account.debits_pending >= 0 && account.debits_posted >= 0);
  DROP_ASSERT(account.credits_pending >= 0 && account.credits_posted >= 0);
  return account;
}

ledger::TransferRecord transfer(const PgResult& result, int row) {
  ledger::TransferRecord record{
      .transfer =
          ledger::Transfer{.id = id_at(result, row, 0), .currency = currency_at(result, row, 5)}};
  ledger::Transfer& transfer = record.transfer;
  transfer.debit_account_id = id_at(result, row, 1);
  transfer.credit_account_id = id_at(result, row, 2);
  transfer.amount_minor = result.int64(row, 3);
  transfer.pending_id = id_at(result, row, 4);
  transfer.code = static_cast<std::uint16_t>(result.int64(row, 6));
  transfer.flags = static_cast<std::uint16_t>(result.int64(row, 7));
  transfer.timeout_s = static_cast<std::uint32_t>(result.int64(row, 8));
  transfer.reference = std::string(result.text(row, 9));
  transfer.timestamp = Timestamp{result.int64(row, 10)};
  const std::int64_t status = result.int64(row, 11);
  DROP_ASSERT(status >= 0 && status <= 4);
  record.status = static_cast<ledger::PendingStatus>(status);
  DROP_ASSERT(transfer.amount_minor > 0);
  DROP_ASSERT(transfer.debit_account_id != transfer.credit_account_id);
  return record;
}

ledger::Entry entry(const PgResult& result, int row) {
  ledger::Entry entry;
  entry.account_id = id_at(result, row, 0);
  entry.id = id_at(result, row, 1);
  entry.transfer_id = id_at(result, row, 2);
  entry.amount_minor = result.int64(row, 3);
  entry.balance_after_minor = result.int64(row, 4);
  entry.code = static_cast<std::uint16_t>(result.int64(row, 5));
  entry.column = static_cast<ledger::EntryColumn>(entry.id % 4);
  entry.timestamp = Timestamp{static_cast<std::int64_t>(entry.id / 4)};
  DROP_ASSERT(entry.amount_minor != 0);
  return entry;
}

std::string int_array(std::span<const std::int64_t> values) {
  std::string literal = "{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) literal.push_back(',');
    literal += std::to_string(values[i]);
  }
  literal.push_back('}');
  return literal;
}

std::string id_array(std::span<const std::uint64_t> ids) {
  std::string literal = "{";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    DROP_ASSERT(ids[i] <= ledger::id_max);
    if (i > 0) literal.push_back(',');
    literal += std::to_string(ids[i]);
  }
  literal.push_back('}');
  return literal;
}

std::string text_array(std::span<const std::string> values) {
  std::string literal = "{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) literal.push_back(',');
    literal.push_back('"');
    for (char c : values[i]) {
      if (c == '"' || c == '\\') literal.push_back('\\');
      literal.push_back(c);
    }
    literal.push_back('"');
  }
  literal.push_back('}');
  return literal;
}

namespace {

PgStatement update_accounts(std::span<const ledger::Account> accounts) {
  std::vector<std::uint64_t> ids;
  std::vector<std::int64_t> debits_pending, debits_posted, credits_pending, credits_posted;
  for (const ledger::Account& account : accounts) {
    DROP_ASSERT(account.debits_pending >= 0 && account.credits_pending >= 0);
    ids.push_back(account.id);
    debits_pending.push_back(account.debits_pending);
    debits_posted.push_back(account.debits_posted);
    credits_pending.push_back(account.credits_pending);
    credits_posted.push_back(account.credits_posted);
  }
  return PgStatement{
      "UPDATE accounts a SET debits_pending = u.dp, debits_posted = u.dpo, credits_pending = u.cp, "
      "credits_posted = u.cpo FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[], "
      "$5::bigint[]) AS u(id, dp, dpo, cp, cpo) WHERE a.id = u.id",
      {id_array(ids), int_array(debits_pending), int_array(debits_posted),
       int_array(credits_pending), int_array(credits_posted)}};
}

PgStatement insert_transfers(std::span<const ledger::TransferRecord> records) {
  std::vector<std::uint64_t> ids, debits, credits, pendings;
  std::vector<std::int64_t> amounts, codes, flags, timeouts, timestamps, statuses;
  std::vector<std::string> currencies, references;
  for (const ledger::TransferRecord& record : records) {
    const ledger::Transfer& transfer = record.transfer;
    DROP_ASSERT(transfer.amount_minor > 0);
    DROP_ASSERT(transfer.reference.size() <= limits::transfer_reference_bytes_max);
    ids.push_back(transfer.id);
    debits.push_back(transfer.debit_account_id);
    credits.push_back(transfer.credit_account_id);
    amounts.push_back(transfer.amount_minor);
    pendings.push_back(transfer.pending_id);
    currencies.emplace_back(transfer.currency.code());
    codes.push_back(transfer.code);
    flags.push_back(transfer.flags);
    timeouts.push_back(transfer.timeout_s);
    references.push_back(transfer.reference);
    timestamps.push_back(transfer.timestamp.unix_us);
    statuses.push_back(static_cast<std::int64_t>(record.status));
  }
  return PgStatement{
      "INSERT INTO transfers (id, debit_account_id, credit_account_id, amount, pending_id, "
      "currency, code, flags, timeout_s, reference, timestamp_us, pending_status) "
      "SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], "
      "$6::text[], $7::integer[], $8::smallint[], $9::bigint[], $10::text[], $11::bigint[], "
      "$12::smallint[])",
      {id_array(ids), id_array(debits), id_array(credits), int_array(amounts), id_array(pendings),
       text_array(currencies), int_array(codes), int_array(flags), int_array(timeouts),
       text_array(references), int_array(timestamps), int_array(statuses)}};
}

PgStatement update_pendings(std::span<const ledger::PendingChange> changes) {
  std::vector<std::uint64_t> ids;
  std::vector<std::int64_t> statuses;
  for (const ledger::PendingChange& change : changes) {
    ids.push_back(change.pending_id);
    statuses.push_back(static_cast<std::int64_t>(change.status));
  }
  return PgStatement{
      "UPDATE transfers t SET pending_status = u.status FROM unnest($1::bigint[], $2::smallint[]) "
      "AS u(id, status) WHERE t.id = u.id AND t.pending_status = 1",
      {id_array(ids), int_array(statuses)}};
}

PgStatement insert_entries(std::span<const ledger::Entry> entries) {
  std::vector<std::uint64_t> accounts, ids, transfers;
  std::vector<std::int64_t> amounts, balances, codes;
  for (const ledger::Entry& entry : entries) {
    DROP_ASSERT(entry.amount_minor != 0);
    DROP_ASSERT(entry.id == ledger::entry_id(entry.timestamp, entry.column));
    accounts.push_back(entry.account_id);
    ids.push_back(entry.id);
    transfers.push_back(entry.transfer_id);
    amounts.push_back(entry.amount_minor);
    balances.push_back(entry.balance_after_minor);
    codes.push_back(entry.code);
  }
  return PgStatement{
      "INSERT INTO ledger_entries (account_id, id, transfer_id, amount, balance_after, code) "
      "SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], "
      "$6::integer[])",
      {id_array(accounts), id_array(ids), id_array(transfers), int_array(amounts),
       int_array(balances), int_array(codes)}};
}

PgStatement insert_failures(std::span<const ledger::FailedTransfer> failed) {
  std::vector<std::uint64_t> ids;
  std::vector<std::int64_t> results, timestamps;
  for (const ledger::FailedTransfer& failure : failed) {
    ids.push_back(failure.id);
    results.push_back(static_cast<std::int64_t>(failure.result));
    timestamps.push_back(failure.timestamp.unix_us);
  }
  return PgStatement{
      "INSERT INTO transfer_failures (id, result, timestamp_us) "
      "SELECT * FROM unnest($1::bigint[], $2::smallint[], $3::bigint[])",
      {id_array(ids), int_array(results), int_array(timestamps)}};
}

}  // namespace

std::vector<PgStatement> write_outcome(const ledger::BatchOutcome& outcome) {
  std::vector<PgStatement> statements;
  if (!outcome.accounts.empty()) statements.push_back(update_accounts(outcome.accounts));
  if (!outcome.transfers.empty()) statements.push_back(insert_transfers(outcome.transfers));
  if (!outcome.pending_changes.empty())
    statements.push_back(update_pendings(outcome.pending_changes));
  if (!outcome.entries.empty()) statements.push_back(insert_entries(outcome.entries));
  if (!outcome.failed.empty()) statements.push_back(insert_failures(outcome.failed));
  statements.push_back(PgStatement{"UPDATE ledger_clock SET timestamp_last_us = $1 WHERE id = 1",
                                   {std::to_string(outcome.timestamp_last.unix_us)}});
  return statements;
}

}  // namespace drop::adapters::postgres::rows
