// Schema migrations for PostgreSQL: versioned SQL embedded in the program (migrations/*.sql).
//
// migrate() applies every missing version, each in its own transaction, under a transaction-
// scoped advisory lock, so two processes migrating at once apply each version exactly once.
// It refuses a database whose schema is newer than this program. Safe to run any number of times.
#pragma once

#include <vector>

#include "drop/adapters/postgres/pg_pool.hpp"

namespace drop::adapters::postgres {

struct SchemaStatus {
  int database_version = 0;  // 0: no schema yet
  int program_version = 0;   // the newest migration compiled in
  bool matches() const { return database_version == program_version; }
};

Result<SchemaStatus, ports::PortError> schema_status(PgPool& pool);

// Applies what is missing; returns the versions applied by this call (empty when up to date).
// Fails with PortError::Kind::invalid when the database is newer than the program.
Result<std::vector<int>, ports::PortError> migrate(PgPool& pool);

}  // namespace drop::adapters::postgres
