// SqliteRateLimitStore: the RateLimitStore port on the `rate_limits` table, one upsert per
// decision (the same arithmetic as the PostgreSQL store). Thread-safe.
#pragma once

#include "drop/adapters/sqlite/sqlite_database.hpp"
#include "drop/ports/rate_limit_store.hpp"

namespace drop::adapters::sqlite {

class SqliteRateLimitStore final : public ports::RateLimitStore {
 public:
  explicit SqliteRateLimitStore(SqliteDatabase& database) : database_(database) {}

  Result<ratelimit::Decision, ports::PortError> take(std::string_view key,
                                                     const ratelimit::Policy& policy,
                                                     Timestamp now) override;

 private:
  SqliteDatabase& database_;
};

}  // namespace drop::adapters::sqlite
