#include "drop/adapters/sqlite/sqlite_rate_limit_store.hpp"

#include "drop/limits.hpp"

namespace drop::adapters::sqlite {

namespace {

// ?1 key, ?2 now_us, ?3 emission interval_us, ?4 tolerance_us; see PgRateLimitStore.
constexpr std::string_view take_sql = R"sql(
INSERT INTO rate_limits AS r (key, tat_us, allowed) VALUES (?1, ?2 + ?3, 1)
ON CONFLICT (key) DO UPDATE SET
  allowed = max(r.tat_us, ?2) + ?3 - ?2 <= ?4,
  tat_us = CASE WHEN max(r.tat_us, ?2) + ?3 - ?2 <= ?4 THEN max(r.tat_us, ?2) + ?3
                ELSE r.tat_us END
RETURNING tat_us, allowed)sql";

}  // namespace

Result<ratelimit::Decision, ports::PortError> SqliteRateLimitStore::take(
    std::string_view key, const ratelimit::Policy& policy, Timestamp now) {
  DROP_ASSERT(!key.empty());
  DROP_ASSERT(key.size() <= limits::rate_limit_key_bytes_max);
  DROP_ASSERT(policy.valid());
  auto rows = database_.with_connection([&](SqliteConnection& connection) {
    return connection.query(take_sql, {std::string(key), now.unix_us, policy.emission_interval_us(),
                                       policy.tolerance_us()});
  });
  if (!rows) return Err{rows.error()};
  DROP_ASSERT(rows->size() == 1);
  return ratelimit::describe(rows->front().int64(1) != 0, Timestamp{rows->front().int64(0)}, policy,
                             now);
}

}  // namespace drop::adapters::sqlite
