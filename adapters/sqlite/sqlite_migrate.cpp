#include "drop/adapters/sqlite/sqlite_migrate.hpp"

#include <span>
#include <string>
#include <string_view>

namespace drop::adapters::sqlite {

namespace embedded {
struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};
std::span<const Migration> migrations();
}  // namespace embedded

namespace {

using ports::PortError;

int program_version() {
  const auto all = embedded::migrations();
  return all.empty() ? 0 : all.back().version;
}

Result<int, PortError> database_version(SqliteConnection& connection) {
  auto rows = connection.query("PRAGMA user_version");
  if (!rows) return Err{rows.error()};
  return static_cast<int>(rows->front().int64(0));
}

PortError newer_schema(int database, int program) {
  return PortError{PortError::Kind::invalid, "database schema version " + std::to_string(database) +
                                                 " is newer than this program's " +
                                                 std::to_string(program) + "; run a newer drop"};
}

}  // namespace

Result<SchemaStatus, PortError> schema_status(SqliteDatabase& database) {
  auto version = database.with_connection(
      [](SqliteConnection& connection) { return database_version(connection); });
  if (!version) return Err{version.error()};
  return SchemaStatus{*version, program_version()};
}

namespace {

// Foreign keys are off while migrations run (SQLite's prescribed way to rebuild a table that
// others reference; the pragma is a no-op inside a transaction), and each migration must pass
// foreign_key_check before it commits. Back on afterwards, whatever happened.
Result<void, PortError> set_foreign_keys(SqliteDatabase& database, bool on) {
  return database.with_connection([&](SqliteConnection& connection) {
    return connection.exec_script(on ? "PRAGMA foreign_keys = ON" : "PRAGMA foreign_keys = OFF");
  });
}

Result<void, PortError> check_foreign_keys(SqliteConnection& connection, int version) {
  auto broken = connection.query("PRAGMA foreign_key_check");
  if (!broken) return Err{broken.error()};
  if (!broken->empty()) {
    return Err{PortError{PortError::Kind::corrupt, "migration " + std::to_string(version) +
                                                       " left rows breaking a foreign key"}};
  }
  return {};
}

Result<std::vector<int>, PortError> apply_missing(SqliteDatabase& database);

}  // namespace

Result<std::vector<int>, PortError> migrate(SqliteDatabase& database) {
  if (auto off = set_foreign_keys(database, false); !off) return Err{off.error()};
  auto applied = apply_missing(database);
  if (auto on = set_foreign_keys(database, true); !on) return Err{on.error()};
  return applied;
}

namespace {

Result<std::vector<int>, PortError> apply_missing(SqliteDatabase& database) {
  std::vector<int> applied;
  for (const embedded::Migration& migration : embedded::migrations()) {
    auto outcome = database.write_transaction<bool>(
        [&](SqliteConnection& connection) -> Result<bool, PortError> {
          auto current = database_version(connection);
          if (!current) return Err{current.error()};
          if (*current > program_version()) return Err{newer_schema(*current, program_version())};
          if (*current >= migration.version) return false;
          if (auto run = connection.exec_script(migration.sql); !run) {
            PortError error = run.error();
            error.message = "migration " + std::to_string(migration.version) + " (" +
                            std::string(migration.name) + ") failed: " + error.message;
            return Err{error};
          }
          if (auto checked = check_foreign_keys(connection, migration.version); !checked) {
            return Err{checked.error()};
          }
          // PRAGMA takes no parameters; the version is our own integer, not input.
          if (auto set = connection.exec_script("PRAGMA user_version = " +
                                                std::to_string(migration.version));
              !set) {
            return Err{set.error()};
          }
          return true;
        });
    if (!outcome) return Err{outcome.error()};
    if (*outcome) applied.push_back(migration.version);
  }
  auto status = schema_status(database);
  if (!status) return Err{status.error()};
  if (status->database_version > status->program_version) {
    return Err{newer_schema(status->database_version, status->program_version)};
  }
  return applied;
}

}  // namespace

}  // namespace drop::adapters::sqlite
