// SqliteLedgerStore against the LedgerStore contract on real database files, and a check that
// a reopened file keeps every balance (durability across processes).
#include "drop/adapters/sqlite/sqlite_ledger_store.hpp"

#include <catch2/catch.hpp>

#include "contract/ledger_store_contract.hpp"
#include "support/sqlite.hpp"

using drop::adapters::sqlite::SqliteLedgerStore;

DROP_LEDGER_STORE_CONTRACT("sqlite", drop_test::make_sqlite_store<SqliteLedgerStore>())

TEST_CASE("sqlite ledger: a reopened database has the same ledger") {
  drop_test::ScratchSqlite scratch;
  drop::ledger::LedgerSnapshot before;
  {
    SqliteLedgerStore store(scratch.database());
    ledger_contract::transfers_balances_and_idempotency(store);
    before = store.snapshot().value();
  }
  auto reopened = drop::adapters::sqlite::SqliteDatabase::open({scratch.path()});
  REQUIRE(reopened.ok());
  SqliteLedgerStore again(**reopened);
  const auto after = again.snapshot();
  REQUIRE(after.ok());
  CHECK(after->accounts == before.accounts);
  CHECK(after->transfers == before.transfers);
  CHECK(after->entries == before.entries);
  CHECK(drop::ports::verify_store(again)->ok());
}
