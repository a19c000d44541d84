// PostgreSQL restarted in the middle of a load (pg_ctl restart -m fast on the throwaway server
// that scripts/test.sh started): every caller gets success or an error, never a half-applied
// batch (each batch is a linked chain of three that is all there or all absent); the pool
// recovers by itself; the ledger verifies afterwards. Runs alone (RUN_SERIAL): it restarts the
// server every PostgreSQL test uses.
#include <atomic>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "drop/adapters/batching/batching_ledger_store.hpp"
#include "drop/adapters/postgres/pg_ledger_store.hpp"
#include "drop/adapters/postgres/pg_migrate.hpp"
#include "support/postgres.hpp"
#include "support/program.hpp"

using namespace drop::ledger;

namespace {

std::string required_env(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') {
    FAIL(name << " is not set: run the tests through scripts/test.sh");
  }
  return value;
}

// Restarts the throwaway server, as the postgres user when we are root.
int restart_postgres() {
  const std::string pg_ctl = required_env("DROP_TEST_PG_BIN") + "/pg_ctl";
  const std::string data = required_env("DROP_TEST_PG_DATA");
  // -l: the new server writes to the log file, not to our pipes (which it would hold open).
  const std::string log = std::filesystem::path(data).parent_path() / "log";
  std::vector<std::string> arguments = {"-D", data, "-l", log, "-m", "fast", "-w", "restart"};
  if (::geteuid() == 0) {
    arguments.insert(arguments.begin(), {"-u", "postgres", "--", pg_ctl});
    return drop_test::run_executable("/usr/sbin/runuser", arguments).exit_code;
  }
  return drop_test::run_executable(pg_ctl, arguments).exit_code;
}

struct BatchRecord {
  TransferId first_id = 0;
  bool succeeded = false;
};

}  // namespace

TEST_CASE("postgres: a server restart during a load never half-applies a batch") {
  drop_test::TestDatabase database;
  auto pool = drop_test::TestDatabase::open_pool(database.url(), 8);
  REQUIRE(drop::adapters::postgres::migrate(*pool).ok());
  drop::adapters::postgres::PgLedgerStore postgres(*pool);
  drop::adapters::batching::BatchingLedgerStore store(postgres);
  const drop::Currency nok = *drop::Currency::from_code("NOK");
  const auto now = drop::Timestamp::from_unix_seconds(1'800'000'000);
  REQUIRE(store
              .create_accounts(
                  std::vector<Account>{{.id = 1, .currency = nok, .kind = AccountKind::settlement},
                                       {.id = 2, .currency = nok, .kind = AccountKind::wallet},
                                       {.id = 3, .currency = nok, .kind = AccountKind::fees}},
                  now)
              .ok());

  std::atomic<bool> stop{false};
  std::atomic<int> failures{0};
  std::vector<std::vector<BatchRecord>> records(8);
  std::vector<std::thread> callers;
  for (int t = 0; t < 8; ++t) {
    callers.emplace_back([&, t] {
      TransferId next = 1'000'000 + static_cast<TransferId>(t) * 1'000'000;
      while (!stop.load()) {
        // A linked chain of three: settlement -> wallet -> fees -> wallet.
        const std::vector<Transfer> chain{{.id = next,
                                           .debit_account_id = 1,
                                           .credit_account_id = 2,
                                           .amount_minor = 300,
                                           .currency = nok,
                                           .code = 1,
                                           .flags = transfer_flags::linked},
                                          {.id = next + 1,
                                           .debit_account_id = 2,
                                           .credit_account_id = 3,
                                           .amount_minor = 200,
                                           .currency = nok,
                                           .code = 2,
                                           .flags = transfer_flags::linked},
                                          {.id = next + 2,
                                           .debit_account_id = 3,
                                           .credit_account_id = 2,
                                           .amount_minor = 100,
                                           .currency = nok,
                                           .code = 3}};
        auto results = store.create_transfers(chain, now);
        const bool ok = results.ok();
        if (ok) {
          for (auto result : *results) CHECK(result == CreateTransferResult::ok);
        } else {
          ++failures;
        }
        records[static_cast<std::size_t>(t)].push_back({next, ok});
        next += 3;
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  REQUIRE(restart_postgres() == 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  stop = true;
  for (auto& caller : callers) caller.join();
  INFO("batches that got an error during the restart: " << failures.load());

  // The pool recovered: new work succeeds.
  const std::vector<Transfer> after{{.id = 99,
                                     .debit_account_id = 1,
                                     .credit_account_id = 2,
                                     .amount_minor = 1,
                                     .currency = nok,
                                     .code = 1}};
  auto recovered = store.create_transfers(after, now);
  REQUIRE(recovered.ok());
  CHECK(recovered->front() == CreateTransferResult::ok);

  std::size_t batches = 0, present = 0;
  for (const auto& thread_records : records) {
    for (const BatchRecord& record : thread_records) {
      const std::vector<TransferId> ids{record.first_id, record.first_id + 1, record.first_id + 2};
      auto found = store.lookup_transfers(ids);
      REQUIRE(found.ok());
      CHECK((found->size() == 0 || found->size() == 3));  // never half-applied
      if (record.succeeded) CHECK(found->size() == 3);
      ++batches;
      present += found->size() == 3 ? 1 : 0;
    }
  }
  CHECK(batches > 10);
  CHECK(present > 0);
  auto report = drop::ports::verify_store(store);
  REQUIRE(report.ok());
  CHECK(report->ok());
}
