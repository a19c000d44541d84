#include "drop/adapters/postgres/pg_migrate.hpp"

#include <span>
#include <string>
#include <string_view>

namespace drop::adapters::postgres {

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

// Serialises migrations across processes ("DROP" in ASCII).
constexpr std::string_view lock_sql = "SELECT pg_advisory_xact_lock(1146244944)";
constexpr std::string_view create_table_sql =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version integer PRIMARY KEY, name text NOT NULL,"
    " applied_at timestamptz NOT NULL DEFAULT now())";

int program_version() {
  const auto all = embedded::migrations();
  return all.empty() ? 0 : all.back().version;
}

Result<int, PortError> database_version(PgConnection& connection) {
  auto exists = connection.exec("SELECT to_regclass('schema_migrations') IS NOT NULL");
  if (!exists) return Err{exists.error()};
  if (!exists->boolean(0, 0)) return 0;
  auto version = connection.exec("SELECT coalesce(max(version), 0) FROM schema_migrations");
  if (!version) return Err{version.error()};
  return static_cast<int>(version->int64(0, 0));
}

PortError newer_schema(int database, int program) {
  return PortError{PortError::Kind::invalid, "database schema version " + std::to_string(database) +
                                                 " is newer than this program's " +
                                                 std::to_string(program) + "; run a newer drop"};
}

}  // namespace

Result<SchemaStatus, PortError> schema_status(PgPool& pool) {
  auto lease = pool.acquire();
  if (!lease) return Err{lease.error()};
  auto version = database_version(**lease);
  if (!version) return Err{version.error()};
  return SchemaStatus{*version, program_version()};
}

Result<std::vector<int>, PortError> migrate(PgPool& pool) {
  std::vector<int> applied;
  for (const embedded::Migration& migration : embedded::migrations()) {
    auto outcome = in_transaction<bool>(
        pool, "BEGIN", [&](PgConnection& connection) -> Result<bool, PortError> {
          if (auto locked = connection.exec(lock_sql); !locked) return Err{locked.error()};
          if (auto created = connection.exec(create_table_sql); !created)
            return Err{created.error()};
          auto current = database_version(connection);
          if (!current) return Err{current.error()};
          if (*current > program_version()) return Err{newer_schema(*current, program_version())};
          if (*current >= migration.version) return false;  // another process got here first
          if (auto run = connection.exec_script(migration.sql); !run) {
            PortError error = run.error();
            error.message = "migration " + std::to_string(migration.version) + " (" +
                            std::string(migration.name) + ") failed: " + error.message;
            return Err{error};
          }
          auto recorded =
              connection.exec("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
                              {std::to_string(migration.version), std::string(migration.name)});
          if (!recorded) return Err{recorded.error()};
          return true;
        });
    if (!outcome) return Err{outcome.error()};
    if (*outcome) applied.push_back(migration.version);
  }
  // A database newer than every migration we know is refused even when nothing was to be done.
  auto status = schema_status(pool);
  if (!status) return Err{status.error()};
  if (status->database_version > status->program_version) {
    return Err{newer_schema(status->database_version, status->program_version)};
  }
  return applied;
}

}  // namespace drop::adapters::postgres
