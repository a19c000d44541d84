// PgLedgerStore against the LedgerStore contract on the real throwaway PostgreSQL (a fresh
// migrated database per test case).
#include "drop/adapters/postgres/pg_ledger_store.hpp"

#include <catch2/catch.hpp>

#include "contract/ledger_store_contract.hpp"
#include "drop/adapters/postgres/pg_migrate.hpp"
#include "support/postgres.hpp"

using drop::adapters::postgres::PgLedgerStore;

namespace {

std::shared_ptr<PgLedgerStore> make_pg_ledger() {
  struct Owner {
    drop_test::TestDatabase database;
    std::unique_ptr<drop::adapters::postgres::PgPool> pool =
        drop_test::TestDatabase::open_pool(database.url(), 16);
    std::unique_ptr<PgLedgerStore> store;
  };
  auto owner = std::make_shared<Owner>();
  REQUIRE(drop::adapters::postgres::migrate(*owner->pool).ok());
  owner->store = std::make_unique<PgLedgerStore>(*owner->pool);
  return std::shared_ptr<PgLedgerStore>(owner, owner->store.get());
}

}  // namespace

DROP_LEDGER_STORE_CONTRACT("postgres", make_pg_ledger())
