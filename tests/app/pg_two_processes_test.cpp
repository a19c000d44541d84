// Two separate processes posting to one PostgreSQL ledger, as two server instances would: both
// send the same transfer ids (identical transfers) in opposite orders, concurrently. No
// deadlock or serialization error reaches a caller, each id is accepted at most once and the
// other process is told `exists`, nothing is lost or applied twice, and the ledger verifies.
#include <catch2/catch.hpp>
#include <map>
#include <sstream>
#include <thread>

#include "drop/adapters/postgres/pg_ledger_store.hpp"
#include "drop/adapters/postgres/pg_migrate.hpp"
#include "support/postgres.hpp"
#include "support/program.hpp"
#include "tools/ledger_load.hpp"

using namespace drop::ledger;

TEST_CASE("postgres: two processes post the same transfers concurrently") {
  drop_test::TestDatabase database;
  auto pool = drop_test::TestDatabase::open_pool(database.url(), 4);
  REQUIRE(drop::adapters::postgres::migrate(*pool).ok());
  drop::adapters::postgres::PgLedgerStore store(*pool);
  REQUIRE(store.create_accounts(drop_test::load_accounts(), drop_test::load_now()).ok());
  REQUIRE(store.create_transfers(drop_test::load_deposits(), drop_test::load_now()).ok());

  constexpr std::uint64_t first_id = 1000, count = 1200;
  drop_test::ProgramResult up, down;
  std::thread a([&] {
    up = drop_test::run_executable(DROP_LEDGER_LOAD, {database.url(), std::to_string(first_id),
                                                      std::to_string(count), "8", "up"});
  });
  std::thread b([&] {
    down = drop_test::run_executable(DROP_LEDGER_LOAD, {database.url(), std::to_string(first_id),
                                                        std::to_string(count), "8", "down"});
  });
  a.join();
  b.join();
  REQUIRE(up.exit_code == 0);
  REQUIRE(down.exit_code == 0);

  std::map<std::uint64_t, std::vector<std::string>> outcomes;
  for (const std::string* output : {&up.out, &down.out}) {
    std::istringstream lines(*output);
    std::uint64_t id = 0;
    std::string result;
    while (lines >> id >> result) outcomes[id].push_back(result);
  }
  REQUIRE(outcomes.size() == count);
  std::vector<TransferId> accepted, never_accepted;
  int errors = 0, double_accepts = 0, bad_pairs = 0;
  for (const auto& [id, results] : outcomes) {
    REQUIRE(results.size() == 2);
    const int oks = static_cast<int>(std::count(results.begin(), results.end(), "ok"));
    for (const auto& result : results) errors += result.starts_with("error:") ? 1 : 0;
    if (oks > 1) ++double_accepts;
    if (oks == 1 && std::count(results.begin(), results.end(), "exists") != 1) ++bad_pairs;
    (oks == 1 ? accepted : never_accepted).push_back(id);
  }
  CHECK(errors == 0);
  CHECK(double_accepts == 0);
  CHECK(bad_pairs == 0);
  CHECK_FALSE(accepted.empty());
  CHECK_FALSE(never_accepted.empty());  // the wallets are small: some must be refused
  CHECK(store.lookup_transfers(accepted)->size() == accepted.size());
  CHECK(store.lookup_transfers(never_accepted)->empty());

  std::vector<AccountId> wallets;
  for (int w = 0; w < drop_test::load_wallets; ++w)
    wallets.push_back(static_cast<AccountId>(100 + w));
  std::int64_t total = 0;
  const auto balances = store.lookup_accounts(wallets);
  REQUIRE(balances.ok());
  for (const Account& wallet : *balances) total += wallet.posted_net();
  CHECK(total == drop_test::load_deposit_minor * drop_test::load_wallets);
  auto report = drop::ports::verify_store(store);
  REQUIRE(report.ok());
  CHECK(report->ok());
}
