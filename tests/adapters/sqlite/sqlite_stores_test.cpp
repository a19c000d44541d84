// SQLite UserStore, IdempotencyStore and RevokedTokenStore against their contracts, each on a
// fresh migrated database file.
#include "drop/adapters/sqlite/sqlite_stores.hpp"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "contract/stores_contract.hpp"
#include "drop/adapters/sqlite/sqlite_migrate.hpp"

using namespace drop::adapters::sqlite;

namespace {

// A migrated database file in a scratch directory, and one store of type Store on it.
template <typename Store>
struct Owning {
  std::filesystem::path dir;
  std::unique_ptr<SqliteDatabase> database;
  std::unique_ptr<Store> store;
  Owning() {
    static int counter = 0;
    dir = std::filesystem::temp_directory_path() /
          ("drop-sqlite-stores-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    auto opened = SqliteDatabase::open({(dir / "drop.db").string()});
    REQUIRE(opened.ok());
    database = std::move(opened).value();
    REQUIRE(migrate(*database).ok());
    store = std::make_unique<Store>(*database);
  }
  ~Owning() {
    store.reset();
    database.reset();
    std::filesystem::remove_all(dir);
  }
};

// The store as its port type; the shared pointer keeps the database alive.
template <typename Store>
std::shared_ptr<Store> make_owning() {
  auto owner = std::make_shared<Owning<Store>>();
  return std::shared_ptr<Store>(owner, owner->store.get());
}

}  // namespace

TEST_CASE("sqlite user store: contract") {
  drop_test::run_user_store_contract(make_owning<SqliteUserStore>);
}

TEST_CASE("sqlite idempotency store: contract") {
  drop_test::run_idempotency_store_contract(make_owning<SqliteIdempotencyStore>);
}

TEST_CASE("sqlite revoked token store: contract") {
  drop_test::run_revoked_token_store_contract(make_owning<SqliteRevokedTokenStore>);
}
