// PostgreSQL KycStore against its contract (tests/contract/kyc_store_contract.hpp), each on a
// fresh migrated database of the throwaway server.
#include "drop/adapters/postgres/pg_kyc_store.hpp"

#include <catch2/catch.hpp>

#include "contract/kyc_store_contract.hpp"
#include "drop/adapters/postgres/pg_migrate.hpp"
#include "drop/adapters/postgres/pg_stores.hpp"
#include "support/postgres.hpp"

using namespace drop::adapters::postgres;

namespace {
struct Stores {
  drop_test::TestDatabase database;
  std::unique_ptr<PgPool> pool = drop_test::TestDatabase::open_pool(database.url(), 4);
  std::unique_ptr<drop::ports::UserStore> users;
  std::unique_ptr<drop::ports::KycStore> kyc;
  Stores() {
    REQUIRE(migrate(*pool).ok());
    users = std::make_unique<PgUserStore>(*pool);
    kyc = std::make_unique<PgKycStore>(*pool);
  }
  ~Stores() {
    kyc.reset();
    users.reset();
    pool.reset();
  }
};
}  // namespace

TEST_CASE("postgres kyc store: contract") {
  drop_test::run_kyc_store_contract([] { return std::make_unique<Stores>(); });
}
