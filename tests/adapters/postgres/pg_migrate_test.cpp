// PostgreSQL migrations and pool against the real throwaway server: migrate creates every table,
// is idempotent, is safe from several threads at once (advisory lock), and refuses a database
// whose schema is newer than the program; the pool replaces connections the server killed.
#include "drop/adapters/postgres/pg_migrate.hpp"

#include <catch2/catch.hpp>
#include <thread>
#include <vector>

#include "support/postgres.hpp"

using namespace drop::adapters::postgres;
using drop_test::TestDatabase;

TEST_CASE("postgres: migrate creates the schema once and is idempotent") {
  TestDatabase database;
  auto pool = TestDatabase::open_pool(database.url(), 4);
  auto before = schema_status(*pool);
  REQUIRE(before.ok());
  CHECK(before->database_version == 0);
  CHECK(before->program_version >= 1);

  auto first = migrate(*pool);
  REQUIRE(first.ok());
  CHECK(first->size() == static_cast<std::size_t>(before->program_version));
  auto second = migrate(*pool);
  REQUIRE(second.ok());
  CHECK(second->empty());
  CHECK(schema_status(*pool)->matches());

  auto tables = pool->acquire().value()->exec(
      "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public' AND "
      "table_name IN ('users','quotes','remittances','remittance_events','qr_requests',"
      "'idempotency_keys','rate_limits','kyc_events','revoked_tokens','schema_migrations')");
  REQUIRE(tables.ok());
  CHECK(tables->int64(0, 0) == 10);
}

TEST_CASE("postgres: concurrent migrations apply each version exactly once") {
  TestDatabase database;
  auto pool = TestDatabase::open_pool(database.url(), 8);
  std::vector<std::thread> threads;
  std::vector<int> applied_counts(6, -1);
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&, i] {
      auto pool_of_thread = TestDatabase::open_pool(database.url(), 1);  // like separate processes
      auto applied = migrate(*pool_of_thread);
      applied_counts[static_cast<std::size_t>(i)] =
          applied ? static_cast<int>(applied->size()) : -1;
    });
  }
  for (auto& thread : threads) thread.join();
  int total = 0;
  for (int count : applied_counts) {
    CHECK(count >= 0);
    total += count;
  }
  CHECK(total == schema_status(*pool)->program_version);
  auto rows = pool->acquire().value()->exec("SELECT count(*) FROM schema_migrations");
  CHECK(rows->int64(0, 0) == schema_status(*pool)->program_version);
}

TEST_CASE("postgres: a database newer than the program is refused") {
  TestDatabase database;
  auto pool = TestDatabase::open_pool(database.url(), 2);
  REQUIRE(migrate(*pool).ok());
  REQUIRE(
      pool->acquire()
          .value()
          ->exec("INSERT INTO schema_migrations (version, name) VALUES (9999, 'from the future')")
          .ok());
  auto refused = migrate(*pool);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().kind == drop::ports::PortError::Kind::invalid);
  CHECK(refused.error().message.find("newer") != std::string::npos);
  CHECK_FALSE(schema_status(*pool)->matches());
}

TEST_CASE("postgres: the pool replaces connections the server terminated") {
  TestDatabase database;
  auto pool = TestDatabase::open_pool(database.url(), 3);
  {
    auto a = pool->acquire();
    auto b = pool->acquire();
    REQUIRE(a.ok());
    REQUIRE(b.ok());
  }
  CHECK(pool->connections_open() == 2);
  // Another session kills every connection of ours (what a server restart does to them).
  auto killer = TestDatabase::open_pool(drop_test::admin_database_url(), 1);
  auto killed = killer->acquire().value()->exec(
      "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = $1",
      {database.name()});
  REQUIRE(killed.ok());
  CHECK(killed->int64(0, 0) == 2);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // let the FATAL reach the sockets
  for (int i = 0; i < 5; ++i) {
    auto lease = pool->acquire();
    REQUIRE(lease.ok());
    auto answer = (*lease)->exec("SELECT 1");
    REQUIRE(answer.ok());
    CHECK(answer->int64(0, 0) == 1);
  }
}

TEST_CASE("postgres: an unreachable server is a clear error, not a hang") {
  drop::adapters::postgres::PgPoolOptions options;
  options.url = "postgresql://nobody:secret-password@127.0.0.1:1/none";
  options.connect_timeout_s = 2;
  auto pool = PgPool::open(options);
  REQUIRE_FALSE(pool.ok());
  CHECK(pool.error().kind == drop::ports::PortError::Kind::unavailable);
  CHECK(pool.error().message.find("secret-password") == std::string::npos);
}
