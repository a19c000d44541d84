// Schema migrations for SQLite: versioned SQL embedded in the program (migrations/*.sql), each
// version applied in its own BEGIN IMMEDIATE transaction (so two processes cannot both apply
// one), the version kept in PRAGMA user_version. Refuses a database newer than the program.
#pragma once

#include <vector>

#include "drop/adapters/sqlite/sqlite_database.hpp"

namespace drop::adapters::sqlite {

struct SchemaStatus {
  int database_version = 0;
  int program_version = 0;
  bool matches() const { return database_version == program_version; }
};

Result<SchemaStatus, ports::PortError> schema_status(SqliteDatabase& database);
Result<std::vector<int>, ports::PortError> migrate(SqliteDatabase& database);

}  // namespace drop::adapters::sqlite
