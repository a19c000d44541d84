// PgSignInStateStore against the SignInStateStore contract on a real PostgreSQL (a fresh
// migrated database per section), plus two pools (two server instances): a state put through
// one is taken through the other, once.
#include "drop/adapters/postgres/pg_sign_in_state_store.hpp"

#include <catch2/catch.hpp>
#include <memory>

#include "contract/sign_in_state_store_contract.hpp"
#include "drop/adapters/postgres/pg_migrate.hpp"
#include "support/postgres.hpp"

using namespace drop::adapters::postgres;
using drop_test::TestDatabase;

namespace {

struct OwningStore final : drop::ports::SignInStateStore {
  TestDatabase database;
  std::unique_ptr<PgPool> pool = TestDatabase::open_pool(database.url(), 4);
  std::unique_ptr<PgSignInStateStore> store;
  OwningStore() {
    REQUIRE(migrate(*pool).ok());
    store = std::make_unique<PgSignInStateStore>(*pool);
  }
  drop::Result<void, drop::ports::PortError> put(const drop::ports::PendingSignIn& p) override {
    return store->put(p);
  }
  drop::Result<std::optional<drop::ports::PendingSignIn>, drop::ports::PortError> take(
      std::string_view state) override {
    return store->take(state);
  }
  drop::Result<std::size_t, drop::ports::PortError> purge_expired(drop::Timestamp now) override {
    return store->purge_expired(now);
  }
};

}  // namespace

TEST_CASE("postgres sign-in state store: contract") {
  drop_test::run_sign_in_state_store_contract([] { return std::make_unique<OwningStore>(); });
}

TEST_CASE("postgres sign-in state store: started on one instance, finished on another") {
  TestDatabase database;
  auto first_pool = TestDatabase::open_pool(database.url(), 2);
  auto second_pool = TestDatabase::open_pool(database.url(), 2);
  REQUIRE(migrate(*first_pool).ok());
  PgSignInStateStore first(*first_pool), second(*second_pool);
  const auto at = drop::Timestamp::from_unix_seconds(1'800'000'000);
  REQUIRE(first.put(drop_test::pending_sign_in("shared", at)).ok());
  auto taken = second.take("shared");
  REQUIRE(taken.ok());
  CHECK(taken->has_value());
  CHECK_FALSE(first.take("shared")->has_value());
}
