#include "drop/adapters/postgres/pg_pool.hpp"

#include <libpq-fe.h>
#include <poll.h>

#include <charconv>
#include <chrono>
#include <random>
#include <thread>

#include "drop/assert.hpp"
#include "libpq_lazy.hpp"

namespace drop::adapters::postgres {

using ports::PortError;

namespace {

// libpq messages span lines ("...failed: Connection refused\n\tIs the server running...");
// operators get them on one line.
std::string one_line(std::string_view text) {
  std::string line;
  bool pending_space = false;
  for (char c : text) {
    if (c == '\n' || c == '\t' || c == '\r' || c == ' ') {
      pending_space = !line.empty();
      continue;
    }
    if (pending_space) line.push_back(' ');
    pending_space = false;
    line.push_back(c);
  }
  return line;
}

}  // namespace

// --- PgResult ----------------------------------------------------------------------------------

PgResult& PgResult::operator=(PgResult&& other) noexcept {
  if (this != &other) {
    if (result_ != nullptr) PQclear(result_);
    result_ = other.result_;
    other.result_ = nullptr;
  }
  return *this;
}

PgResult::~PgResult() {
  if (result_ != nullptr) PQclear(result_);
}

int PgResult::rows() const { return PQntuples(result_); }

bool PgResult::is_null(int row, int column) const { return PQgetisnull(result_, row, column) != 0; }

std::string_view PgResult::text(int row, int column) const {
  DROP_ASSERT(row < rows());
  return {PQgetvalue(result_, row, column),
          static_cast<std::size_t>(PQgetlength(result_, row, column))};
}

std::int64_t PgResult::int64(int row, int column) const {
  const std::string_view value = text(row, column);
  std::int64_t parsed = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), parsed);
  DROP_ASSERT(error == std::errc());
  DROP_ASSERT(end == value.data() + value.size());
  return parsed;
}

bool PgResult::boolean(int row, int column) const { return text(row, column) == "t"; }

std::int64_t PgResult::affected_rows() const {
  const std::string_view count = PQcmdTuples(result_);
  std::int64_t parsed = 0;
  std::from_chars(count.data(), count.data() + count.size(), parsed);
  return parsed;
}

// --- PgConnection ------------------------------------------------------------------------------

PgConnection::~PgConnection() { PQfinish(connection_); }

bool PgConnection::broken() const { return PQstatus(connection_) != CONNECTION_OK; }

bool PgConnection::in_transaction_block() const {
  const PGTransactionStatusType status = PQtransactionStatus(connection_);
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR;
}

bool PgConnection::healthy() {
  if (broken() || PQtransactionStatus(connection_) != PQTRANS_IDLE) return false;
  // An idle connection has nothing to read. Anything readable is the server talking while we
  // were not asking: a FATAL before it closed the socket (terminated backend, restart,
  // shutdown) or the close itself. Rather than parse it, replace the connection.
  pollfd descriptor{PQsocket(connection_), POLLIN, 0};
  const int ready = ::poll(&descriptor, 1, 0);
  return ready == 0;
}

PortError PgConnection::error_from(pg_result* result) const {
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string_view sqlstate = state != nullptr ? state : "";
  // The primary message only: no query text, no parameters (they may carry personal data).
  const char* primary =
      result != nullptr ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  std::string message = one_line(primary != nullptr ? primary : PQerrorMessage(connection_));
  if (!sqlstate.empty()) message = "SQLSTATE " + std::string(sqlstate) + ": " + message;

  PortError::Kind kind = PortError::Kind::internal;
  if (broken() || sqlstate.starts_with("08") || sqlstate == "57P01" || sqlstate == "57P02" ||
      sqlstate == "57P03") {
    kind = PortError::Kind::unavailable;  // connection exception, server shutting down/starting
  } else if (sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03") {
    kind = PortError::Kind::conflict;  // serialization failure, deadlock, lock not available
  } else if (sqlstate == "57014") {
    kind = PortError::Kind::timeout;  // statement timeout / query cancelled
  } else if (sqlstate.starts_with("23") || sqlstate.starts_with("22")) {
    kind = PortError::Kind::invalid;  // integrity constraint violation, data exception
  } else if (sqlstate.starts_with("XX")) {
    kind = PortError::Kind::corrupt;
  }
  return PortError{kind, std::move(message)};
}

