// MemoryRateLimitStore: RateLimitStore in one process's memory (tests, benchmarks, and a
// single-instance fallback). Thread-safe: keys are spread over shards, each with its own mutex.
//
// Each shard is an open-addressing table (linear probing, load <= 1/2) of {hash, TAT, key}
// slots, so a decision costs one hash and usually one cache line. Memory is bounded: at
// limits::memory_rate_limit_keys_max keys a shard rebuilds itself without the keys whose TAT
// has passed (they carry no state), and if still full it refuses with PortError::unavailable.
#pragma once

#include <array>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "drop/ports/rate_limit_store.hpp"

namespace drop::adapters::memory {

class MemoryRateLimitStore final : public ports::RateLimitStore {
 public:
  MemoryRateLimitStore();

  Result<ratelimit::Decision, ports::PortError> take(std::string_view key,
                                                     const ratelimit::Policy& policy,
                                                     Timestamp now) override;

  // Number of keys currently stored (for tests and metrics).
  std::size_t size() const;

 private:
  struct Slot {
    std::uint64_t hash = 0;  // 0 = empty
    Timestamp tat;
    std::string key;
  };
  struct Shard {
    mutable std::mutex mutex;
    std::vector<Slot> slots;  // size is a power of two
    std::size_t used = 0;
  };
  static constexpr std::size_t shard_count = 16;
  static constexpr std::size_t shard_slots_initial = 1024;

  static Slot* find_slot(Shard& shard, std::uint64_t hash, std::string_view key);
  // Rebuilds `shard` with `slot_count` slots, keeping only keys whose TAT is after `keep_after`.
  static void rebuild(Shard& shard, std::size_t slot_count, Timestamp keep_after);

  std::array<Shard, shard_count> shards_;
};

}  // namespace drop::adapters::memory
