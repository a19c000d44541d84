// Upgrading a database that already holds data: version 3 rebuilds the remittances table (SQLite
// cannot change a CHECK in place). A file at version 2 with a remittance and its event is
// migrated by the program; the rows survive unchanged, the event's foreign key still binds to
// the rebuilt table, and the new statuses are accepted. The version-2 schema is built from the
// migration files in the source tree (the program embeds the same files).
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "drop/adapters/sqlite/sqlite_database.hpp"
#include "drop/adapters/sqlite/sqlite_migrate.hpp"

using namespace drop::adapters::sqlite;

namespace {

std::string read_migration(const char* name) {
  std::ifstream file(std::string(DROP_SOURCE_DIR) + "/adapters/sqlite/migrations/" + name);
  REQUIRE(file);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("sqlite: upgrading a version-2 file with remittances keeps every row") {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("drop-sqlite-upgrade-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto database = SqliteDatabase::open({(dir / "drop.db").string()});
  REQUIRE(database.ok());
  auto built = (*database)->with_connection([](SqliteConnection& connection) {
    auto script = read_migration("0001_accounts_and_requests.sql") +
                  read_migration("0002_ledger.sql") +
                  "PRAGMA user_version = 2;"
                  "INSERT INTO users (id, name, identity_subject, created_at_us, updated_at_us) "
                  "VALUES ('usr_1', 'Ola', 'dev:ola', 1, 1);"
                  "INSERT INTO quotes VALUES ('quo_1', 'usr_1', 10000, 'NOK', 853, 'EUR', 0, "
                  "'0.0853', '0.0853', 50, '2026-11-27', 1, 100, 5);"
                  "INSERT INTO remittances VALUES ('trf_8', 'usr_1', 'quo_1', 'processing', "
                  "10000, 'NOK', 0, 853, 'EUR', 'Hans', 'DE89370400440532013000', NULL, 'DE', "
                  "'rent', 5, 5);"
                  "INSERT INTO remittance_events (remittance_id, status, detail, at_us) VALUES "
                  "('trf_8', 'processing', '', 5);";
    return connection.exec_script(script);
  });
  REQUIRE(built.ok());

  auto applied = migrate(**database);
  REQUIRE(applied.ok());
  REQUIRE_FALSE(applied->empty());
  CHECK(applied->front() == 3);
  auto checked = (*database)->with_connection([](SqliteConnection& connection) {
    return connection.query(
        "SELECT r.id, r.status, r.recipient_iban, r.reference, count(e.id) FROM remittances r "
        "JOIN remittance_events e ON e.remittance_id = r.id GROUP BY r.id");
  });
  REQUIRE(checked.ok());
  REQUIRE(checked->size() == 1);
  CHECK((*checked)[0].text(0) == "trf_8");
  CHECK((*checked)[0].text(1) == "processing");
  CHECK((*checked)[0].text(2) == "DE89370400440532013000");
  CHECK((*checked)[0].text(3) == "rent");
  CHECK((*checked)[0].int64(4) == 1);
  // Foreign keys are on again and still bind events to the rebuilt table.
  auto orphan = (*database)->with_connection([](SqliteConnection& connection) {
    return connection.exec_script(
        "INSERT INTO remittance_events (remittance_id, status, detail, at_us) VALUES "
        "('trf_none', 'x', '', 6)");
  });
  CHECK_FALSE(orphan.ok());
  auto pending = (*database)->with_connection([](SqliteConnection& connection) {
    return connection.exec_script("UPDATE remittances SET status = 'rejected' WHERE id = 'trf_8'");
  });
  CHECK(pending.ok());
  database->reset();
  std::filesystem::remove_all(dir);
}
