// The money journey (see money_support.hpp) on `drop serve` with PostgreSQL (a fresh database
// from DROP_TEST_DATABASE_URL): the ledger, quotes and remittances through the PostgreSQL stores.
#include <catch2/catch.hpp>

#include "money_support.hpp"
#include "support/postgres.hpp"

using namespace drop_test;

TEST_CASE("money (PostgreSQL): deposit then quote then transfers completed and refunded") {
  TestDatabase database;
  ServerProcess server(money_environment({"DATABASE_URL=" + database.url()}));
  INFO(server.err());
  REQUIRE(server.port() != 0);
  run_money_journey(server.port());
}

TEST_CASE("money (PostgreSQL): parallel transfers from one wallet that affords only some") {
  TestDatabase database;
  ServerProcess server(
      money_environment({"DATABASE_URL=" + database.url(), "DROP_WORKER_THREADS=8"}));
  INFO(server.err());
  REQUIRE(server.port() != 0);
  run_parallel_transfers(server.port());
}
