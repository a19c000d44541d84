#include "drop/adapters/sqlite/sqlite_database.hpp"

#include <sqlite3.h>

#include "drop/assert.hpp"
#include "sqlite_checkpointer.hpp"

namespace drop::adapters::sqlite {

using ports::PortError;

std::int64_t SqliteRow::int64(std::size_t column) const {
  DROP_ASSERT(column < columns.size());
  const auto* value = std::get_if<std::int64_t>(&columns[column]);
  DROP_ASSERT(value != nullptr);
  return *value;
}

const std::string& SqliteRow::text(std::size_t column) const {
  DROP_ASSERT(column < columns.size());
  const auto* value = std::get_if<std::string>(&columns[column]);
  DROP_ASSERT(value != nullptr);
  return *value;
}

bool SqliteRow::is_null(std::size_t column) const {
  DROP_ASSERT(column < columns.size());
  return std::holds_alternative<std::monostate>(columns[column]);
}

PortError SqliteDatabase::error(int code, std::string_view context) const {
  const int primary = code & 0xff;
  PortError::Kind kind = PortError::Kind::internal;
  switch (primary) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      kind = PortError::Kind::conflict;
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      kind = PortError::Kind::corrupt;
      break;
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_READONLY:
    case SQLITE_PERM:
      kind = PortError::Kind::unavailable;
      break;
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
    case SQLITE_TOOBIG:
      kind = PortError::Kind::invalid;
      break;
    default:
      break;
  }
  std::string message(context);
  message += ": ";
  message += handle_ != nullptr ? sqlite3_errmsg(handle_) : sqlite3_errstr(code);
  return PortError{kind, std::move(message)};
}

Result<std::unique_ptr<SqliteDatabase>, PortError> SqliteDatabase::open(SqliteOptions options) {
  std::unique_ptr<SqliteDatabase> database(new SqliteDatabase(std::move(options)));
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int opened =
      sqlite3_open_v2(database->options_.path.c_str(), &database->handle_, flags, nullptr);
  if (opened != SQLITE_OK) {
    return Err{database->error(opened, "cannot open SQLite database " + database->options_.path)};
  }
  sqlite3_extended_result_codes(database->handle_, 1);
  sqlite3_busy_timeout(database->handle_, static_cast<int>(database->options_.busy_timeout_ms));
  // journal_mode=WAL also reads the file header: a file that is not a database fails here.
  auto configured = database->with_connection([](SqliteConnection& connection) {
    return connection.exec_script(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
        " PRAGMA trusted_schema=OFF;"
        // Reads from memory, not pread(): a 32 MiB page cache and a 256 MiB memory map.
        " PRAGMA cache_size=-32768; PRAGMA mmap_size=268435456; PRAGMA temp_store=MEMORY;");
  });
  if (!configured) {
    PortError failure = configured.error();
    failure.message = "SQLite database " + database->options_.path + ": " + failure.message;
    return Err{failure};
  }
  auto checked = database->with_connection(
      [](SqliteConnection& connection) { return connection.query("PRAGMA quick_check"); });
  if (!checked) return Err{checked.error()};
  if (checked->empty() || checked->front().is_null(0) || checked->front().text(0) != "ok") {
    return Err{PortError{PortError::Kind::corrupt, "SQLite database " + database->options_.path +
                                                       " failed its integrity check"}};
  }
  if (database->options_.path != ":memory:") {  // a private in-memory database has no WAL
    auto checkpointer = SqliteCheckpointer::start(
        database->handle_, database->options_.path, database->options_.busy_timeout_ms,
        database->options_.checkpoint_kick_frames, database->options_.checkpoint_backstop_frames);
    if (!checkpointer) return Err{checkpointer.error()};
    database->checkpointer_ = std::move(*checkpointer);
  }
  return database;
}

SqliteDatabase::SqliteDatabase(SqliteOptions options) : options_(std::move(options)) {}

std::uint64_t SqliteDatabase::background_checkpoints() const {
  return checkpointer_ ? checkpointer_->checkpoints() : 0;
}

SqliteDatabase::~SqliteDatabase() {
  checkpointer_.reset();  // its thread and connection go before the writer's connection
  for (auto& [sql, statement] : statements_) sqlite3_finalize(statement);
  if (handle_ != nullptr) sqlite3_close_v2(handle_);
}

Result<sqlite3_stmt*, PortError> SqliteDatabase::prepare(std::string_view sql) {
  const std::string key(sql);
  if (auto found = statements_.find(key); found != statements_.end()) return found->second;
  sqlite3_stmt* statement = nullptr;
  const int prepared = sqlite3_prepare_v3(handle_, key.c_str(), static_cast<int>(key.size()),
                                          SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
  if (prepared != SQLITE_OK) return Err{error(prepared, "prepare")};
  statements_.emplace(key, statement);
  return statement;
}

Result<std::vector<SqliteRow>, PortError> SqliteConnection::query(
    std::string_view sql, const std::vector<SqliteValue>& values) {
  auto prepared = database_.prepare(sql);
  if (!prepared) return Err{prepared.error()};
  sqlite3_stmt* statement = *prepared;
  sqlite3_reset(statement);
  sqlite3_clear_bindings(statement);
  for (std::size_t i = 0; i < values.size(); ++i) {
    const int index = static_cast<int>(i + 1);
    int bound = SQLITE_OK;
    if (const auto* number = std::get_if<std::int64_t>(&values[i])) {
      bound = sqlite3_bind_int64(statement, index, *number);
    } else if (const auto* text = std::get_if<std::string>(&values[i])) {
      bound = sqlite3_bind_text(statement, index, text->data(), static_cast<int>(text->size()),
                                SQLITE_TRANSIENT);
    } else {
      bound = sqlite3_bind_null(statement, index);
    }
    if (bound != SQLITE_OK) return Err{database_.error(bound, "bind")};
  }
  std::vector<SqliteRow> rows;
  while (true) {
    const int stepped = sqlite3_step(statement);
    if (stepped == SQLITE_DONE) break;
    if (stepped != SQLITE_ROW) {
      PortError failure = database_.error(stepped, "step");
      sqlite3_reset(statement);
      return Err{failure};
    }
    SqliteRow row;
    const int columns = sqlite3_column_count(statement);
    row.columns.reserve(static_cast<std::size_t>(columns));
    for (int column = 0; column < columns; ++column) {
      switch (sqlite3_column_type(statement, column)) {
        case SQLITE_INTEGER:
          row.columns.emplace_back(sqlite3_column_int64(statement, column));
          break;
        case SQLITE_NULL:
          row.columns.emplace_back(std::monostate{});
          break;
        default: {
          const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
          row.columns.emplace_back(
              std::string(text != nullptr ? text : "",
                          static_cast<std::size_t>(sqlite3_column_bytes(statement, column))));
        }
      }
    }
    rows.push_back(std::move(row));
  }
  sqlite3_reset(statement);
  return rows;
}

Result<void, PortError> SqliteConnection::exec_script(std::string_view sql) {
  const std::string script(sql);
  const int executed = sqlite3_exec(database_.handle_, script.c_str(), nullptr, nullptr, nullptr);
  if (executed != SQLITE_OK) return Err{database_.error(executed, "exec")};
  return {};
}

std::int64_t SqliteConnection::changes() const { return sqlite3_changes64(database_.handle_); }

}  // namespace drop::adapters::sqlite
