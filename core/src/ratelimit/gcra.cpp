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
  const std::int64_t interval_us = policy.emission_interval_us();
  const std::int64_t tolerance_us = policy.tolerance_us();
  const Timestamp tat = previous_tat ? std::max(*previous_tat, now) : now;
  const Timestamp candidate_tat = tat.plus_us(interval_us);
  const std::int64_t ahead_us = candidate_tat.unix_us - now.unix_us;  // > 0

  Step result;
  result.decision.limit = policy.limit;
  if (ahead_us <= tolerance_us) {
    result.decision.allowed = true;
    result.new_tat = candidate_tat;
    result.decision.remaining = static_cast<std::uint32_t>((tolerance_us - ahead_us) / interval_us);
    result.decision.reset_s = ceil_div(ahead_us, us_per_s);
    return result;
  }
  // Refused: the state does not change. The request fits once `ahead` shrinks to the tolerance.
  result.decision.allowed = false;
  result.new_tat = tat;
  result.decision.remaining = 0;
  result.decision.reset_s = ceil_div(tat.unix_us - now.unix_us, us_per_s);
  result.decision.retry_after_s =
      std::max<std::int64_t>(1, ceil_div(ahead_us - tolerance_us, us_per_s));
  return result;
}

}  // namespace drop::ratelimit
