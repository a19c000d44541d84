// A migrated SQLite database file in a scratch directory, removed at the end of the test.
#pragma once

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <memory>
#include <string>

#include "drop/adapters/sqlite/sqlite_migrate.hpp"

namespace drop_test {

class ScratchSqlite {
 public:
  ScratchSqlite() {
    static int counter = 0;
    dir_ = std::filesystem::temp_directory_path() /
           ("drop-sqlite-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto opened = drop::adapters::sqlite::SqliteDatabase::open({path()});
    if (!opened) FAIL(opened.error().message);
    database_ = std::move(opened).value();
    auto migrated = drop::adapters::sqlite::migrate(*database_);
    if (!migrated) FAIL(migrated.error().message);
  }
  ~ScratchSqlite() {
    database_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::string path() const { return (dir_ / "drop.db").string(); }
  drop::adapters::sqlite::SqliteDatabase& database() { return *database_; }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<drop::adapters::sqlite::SqliteDatabase> database_;
};

// `Store` constructed on a fresh database, as a shared_ptr that keeps the database alive.
template <typename Store>
std::shared_ptr<Store> make_sqlite_store() {
  struct Owner {
    ScratchSqlite scratch;
    Store store{scratch.database()};
  };
  auto owner = std::make_shared<Owner>();
  return std::shared_ptr<Store>(owner, &owner->store);
}

}  // namespace drop_test
