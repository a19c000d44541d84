// SQLite KycStore against its contract (tests/contract/kyc_store_contract.hpp), each on a fresh
// migrated database file.
#include "drop/adapters/sqlite/sqlite_kyc_store.hpp"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "contract/kyc_store_contract.hpp"
#include "drop/adapters/sqlite/sqlite_migrate.hpp"
#include "drop/adapters/sqlite/sqlite_stores.hpp"

using namespace drop::adapters::sqlite;

namespace {
struct Stores {
  std::filesystem::path dir;
  std::unique_ptr<SqliteDatabase> database;
  std::unique_ptr<drop::ports::UserStore> users;
  std::unique_ptr<drop::ports::KycStore> kyc;
  Stores() {
    static int counter = 0;
    dir = std::filesystem::temp_directory_path() /
          ("drop-sqlite-kyc-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    auto opened = SqliteDatabase::open({(dir / "drop.db").string()});
    REQUIRE(opened.ok());
    database = std::move(opened).value();
    REQUIRE(migrate(*database).ok());
    users = std::make_unique<SqliteUserStore>(*database);
    kyc = std::make_unique<SqliteKycStore>(*database);
  }
  ~Stores() {
    kyc.reset();
    users.reset();
    database.reset();
    std::filesystem::remove_all(dir);
  }
};
}  // namespace

TEST_CASE("sqlite kyc store: contract") {
  drop_test::run_kyc_store_contract([] { return std::make_unique<Stores>(); });
}
