// in_transaction(): see pg_pool.hpp. Kept in a header because it is a template.
#pragma once

#include <chrono>
#include <thread>

namespace drop::adapters::postgres {

namespace detail {
// Sleeps before retry number `attempt` (1, 2, ...): 2^attempt ms with full jitter, capped.
void backoff_before_retry(int attempt);
}  // namespace detail

template <typename T, typename Body>
Result<T, ports::PortError> in_transaction(PgPool& pool, std::string_view begin_sql, Body&& body,
                                           int attempts) {
  ports::PortError last{ports::PortError::Kind::internal, "no attempt made"};
  for (int attempt = 1; attempt <= attempts; ++attempt) {
    if (attempt > 1) detail::backoff_before_retry(attempt - 1);
    auto lease = pool.acquire();
    if (!lease) return Err{lease.error()};
    PgConnection& connection = **lease;
    if (!begin_sql.empty()) {
      if (auto begun = connection.exec(begin_sql); !begun) {
        last = begun.error();
        if (last.kind == ports::PortError::Kind::unavailable) continue;  // nothing was done yet
        return Err{last};
      }
    }
    Result<T, ports::PortError> outcome = body(connection);
    if (!outcome) {
      last = outcome.error();
      if (!connection.broken() && connection.in_transaction_block()) {
        (void)connection.exec("ROLLBACK");
      }
      // Before COMMIT nothing is applied: a conflict or a lost connection may be retried.
      if (last.kind == ports::PortError::Kind::conflict ||
          last.kind == ports::PortError::Kind::unavailable) {
        continue;
      }
      return Err{last};
    }
    // A body may send BEGIN and COMMIT itself, in its pipelines, to save round trips.
    if (!connection.in_transaction_block()) return outcome;
    auto committed = connection.exec("COMMIT");
    if (committed) return outcome;
    last = committed.error();
    if (last.kind == ports::PortError::Kind::conflict) continue;  // rolled back by the server
    if (last.kind == ports::PortError::Kind::unavailable) {
      // The connection died during COMMIT: the outcome is unknown. Callers that are idempotent
      // (the ledger, by transfer id) retry; others report it.
      return Err{ports::PortError{ports::PortError::Kind::timeout,
                                  "connection lost during COMMIT; outcome unknown"}};
    }
    return Err{last};
  }
  return Err{last};
}

}  // namespace drop::adapters::postgres