Result<PgResult, PortError> PgConnection::exec(std::string_view sql,
                                               const PgParameters& parameters) {
  if (!parameters.empty()) {  // prepared once per connection (see exec_pipeline)
    const std::string text(sql);
    const StatementRef statement{&text, &parameters};
    auto results = run_pipeline(std::span(&statement, 1));
    if (!results) return Err{results.error()};
    if (results->size() != 1) {
      return Err{PortError{PortError::Kind::internal, "one statement gave no single result"}};
    }
    return std::move(results->front());
  }
  std::vector<const char*> values;
  values.reserve(parameters.size());
  for (const auto& parameter : parameters)
    values.push_back(parameter ? parameter->c_str() : nullptr);
  const std::string statement(sql);
  pg_result* result = PQexecParams(connection_, statement.c_str(), static_cast<int>(values.size()),
                                   nullptr, values.data(), nullptr, nullptr, 0);
  const ExecStatusType status = result != nullptr ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return PgResult(result);
  PortError error = error_from(result);
  if (result != nullptr) PQclear(result);
  return Err{std::move(error)};
}

Result<std::vector<PgResult>, PortError> PgConnection::exec_pipeline(
    std::span<const PgStatement> statements) {
  std::vector<StatementRef> refs;
  refs.reserve(statements.size());
  for (const PgStatement& statement : statements) {
    refs.push_back({&statement.sql, &statement.parameters});
  }
  return run_pipeline(refs);
}

Result<std::vector<PgResult>, PortError> PgConnection::run_pipeline(
    std::span<const StatementRef> statements) {
  if (PQenterPipelineMode(connection_) != 1) return Err{error_from(nullptr)};
  // What each command of the pipeline is, so results can be told apart: a Prepare's result is
  // not returned to the caller; when it succeeds, the name is remembered.
  struct Command {
    const std::string* prepared_sql = nullptr;  // set for a Prepare
    std::string name;
  };
  std::vector<Command> commands;
  commands.reserve(statements.size() * 2);
  bool sent = true;
  for (const StatementRef& statement : statements) {
    std::vector<const char*> values;
    values.reserve(statement.parameters->size());
    for (const auto& parameter : *statement.parameters) {
      values.push_back(parameter ? parameter->c_str() : nullptr);
    }
    const int count = static_cast<int>(values.size());
    if (count == 0) {  // BEGIN, COMMIT, ...: nothing to plan
      sent = PQsendQueryParams(connection_, statement.sql->c_str(), 0, nullptr, nullptr, nullptr,
                               nullptr, 0) == 1;
      commands.push_back({});
    } else if (auto found = prepared_.find(*statement.sql); found != prepared_.end()) {
      sent = PQsendQueryPrepared(connection_, found->second.c_str(), count, values.data(), nullptr,
                                 nullptr, 0) == 1;
      commands.push_back({});
    } else if (prepared_.size() < prepared_statements_max) {
      std::string name = "drop_" + std::to_string(next_statement_++);  // never reused
      sent =
          PQsendPrepare(connection_, name.c_str(), statement.sql->c_str(), count, nullptr) == 1 &&
          PQsendQueryPrepared(connection_, name.c_str(), count, values.data(), nullptr, nullptr,
                              0) == 1;
      commands.push_back({statement.sql, name});
      commands.push_back({});
    } else {
      sent = PQsendQueryParams(connection_, statement.sql->c_str(), count, nullptr, values.data(),
                               nullptr, nullptr, 0) == 1;
      commands.push_back({});
    }
    if (!sent) break;
  }
  if (!sent || PQpipelineSync(connection_) != 1) {
    PortError error = error_from(nullptr);
    (void)PQexitPipelineMode(connection_);
    return Err{error};
  }
  // Read every result up to the sync, even after a failure, so the connection stays usable.
  std::vector<PgResult> results;
  std::optional<PortError> first_error;
  std::size_t command = 0;
  while (true) {
    pg_result* result = PQgetResult(connection_);
    if (result == nullptr) {
      if (broken()) break;
      ++command;  // end of one command's results
      continue;
    }
    const ExecStatusType status = PQresultStatus(result);
    if (status == PGRES_PIPELINE_SYNC) {
      PQclear(result);
      break;
    }
    const bool is_prepare = command < commands.size() && commands[command].prepared_sql != nullptr;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
      if (is_prepare) {
        prepared_.emplace(*commands[command].prepared_sql, commands[command].name);
        PQclear(result);
      } else {
        results.emplace_back(result);
      }
    } else {
      if (!first_error && status != PGRES_PIPELINE_ABORTED) first_error = error_from(result);
      PQclear(result);
    }
  }
  (void)PQexitPipelineMode(connection_);
  if (broken() && !first_error) first_error = error_from(nullptr);
  if (first_error) return Err{*first_error};
  return results;
}

Result<void, PortError> PgConnection::exec_script(std::string_view sql) {
  const std::string script(sql);
  pg_result* result = PQexec(connection_, script.c_str());
  const ExecStatusType status = result != nullptr ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
    PQclear(result);
    return {};
  }
  PortError error = error_from(result);
  if (result != nullptr) PQclear(result);
  return Err{std::move(error)};
}

