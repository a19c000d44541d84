#include "drop/ratelimit/gcra.hpp"

#include <algorithm>

#include "drop/assert.hpp"

namespace drop::ratelimit {

namespace {

std::int64_t ceil_div(std::int64_t numerator, std::int64_t denominator) {
  DROP_ASSERT(denominator > 0);
  if (numerator <= 0) return 0;
  return (numerator + denominator - 1) / denominator;
}

constexpr std::int64_t us_per_s = 1'000'000;

}  // namespace

bool Policy::valid() const {
  // Bounds keep every product below int64 range: tolerance <= 2^32 * 2^40 us.
  return limit > 0 && burst > 0 && period_us > 0 && period_us <= (std::int64_t{1} << 40);
}

Step step(std::optional<Timestamp> previous_tat, const Policy& policy, Timestamp now) {
  DROP_ASSERT(policy.valid());
  const Timestamp tat = previous_tat ? std::max(*previous_tat, now) : now;
  const Timestamp candidate_tat = tat.plus_us(policy.emission_interval_us());
  const bool allowed = candidate_tat.unix_us - now.unix_us <= policy.tolerance_us();
  // Refused: the state does not change.
  const Timestamp new_tat = allowed ? candidate_tat : (previous_tat ? *previous_tat : now);
  return Step{describe(allowed, new_tat, policy, now), new_tat};
}

Decision describe(bool allowed, Timestamp tat_after, const Policy& policy, Timestamp now) {
  DROP_ASSERT(policy.valid());
  const std::int64_t interval_us = policy.emission_interval_us();
  const std::int64_t tolerance_us = policy.tolerance_us();
  Decision decision;
  decision.limit = policy.limit;
  decision.allowed = allowed;
  const std::int64_t ahead_us = std::max<std::int64_t>(0, tat_after.unix_us - now.unix_us);
  decision.reset_s = ceil_div(ahead_us, us_per_s);
  if (allowed) {
    DROP_ASSERT(ahead_us <= tolerance_us);
    decision.remaining = static_cast<std::uint32_t>((tolerance_us - ahead_us) / interval_us);
    return decision;
  }
  // The request fits once the candidate TAT (ahead + interval) shrinks to the tolerance.
  decision.remaining = 0;
  decision.retry_after_s =
      std::max<std::int64_t>(1, ceil_div(ahead_us + interval_us - tolerance_us, us_per_s));
  return decision;
}

}  // namespace drop::ratelimit
