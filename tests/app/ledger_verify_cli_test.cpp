// `drop ledger verify` through the real program on SQLite and PostgreSQL: exit 0 with totals on a
// sound ledger; exit 1 with a report naming the violation after a balance is tampered with in
// the database behind the ledger's back; one-line errors for a missing file or an unreachable
// server.
#include <catch2/catch.hpp>

#include "drop/adapters/postgres/pg_ledger_store.hpp"
#include "drop/adapters/postgres/pg_migrate.hpp"
#include "drop/adapters/sqlite/sqlite_ledger_store.hpp"
#include "support/postgres.hpp"
#include "support/program.hpp"
#include "support/sqlite.hpp"

using namespace drop::ledger;

namespace {

const drop::Timestamp t0 = drop::Timestamp::from_unix_seconds(1'800'000'000);

void post_some(drop::ports::LedgerStore& store) {
  const drop::Currency nok = *drop::Currency::from_code("NOK");
  const std::vector<Account> accounts{
      Account{.id = 1, .currency = nok, .kind = AccountKind::settlement},
      Account{.id = 2,
              .currency = nok,
              .kind = AccountKind::wallet,
              .flags = account_flags::debits_must_not_exceed_credits},
      Account{.id = 3, .currency = nok, .kind = AccountKind::merchant}};
  REQUIRE(store.create_accounts(accounts, t0).ok());
  const std::vector<Transfer> transfers{Transfer{.id = 10,
                                                 .debit_account_id = 1,
                                                 .credit_account_id = 2,
                                                 .amount_minor = 10'000,
                                                 .currency = nok,
                                                 .code = 1},
                                        Transfer{.id = 11,
                                                 .debit_account_id = 2,
                                                 .credit_account_id = 3,
                                                 .amount_minor = 2'500,
                                                 .currency = nok,
                                                 .code = 2}};
  auto results = store.create_transfers(transfers, t0);
  REQUIRE(results.ok());
  CHECK(*results == std::vector{CreateTransferResult::ok, CreateTransferResult::ok});
}

}  // namespace

TEST_CASE("drop ledger verify: SQLite, sound then tampered") {
  drop_test::ScratchSqlite scratch;
  drop::adapters::sqlite::SqliteLedgerStore store(scratch.database());
  post_some(store);
  const std::string url = "DATABASE_URL=sqlite:" + scratch.path();
  auto sound = drop_test::run_program({"ledger", "verify"}, "", {url});
  CHECK(sound.exit_code == 0);
  CHECK(sound.out.find("ledger OK: 3 accounts, 2 transfers") != std::string::npos);
  CHECK(sound.out.find("NOK: debits_posted 12500 credits_posted 12500") != std::string::npos);

  REQUIRE(scratch.database()
              .with_connection([](drop::adapters::sqlite::SqliteConnection& c) {
                return c.exec_script(
                    "UPDATE accounts SET credits_posted = credits_posted + 1 WHERE id = 3");
              })
              .ok());
  auto broken = drop_test::run_program({"ledger", "verify"}, "", {url});
  CHECK(broken.exit_code == 1);
  CHECK(broken.err.find("ledger BROKEN") != std::string::npos);
  CHECK(broken.err.find("violation") != std::string::npos);
}

TEST_CASE("drop ledger verify: PostgreSQL, sound then tampered") {
  drop_test::TestDatabase database;
  auto pool = drop_test::TestDatabase::open_pool(database.url(), 2);
  REQUIRE(drop::adapters::postgres::migrate(*pool).ok());
  drop::adapters::postgres::PgLedgerStore store(*pool);
  post_some(store);
  auto sound = drop_test::run_program({"ledger", "verify"}, "", {"DATABASE_URL=" + database.url()});
  CHECK(sound.exit_code == 0);
  CHECK(sound.out.find("ledger OK: 3 accounts, 2 transfers") != std::string::npos);
  REQUIRE(pool->acquire()
              .value()
              ->exec("UPDATE accounts SET debits_posted = debits_posted + 7 WHERE id = 1")
              .ok());
  auto broken =
      drop_test::run_program({"ledger", "verify"}, "", {"DATABASE_URL=" + database.url()});
  CHECK(broken.exit_code == 1);
  CHECK(broken.err.find("violation") != std::string::npos);
}

TEST_CASE("drop ledger verify: unreachable or missing databases are one-line errors") {
  auto missing =
      drop_test::run_program({"ledger", "verify"}, "", {"DATABASE_URL=sqlite:/nonexistent/x.db"});
  CHECK(missing.exit_code == 1);
  CHECK(std::count(missing.err.begin(), missing.err.end(), '\n') == 1);
  auto unreachable = drop_test::run_program(
      {"ledger", "verify"}, "",
      {"DATABASE_URL=postgresql://u:hunter2@127.0.0.1:1/db?connect_timeout=2"});
  CHECK(unreachable.exit_code == 1);
  CHECK(std::count(unreachable.err.begin(), unreachable.err.end(), '\n') == 1);
  CHECK(unreachable.err.find("hunter2") == std::string::npos);
}
