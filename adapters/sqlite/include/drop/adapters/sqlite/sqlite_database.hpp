// SqliteDatabase: one SQLite database file shared by the SQLite stores.
//
// Opened in WAL mode with synchronous=FULL (a committed transaction survives power loss);
// checkpoints run on a thread of their own (sqlite_checkpointer.hpp), not inside commits;
// foreign keys on and a busy timeout. All access goes through one connection under a mutex:
// SQLite allows one writer at a time anyway, and one connection keeps the contract simple.
// Write transactions start with BEGIN IMMEDIATE, so they take the write lock up front and never
// fail half-way with SQLITE_BUSY. A corrupt or locked file is a PortError, never a crash.
// Thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <variant>
#include <vector>

#include "drop/ports/port_error.hpp"
#include "drop/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace drop::adapters::sqlite {

struct SqliteOptions {
  std::string path;  // file path; ":memory:" for a private in-memory database
  std::int64_t busy_timeout_ms = 5000;
  // WAL size (frames) that wakes the checkpoint thread, and at which the writer checkpoints
  // inline (see sqlite_checkpointer.hpp).
  int checkpoint_kick_frames = 5000;
  int checkpoint_backstop_frames = 20000;
};

// A bound value: NULL, integer or text.
using SqliteValue = std::variant<std::monostate, std::int64_t, std::string>;

// One row of a query result.
struct SqliteRow {
  std::vector<SqliteValue> columns;
  std::int64_t int64(std::size_t column) const;
  const std::string& text(std::size_t column) const;
  bool is_null(std::size_t column) const;
};

class SqliteDatabase;
class SqliteCheckpointer;

// The connection while the database mutex is held (inside SqliteDatabase::with_connection).
class SqliteConnection {
 public:
  // Runs one statement (prepared once and cached) and returns its rows.
  Result<std::vector<SqliteRow>, ports::PortError> query(
      std::string_view sql, const std::vector<SqliteValue>& values = {});
  // Runs several statements without parameters (migrations).
  Result<void, ports::PortError> exec_script(std::string_view sql);
  std::int64_t changes() const;

 private:
  friend class SqliteDatabase;
  explicit SqliteConnection(SqliteDatabase& database) : database_(database) {}
  SqliteDatabase& database_;
};

class SqliteDatabase {
 public:
  static Result<std::unique_ptr<SqliteDatabase>, ports::PortError> open(SqliteOptions options);
  ~SqliteDatabase();

  // Runs body(connection) with the database to itself (no transaction).
  template <typename Body>
  auto with_connection(Body&& body) {
    std::lock_guard lock(mutex_);
    SqliteConnection connection(*this);
    return body(connection);
  }

  // Runs body(connection) inside BEGIN IMMEDIATE ... COMMIT; rolls back when body fails.
  template <typename T, typename Body>
  Result<T, ports::PortError> write_transaction(Body&& body) {
    std::lock_guard lock(mutex_);
    SqliteConnection connection(*this);
    if (auto begun = connection.exec_script("BEGIN IMMEDIATE"); !begun) return Err{begun.error()};
    Result<T, ports::PortError> outcome = body(connection);
    if (!outcome) {
      (void)connection.exec_script("ROLLBACK");
      return outcome;
    }
    if (auto committed = connection.exec_script("COMMIT"); !committed) {
      (void)connection.exec_script("ROLLBACK");
      return Err{committed.error()};
    }
    return outcome;
  }

  const std::string& path() const { return options_.path; }
  // Checkpoints the background thread has run (0 for ":memory:").
  std::uint64_t background_checkpoints() const;

 private:
  friend class SqliteConnection;
  explicit SqliteDatabase(SqliteOptions options);  // in the .cpp: checkpointer_ is incomplete here
  ports::PortError error(int code, std::string_view context) const;
  Result<sqlite3_stmt*, ports::PortError> prepare(std::string_view sql);

  const SqliteOptions options_;
  std::mutex mutex_;
  sqlite3* handle_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
  std::unique_ptr<SqliteCheckpointer> checkpointer_;  // file databases: WAL checkpoints off-thread
};

}  // namespace drop::adapters::sqlite
