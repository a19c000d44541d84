// GCRA (the generic cell rate algorithm) for request rate limiting.
//
// A policy "N per period with a burst of B" admits B requests at once, then one every
// period / N (the emission interval). The state per key is a single theoretical arrival time
// (TAT). One decision is a pure step: (previous TAT or none, policy, now) -> (decision, new TAT);
// stores (memory, SQLite, PostgreSQL) apply that step atomically per key.
//
// Times are integer microseconds. The emission interval is rounded up to a whole microsecond,
// so an uneven division (60 s / 7) errs on the side of admitting slightly less, never more.
// Thread-safety: pure functions over values.
#pragma once

#include <cstdint>
#include <optional>

#include "drop/time/timestamp.hpp"

namespace drop::ratelimit {

struct Policy {
  std::uint32_t limit = 0;     // requests per period; > 0
  std::int64_t period_us = 0;  // > 0
  std::uint32_t burst = 0;     // requests admitted at once; 1 <= burst

  // N per minute with a burst of N (the API's policies).
  static constexpr Policy per_minute(std::uint32_t limit) {
    return Policy{limit, 60'000'000, limit};
  }
  // ceil(period_us / limit)
  constexpr std::int64_t emission_interval_us() const {
    return (period_us + static_cast<std::int64_t>(limit) - 1) / static_cast<std::int64_t>(limit);
  }
  // How far ahead of now the TAT may run while still admitting: burst * emission interval.
  constexpr std::int64_t tolerance_us() const {
    return static_cast<std::int64_t>(burst) * emission_interval_us();
  }
  bool valid() const;
};

struct Decision {
  bool allowed = false;
  std::uint32_t limit = 0;      // RateLimit-Limit
  std::uint32_t remaining = 0;  // RateLimit-Remaining: requests admissible right now after this one
  std::int64_t reset_s = 0;     // RateLimit-Reset: seconds until the full burst is available
  std::int64_t retry_after_s = 0;  // Retry-After when refused (>= 1), else 0
};

struct Step {
  Decision decision;
  // The TAT to store: advanced when allowed, unchanged (the previous one) when refused.
  Timestamp new_tat;
};

// One GCRA step. `previous_tat` is empty for a key never seen (or expired).
// REQUIRES: policy.valid().
Step step(std::optional<Timestamp> previous_tat, const Policy& policy, Timestamp now);

// The decision that step() returned, rebuilt from what a store keeps: whether the request was
// admitted and the TAT stored after it. SQL stores compute `allowed` and the TAT in one
// statement and call this, so every store reports exactly what the pure step reports.
Decision describe(bool allowed, Timestamp tat_after, const Policy& policy, Timestamp now);

// A stored TAT at or before `now` carries no information (the bucket is full): stores may
// delete such keys.
inline bool is_expired(Timestamp tat, Timestamp now) { return tat <= now; }

}  // namespace drop::ratelimit
