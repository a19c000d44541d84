// PgRateLimitStore: the RateLimitStore port on the `rate_limits` table. One GCRA step is one
// INSERT ... ON CONFLICT DO UPDATE statement (a single atomic row operation), so decisions are
// exact when any number of server processes share the database. Thread-safe.
#pragma once

#include "drop/adapters/postgres/pg_pool.hpp"
#include "drop/ports/rate_limit_store.hpp"

namespace drop::adapters::postgres {

class PgRateLimitStore final : public ports::RateLimitStore {
 public:
  explicit PgRateLimitStore(PgPool& pool) : pool_(pool) {}

  Result<ratelimit::Decision, ports::PortError> take(std::string_view key,
                                                     const ratelimit::Policy& policy,
                                                     Timestamp now) override;

 private:
  PgPool& pool_;
};

}  // namespace drop::adapters::postgres
