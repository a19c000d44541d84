// PostgreSQL UserStore, IdempotencyStore and RevokedTokenStore against their contracts, each on
// a fresh migrated database of the throwaway server.
#include "drop/adapters/postgres/pg_stores.hpp"

#include <catch2/catch.hpp>

#include "contract/stores_contract.hpp"
#include "drop/adapters/postgres/pg_migrate.hpp"
#include "support/postgres.hpp"

using namespace drop::adapters::postgres;

namespace {

template <typename Store>
struct Owning {
  drop_test::TestDatabase database;
  std::unique_ptr<PgPool> pool = drop_test::TestDatabase::open_pool(database.url(), 8);
  std::unique_ptr<Store> store;
  Owning() {
    REQUIRE(migrate(*pool).ok());
    store = std::make_unique<Store>(*pool);
  }
  ~Owning() {
    store.reset();
    pool.reset();
  }
};

// The store as its port type; the shared pointer keeps the database alive.
template <typename Store>
std::shared_ptr<Store> make_owning() {
  auto owner = std::make_shared<Owning<Store>>();
  return std::shared_ptr<Store>(owner, owner->store.get());
}

}  // namespace

TEST_CASE("postgres user store: contract") {
  drop_test::run_user_store_contract(make_owning<PgUserStore>);
}

TEST_CASE("postgres idempotency store: contract") {
  drop_test::run_idempotency_store_contract(make_owning<PgIdempotencyStore>);
}

TEST_CASE("postgres revoked token store: contract") {
  drop_test::run_revoked_token_store_contract(make_owning<PgRevokedTokenStore>);
}