// --- PgPool ------------------------------------------------------------------------------------

Result<std::unique_ptr<PgPool>, PortError> PgPool::open(PgPoolOptions options) {
  DROP_ASSERT(options.connections_max > 0);
  std::unique_ptr<PgPool> pool(new PgPool(std::move(options)));
  auto first = pool->connect();
  if (!first) return Err{first.error()};
  pool->open_ = 1;
  pool->idle_.push_back(std::move(first).value());
  return pool;
}

PgPool::~PgPool() {
  std::lock_guard lock(mutex_);
  DROP_ASSERT(idle_.size() == open_);  // every lease was returned
}

Result<std::unique_ptr<PgConnection>, PortError> PgPool::connect() const {
  const std::string connect_timeout = std::to_string(options_.connect_timeout_s);
  const std::string server_options =
      "-c statement_timeout=" + std::to_string(options_.statement_timeout_ms) +
      " -c idle_in_transaction_session_timeout=60000";
  const char* keywords[] = {"dbname",     "connect_timeout", "options", "application_name",
                            "keepalives", "keepalives_idle", nullptr};
  const char* values[] = {options_.url.c_str(),
                          connect_timeout.c_str(),
                          server_options.c_str(),
                          "drop",
                          "1",
                          "30",
                          nullptr};
  if (auto missing = libpq_load_failure()) {
    return Err{PortError{PortError::Kind::unavailable, "cannot use PostgreSQL: " + *missing}};
  }
  auto connection = std::make_unique<PgConnection>(PQconnectdbParams(keywords, values, 1));
  if (connection->raw() == nullptr) {
    return Err{PortError{PortError::Kind::internal, "libpq could not allocate a connection"}};
  }
  // Server notices ("there is already a transaction in progress" when a pipeline opens with
  // BEGIN, "relation ... already exists, skipping") are not errors; libpq would print them on
  // stderr, where operators read real problems.
  PQsetNoticeProcessor(
      connection->raw(), [](void*, const char*) {}, nullptr);
  if (connection->broken()) {
    std::string message = one_line(PQerrorMessage(connection->raw()));
    return Err{PortError{PortError::Kind::unavailable, "cannot connect to PostgreSQL: " + message}};
  }
  return connection;
}

Result<PgResult, PortError> PgPool::exec(std::string_view sql, const PgParameters& parameters) {
  auto lease = acquire();
  if (!lease) return Err{lease.error()};
  return (*lease)->exec(sql, parameters);
}

Result<PgPool::Lease, PortError> PgPool::acquire() {
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.acquire_timeout_ms);
  std::unique_lock lock(mutex_);
  while (true) {
    while (!idle_.empty()) {
      std::unique_ptr<PgConnection> connection = std::move(idle_.back());
      idle_.pop_back();
      if (connection->healthy()) return Lease(this, std::move(connection));
      --open_;  // broken (e.g. the server restarted): drop it and try the next or a new one
    }
    if (open_ < options_.connections_max) {
      ++open_;
      lock.unlock();
      auto connection = connect();
      lock.lock();
      if (!connection) {
        --open_;
        available_.notify_one();
        return Err{connection.error()};
      }
      return Lease(this, std::move(connection).value());
    }
    if (available_.wait_until(lock, deadline) == std::cv_status::timeout && idle_.empty() &&
        open_ >= options_.connections_max) {
      return Err{PortError{PortError::Kind::timeout, "no free PostgreSQL connection in the pool"}};
    }
  }
}

void PgPool::release(std::unique_ptr<PgConnection> connection) {
  std::lock_guard lock(mutex_);
  if (connection->healthy()) {
    idle_.push_back(std::move(connection));
  } else {
    --open_;  // discarded: the connection closes when `connection` goes out of scope
  }
  available_.notify_one();
}

PgPool::Lease::~Lease() {
  if (connection_ != nullptr) pool_->release(std::move(connection_));
}

std::size_t PgPool::connections_open() const {
  std::lock_guard lock(mutex_);
  return open_;
}

std::size_t PgPool::connections_in_use() const {
  std::lock_guard lock(mutex_);
  return open_ - idle_.size();
}

namespace detail {

void backoff_before_retry(int attempt) {
  thread_local std::minstd_rand generator(
      static_cast<unsigned>(std::hash<std::thread::id>{}(std::this_thread::get_id())));
  const int cap_ms = 200;
  const int ceiling_ms = std::min(cap_ms, 1 << std::min(attempt, 8));
  std::uniform_int_distribution<int> jitter(0, ceiling_ms);
  std::this_thread::sleep_for(std::chrono::milliseconds(jitter(generator)));
}

}  // namespace detail

}  // namespace drop::adapters::postgres
