#include "drop/adapters/postgres/pg_rate_limit_store.hpp"

#include <string>

#include "drop/limits.hpp"

namespace drop::adapters::postgres {

namespace {

// $1 key, $2 now_us, $3 emission interval_us, $4 tolerance_us. The same arithmetic as
// ratelimit::step(): the candidate TAT is max(stored, now) + interval; admitted when it runs at
// most `tolerance` ahead of now; a refusal leaves the stored TAT as it was. SET expressions see
// the old row, so both columns are computed from the same previous TAT.
constexpr std::string_view take_sql = R"sql(
INSERT INTO rate_limits AS r (key, tat_us, allowed) VALUES ($1, $2::bigint + $3::bigint, true)
ON CONFLICT (key) DO UPDATE SET
  allowed = greatest(r.tat_us, $2::bigint) + $3::bigint - $2::bigint <= $4::bigint,
  tat_us = CASE WHEN greatest(r.tat_us, $2::bigint) + $3::bigint - $2::bigint <= $4::bigint
                THEN greatest(r.tat_us, $2::bigint) + $3::bigint
                ELSE r.tat_us END
RETURNING tat_us, allowed)sql";

}  // namespace

Result<ratelimit::Decision, ports::PortError> PgRateLimitStore::take(
    std::string_view key, const ratelimit::Policy& policy, Timestamp now) {
  DROP_ASSERT(!key.empty());
  DROP_ASSERT(key.size() <= limits::rate_limit_key_bytes_max);
  DROP_ASSERT(policy.valid());
  auto lease = pool_.acquire();
  if (!lease) return Err{lease.error()};
  // One round trip, and a commit that does not wait for the WAL flush: a decision lost in a
  // crash (at most wal_writer_delay's worth) only lets a client a few requests more, while a
  // synchronous commit would add an fsync to every request. Other processes see the new TAT as
  // soon as the statement commits (async commit changes durability, not visibility), so the
  // limit stays exact across instances.
  const PgStatement statements[] = {
      {"BEGIN", {}},
      {"SET LOCAL synchronous_commit = off", {}},
      {std::string(take_sql),
       {std::string(key), std::to_string(now.unix_us),
        std::to_string(policy.emission_interval_us()), std::to_string(policy.tolerance_us())}},
      {"COMMIT", {}}};
  auto results = (*lease)->exec_pipeline(statements);
  if (!results) {
    if ((*lease)->in_transaction_block()) (void)(*lease)->exec("ROLLBACK");
    return Err{results.error()};
  }
  DROP_ASSERT(results->size() == 4);
  const PgResult& result = (*results)[2];
  DROP_ASSERT(result.rows() == 1);
  return ratelimit::describe(result.boolean(0, 1), Timestamp{result.int64(0, 0)}, policy, now);
}

}  // namespace drop::adapters::postgres
