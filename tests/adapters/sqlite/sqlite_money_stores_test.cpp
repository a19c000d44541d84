// SQLite QuoteStore and TransferStore against their contracts
// (tests/contract/money_stores_contract.hpp), each on a fresh migrated database file.
#include "drop/adapters/sqlite/sqlite_money_stores.hpp"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "contract/money_stores_contract.hpp"
#include "drop/adapters/sqlite/sqlite_migrate.hpp"
#include "drop/adapters/sqlite/sqlite_stores.hpp"

using namespace drop::adapters::sqlite;

namespace {
struct Stores {
  std::filesystem::path dir;
  std::unique_ptr<SqliteDatabase> database;
  std::unique_ptr<drop::ports::UserStore> users;
  std::unique_ptr<drop::ports::QuoteStore> quotes;
  std::unique_ptr<drop::ports::TransferStore> transfers;
  std::unique_ptr<drop::ports::QrRequestStore> qr_requests;
  Stores() {
    static int counter = 0;
    dir = std::filesystem::temp_directory_path() /
          ("drop-sqlite-money-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    auto opened = SqliteDatabase::open({(dir / "drop.db").string()});
    REQUIRE(opened.ok());
    database = std::move(opened).value();
    REQUIRE(migrate(*database).ok());
    users = std::make_unique<SqliteUserStore>(*database);
    quotes = std::make_unique<SqliteQuoteStore>(*database);
    qr_requests = std::make_unique<SqliteQrRequestStore>(*database);
    transfers = std::make_unique<SqliteTransferStore>(*database);
  }
  ~Stores() {
    qr_requests.reset();
    transfers.reset();
    quotes.reset();
    users.reset();
    database.reset();
    std::filesystem::remove_all(dir);
  }
};
}  // namespace

TEST_CASE("sqlite quote store: contract") {
  drop_test::run_quote_store_contract([] { return std::make_unique<Stores>(); });
}

TEST_CASE("sqlite transfer store: contract") {
  drop_test::run_transfer_store_contract([] { return std::make_unique<Stores>(); });
}

TEST_CASE("sqlite qr request store: contract") {
  drop_test::run_qr_request_store_contract([] { return std::make_unique<Stores>(); });
}
