// PostgreSQL QuoteStore and TransferStore against their contracts
// (tests/contract/money_stores_contract.hpp), each on a fresh migrated database.
#include "drop/adapters/postgres/pg_money_stores.hpp"

#include <catch2/catch.hpp>

#include "contract/money_stores_contract.hpp"
#include "drop/adapters/postgres/pg_migrate.hpp"
#include "drop/adapters/postgres/pg_stores.hpp"
#include "support/postgres.hpp"

using namespace drop::adapters::postgres;

namespace {
struct Stores {
  drop_test::TestDatabase database;
  std::unique_ptr<PgPool> pool = drop_test::TestDatabase::open_pool(database.url(), 8);
  std::unique_ptr<drop::ports::UserStore> users;
  std::unique_ptr<drop::ports::QuoteStore> quotes;
  std::unique_ptr<drop::ports::TransferStore> transfers;
  std::unique_ptr<drop::ports::QrRequestStore> qr_requests;
  Stores() {
    REQUIRE(migrate(*pool).ok());
    users = std::make_unique<PgUserStore>(*pool);
    quotes = std::make_unique<PgQuoteStore>(*pool);
    qr_requests = std::make_unique<PgQrRequestStore>(*pool);
    transfers = std::make_unique<PgTransferStore>(*pool);
  }
  ~Stores() {
    qr_requests.reset();
    transfers.reset();
    quotes.reset();
    users.reset();
    pool.reset();
  }
};
}  // namespace

TEST_CASE("postgres quote store: contract") {
  drop_test::run_quote_store_contract([] { return std::make_unique<Stores>(); });
}

TEST_CASE("postgres transfer store: contract") {
  drop_test::run_transfer_store_contract([] { return std::make_unique<Stores>(); });
}

TEST_CASE("postgres qr request store: contract") {
  drop_test::run_qr_request_store_contract([] { return std::make_unique<Stores>(); });
}
