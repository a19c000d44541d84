// RateLimitStore port: one atomic GCRA step per key, shared by every server instance.
//
// Adapters: memory (one process), SQLite, PostgreSQL (`rate_limits` table, one upsert per
// decision, exact when many processes share the database). Implementations are thread-safe.
#pragma once

#include <string_view>

#include "drop/ports/port_error.hpp"
#include "drop/ratelimit/gcra.hpp"
#include "drop/result.hpp"

namespace drop::ports {

class RateLimitStore {
 public:
  virtual ~RateLimitStore() = default;

  // Applies ratelimit::step() to `key`'s stored TAT atomically and stores the new TAT.
  // REQUIRES: 0 < key.size() <= limits::rate_limit_key_bytes_max, policy.valid().
  // On failure nothing is stored; callers decide whether to fail open or closed.
  virtual Result<ratelimit::Decision, PortError> take(std::string_view key,
                                                      const ratelimit::Policy& policy,
                                                      Timestamp now) = 0;
};

}  // namespace drop::ports
