// PgPool: a bounded pool of libpq connections to one PostgreSQL database.
//
// Thread-safe. acquire() hands out a connection that is open, idle (not inside a transaction)
// and not known to be broken: an idle connection is checked without a round trip (libpq reads
// whatever the server sent; a restarted server's closed socket shows up here) and replaced when
// broken. A lease whose user saw a connection error is discarded on return, not reused.
// After the server restarts the pool recovers by itself on the next acquire().
// SQL is always sent with parameters ($1, $2, ...): no SQL is assembled from input.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "drop/ports/port_error.hpp"
#include "drop/result.hpp"

struct pg_conn;
struct pg_result;

namespace drop::adapters::postgres {

struct PgPoolOptions {
  std::string url;  // postgres:// or postgresql:// (never logged)
  std::size_t connections_max = 16;
  std::int64_t acquire_timeout_ms = 5000;  // waiting for a free connection
  int connect_timeout_s = 5;
  std::int64_t statement_timeout_ms = 15000;
};

// One query result (RAII over PGresult). Values are text; NULL is distinguishable.
class PgResult {
 public:
  explicit PgResult(pg_result* result) : result_(result) {}
  PgResult(PgResult&& other) noexcept : result_(other.result_) { other.result_ = nullptr; }
  PgResult& operator=(PgResult&& other) noexcept;
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;
  ~PgResult();

  int rows() const;
  bool is_null(int row, int column) const;
  std::string_view text(int row, int column) const;
  // REQUIRES: the value is a decimal integer (bigint/integer column); asserts otherwise.
  std::int64_t int64(int row, int column) const;
  bool boolean(int row, int column) const;  // 't' / 'f'
  // Rows changed by an INSERT/UPDATE/DELETE.
  std::int64_t affected_rows() const;

 private:
  pg_result* result_;
};

using PgParameters = std::vector<std::optional<std::string>>;

// One statement of a pipeline.
struct PgStatement {
  std::string sql;  // owned: statements are often built from parts
  PgParameters parameters;
};

// One connection. Obtained through PgPool::acquire(); not thread-safe on its own.
class PgConnection {
 public:
  explicit PgConnection(pg_conn* connection) : connection_(connection) {}
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;
  ~PgConnection();

  // Runs one statement (with parameters: prepared once per connection, as in exec_pipeline).
  // Failures are translated to PortError (conflict for serialization failures and deadlocks,
  // unavailable for connection loss, invalid for constraint violations).
  Result<PgResult, ports::PortError> exec(std::string_view sql,
                                          const PgParameters& parameters = {});
  // Sends every statement before reading any result (libpq pipeline mode): one network round
  // trip for the lot. Stops at the first failure (the server skips the rest); returns the
  // results in order when all succeeded. Statements with parameters are prepared on this
  // connection the first time they are sent (in the same pipeline) and executed by name after
  // that, so the server parses and plans each of them once per connection, not per call
  // (bounded: prepared_statements_max per connection; past it, statements go unprepared).
  Result<std::vector<PgResult>, ports::PortError> exec_pipeline(
      std::span<const PgStatement> statements);
  // Runs statements without parameters (migrations: several statements in one string).
  Result<void, ports::PortError> exec_script(std::string_view sql);

  bool broken() const;
  // True inside BEGIN ... COMMIT (including a failed transaction awaiting ROLLBACK).
  bool in_transaction_block() const;
  // True when the connection is usable: open and idle, checked without a round trip.
  bool healthy();
  pg_conn* raw() { return connection_; }

  // Translates the last error on this connection (and `result`, if any) into a PortError.
  ports::PortError error_from(pg_result* result) const;

  static constexpr std::size_t prepared_statements_max = 128;

 private:
  // A statement to send, by reference (exec() needs no copy of its parameters).
  struct StatementRef {
    const std::string* sql;
    const PgParameters* parameters;
  };
  Result<std::vector<PgResult>, ports::PortError> run_pipeline(
      std::span<const StatementRef> statements);

  pg_conn* connection_;
  // SQL text -> server-side statement name ("drop_1", ...), for statements the server has
  // confirmed; the SQL comes from our code (parameters only), so the set is small and fixed.
  std::unordered_map<std::string, std::string> prepared_;
  std::uint64_t next_statement_ = 0;
};

class PgPool {
 public:
  // Connects once to check the URL and the server; fails with a clear, secret-free message.
  static Result<std::unique_ptr<PgPool>, ports::PortError> open(PgPoolOptions options);
  ~PgPool();

  class Lease {
   public:
    Lease(PgPool* pool, std::unique_ptr<PgConnection> connection)
        : pool_(pool), connection_(std::move(connection)) {}
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    PgConnection& operator*() { return *connection_; }
    PgConnection* operator->() { return connection_.get(); }

   private:
    PgPool* pool_;
    std::unique_ptr<PgConnection> connection_;
  };

  // A healthy connection, waiting up to acquire_timeout_ms for one to be free.
  Result<Lease, ports::PortError> acquire();
  // Runs one statement on a connection leased for just that statement (see PgConnection::exec).
  Result<PgResult, ports::PortError> exec(std::string_view sql,
                                          const PgParameters& parameters = {});

  std::size_t connections_open() const;
  std::size_t connections_in_use() const;
  const PgPoolOptions& options() const { return options_; }

 private:
  explicit PgPool(PgPoolOptions options) : options_(std::move(options)) {}
  Result<std::unique_ptr<PgConnection>, ports::PortError> connect() const;
  void release(std::unique_ptr<PgConnection> connection);

  const PgPoolOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<PgConnection>> idle_;
  std::size_t open_ = 0;  // idle + leased
};

// Runs `body(connection)` inside BEGIN ... COMMIT, rolling back when it fails. With an empty
// `begin_sql` the body sends BEGIN itself (say, first in a pipeline); a body that leaves the
// connection outside a transaction block has committed itself (COMMIT last in its pipeline).
// Retries the whole transaction (up to `attempts` times, with a short backoff) on conflict
// (serialization failure, deadlock) and on a connection lost before COMMIT was sent. `body` returns
// Result<T, PortError>.
template <typename T, typename Body>
Result<T, ports::PortError> in_transaction(PgPool& pool, std::string_view begin_sql, Body&& body,
                                           int attempts = 5);

}  // namespace drop::adapters::postgres

#include "drop/adapters/postgres/pg_transaction.inl"
