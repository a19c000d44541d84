// Row formats of the ledger tables (migration 2) and the array parameters the batch writes use.
//
// accounts:        id, currency, kind, flags, debits_pending, debits_posted, credits_pending,
//                  credits_posted, timestamp_us
// transfers:       id, debit_account_id, credit_account_id, amount, pending_id, currency, code,
//                  flags, timeout_s, reference, timestamp_us, pending_status
// ledger_entries:  account_id, id (= timestamp_us * 4 + column), transfer_id, amount,
//                  balance_after, code
// Every decoded row is checked (DROP_ASSERT) against the invariants the schema promises: a row
// that breaks them means the database is not what this program wrote, and money code stops.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "drop/adapters/postgres/pg_pool.hpp"
#include "drop/ledger/account.hpp"
#include "drop/ledger/entry.hpp"
#include "drop/ledger/ledger.hpp"
#include "drop/ledger/transfer.hpp"

namespace drop::adapters::postgres::rows {

inline constexpr std::string_view account_columns =
    "id, currency, kind, flags, debits_pending, debits_posted, credits_pending, credits_posted, "
    "timestamp_us";
inline constexpr std::string_view transfer_columns =
    "id, debit_account_id, credit_account_id, amount, pending_id, currency, code, flags, "
    "timeout_s, reference, timestamp_us, pending_status";
inline constexpr std::string_view entry_columns =
    "account_id, id, transfer_id, amount, balance_after, code";

ledger::Account account(const PgResult& result, int row);
ledger::TransferRecord transfer(const PgResult& result, int row);
ledger::Entry entry(const PgResult& result, int row);

// PostgreSQL array literals for unnest() parameters: {1,2,3} and {"a","b\"c"}.
std::string int_array(std::span<const std::int64_t> values);
std::string text_array(std::span<const std::string> values);
std::string id_array(std::span<const std::uint64_t> ids);

// The statements that persist a BatchOutcome (accounts, transfers, pending changes, entries,
// failed ids, the clock), in the order BatchOutcome documents; empty parts are skipped.
std::vector<PgStatement> write_outcome(const ledger::BatchOutcome& outcome);

}  // namespace drop::adapters::postgres::rows
